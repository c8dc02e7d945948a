/**
 * Resolve: merges the per-article extractions of a corpus into one graph.
 *
 * Reads `ExtractionResult[]` (the `guanxi extract --json` shape) and the user's overrides;
 * gives a Graph (Article nodes, one node per resolved entity, MENTIONS from articles,
 * relationships with their evidence and tenure dates), the merge records that say why
 * mentions became one node, review items for a person to confirm (out/review.jsonl) and
 * messages. Example: `吴锦` in one article and `吴 锦` in another, both 荆州市委书记 →
 * one Person 吴锦 with one HOLDS carrying firstSeen/lastSeen and both sentences.
 *
 * Matching is blocked by name key (src/resolve/normalise.ts): only mentions with the same
 * key are compared, so the work grows with the corpus, not with its square. People with
 * one name are told apart by the jurisdictions of the offices they hold (src/resolve/people.ts).
 * Ids are stable hashes of label + key + disambiguator (src/graph/ids.ts), and every list
 * is sorted, so input order never changes the output.
 */
import { existsSync } from 'node:fs';
import { ENTITY_TYPES, type EntityType, type ExtractionResult, type RelationType } from '../types.js';
import type { Graph, GraphNode, GraphRelationship, NodeLabel, PropertyValue } from '../graph/model.js';
import { articleNodeId, compareIds, nodeId, relationshipId } from '../graph/ids.js';
import { loadSchema, valueFits, type PropertyType, type Schema } from '../graph/schema.js';
import { getGazetteer, type Gazetteer } from '../gazetteer/index.js';
import { personPinyin } from '../pinyin.js';
import { cleanName, nameKey, pickDisplayName } from './normalise.js';
import { emptyOverrides, readOverrides, type Overrides } from './overrides.js';
import { clusterPeople, UNRESOLVED, type PersonOccurrence } from './people.js';

/** Why mentions in several articles (or under several names) were merged into one node. */
export interface MergeRecord {
  label: string;
  id: string;
  name: string;
  /** Rule ids and a sentence, e.g. `person.context-compatible: 荆州市 in 3 articles`. */
  reason: string;
  articles: string[];
  /** The surface names merged, when there were several (`荆州市长`, `荆州市市长`). */
  names?: string[];
}

/** A doubtful merge or split for a person to confirm (written to out/review.jsonl). */
export interface ReviewItem {
  /** `ambiguous-mention` (bare name, several candidates), `split` (same name kept apart), `bridged-merge`. */
  kind: string;
  label: string;
  name: string;
  /** Node ids the item is about. */
  candidates: string[];
  reason: string;
  /** The articles concerned (the first 50 in id order). */
  articles?: string[];
  /** How many articles are concerned in all. */
  articleCount?: number;
  /** A line for data/resolve.yaml that settles the item one way. */
  suggestion?: string;
}

export interface ResolveOptions {
  /** Path of the user's override file (data/resolve.yaml or --resolve FILE). */
  overridesPath?: string;
  /** Overrides already parsed (tests); wins over `overridesPath`. */
  overrides?: Overrides;
  /** At most this many evidence items per relationship (earliest and latest kept); default 1000. */
  maxEvidence?: number;
  /** The gazetteer for division names and nesting; default the committed one, null for none. */
  gazetteer?: Gazetteer | null;
}

export interface Resolution {
  graph: Graph;
  merges: MergeRecord[];
  review: ReviewItem[];
  messages: string[];
  /** Counts for report.json: how much was merged and how much waits for review. */
  stats: ResolveStats;
}

/** What the resolver did, in numbers. */
export interface ResolveStats {
  articles: number;
  /** Entities of all articles (one per entity per article) before merging. */
  occurrences: number;
  /** Entity nodes after merging (articles not counted). */
  entities: number;
  /** Person names that stand for more than one person. */
  ambiguousNames: number;
  /** Merge records per label. */
  merges: Record<string, number>;
  /** Review items per kind. */
  review: Record<string, number>;
  /** Messages (override problems, dropped relations). */
  messages: number;
}

