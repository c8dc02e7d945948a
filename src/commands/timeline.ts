/**
 * `guanxi timeline OFFICE`: who held an office and when, read from out/graph.json.
 *
 * The pure core ({@link findOffices}, {@link officeTimeline}) works on a Graph and is what the
 * tests and `guanxi show` use; the command wraps it with reading the graph and printing.
 * Office names are matched the way people type them: `荆州市长` finds `荆州市市长`,
 * `中共荆州市委书记` finds `荆州市委书记`, and a bare title (`市委书记`) finds that title in
 * every jurisdiction. Holders come sorted by the first article date a HOLDS was seen:
 *
 * ```
 * 荆州市委书记  (jurisdiction 荆州市)
 *   2022-02-10 – 2022-03-09  吴锦  Wu Jin   2 articles
 *       2022-02-10  市委书记吴锦出席会议并强调…   data/articles/000_5a8de6c8868ad61b.txt
 * ```
 */
import { join } from 'node:path';
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { loadConfig } from '../config.js';
import type { Graph, GraphNode, GraphRelationship, PropertyValue } from '../graph/model.js';
import { readGraph, GraphReadError } from '../graph/read.js';
import { personPinyin, pinyinKeys } from '../pinyin.js';

/** The text of `guanxi timeline --help`. */
export const timelineHelp = `guanxi timeline OFFICE [--out DIR] [--json]

Who held OFFICE and when, from DIR/graph.json (default out/): holders sorted by the first
article date they were seen with it, with dates and the sentences that say so.
OFFICE is matched with its aliases: 荆州市长 finds 荆州市市长; a bare title (市委书记)
lists that office in every jurisdiction.

Options:
  --out DIR    the build's output folder (default: guanxi.yaml's out, else out)
  --config F   settings file (default ./guanxi.yaml when present)
  --json       print the timeline as JSON
  -h, --help   this help

Exit codes: 0 found, 1 no office matches (near names are suggested), 2 usage error.`;

// ---------------------------------------------------------------------------------------
// Reading the graph

/**
 * Reads the graph a build wrote into `outDir` (graph.json, APOC JSON lines) with
 * src/graph/read.ts; a missing or malformed file is a usage error that names it.
 */
export async function readGraphFile(outDir: string): Promise<Graph> {
  try {
    return await readGraph(outDir);
  } catch (err) {
    if (err instanceof GraphReadError) throw new UsageError(err.message.replace(/^readGraph: /, ''));
    throw err;
  }
}

// ---------------------------------------------------------------------------------------
// Small accessors

/** A string property, or '' when absent or not a string. */
export function str(props: Record<string, PropertyValue>, key: string): string {
  const v = props[key];
  return typeof v === 'string' ? v : '';
}

/** A string[] property (a lone string becomes a one-item list). */
export function strs(props: Record<string, PropertyValue>, key: string): string[] {
  const v = props[key];
  if (Array.isArray(v)) return v.map(String);
  return typeof v === 'string' && v ? [v] : [];
}

/** One piece of evidence: the sentence, the article it is from and that article's date. */
export interface Evidence {
  sentence: string;
  date: string;
  /** The article's id in the graph (or its path when the graph has no Article node). */
  article: string;
  /** Where a reader finds the article: its url, else its path, else its id. */
  source: string;
  title: string;
}

/** Indexes Article nodes by id and by path, so evidence can point to the source. */
export function articleIndex(graph: Graph): Map<string, GraphNode> {
  const byKey = new Map<string, GraphNode>();
  for (const n of graph.nodes) {
    if (n.label !== 'Article') continue;
    byKey.set(n.id, n);
    const path = str(n.properties, 'path');
    // Evidence may name the article by id, path, file name or url.
    for (const k of [path, path.split(/[\\/]/).pop() ?? '', str(n.properties, 'url')]) if (k && !byKey.has(k)) byKey.set(k, n);
  }
  return byKey;
}

