/**
 * Scoring extractions against gold annotations (shared/gold/FORMAT.md): precision, recall
 * and F1 per entity and relation type, and the headline micro-average over Person, Office,
 * AdminDivision, Campaign, Project and HOLDS. Items under `optional` / `optional_relations`
 * are neither rewarded nor punished. Pure functions: the eval command does the I/O.
 */
import type { ExtractionResult } from '../types.js';
import { ENTITY_TYPES, RELATION_TYPES } from '../types.js';

export interface GoldFile {
  article: string;
  home?: string | null;
  date?: string | null;
  entities: Record<string, string[]>;
  optional?: Record<string, string[]>;
  relations?: Record<string, Array<[string, string]>>;
  optional_relations?: Record<string, Array<[string, string]>>;
  properties?: unknown;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface TypeScore extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** One article's differences, for tuning: what was missed and what was wrongly found. */
export interface ArticleDiff {
  article: string;
  missed: Record<string, string[]>;
  spurious: Record<string, string[]>;
}

export interface EvalReport {
  articles: number;
  types: Record<string, TypeScore>;
  headline: TypeScore;
  diffs: ArticleDiff[];
}

export const HEADLINE_TYPES = ['Person', 'Office', 'AdminDivision', 'Campaign', 'Project', 'HOLDS'] as const;
export const SCORED_TYPES = [...ENTITY_TYPES, ...RELATION_TYPES] as const;

/** Normalises a name as the guidelines do before comparing: NFKC, no whitespace between CJK characters. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .replace(/(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]) (?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’])/g, '')
    .trim();
}

function pairKey(a: string, b: string): string {
  return `${normaliseName(a)} → ${normaliseName(b)}`;
}

/** Scores predictions (keyed by article file name) against gold files (keyed the same way). */
export function scoreAll(predictions: Map<string, ExtractionResult>, gold: Map<string, GoldFile>): EvalReport {
  const counts: Record<string, Counts> = {};
  for (const t of SCORED_TYPES) counts[t] = { tp: 0, fp: 0, fn: 0 };
  const diffs: ArticleDiff[] = [];
  for (const [article, g] of [...gold.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const pred = predictions.get(article);
    const diff: ArticleDiff = { article, missed: {}, spurious: {} };
    for (const type of SCORED_TYPES) {
      const isRelation = (RELATION_TYPES as readonly string[]).includes(type);
      let goldSet: Set<string>;
      let optionalSet: Set<string>;
      let predSet: Set<string>;
      if (isRelation) {
        goldSet = new Set((g.relations?.[type] ?? []).map(([a, b]) => pairKey(a, b)));
        optionalSet = new Set((g.optional_relations?.[type] ?? []).map(([a, b]) => pairKey(a, b)));
        predSet = new Set((pred?.relations ?? []).filter((r) => r.type === type).map((r) => pairKey(r.from.name, r.to.name)));
      } else {
        goldSet = new Set((g.entities[type] ?? []).map(normaliseName));
        optionalSet = new Set((g.optional?.[type] ?? []).map(normaliseName));
        predSet = new Set((pred?.entities ?? []).filter((e) => e.type === type).map((e) => normaliseName(e.name)));
      }
      const c = counts[type]!;
      const missed: string[] = [];
      const spurious: string[] = [];
      for (const item of goldSet) {
        if (predSet.has(item)) c.tp++;
        else {
          c.fn++;
          missed.push(item);
        }
      }
      for (const item of predSet) {
        if (goldSet.has(item) || optionalSet.has(item)) continue;
        c.fp++;
        spurious.push(item);
      }
      if (missed.length) diff.missed[type] = missed;
      if (spurious.length) diff.spurious[type] = spurious;
    }
    diffs.push(diff);
  }
  const types: Record<string, TypeScore> = {};
  for (const t of SCORED_TYPES) types[t] = withRates(counts[t]!);
  const head: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const t of HEADLINE_TYPES) {
    head.tp += counts[t]!.tp;
    head.fp += counts[t]!.fp;
    head.fn += counts[t]!.fn;
  }
  return { articles: gold.size, types, headline: withRates(head), diffs };
}

function withRates(c: Counts): TypeScore {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...c, precision, recall, f1 };
}

/** Formats the report as a plain table for the terminal. */
export function formatReport(report: EvalReport): string {
  const rows = [['type', 'P', 'R', 'F1', 'tp', 'fp', 'fn']];
  const fmt = (x: number) => x.toFixed(3);
  for (const [t, s] of Object.entries(report.types)) {
    rows.push([t, fmt(s.precision), fmt(s.recall), fmt(s.f1), String(s.tp), String(s.fp), String(s.fn)]);
  }
  const h = report.headline;
  rows.push(['headline', fmt(h.precision), fmt(h.recall), fmt(h.f1), String(h.tp), String(h.fp), String(h.fn)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  lines.splice(lines.length - 1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `${report.articles} articles scored (headline: micro-average over ${HEADLINE_TYPES.join(', ')})\n${lines.join('\n')}`;
}