/** The default override file, used when present and no --resolve is given. */
export const DEFAULT_OVERRIDES = 'data/resolve.yaml';

/** One entity of one article: the unit the resolver merges. */
interface Occurrence {
  art: number;
  type: EntityType;
  key: string;
  /** Display form of the extraction's name (cleaned; offices in normal form; divisions current). */
  name: string;
  /** The extraction's name, cleaned only: what merge records and aliases show. */
  rawName: string;
  mentions: Array<{ start: number; end: number; text: string; rule: string }>;
  properties: Record<string, unknown>;
  node?: string;
}

interface NodeBuild {
  label: Exclude<NodeLabel, 'Article'>;
  id: string;
  key: string;
  disambiguator: string;
  occs: Occurrence[];
  context: string[];
}

interface EvidenceItem {
  article: string;
  sentence: string;
  start: number;
  end: number;
  date: string;
  rule: string;
}

interface RelBuild {
  type: RelationType;
  start: string;
  end: string;
  evidence: EvidenceItem[];
  gazetteerSeen: boolean;
  sources: Set<string>;
  total: number;
}

const COMPUTED = new Set(['id', 'name', 'aliases', 'articleCount', 'firstSeen', 'lastSeen', 'disambiguator', 'context', 'pinyin', 'formerNames']);
const MAX_ALIASES = 50;
const MAX_REVIEW_ARTICLES = 50;
/**
 * The evidence sentence of a fact taken from the national division list rather than from
 * a sentence: says where it comes from, and is never empty (an array element '' does not
 * survive a neo4j-admin CSV round trip).
 */
export const GAZETTEER_SENTENCE = '〔GB/T 2260 行政区划〕';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Merges the extractions of a corpus into one graph with deterministic ids. */
export async function resolveCorpus(results: ExtractionResult[], options: ResolveOptions = {}): Promise<Resolution> {
  let overrides = options.overrides;
  if (!overrides) {
    if (options.overridesPath) overrides = await readOverrides(options.overridesPath, true);
    else if (existsSync(DEFAULT_OVERRIDES)) overrides = await readOverrides(DEFAULT_OVERRIDES, false);
    else overrides = emptyOverrides();
  }
  const gazetteer = options.gazetteer === undefined ? getGazetteer() : options.gazetteer;
  return resolveWith(results, overrides, gazetteer, options.maxEvidence ?? 1000);
}