/** The evidence of one relationship, from its parallel arrays, oldest first. */
export function evidenceOf(rel: GraphRelationship, articles: Map<string, GraphNode>): Evidence[] {
  const sentences = strs(rel.properties, 'evidenceSentences');
  const arts = strs(rel.properties, 'evidenceArticles');
  const dates = strs(rel.properties, 'evidenceDates');
  const out: Evidence[] = sentences.map((sentence, i) => {
    const article = arts[i] ?? '';
    const node = articles.get(article);
    const p = node?.properties ?? {};
    return {
      sentence,
      date: dates[i] || str(p, 'date'),
      article,
      source: str(p, 'url') || str(p, 'path') || article,
      title: str(p, 'title'),
    };
  });
  return out.sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999'));
}

// ---------------------------------------------------------------------------------------
// Matching office names

const SUFFIX = /(省|市|县|区|州|镇|乡)\1/gu;

/** The form two office spellings are compared in: no spaces, no 中共 prefix, 市市 → 市. */
export function officeKey(s: string): string {
  return s.replace(/\s+/gu, '').replace(/^中共/u, '').replace(SUFFIX, '$1');
}

/** Every spelling of an office: name, aliases, jurisdiction + title with the short jurisdiction. */
function officeSpellings(o: GraphNode): Set<string> {
  const p = o.properties;
  const out = new Set<string>([str(p, 'name'), ...strs(p, 'aliases')].filter(Boolean).map(officeKey));
  const j = str(p, 'jurisdiction');
  const t = str(p, 'title');
  if (j && t) {
    out.add(officeKey(j + t));
    // 荆州市 + 市长 → 荆州市长; keep at least two characters of the place name.
    const short = j.replace(/(省|市|县|区)$/u, '');
    if ([...short].length >= 2) out.add(officeKey(short + t));
  }
  return out;
}

/**
 * Offices the query names: exact spellings first (name, aliases, jurisdiction + title), then a
 * bare title (`市委书记`) matching that title in every jurisdiction.
 */
export function findOffices(graph: Graph, query: string): GraphNode[] {
  const q = officeKey(query);
  if (!q) return [];
  const offices = graph.nodes.filter((n) => n.label === 'Office');
  const exact = offices.filter((o) => officeSpellings(o).has(q));
  if (exact.length) return exact;
  return offices.filter((o) => officeKey(str(o.properties, 'title')) === q);
}

/** Edit distance between two strings, by code point. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const row = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= y.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[y.length]!;
}

/**
 * Up to `limit` names near `query` among `names`: ranked by edit distance relative to
 * length, and kept only when they share characters with the query (or its pinyin), so a
 * suggestion is never random.
 */
export function nearNames(query: string, names: Iterable<string>, limit = 5): string[] {
  const q = officeKey(query);
  const qChars = new Set(q);
  // Full pinyin only: initials (wj) are too short to say two names sound alike.
  const qPinyin = pinyinKeys(q)[0] ?? '';
  const best = new Map<string, [string, number]>();
  for (const name of names) {
    if (!name) continue;
    const k = officeKey(name);
    const shared = [...new Set(k)].filter((c) => qChars.has(c)).length;
    const p = pinyinKeys(k)[0] ?? '';
    const sounds = qPinyin.length >= 3 && p.length >= 3 && (p.includes(qPinyin) || qPinyin.includes(p));
    const d = editDistance(q, k) / Math.max([...q].length, [...k].length);
    if (!sounds && (!shared || d > 0.7)) continue;
    const score = d - shared * 0.01 - (sounds ? 0.5 : 0);
    // Spellings of one name (吴锦, 吴 锦) count once, under the first seen.
    const prev = best.get(k);
    if (!prev || score < prev[1]) best.set(k, [prev?.[0] ?? name, score]);
  }
  return [...best.values()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0], 'zh'))
    .slice(0, limit)
    .map(([n]) => n);
}

// ---------------------------------------------------------------------------------------
// The timeline

/** One holder of an office. */
export interface Tenure {
  personId: string;
  name: string;
  pinyin: string;
  disambiguator: string;
  firstSeen: string;
  lastSeen: string;
  articles: number;
  evidence: Evidence[];
}

/** An office and its holders, oldest first. */
export interface OfficeTimeline {
  officeId: string;
  office: string;
  jurisdiction: string;
  holders: Tenure[];
}

