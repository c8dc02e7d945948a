/**
 * The closing summary of `guanxi build`: what went in, what came out, where it is. Pure
 * text from the build report, so tests pin it down; build.ts prints it through the progress
 * reporter (plain text on a terminal or in a log, one JSON object with `--log-format json`).
 *
 * ```
 * guanxi: built out/ in 2.4s
 *   articles   5 ok, 0 skipped, 0 failed
 *   nodes      41  Person 9 · Office 8 · AdminDivision 11 · Campaign 6 · Article 5 · …
 *   relations  63  HOLDS 10 · MENTIONS 40 · …
 *   review     2 items to confirm in out/review.jsonl
 *   open       out/index.html
 *   files      graph.json · graph.cypher · csv/ · graph.graphml · report.json
 * ```
 */
import { basename, join, relative } from 'node:path';
import { NODE_LABELS, RELATIONSHIP_TYPES } from './graph/model.js';
import { formatDuration } from './progress.js';

/** The parts of the build report the summary reads. */
export interface SummaryInput {
  outDir: string;
  elapsedMs: number;
  totals: { ok: number; skipped: number; failed: number };
  graph: { nodes: Record<string, number>; relationships: Record<string, number> };
  reviewItems: number;
  /** Paths written by the exporters, as a list or as format → path(s). */
  outputs: unknown;
  load?: { nodesCreated: number; relationshipsCreated: number } | null;
}

/** Counts in the model's label order, then any other label, zero counts left out. */
function byKind(counts: Record<string, number>, order: readonly string[]): [total: number, text: string] {
  const keys = [...order.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !order.includes(k)).sort()];
  const parts = keys.filter((k) => counts[k]).map((k) => `${k} ${counts[k]}`);
  return [Object.values(counts).reduce((a, b) => a + b, 0), parts.join(' · ')];
}

/** Every path in the exporters' answer, whatever its shape. */
function paths(outputs: unknown): string[] {
  if (typeof outputs === 'string') return [outputs];
  if (Array.isArray(outputs)) return outputs.flatMap(paths);
  if (outputs && typeof outputs === 'object') return Object.values(outputs).flatMap(paths);
  return [];
}

/** The summary lines (no trailing newline). */
export function formatSummary(s: SummaryInput): string {
  const out = s.outDir.replace(/\/+$/, '') || '.';
  const [nodeTotal, nodeText] = byKind(s.graph.nodes, NODE_LABELS);
  const [relTotal, relText] = byKind(s.graph.relationships, RELATIONSHIP_TYPES);
  const files = paths(s.outputs);
  const page = files.find((p) => basename(p) === 'index.html');
  const rest = files.filter((p) => p !== page).map((p) => relative(out, p) || p);
  const lines = [
    `guanxi: built ${out}/ in ${formatDuration(s.elapsedMs)}`,
    `  articles   ${s.totals.ok} ok, ${s.totals.skipped} skipped, ${s.totals.failed} failed`,
    `  nodes      ${nodeTotal}${nodeText ? `  ${nodeText}` : ''}`,
    `  relations  ${relTotal}${relText ? `  ${relText}` : ''}`,
    `  review     ${s.reviewItems ? `${s.reviewItems} item${s.reviewItems === 1 ? '' : 's'} to confirm in ${join(out, 'review.jsonl')}` : 'nothing to confirm'}`,
  ];
  if (s.load) lines.push(`  neo4j      ${s.load.nodesCreated} nodes and ${s.load.relationshipsCreated} relationships created`);
  if (page) lines.push(`  open       ${page}`);
  lines.push(`  files      ${[...rest, 'report.json'].join(' · ')}`);
  if (s.totals.failed || s.totals.skipped) lines.push(`  why        see ${join(out, 'report.json')} (inputs[].reason)`);
  return lines.join('\n');
}