/** The pure core of resolveCorpus: no file reads. */
export function resolveWith(results: ExtractionResult[], overrides: Overrides, gazetteer: Gazetteer | null, maxEvidence = 1000): Resolution {
  const schema = loadSchema();
  const messages: string[] = [...overrides.messages];
  const merges: MergeRecord[] = [];
  const review: ReviewItem[] = [];

  // Input order must not matter: work in article-id order.
  const articles = [...results].sort((a, b) => compareIds(a.article.id, b.article.id) || compareIds(a.article.path, b.article.path));
  const articleIds: string[] = [];
  const seenIds = new Map<string, number>();
  for (const r of articles) {
    const n = (seenIds.get(r.article.id) ?? 0) + 1;
    seenIds.set(r.article.id, n);
    if (n > 1) messages.push(`resolve: article id ${r.article.id} occurs ${n} times (${r.article.path}); this one is ${r.article.id}#${n}`);
    articleIds.push(n > 1 ? `${r.article.id}#${n}` : r.article.id);
  }
  const dates = articles.map((r) => (r.article.date && DATE.test(r.article.date) ? r.article.date : ''));
  const dateOf = new Map(articleIds.map((id, i) => [id, dates[i]!]));

  const keyOf = makeKeyer(overrides, gazetteer);
  const jurisdictionOf = makeJurisdiction(gazetteer);

  // 1. Occurrences: one per entity per article, relation endpoints included.
  const occs: Occurrence[] = [];
  const perArticle: Array<Map<string, Occurrence>> = [];
  articles.forEach((r, art) => {
    const map = new Map<string, Occurrence>();
    const reported = new Set<string>();
    const add = (type: EntityType, name: string, mentions: Occurrence['mentions'], properties: Record<string, unknown>) => {
      if (!(ENTITY_TYPES as readonly string[]).includes(type) || typeof name !== 'string' || !clean(name)) {
        const m = `resolve: ${articleIds[art]}: ${String(type)} ${JSON.stringify(name)} has no usable type or name; left out`;
        if (!reported.has(m)) messages.push(m);
        reported.add(m);
        return;
      }
      const ref = `${type}\u0000${name}`;
      const existing = map.get(ref);
      if (existing) {
        // Copy on write: occurrences share the extraction's arrays until two must merge.
        existing.mentions = [...existing.mentions, ...mentions];
        existing.properties = { ...properties, ...existing.properties };
        return;
      }
      const o: Occurrence = { art, type, key: keyOf(type, name), name: displayForm(type, name, gazetteer), rawName: clean(name), mentions, properties };
      // Many townships share a name (城关镇, 东升镇): where the gazetteer has several, the
      // division code the extractor found keeps them apart.
      if (type === 'AdminDivision' && properties.code != null && gazetteer && sameNameCount(gazetteer, o.name) > 1) o.key += `#${properties.code}`;
      map.set(ref, o);
      occs.push(o);
    };
    for (const e of r.entities) add(e.type, e.name, e.mentions, e.properties ?? {});
    for (const rel of r.relations) {
      for (const end of [rel.from, rel.to]) if (!map.has(`${end.type}\u0000${end.name}`)) add(end.type, end.name, [], {});
    }
    perArticle.push(map);
  });

  // 2. Nodes. Everything but people: one node per key.
  const nodes = new Map<string, NodeBuild>();
  const byTypeKey = new Map<string, Occurrence[]>();
  for (const o of occs) {
    const k = `${o.type}\u0000${o.key}`;
    const list = byTypeKey.get(k);
    if (list) list.push(o);
    else byTypeKey.set(k, [o]);
  }
  const personGroups: Array<[string, Occurrence[]]> = [];
  for (const [k, list] of [...byTypeKey].sort((a, b) => compareIds(a[0], b[0]))) {
    const type = list[0]!.type;
    if (type === 'Person') {
      personGroups.push([list[0]!.key, list]);
      continue;
    }
    const id = nodeId(type, list[0]!.key);
    nodes.set(id, { label: type, id, key: list[0]!.key, disambiguator: '', occs: list, context: [] });
    for (const o of list) o.node = id;
    void k;
  }

  // People: context = jurisdictions of the offices each holds in that article (and the
  // paper's home for a byline name), then clustering by compatible context.
  const officeJurisdiction = new Map<string, Jurisdiction | null>();
  for (const o of occs) {
    if (o.type !== 'Office' || officeJurisdiction.has(o.key)) continue;
    const given = typeof o.properties.jurisdiction === 'string' ? (o.properties.jurisdiction as string) : null;
    // The name's own prefix first (so title + jurisdiction spell the name); the extractor's
    // jurisdiction when the name has none (a bare title it placed from context).
    officeJurisdiction.set(o.key, jurisdictionOf(o.key) ?? (given ? { written: given, canonical: gazetteer?.byName(given)?.name ?? given } : null));
  }
  const personContext = new Map<Occurrence, Set<string>>();
  articles.forEach((r, art) => {
    const map = perArticle[art]!;
    for (const rel of r.relations) {
      if (rel.type !== 'HOLDS' || rel.from.type !== 'Person' || rel.to.type !== 'Office') continue;
      const p = map.get(`Person\u0000${rel.from.name}`);
      const office = map.get(`Office\u0000${rel.to.name}`);
      if (!p || !office) continue;
      const j = officeJurisdiction.get(office.key)?.canonical;
      if (!j) continue;
      const set = personContext.get(p) ?? new Set<string>();
      set.add(j);
      personContext.set(p, set);
    }
    const home = r.article.home;
    for (const b of r.article.byline ?? []) {
      const p = map.get(`Person\u0000${b}`) ?? [...map.values()].find((o) => o.type === 'Person' && o.key === nameKey('Person', b));
      if (!p || !home || personContext.get(p)?.size) continue;
      personContext.set(p, new Set([home]));
    }
  });
  const personKeysByArticle = articles.map((_, art) => {
    const keys = new Set<string>();
    for (const o of perArticle[art]!.values()) if (o.type === 'Person') keys.add(o.key);
    return keys;
  });
  for (const [key, list] of personGroups) {
    const pocc: PersonOccurrence[] = list.map((o) => ({
      article: articleIds[o.art]!,
      jurisdictions: [...(personContext.get(o) ?? [])].sort(compareIds),
      coMentioned: personKeysByArticle[o.art]!,
    }));
    const outcome = clusterPeople(key, pocc, overrides, gazetteer);
    messages.push(...outcome.messages);
    for (const c of outcome.clusters) {
      const id = nodeId('Person', key, c.disambiguator === UNRESOLVED ? '?' : c.disambiguator);
      const members = c.members.map((i) => list[i]!);
      nodes.set(id, { label: 'Person', id, key, disambiguator: c.disambiguator, occs: members, context: c.jurisdictions });
      for (const o of members) o.node = id;
      if (c.reason && new Set(members.map((o) => o.art)).size > 1) {
        merges.push({ label: 'Person', id, name: key, reason: c.reason, articles: uniqueSorted(members.map((o) => articleIds[o.art]!)) });
      }
    }
    for (const item of outcome.review) {
      review.push({
        kind: item.kind,
        label: 'Person',
        name: key,
        candidates: item.clusters.map((ci) => nodeIdOfCluster(key, outcome.clusters[ci]!.disambiguator)).sort(compareIds),
        reason: item.reason,
        articles: item.articles.slice(0, MAX_REVIEW_ARTICLES),
        articleCount: item.articles.length,
        suggestion: item.suggestion,
      });
    }
  }

  // Variant merges of other labels: say which names became one node.
  for (const n of nodes.values()) {
    if (n.label === 'Person') continue;
    const names = uniqueSorted(n.occs.map((o) => o.rawName));
    if (names.length > 1) {
      merges.push({
        label: n.label,
        id: n.id,
        name: displayName(n),
        reason: `${n.label.toLowerCase()}.name-key: ${names.join(' ≡ ')} share the key ${n.key}`,
        articles: uniqueSorted(n.occs.map((o) => articleIds[o.art]!)),
        names,
      });
    }
  }
  reportUnusedOverrides(overrides, nodes, messages);

  // 3. Relationships with their evidence, and MENTIONS.
  const rels = new Map<string, RelBuild>();
  articles.forEach((r, art) => {
    const map = perArticle[art]!;
    const article = articleIds[art]!;
    for (const rel of r.relations) {
      const from = map.get(`${rel.from.type}\u0000${rel.from.name}`)?.node;
      const to = map.get(`${rel.to.type}\u0000${rel.to.name}`)?.node;
      if (!from || !to) continue; // an endpoint that was left out (reported above)
      const rs = schema.relationships[rel.type];
      if (!rs || !rs.from.includes(rel.from.type) || !rs.to.includes(rel.to.type)) {
        messages.push(`resolve: ${article}: ${rel.type} ${rel.from.type} ${rel.from.name} → ${rel.to.type} ${rel.to.name} does not fit schema/graph.yaml; dropped`);
        continue;
      }
      if (from === to) continue;
      const id = relationshipId(rel.type, from, to);
      let b = rels.get(id);
      if (!b) {
        b = { type: rel.type, start: from, end: to, evidence: [], gazetteerSeen: false, sources: new Set(), total: 0 };
        rels.set(id, b);
      }
      b.sources.add(article);
      for (const ev of rel.evidence) {
        const isGazetteer = ev.rule === 'gazetteer' || (ev.end <= ev.start && !ev.sentence);
        if (isGazetteer) {
          // The national division list says the same thing in every article: keep it once.
          if (b.gazetteerSeen) continue;
          b.gazetteerSeen = true;
        }
        b.total++;
        const sentence = isGazetteer ? GAZETTEER_SENTENCE : (ev.sentence ?? '');
        b.evidence.push({ article, sentence, start: isGazetteer ? 0 : ev.start, end: isGazetteer ? 0 : ev.end, date: dates[art]!, rule: ev.rule });
      }
    }
  });

  const graphNodes: GraphNode[] = [];
  const graphRels: GraphRelationship[] = [];
  articles.forEach((r, art) => graphNodes.push(articleNode(r, articleIds[art]!, schema)));
  for (const n of nodes.values()) graphNodes.push(entityNode(n, articleIds, dates, gazetteer, officeJurisdiction, schema));

  for (const [id, b] of rels) {
    b.evidence.sort(
      (x, y) => compareIds(x.date || '\uffff', y.date || '\uffff') || compareIds(x.article, y.article) || x.start - y.start || x.end - y.end || compareIds(x.rule, y.rule),
    );
    if (b.evidence.length > maxEvidence) {
      const head = Math.ceil(maxEvidence / 2);
      b.evidence = [...b.evidence.slice(0, head), ...b.evidence.slice(b.evidence.length - (maxEvidence - head))];
    }
    const datesSeen = [...b.sources].map((a) => dateOf.get(a)!).filter(Boolean);
    graphRels.push({ id, type: b.type, start: b.start, end: b.end, properties: evidenceProperties(id, b, datesSeen) });
  }

  // MENTIONS: one per article and node, every span kept.
  const mentions = new Map<string, { article: string; node: string; spans: Occurrence['mentions'] }>();
  for (const o of occs) {
    if (!o.mentions.length) continue;
    const a = articleNodeId(articleIds[o.art]!);
    const id = relationshipId('MENTIONS', a, o.node!);
    const m = mentions.get(id);
    if (m) m.spans = [...m.spans, ...o.mentions];
    else mentions.set(id, { article: a, node: o.node!, spans: o.mentions });
  }
  for (const [id, m] of mentions) {
    const spans = dedupeSpans(m.spans);
    graphRels.push({
      id,
      type: 'MENTIONS',
      start: m.article,
      end: m.node,
      properties: {
        id,
        count: spans.length,
        starts: spans.map((s) => s.start),
        ends: spans.map((s) => s.end),
        texts: spans.map((s) => s.text),
        rules: spans.map((s) => s.rule),
      },
    });
  }

  // An empty list has no type in Neo4j and no form in CSV or GraphML: leave it out.
  const emptyList = (_k: string, v: PropertyValue) => Array.isArray(v) && v.length === 0;
  for (const x of graphNodes) x.properties = without(x.properties, emptyList);
  for (const x of graphRels) x.properties = without(x.properties, emptyList);
  graphNodes.sort((a, b) => compareIds(a.id, b.id));
  graphRels.sort((a, b) => compareIds(a.id, b.id));
  merges.sort((a, b) => compareIds(a.label, b.label) || compareIds(a.id, b.id));
  review.sort((a, b) => compareIds(a.kind, b.kind) || compareIds(a.name, b.name) || compareIds(a.candidates.join(), b.candidates.join()));
  const countBy = <T>(xs: T[], key: (x: T) => string) => {
    const out: Record<string, number> = {};
    for (const x of xs) out[key(x)] = (out[key(x)] ?? 0) + 1;
    return out;
  };
  const personIds = new Map<string, number>();
  for (const n of nodes.values()) if (n.label === 'Person') personIds.set(n.key, (personIds.get(n.key) ?? 0) + 1);
  const stats: ResolveStats = {
    articles: articles.length,
    occurrences: occs.length,
    entities: nodes.size,
    ambiguousNames: [...personIds.values()].filter((c) => c > 1).length,
    merges: countBy(merges, (m) => m.label),
    review: countBy(review, (r) => r.kind),
    messages: messages.length,
  };
  return { graph: { nodes: graphNodes, relationships: graphRels }, merges, review, messages, stats };
}