/** The pinyin of a person node: its `pinyin` property, else computed from the name. */
export function pinyinOf(person: GraphNode): string {
  return str(person.properties, 'pinyin') || personPinyin(str(person.properties, 'name'));
}

/** Holders of `office`, sorted by firstSeen (undated last), then lastSeen, then name. */
export function officeTimeline(graph: Graph, office: GraphNode): OfficeTimeline {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const articles = articleIndex(graph);
  const holders: Tenure[] = [];
  for (const r of graph.relationships) {
    if (r.type !== 'HOLDS' || r.end !== office.id) continue;
    const person = nodes.get(r.start);
    if (!person) continue;
    const evidence = evidenceOf(r, articles);
    const dates = evidence.map((e) => e.date).filter(Boolean).sort();
    holders.push({
      personId: person.id,
      name: str(person.properties, 'name'),
      pinyin: pinyinOf(person),
      disambiguator: str(person.properties, 'disambiguator'),
      firstSeen: str(r.properties, 'firstSeen') || dates[0] || '',
      lastSeen: str(r.properties, 'lastSeen') || dates[dates.length - 1] || '',
      articles: new Set(evidence.map((e) => e.article)).size || strs(r.properties, 'evidenceArticles').length,
      evidence,
    });
  }
  const undated = '9999-99-99';
  holders.sort(
    (a, b) =>
      (a.firstSeen || undated).localeCompare(b.firstSeen || undated) ||
      (a.lastSeen || undated).localeCompare(b.lastSeen || undated) ||
      a.name.localeCompare(b.name, 'zh'),
  );
  return { officeId: office.id, office: str(office.properties, 'name'), jurisdiction: str(office.properties, 'jurisdiction'), holders };
}

/** `2022-02-10 – 2022-03-09`, one date when they agree, `date unknown` when there is none. */
export function dateRange(first: string, last: string): string {
  if (!first && !last) return 'date unknown';
  if (!last || first === last) return first || last;
  return `${first || '?'} – ${last}`;
}

/** Shortens a sentence for a terminal line, keeping the start (where the title usually is). */
export function clip(s: string, max = 60): string {
  const chars = [...s.replace(/\s+/gu, ' ').trim()];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/** The text the command prints for one timeline. */
export function formatTimeline(t: OfficeTimeline): string {
  const lines = [`${t.office}${t.jurisdiction ? `  (jurisdiction ${t.jurisdiction})` : ''}`];
  if (!t.holders.length) lines.push('  no holder recorded');
  for (const h of t.holders) {
    const who = `${h.name}${h.disambiguator ? `（${h.disambiguator}）` : ''}  ${h.pinyin}`;
    lines.push(`  ${dateRange(h.firstSeen, h.lastSeen).padEnd(23)}  ${who}   ${h.articles} article${h.articles === 1 ? '' : 's'}`);
    for (const e of h.evidence) lines.push(`      ${(e.date || '????-??-??').padEnd(10)}  ${clip(e.sentence)}   ${e.source}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// The command

/** Runs `guanxi timeline`. */
export async function timelineCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(timelineHelp + '\n');
    return EXIT.ok;
  }
  const query = positionals.join('');
  if (!query) throw new UsageError('timeline needs an office, e.g. guanxi timeline 荆州市委书记');
  // The build's folder: --out, else guanxi.yaml's `out`, else out/.
  const outDir = values.out ?? (await loadConfig(values.config)).out ?? 'out';
  const graph = await readGraphFile(outDir);
  const offices = findOffices(graph, query);
  if (!offices.length) {
    const near = nearNames(
      query,
      graph.nodes.filter((n) => n.label === 'Office').map((n) => str(n.properties, 'name')),
    );
    process.stderr.write(
      `guanxi: no office matches '${query}' in ${join(outDir, 'graph.json')}` +
        (near.length ? `. Did you mean: ${near.join(', ')}?\n` : ' (the graph has no office with a similar name)\n'),
    );
    return 1;
  }
  const timelines = offices.map((o) => officeTimeline(graph, o));
  process.stdout.write(values.json ? JSON.stringify(timelines, null, 2) + '\n' : timelines.map(formatTimeline).join('\n\n') + '\n');
  return EXIT.ok;
}