function nodeIdOfCluster(key: string, disambiguator: string): string {
  return nodeId('Person', key, disambiguator === UNRESOLVED ? '?' : disambiguator);
}

/** Keys with the user's aliases applied; divisions go through the gazetteer first. */
function makeKeyer(overrides: Overrides, gazetteer: Gazetteer | null): (type: EntityType, name: string) => string {
  const cache = new Map<string, string>();
  return (type, name) => {
    const ck = `${type}\u0000${name}`;
    let key = cache.get(ck);
    if (key !== undefined) return key;
    key = nameKey(type, displayForm(type, name, gazetteer));
    const alias = overrides.aliases.get(type)?.get(key);
    if (alias !== undefined) key = alias;
    cache.set(ck, key);
    return key;
  };
}

/** The form a surface name is displayed in: cleaned; offices in normal form; divisions by their current name. */
function displayForm(type: EntityType, name: string, gazetteer: Gazetteer | null): string {
  const clean = cleanName(name);
  if (type === 'Office') return nameKey('Office', clean);
  if (type === 'AdminDivision' && gazetteer) {
    const kind = gazetteer.formKind(clean);
    if (kind === 'former' || kind === 'zone' || kind === 'short') {
      const d = gazetteer.byName(clean);
      if (d) return d.name;
    }
  }
  return clean;
}

/**
 * The jurisdiction an office belongs to: the longest leading division name
 * (`荆州市委书记` → 荆州市, `荆州开发区管委会主任` → 荆州开发区), or null.
 */
/** Where an office belongs: the division as its name writes it, and that division's current name. */
interface Jurisdiction {
  written: string;
  canonical: string;
}

function makeJurisdiction(gazetteer: Gazetteer | null): (office: string) => Jurisdiction | null {
  const leading = (text: string): string | null => {
    const chars = [...text];
    for (let len = chars.length - 1; len >= 2; len--) {
      const prefix = chars.slice(0, len).join('');
      if (gazetteer) {
        const kind = gazetteer.formKind(prefix);
        if (kind === 'name' || kind === 'zone' || kind === 'former') return prefix;
        // A short form only before a party or government word: 恩施州委书记, not 东方红公司.
        if (kind === 'short' && /^(委|长|副|政府|人大|政协|人民|[省市州县区镇乡][委长])/.test(chars.slice(len).join(''))) return prefix;
      } else if (/[省市县区]$/.test(prefix)) {
        // Without a gazetteer, the longest prefix ending in a unit word is the best guess.
        return prefix;
      }
    }
    return null;
  };
  return (office) => {
    const first = leading(office);
    if (!first) return null;
    if (!gazetteer) return { written: first, canonical: first };
    // `公安县狮子口镇党委书记`: a division written under its parent is the narrower one.
    let current = gazetteer.byName(first)!;
    let written = first;
    let rest = office.slice(first.length);
    for (let guard = 0; guard < 4; guard++) {
      const next = leading(rest);
      if (!next) break;
      const inner = gazetteer.candidates(next).find((d) => gazetteer.isWithin(d, current));
      if (!inner) break;
      current = inner;
      written += next;
      rest = rest.slice(next.length);
    }
    return { written, canonical: current.name };
  };
}

/** cleanName with a cache: a corpus repeats the same few surface forms millions of times. */
const cleanCache = new Map<string, string>();
function clean(s: string): string {
  let c = cleanCache.get(s);
  if (c === undefined) {
    c = cleanName(s);
    if (cleanCache.size > 1_000_000) cleanCache.clear();
    cleanCache.set(s, c);
  }
  return c;
}

/**
 * `props` without the entries `drop` picks, keys in the same order: a copy when something
 * goes, `props` itself otherwise. A copy rather than `delete`, which turns an object into a
 * slow dictionary for every later reader (each exporter reads every property of every node).
 */
function without(props: Record<string, PropertyValue>, drop: (k: string, v: PropertyValue) => boolean): Record<string, PropertyValue> {
  let any = false;
  for (const k in props) if (drop(k, props[k]!)) any = true;
  if (!any) return props;
  const out: Record<string, PropertyValue> = {};
  for (const k in props) if (!drop(k, props[k]!)) out[k] = props[k]!;
  return out;
}

function sameNameCount(gazetteer: Gazetteer, name: string): number {
  return gazetteer.candidates(name).filter((d) => d.name === name).length;
}

function uniqueSorted(list: string[]): string[] {
  return [...new Set(list)].sort(compareIds);
}

function dedupeSpans(spans: Occurrence['mentions']) {
  const seen = new Set<string>();
  const out: Occurrence['mentions'] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || a.end - b.end || compareIds(a.rule, b.rule))) {
    const k = `${s.start}:${s.end}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s);
  }
  return out;
}

function displayName(n: NodeBuild): string {
  if (n.label === 'Person' || n.label === 'Office') return n.key;
  const counts = new Map<string, number>();
  for (const o of n.occs) counts.set(o.name, (counts.get(o.name) ?? 0) + Math.max(1, o.mentions.length));
  if (counts.has(n.key) && n.label !== 'AdminDivision') return n.key;
  return pickDisplayName(counts);
}

/** Sets `value` on `props` when it fits the declared type (coercing numbers to strings where a string is declared). */
function setTyped(props: Record<string, PropertyValue>, name: string, value: unknown, type: PropertyType | undefined): boolean {
  if (!type || value === undefined || value === null || name in props) return false;
  let v = value as PropertyValue;
  if (type === 'string' && typeof value === 'number') v = String(value);
  if (type === 'string[]' && Array.isArray(value)) v = value.map(String);
  if (!valueFits(v, type)) return false;
  props[name] = v;
  return true;
}

function articleNode(r: ExtractionResult, id: string, schema: Schema): GraphNode {
  const a = r.article;
  const nodeIdValue = articleNodeId(id);
  const props: Record<string, PropertyValue> = { id: nodeIdValue };
  const declared = schema.nodes.Article.properties;
  const values: Record<string, unknown> = {
    path: a.path,
    title: a.title,
    date: a.date,
    source: a.source,
    url: a.url,
    home: a.home,
    homeSource: a.homeSource ?? null,
    lang: a.lang,
    byline: a.byline ?? [],
  };
  for (const [k, v] of Object.entries(values)) setTyped(props, k, v, declared[k]);
  return { id: nodeIdValue, label: 'Article', properties: props };
}

function entityNode(
  n: NodeBuild,
  articleIds: string[],
  dates: string[],
  gazetteer: Gazetteer | null,
  officeJurisdiction: Map<string, Jurisdiction | null>,
  schema: Schema,
): GraphNode {
  const declared = schema.nodes[n.label].properties;
  const name = displayName(n);
  const props: Record<string, PropertyValue> = { id: n.id, name };
  const aliasSet = new Set<string>();
  for (const o of n.occs) {
    aliasSet.add(o.name);
    aliasSet.add(o.rawName);
    // Mention texts as a reader would search them: cleaned like names (no spaces, no quotes).
    for (const m of o.mentions) aliasSet.add(clean(m.text));
  }
  const arts = new Set(n.occs.map((o) => o.art));
  let formerNames: string[] = [];
  if (n.label === 'Person') {
    props.pinyin = personPinyin(name);
    if (n.disambiguator) props.disambiguator = n.disambiguator;
    props.context = n.context;
  } else if (n.label === 'Office') {
    // As written in the office's name: 监利县县长 (2016) is 监利县's, though the place is now 监利市.
    const j = officeJurisdiction.get(n.key)?.written;
    if (j) {
      props.jurisdiction = j;
      props.title = officeTitle(n.key, j);
    }
  } else if (n.label === 'AdminDivision' && gazetteer) {
    const code = n.occs.map((o) => o.properties.code).find((c) => c != null);
    const candidates = gazetteer.candidates(name).filter((d) => d.name === name);
    const d = code != null ? candidates.find((c) => c.code === String(code)) : candidates.length === 1 ? candidates[0] : undefined;
    if (d && d.name === name) {
      props.level = d.level;
      if (d.code) props.code = d.code;
      formerNames = d.formerNames.map((f) => f.name);
      for (const a of d.aliases) aliasSet.add(a);
    }
  }
  const seenDates = [...arts].map((a) => dates[a]!).filter(Boolean).sort(compareIds);
  if (n.label === 'Person' && seenDates.length) {
    props.firstSeen = seenDates[0]!;
    props.lastSeen = seenDates[seenDates.length - 1]!;
  }
  // Whatever the extractors learned, in article order, when the schema declares it.
  for (const o of n.occs) {
    for (const [k, v] of Object.entries(o.properties)) {
      if (COMPUTED.has(k)) {
        if (k === 'formerNames' && Array.isArray(v)) formerNames.push(...v.map(String));
        continue;
      }
      setTyped(props, k, v, declared[k]);
    }
  }
  if (n.label === 'AdminDivision') props.formerNames = uniqueSorted(formerNames);
  aliasSet.delete(name);
  aliasSet.delete('');
  props.aliases = uniqueSorted([...aliasSet]).slice(0, MAX_ALIASES);
  props.articleCount = arts.size;
  void articleIds;
  return { id: n.id, label: n.label, properties: without(props, (k, v) => !(k in declared) || (Array.isArray(v) && v.length === 0)) };
}

/** The title part of an office: `荆州市委书记` in 荆州市 → `市委书记`; `荆州市市长` → `市长`. */
function officeTitle(office: string, jurisdiction: string): string {
  if (!office.startsWith(jurisdiction)) return office;
  const rest = office.slice(jurisdiction.length);
  const unit = jurisdiction.slice(-1);
  if (/^(委|人大|政协|政府|纪委)/.test(rest) && /[省市州县区镇乡]/.test(unit)) return unit + rest;
  return rest || office;
}

function evidenceProperties(id: string, b: RelBuild, datesSeen: string[]): Record<string, PropertyValue> {
  const props: Record<string, PropertyValue> = { id };
  const sorted = [...datesSeen].sort(compareIds);
  if (sorted.length) {
    props.firstSeen = sorted[0]!;
    props.lastSeen = sorted[sorted.length - 1]!;
  }
  props.sources = [...b.sources].sort(compareIds);
  props.evidenceCount = b.total;
  props.evidenceArticles = b.evidence.map((e) => e.article);
  props.evidenceSentences = b.evidence.map((e) => e.sentence);
  props.evidenceStarts = b.evidence.map((e) => e.start);
  props.evidenceEnds = b.evidence.map((e) => e.end);
  props.evidenceDates = b.evidence.map((e) => e.date);
  props.rules = b.evidence.map((e) => e.rule);
  return props;
}

/** Warns about override entries that name nothing in this corpus (a typo, or an old name). */
function reportUnusedOverrides(overrides: Overrides, nodes: Map<string, NodeBuild>, messages: string[]): void {
  if (!overrides.same.length && !overrides.different.length) return;
  const known = new Set<string>();
  for (const n of nodes.values()) {
    known.add(`${n.label}\u0000${n.key}`);
    if (n.label === 'Person') known.add(`${n.label}\u0000${n.key}\u0000${n.disambiguator}`);
    for (const o of n.occs) known.add(`${n.label}\u0000${nameKey(n.label, o.name)}`);
  }
  for (const [a, b] of [...overrides.same, ...overrides.different]) {
    for (const ref of [a, b]) {
      const hit = known.has(`${ref.label}\u0000${ref.key}`) && (ref.disambiguator === null || [...nodes.values()].some((n) => n.label === 'Person' && n.key === ref.key && n.context.includes(ref.disambiguator!)));
      if (!hit) messages.push(`${overrides.file}: ${ref.where}: ${ref.text} matches no entity in this corpus`);
    }
  }
}
