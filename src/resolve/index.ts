/**
 * Resolve: merges the per-article extractions of a corpus into one graph.
 *
 * Reads extractions (the `guanxi extract --json` shape) one at a time through
 * `createCorpusResolver(options)` → `{add(result), finish()}`, or all at once through
 * `resolveCorpus(results)`, and the user's overrides; `add` keeps a packed copy of what
 * resolving needs (see Store) and no reference to the extraction, so a build can drop each
 * article as soon as it is extracted. `finish` gives a Graph (Article nodes, one node per
 * resolved entity, MENTIONS from articles, relationships with their evidence and tenure
 * dates; MENTIONS are kept packed and made into objects when read, src/graph/mentions.ts),
 * the merge records that say why mentions became one node, review items for a person to
 * confirm (out/review.jsonl) and messages. Example: `吴锦` in one article and `吴 锦` in another, both 荆州市委书记 →
 * one Person 吴锦 with one HOLDS carrying firstSeen/lastSeen and both sentences.
 *
 * Matching is blocked by name key (src/resolve/normalise.ts): only mentions with the same
 * key are compared, so the work grows with the corpus, not with its square. People with
 * one name are told apart by the jurisdictions of the offices they hold (src/resolve/people.ts).
 * Ids are stable hashes of label + key + disambiguator (src/graph/ids.ts), and every list
 * is sorted, so input order never changes the output.
 */
import { existsSync } from 'node:fs';
import { ENTITY_TYPES, RELATION_TYPES, type EntityType, type ExtractionResult, type RelationType } from '../types.js';
import type { Graph, GraphNode, GraphRelationship, NodeLabel, PropertyValue } from '../graph/model.js';
import { articleNodeId, compareIds, nodeId, relationshipHashAfter, relationshipHashPrefix, relationshipId } from '../graph/ids.js';
import { loadSchema, valueFits, type PropertyType, type Schema } from '../graph/schema.js';
import { getGazetteer, type Gazetteer } from '../gazetteer/index.js';
import { personPinyin } from '../pinyin.js';
import { cleanName, nameKey, pickDisplayName } from './normalise.js';
import { emptyOverrides, readOverrides, type Overrides } from './overrides.js';
import { clusterPeople, hasPersonOverrides, oneContextOutcome, UNRESOLVED, type PersonOccurrence, type PersonOutcome } from './people.js';
import { IntList, MentionStoreBuilder, relationshipList } from '../graph/mentions.js';
import { PairTable } from './pairs.js';

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

/**
 * A type and surface name as the resolver keys it, shared by every occurrence of the name.
 * A class, not an object literal: V8 may decide after a while to allocate a literal's objects
 * in the old generation (they all survive) and then throws away the compiled code of add, which
 * makes them; a constructor has no such decision to revisit.
 */
class NameInfo {
  /** The properties of the name's last occurrence (shared) and their keys; null before the first. */
  props: Record<string, unknown> | null = null;
  propKeys: string[] = NONE;
  /** A division name the gazetteer gives to several divisions; null until asked. */
  sameNameMany: boolean | null = null;
  /** The last node (number) whose aliases took this name, -1 for none (see entityNode). */
  aliasMark = -1;
  /** The article being added when the name last became an occurrence (see add's `serial`), and that occurrence. */
  articleMark = -1;
  articleOcc = -1;
  /** The name's index among the mention texts, -1 until a mention writes it. */
  textNum = -1;
  /**
   * The last mention text of the name that is not the name as written (`吴书记` for 吴锦), and
   * its index: most such mentions repeat the one before (50k of 54k per 10k articles).
   */
  otherText: string | null = null;
  otherTextNum = -1;
  /** The number of its (type, key) among the keys (see Store.keys). */
  keyNum = -1;
  constructor(
    readonly type: EntityType,
    /** Its index in ENTITY_TYPES. */
    readonly typeNum: number,
    /** The extraction's name as written (what messages quote). */
    readonly surface: string,
    readonly key: string,
    /** Display form of the extraction's name (cleaned; offices in normal form; divisions current). */
    readonly name: string,
    /** The extraction's name, cleaned only: what merge records and aliases show. */
    readonly rawName: string,
  ) {}
}

/**
 * Everything the resolver keeps of the articles added, packed: one entry per occurrence (one
 * entity of one article, the unit the resolver merges), per relation fact, per mention span
 * and per evidence item, numbered in the order added. Numbers live in typed arrays, strings
 * are interned (names and rule ids across the corpus, sentences per article), and nothing
 * points back into an ExtractionResult. At 100k articles this is a few hundred MB, where
 * the ExtractionResults were several GB.
 */
interface Store {
  /** Per occurrence: its name, its key (the name's, or key#code for same-named divisions), what the extractor learned. */
  occInfo: NameInfo[];
  occKey: string[];
  /** Per occurrence: the number of its (type, key), what finish groups occurrences by. */
  occKeyNum: IntList;
  /** Per occurrence: its type's index in ENTITY_TYPES (as its NameInfo's typeNum). */
  occTypeNum: IntList;
  /** Per key number: the key and its type's index. */
  keys: string[];
  keyTypes: number[];
  occProps: Array<Record<string, unknown>>;
  /** Per occurrence: first span (in spans, 4 numbers each) and how many. */
  occSpan: IntList;
  occSpanCount: IntList;
  /** Per occurrence: 1 when some mention's text is not the name as written (it may add an alias), else 0. */
  occOtherText: IntList;
  /** Mentions: start, end, text index, rule index. */
  spans: IntList;
  /** Relation facts whose two ends are occurrences: type index, from, to, first and end evidence item. */
  rels: IntList;
  /** Evidence: sentence index (-1: the gazetteer), start, end, rule index. */
  ev: IntList;
  /** Per article, the person occurrences its byline names point at, -1 for none (see ArticleRecord.byline). */
  bylines: IntList;
  /** Evidence sentences, each once per article (slices of one copy of the article's sentences). */
  sentences: string[];
  texts: string[];
  rules: string[];
}

/** An article's metadata as the resolver keeps it (its own copies of the strings). */
class ArticleMeta {
  constructor(
    readonly id: string,
    readonly path: string,
    readonly title: string | null | undefined,
    readonly date: string | null | undefined,
    readonly source: string | null | undefined,
    readonly url: string | null | undefined,
    readonly home: string | null | undefined,
    readonly homeSource: string | null,
    readonly lang: string | undefined,
    readonly byline: string[] | undefined,
  ) {}
}

/**
 * What the resolver keeps of one article besides the Store's numbers. Classes rather than
 * object literals, for the reason NameInfo gives.
 */
class ArticleRecord {
  /** Its occurrences `[occ, occEnd)` and relation facts `[rel, relEnd)` in the Store. */
  occEnd: number;
  relEnd: number;
  /** `TYPE "name" has no usable type or name; left out`, once each, in the order found. */
  leftOut: string[] = NONE;
  /**
   * The person occurrence each byline name points at (-1: none), in byline order:
   * `[byline, bylineEnd)` of Store.bylines.
   */
  byline = 0;
  bylineEnd = 0;
  constructor(
    readonly meta: ArticleMeta,
    readonly occ: number,
    readonly rel: number,
  ) {
    this.occEnd = occ;
    this.relEnd = rel;
  }
}

/** An entity node being built (a class for the reason NameInfo gives). */
class NodeBuild {
  constructor(
    /** Its place in finish()'s node list. */
    readonly num: number,
    readonly label: Exclude<NodeLabel, 'Article'>,
    readonly id: string,
    readonly key: string,
    readonly disambiguator: string,
    /** Occurrences, in article order. */
    readonly occs: number[],
    readonly context: string[],
  ) {}
}

/** A relationship being built (a class for the reason NameInfo gives). */
class RelBuild {
  constructor(
    readonly id: string,
    readonly type: RelationType,
    readonly start: string,
    readonly end: string,
  ) {}
}

const COMPUTED = new Set(['id', 'name', 'aliases', 'articleCount', 'firstSeen', 'lastSeen', 'disambiguator', 'context', 'pinyin', 'formerNames']);
const MAX_ALIASES = 50;
const MAX_REVIEW_ARTICLES = 50;
/** How many nodes of each label finish makes in turns before the others (see there). */
const EARLY_NODES_PER_LABEL = 32;
/**
 * The evidence sentence of a fact taken from the national division list rather than from
 * a sentence: says where it comes from, and is never empty (an array element '' does not
 * survive a neo4j-admin CSV round trip).
 */
export const GAZETTEER_SENTENCE = '〔GB/T 2260 行政区划〕';
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** lastRule before the first lookup: equal to no rule id an extraction can give. */
const NO_RULE_YET = Symbol('no rule yet');
const NO_PROPERTIES: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const NONE: never[] = [];
/** Entity type → its index in ENTITY_TYPES. */
const typeIndex = new Map<string, number>(ENTITY_TYPES.map((t, i) => [t, i]));
/** ENTITY_TYPES indexes in code-point order of the type names. */
const TYPES_BY_NAME = ENTITY_TYPES.map((_, i) => i).sort((a, b) => compareIds(ENTITY_TYPES[a]!, ENTITY_TYPES[b]!));

/**
 * Whether `properties` serialises as `shared` does (`shared` came from JSON, keys `keys`):
 * the same keys in the same order with the same primitive values. Anything else (objects,
 * undefined, NaN) answers false, and the caller goes the JSON way.
 */
function sameFlatProperties(properties: Record<string, unknown>, shared: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  for (const k in properties) {
    if (k !== keys[i]) return false;
    const v = properties[k];
    if (v !== shared[k] || (typeof v === 'object' && v !== null)) return false;
    i++;
  }
  return i === keys.length;
}

/**
 * A copy of `properties` equal to what a JSON round trip gives, when every value comes back
 * unchanged from one (strings, booleans, null, finite numbers but -0); null otherwise (propsOf
 * then makes it through JSON).
 */
function flatCopy(properties: Record<string, unknown>): Record<string, unknown> | null {
  const keys = Object.keys(properties);
  for (let i = 0; i < keys.length; i++) {
    // Set on a plain object, `__proto__` would not become a property as JSON.parse makes it.
    if (keys[i] === '__proto__') return null;
    const v = properties[keys[i]!];
    if (typeof v === 'string' || typeof v === 'boolean' || v === null) continue;
    if (typeof v === 'number' && Number.isFinite(v) && !Object.is(v, -0)) continue;
    return null;
  }
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) copy[keys[i]!] = properties[keys[i]!];
  return copy;
}

/**
 * A resolver fed one article at a time: `add` keeps only a compact record of each
 * extraction (so a build need not hold every ExtractionResult until the end), `finish`
 * resolves the corpus. Input order does not matter; `finish` works in article-id order.
 */
export interface CorpusResolver {
  /** Takes what the resolver needs from one article's extraction; keeps no reference to it. */
  add(result: ExtractionResult): void;
  /** Articles added so far. */
  readonly size: number;
  /** Resolves everything added; call once. */
  finish(): Resolution;
}

/** Merges the extractions of a corpus into one graph with deterministic ids. */
export async function resolveCorpus(results: ExtractionResult[], options: ResolveOptions = {}): Promise<Resolution> {
  const resolver = await createCorpusResolver(options);
  for (const r of results) resolver.add(r);
  return resolver.finish();
}

/** An incremental resolver with the options of resolveCorpus (reads the override file first). */
export async function createCorpusResolver(options: ResolveOptions = {}): Promise<CorpusResolver> {
  let overrides = options.overrides;
  if (!overrides) {
    if (options.overridesPath) overrides = await readOverrides(options.overridesPath, true);
    else if (existsSync(DEFAULT_OVERRIDES)) overrides = await readOverrides(DEFAULT_OVERRIDES, false);
    else overrides = emptyOverrides();
  }
  const gazetteer = options.gazetteer === undefined ? getGazetteer() : options.gazetteer;
  return createResolver(overrides, gazetteer, options.maxEvidence ?? 1000);
}

/** The pure core of resolveCorpus: no file reads. */
export function resolveWith(results: ExtractionResult[], overrides: Overrides, gazetteer: Gazetteer | null, maxEvidence = 1000): Resolution {
  const resolver = createResolver(overrides, gazetteer, maxEvidence);
  for (const r of results) resolver.add(r);
  return resolver.finish();
}

/**
 * A copy of `s` that owns its characters. V8 keeps a substring (13 characters or more) as a
 * slice of its parent: an interned mention text or sentence would otherwise keep the whole
 * article's source alive. Slicing a concatenation first copies it into a string of its own
 * (about four times cheaper than a round trip through a Buffer); the result is a slice of that.
 */
function own(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

function ownOrNull<T>(s: T): T {
  return (typeof s === 'string' ? own(s) : s) as T;
}

/** The incremental resolver without file reads (resolveWith and createCorpusResolver use it). */
export function createResolver(overrides: Overrides, gazetteer: Gazetteer | null, maxEvidence = 1000): CorpusResolver {
  const keyOf = makeKeyer(overrides, gazetteer);
  let records: ArticleRecord[] = [];
  let store: Store | null = {
    occInfo: [],
    occKey: [],
    occKeyNum: new IntList(),
    occTypeNum: new IntList(),
    keys: [],
    keyTypes: [],
    occProps: [],
    occSpan: new IntList(),
    occSpanCount: new IntList(),
    occOtherText: new IntList(),
    spans: new IntList(4096),
    rels: new IntList(),
    ev: new IntList(),
    bylines: new IntList(),
    sentences: [],
    texts: [],
    rules: [],
  };
  // Interned across the corpus: names, mention texts, rule ids.
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    let v = strings.get(s);
    if (v === undefined) {
      v = own(s);
      strings.set(v, v);
    }
    return v;
  };
  const textIndex = new Map<string, number>();
  const ruleIndex = new Map<string, number>();
  // Property objects repeat (every mention of an office carries the same title and
  // jurisdiction): one shared copy of each, read-only, not the extraction's object.
  const propsIndex = new Map<string, Record<string, unknown>>();
  const propsOf = (properties: Record<string, unknown>): Record<string, unknown> => {
    let any = false;
    for (const _ in properties) {
      any = true;
      break;
    }
    if (!any) return NO_PROPERTIES;
    const json = JSON.stringify(properties);
    let p = propsIndex.get(json);
    if (!p) {
      p = JSON.parse(json) as Record<string, unknown>;
      propsIndex.set(json, p);
    }
    return p;
  };
  const indexOf = (table: string[], index: Map<string, number>, s: string): number => {
    let i = index.get(s);
    if (i === undefined) {
      i = table.length;
      const v = own(s);
      table.push(v);
      index.set(v, i);
    }
    return i;
  };
  // The last rule id looked up and its number: an article's mentions and evidence repeat a few rules in runs.
  let lastRule: string | symbol = NO_RULE_YET;
  let lastRuleNum = -1;
  const ruleNumOf = (S: Store, rule: string): number => {
    if (rule !== lastRule) {
      lastRuleNum = indexOf(S.rules, ruleIndex, rule);
      lastRule = rule;
    }
    return lastRuleNum;
  };
  // Per type: key → its number (Store.keys), given when a name or a division's code first brings it.
  const keyNums: Array<Map<string, number>> = ENTITY_TYPES.map(() => new Map());
  const keyNumOf = (t: number, key: string): number => {
    const S = store!;
    let k = keyNums[t]!.get(key);
    if (k === undefined) {
      k = S.keys.length;
      S.keys.push(key);
      S.keyTypes.push(t);
      keyNums[t]!.set(key, k);
    }
    return k;
  };
  // Per type (ENTITY_TYPES order): surface name → NameInfo. Keyed by the name itself, so a
  // lookup hashes the extraction's string once instead of building a `type\0name` key.
  const infos: Array<Map<string, NameInfo>> = ENTITY_TYPES.map(() => new Map());
  const infoOf = (t: number, name: string): NameInfo => {
    let info = infos[t]!.get(name);
    if (!info) {
      const type = ENTITY_TYPES[t]!;
      info = new NameInfo(type, t, intern(name), intern(keyOf(type, name)), intern(displayForm(type, name, gazetteer)), intern(clean(name)));
      info.keyNum = keyNumOf(t, info.key);
      infos[t]!.set(info.surface, info);
    }
    return info;
  };
  // The properties of an occurrence, shared: most occurrences of a name carry the same flat
  // properties as its last one, which a comparison finds without JSON.stringify.
  const occPropsOf = (info: NameInfo, properties: Record<string, unknown>): Record<string, unknown> => {
    // Half the occurrences have none (people): answered without reading the name's last ones.
    let any = false;
    for (const _ in properties) {
      any = true;
      break;
    }
    if (!any) return NO_PROPERTIES;
    const last = info.props;
    if (last && sameFlatProperties(properties, last, info.propKeys)) return last;
    // Properties that change from one occurrence to the next (a project's stage, an event's
    // date) are copied as they are when JSON would give them back unchanged, without the
    // JSON text that shares equal objects: sharing only spares memory, and no output shows it.
    const p = flatCopy(properties) ?? propsOf(properties);
    info.props = p;
    info.propKeys = Object.keys(p);
    return p;
  };
  // The number of the article being added: a name's occurrence in it is marked on its NameInfo
  // (no map of the article's occurrences to fill and empty per article).
  let serial = -1;
  // Reused for every article (cleared at its start): its sentences.
  const sentenceIndex = new Map<string, number>();
  /** The article's sentences so far. */
  const articleSentences: string[] = [];
  const relEnds: number[] = [];
  // An entity listed twice in an article: its repeat's mentions, `[occurrence in the article, start, end, text, rule, …]`.
  const extraSpans = new IntList();
  // The last type name looked up and its number: entities and relation ends come in runs of one type.
  let lastTypeName = '';
  let lastTypeNum: number | undefined;
  const typeNumOf = (type: string): number | undefined => {
    if (type !== lastTypeName) {
      lastTypeName = type;
      lastTypeNum = typeIndex.get(type);
    }
    return lastTypeNum;
  };
  /** The article's occurrence of a type and name, as `${type}\0${name}` would find it. */
  const occOf = (type: unknown, name: unknown): number | undefined => {
    const t = typeNumOf(typeof type === 'string' ? type : String(type));
    if (t === undefined) return undefined;
    const info = infos[t]!.get(typeof name === 'string' ? name : String(name));
    return info !== undefined && info.articleMark === serial ? info.articleOcc : undefined;
  };

  const add = (r: ExtractionResult): void => {
    const S = store;
    if (!S) throw new Error('CorpusResolver.add: the resolver has finished. Expecting add() before finish()');
    const a = r.article;
    const first = S.occInfo.length;
    const rec = new ArticleRecord(
      new ArticleMeta(
        own(a.id),
        own(a.path),
        ownOrNull(a.title),
        ownOrNull(a.date),
        ownOrNull(a.source),
        ownOrNull(a.url),
        ownOrNull(a.home),
        a.homeSource ?? null,
        ownOrNull(a.lang),
        a.byline?.map((b) => ownOrNull(b)),
      ),
      first,
      S.rels.length / 5,
    );
    serial++;
    sentenceIndex.clear();
    // Spans go straight into the store, each new occurrence's in one run. The mentions of an
    // entity listed twice (rare) wait in extraSpans until the article's runs are laid out again.
    const spanBase = S.spans.length >> 2;
    extraSpans.length = 0;
    const put = (type: EntityType, name: string, mentions: ExtractionResult['entities'][number]['mentions'], properties: Record<string, unknown>) => {
      const t = typeof name === 'string' && typeof type === 'string' ? typeNumOf(type) : undefined;
      const info = t === undefined ? undefined : infoOf(t, name);
      if (t === undefined || !info || !info.rawName) {
        const m = `${String(type)} ${JSON.stringify(name)} has no usable type or name; left out`;
        if (rec.leftOut === NONE) rec.leftOut = [];
        if (!rec.leftOut.includes(m)) rec.leftOut.push(m);
        return;
      }
      const existing = info.articleMark === serial ? info.articleOcc : undefined;
      const local = (existing ?? S.occInfo.length) - first;
      const runStart = S.spans.length >> 2;
      let other = false;
      let count = 0;
      for (const m of mentions) {
        // Most mentions write the name itself: its text index is kept with the name.
        let text: number;
        if (m.text === name) text = info.textNum >= 0 ? info.textNum : (info.textNum = indexOf(S.texts, textIndex, name));
        else {
          if (m.text === info.otherText) text = info.otherTextNum;
          else {
            text = indexOf(S.texts, textIndex, m.text);
            // The store's copy, not the extraction's string (which may hold its article).
            info.otherText = S.texts[text]!;
            info.otherTextNum = text;
          }
          other = true;
        }
        const rule = ruleNumOf(S, m.rule);
        if (existing !== undefined) {
          extraSpans.push(local);
          extraSpans.push(m.start);
          extraSpans.push(m.end);
          extraSpans.push(text);
          extraSpans.push(rule);
        } else {
          S.spans.push(m.start);
          S.spans.push(m.end);
          S.spans.push(text);
          S.spans.push(rule);
        }
        count++;
      }
      if (existing !== undefined) {
        if (other) S.occOtherText.data[existing] = 1;
        S.occProps[existing] = propsOf({ ...properties, ...S.occProps[existing] });
        return;
      }
      const o = S.occInfo.length;
      let key = info.key;
      let keyNum = info.keyNum;
      // Many townships share a name (城关镇, 东升镇): where the gazetteer has several, the
      // division code the extractor found keeps them apart.
      if (type === 'AdminDivision' && properties.code != null && gazetteer && (info.sameNameMany ??= sameNameCount(gazetteer, info.name) > 1)) {
        key = intern(`${key}#${properties.code}`);
        keyNum = keyNumOf(t, key);
      }
      S.occInfo.push(info);
      S.occKey.push(key);
      S.occKeyNum.push(keyNum);
      S.occTypeNum.push(t);
      S.occProps.push(occPropsOf(info, properties));
      info.articleMark = serial;
      info.articleOcc = o;
      // The occurrence's run of spans (laid out again below when the entity is listed twice).
      S.occSpan.push(runStart);
      S.occSpanCount.push(count);
      S.occOtherText.push(other ? 1 : 0);
    };
    for (const e of r.entities) put(e.type, e.name, e.mentions, e.properties ?? NO_PROPERTIES);
    // The ends of each relation, found once (-1: left out, looked up again below).
    relEnds.length = 0;
    for (const rel of r.relations) {
      let from = occOf(rel.from.type, rel.from.name);
      if (from === undefined) {
        put(rel.from.type, rel.from.name, NONE, NO_PROPERTIES);
        from = occOf(rel.from.type, rel.from.name);
      }
      let to = occOf(rel.to.type, rel.to.name);
      if (to === undefined) {
        put(rel.to.type, rel.to.name, NONE, NO_PROPERTIES);
        to = occOf(rel.to.type, rel.to.name);
      }
      relEnds.push(from ?? -1, to ?? -1);
    }
    rec.occEnd = S.occInfo.length;
    // Each occurrence's spans in one run of the store: its own, then those of its repeats.
    if (extraSpans.length) {
      const laid = S.spans.data.slice(spanBase * 4, S.spans.length);
      const extra = extraSpans.data;
      const runStart = S.occSpan.data;
      const runCount = S.occSpanCount.data;
      S.spans.length = spanBase * 4;
      for (let i = 0; i < rec.occEnd - first; i++) {
        const from = (runStart[first + i]! - spanBase) * 4;
        const to = from + runCount[first + i]! * 4;
        runStart[first + i] = S.spans.length >> 2;
        for (let k = from; k < to; k++) S.spans.push(laid[k]!);
        for (let x = 0; x < extraSpans.length; x += 5) {
          if (extra[x] !== i) continue;
          for (let k = x + 1; k < x + 5; k++) S.spans.push(extra[k]!);
          runCount[first + i]!++;
        }
      }
    }
    for (let ri = 0; ri < r.relations.length; ri++) {
      const rel = r.relations[ri]!;
      // An end left out may be there now under its name as a string (a later relation's `"5"` for `5`).
      const from = relEnds[ri * 2]! >= 0 ? relEnds[ri * 2] : occOf(rel.from.type, rel.from.name);
      const to = relEnds[ri * 2 + 1]! >= 0 ? relEnds[ri * 2 + 1] : occOf(rel.to.type, rel.to.name);
      if (from === undefined || to === undefined) continue; // an endpoint that was left out (reported above)
      const ev0 = S.ev.length >> 2;
      for (const e of rel.evidence) {
        const isGazetteer = e.rule === 'gazetteer' || (e.end <= e.start && !e.sentence);
        const rule = ruleNumOf(S, e.rule);
        if (isGazetteer) {
          S.ev.push(-1);
          S.ev.push(0);
          S.ev.push(0);
        } else {
          const sentence = e.sentence ?? '';
          let si = sentenceIndex.get(sentence);
          if (si === undefined) {
            si = S.sentences.length + articleSentences.length;
            articleSentences.push(sentence);
            // The extraction's string as the key: the map is emptied with each article.
            sentenceIndex.set(sentence, si);
          }
          S.ev.push(si);
          S.ev.push(e.start);
          S.ev.push(e.end);
        }
        S.ev.push(rule);
      }
      S.rels.push(RELATION_TYPES.indexOf(rel.type));
      S.rels.push(from);
      S.rels.push(to);
      S.rels.push(ev0);
      S.rels.push(S.ev.length >> 2);
    }
    rec.relEnd = S.rels.length / 5;
    if (articleSentences.length === 1) S.sentences.push(own(articleSentences[0]!));
    else if (articleSentences.length) {
      // One copy of them all (join copies the characters), each sentence a slice of it: not a
      // copy per sentence, and nothing keeps the article's source alive.
      const all = articleSentences.join('');
      for (let i = 0, at = 0; i < articleSentences.length; i++) {
        const end = at + articleSentences[i]!.length;
        S.sentences.push(all.slice(at, end));
        at = end;
      }
    }
    articleSentences.length = 0;
    // A byline name not written as a person's name here is looked for by key in finish
    // (bylinePeopleByKey): that rare branch here would cost a recompilation of add the first
    // time an article needs it.
    rec.byline = S.bylines.length;
    for (const b of a.byline ?? NONE) S.bylines.push(occOf('Person', b) ?? -1);
    rec.bylineEnd = S.bylines.length;
    records.push(rec);
  };

  return {
    add,
    get size() {
      return records.length;
    },
    finish() {
      const S = store;
      if (!S) throw new Error('CorpusResolver.finish: called twice. Expecting one finish() per resolver');
      // Let go of everything: the Resolution keeps what it needs.
      store = null;
      const all = records;
      records = [];
      for (const m of infos) m.clear();
      for (const m of keyNums) m.clear();
      sentenceIndex.clear();
      strings.clear();
      textIndex.clear();
      ruleIndex.clear();
      propsIndex.clear();
      return finish(all, S, { overrides, gazetteer, maxEvidence });
    },
  };
}

interface FinishContext {
  overrides: Overrides;
  gazetteer: Gazetteer | null;
  maxEvidence: number;
}

function finish(records: ArticleRecord[], S: Store, ctx: FinishContext): Resolution {
  const { overrides, gazetteer, maxEvidence } = ctx;
  const { occInfo, occKey, occProps } = S;
  const rels4 = S.rels.data;
  const ev4 = S.ev.data;
  const bylines = S.bylines.data;
  bylinePeopleByKey(records, S);
  const schema = loadSchema();
  const messages: string[] = [...overrides.messages];
  const merges: MergeRecord[] = [];
  const review: ReviewItem[] = [];

  // Input order must not matter: work in article-id order.
  const articles = records.sort((a, b) => compareIds(a.meta.id, b.meta.id) || compareIds(a.meta.path, b.meta.path));
  const articleIds: string[] = [];
  const seenIds = new Map<string, number>();
  for (const r of articles) {
    const n = (seenIds.get(r.meta.id) ?? 0) + 1;
    seenIds.set(r.meta.id, n);
    if (n > 1) messages.push(`resolve: article id ${r.meta.id} occurs ${n} times (${r.meta.path}); this one is ${r.meta.id}#${n}`);
    articleIds.push(n > 1 ? `${r.meta.id}#${n}` : r.meta.id);
  }
  const dates = articles.map((r) => (r.meta.date && DATE.test(r.meta.date) ? r.meta.date : ''));
  const jurisdictionOf = makeJurisdiction(gazetteer);

  // 1. Occurrences: one per entity per article, relation endpoints included.
  const occCount = occInfo.length;
  const occArt = new Int32Array(occCount);
  // The node of each occurrence, by its number in nodeList.
  const occNode = new Int32Array(occCount);
  articles.forEach((r, art) => {
    for (const m of r.leftOut) messages.push(`resolve: ${articleIds[art]}: ${m}`);
    for (let o = r.occ; o < r.occEnd; o++) occArt[o] = art;
  });
  /** The ids of the articles of occurrences in article order, each once, sorted. */
  // Article ids in article order are in code-point order unless a repeated id's `#2` sorts after
  // a longer id: then ids found in article order (sources, merged articles) are sorted already.
  let idsSorted = true;
  for (let art = 1; art < articleIds.length && idsSorted; art++) if (compareIds(articleIds[art - 1]!, articleIds[art]!) > 0) idsSorted = false;
  const articleIdsOf = (occs: number[]): string[] => {
    const out: string[] = [];
    let last = -1;
    let ascending = idsSorted;
    for (let i = 0; i < occs.length; i++) {
      const art = occArt[occs[i]!]!;
      if (art === last) continue;
      if (art < last) ascending = false;
      last = art;
      out.push(articleIds[art]!);
    }
    return ascending ? out : out.sort(compareIds);
  };
  const V: OccView = { info: occInfo, key: occKey, props: occProps, art: occArt, span: S.occSpan.data, spanCount: S.occSpanCount.data, otherText: S.occOtherText.data, spans: S.spans.data };

  // 2. Nodes. Everything but people: one node per key.
  const nodes = new Map<string, NodeBuild>();
  // The nodes in the order `nodes` holds them; a node's `num` is its place here.
  const nodeList: NodeBuild[] = [];
  const addNode = (label: NodeBuild['label'], id: string, key: string, disambiguator: string, occs: number[], context: string[]): number => {
    // Like Map.set: an id seen before (a hash collision) keeps its place and number.
    const num = nodes.get(id)?.num ?? nodeList.length;
    const node = new NodeBuild(num, label, id, key, disambiguator, occs, context);
    nodes.set(id, node);
    nodeList[num] = node;
    return num;
  };
  // Occurrences by key, each key's in article order: counted, then placed (no lookup by key text).
  const keyCount = S.keys.length;
  const occKeyNum = S.occKeyNum.data;
  const keyFrom = new Int32Array(keyCount + 1);
  for (let o = 0; o < occCount; o++) keyFrom[occKeyNum[o]! + 1]++;
  for (let k = 0; k < keyCount; k++) keyFrom[k + 1]! += keyFrom[k]!;
  const byKeyOccs = new Int32Array(occCount);
  const keyFill = keyFrom.slice(0, keyCount);
  for (const r of articles) for (let o = r.occ; o < r.occEnd; o++) byKeyOccs[keyFill[occKeyNum[o]!]!++] = o;
  // Per type, the numbers of the keys that have occurrences.
  const keysOfType: number[][] = ENTITY_TYPES.map(() => []);
  for (let k = 0; k < keyCount; k++) if (keyFrom[k + 1]! > keyFrom[k]!) keysOfType[S.keyTypes[k]!]!.push(k);
  const personGroups: Array<[string, number[]]> = [];
  // Per office key: where it belongs. The name's own prefix first (so title + jurisdiction
  // spell the name); else the jurisdiction the extractor gave the key's first occurrence in
  // article order (a bare title it placed from context).
  const officeJurisdiction = new Map<string, Jurisdiction | null>();
  // In `${type}\0${key}` order: no type name is a prefix of another, so by type name, then key.
  for (const t of TYPES_BY_NAME) {
    for (const k of keysOfType[t]!.sort((a, b) => compareIds(S.keys[a]!, S.keys[b]!))) {
      const key = S.keys[k]!;
      const list: number[] = [];
      for (let i = keyFrom[k]!; i < keyFrom[k + 1]!; i++) list.push(byKeyOccs[i]!);
      const type = ENTITY_TYPES[t]!;
      if (type === 'Person') {
        personGroups.push([key, list]);
        continue;
      }
      if (type === 'Office') {
        const j = occProps[list[0]!]!.jurisdiction;
        const given = typeof j === 'string' ? j : null;
        officeJurisdiction.set(key, jurisdictionOf(key) ?? (given ? { written: given, canonical: gazetteer?.byName(given)?.name ?? given } : null));
      }
      const id = nodeId(type, key);
      const num = addNode(type, id, key, '', list, []);
      for (let i = 0; i < list.length; i++) occNode[list[i]!] = num;
    }
    keysOfType[t]!.length = 0;
  }

  // People: context = jurisdictions of the offices each holds in that article (and the
  // paper's home for a byline name), then clustering by compatible context.
  const HOLDS = RELATION_TYPES.indexOf('HOLDS');
  // By occurrence: the jurisdictions of a person there (an array reads faster than a Map of
  // numbers). Most have one: a shared one-element list (read only); a Set from the second on.
  const personContext = filled<readonly string[] | Set<string> | undefined>(occCount, undefined);
  const singleContext = new Map<string, readonly string[]>();
  const contextOf = (j: string): readonly string[] => {
    let list = singleContext.get(j);
    if (!list) singleContext.set(j, (list = [j]));
    return list;
  };
  for (const r of articles) {
    for (let i = r.rel; i < r.relEnd; i++) {
      const from = rels4[i * 5 + 1]!;
      const to = rels4[i * 5 + 2]!;
      if (rels4[i * 5] !== HOLDS || occInfo[from]!.type !== 'Person' || occInfo[to]!.type !== 'Office') continue;
      const j = officeJurisdiction.get(occKey[to]!)?.canonical;
      if (!j) continue;
      const context = personContext[from];
      if (context === undefined) personContext[from] = contextOf(j);
      else if (context instanceof Set) context.add(j);
      else if (context[0] !== j) personContext[from] = new Set([context[0]!, j]);
    }
    const home = r.meta.home;
    for (let i = r.byline; i < r.bylineEnd; i++) {
      const p = bylines[i]!;
      if (p < 0 || !home || personContext[p]) continue;
      personContext[p] = contextOf(home);
    }
  }
  // The person keys of an article, made when clustering first asks (bare names with several candidates).
  const personKeysByArticle = filled<Set<string> | undefined>(articles.length, undefined);
  const personKeysOf = (art: number): Set<string> => {
    let keys = personKeysByArticle[art];
    if (!keys) {
      keys = new Set<string>();
      const r = articles[art]!;
      for (let o = r.occ; o < r.occEnd; o++) if (occInfo[o]!.type === 'Person') keys.add(occKey[o]!);
      personKeysByArticle[art] = keys;
    }
    return keys;
  };
  const anyPersonOverrides = overrides.same.length > 0 || overrides.different.length > 0;
  for (const [key, list] of personGroups) {
    const outcome =
      oneJurisdictionOutcome(key, list, personContext, occArt, anyPersonOverrides && hasPersonOverrides(key, overrides)) ??
      clusterPeople(
        key,
        list.map((o) => {
          const context = personContext[o];
          const art = occArt[o]!;
          const jurisdictions = context === undefined ? NONE : context instanceof Set ? [...context].sort(compareIds) : (context as string[]);
          return new LazyPersonOccurrence(articleIds[art]!, jurisdictions, art, personKeysOf);
        }),
        overrides,
        gazetteer,
      );
    messages.push(...outcome.messages);
    for (const c of outcome.clusters) {
      const id = nodeId('Person', key, c.disambiguator === UNRESOLVED ? '?' : c.disambiguator);
      const members = c.members.map((i) => list[i]!);
      const num = addNode('Person', id, key, c.disambiguator, members, c.jurisdictions);
      for (let i = 0; i < members.length; i++) occNode[members[i]!] = num;
      // Members come in article order: several articles when the first and last differ.
      if (c.reason && occArt[members[0]!] !== occArt[members[members.length - 1]!]) {
        merges.push({ label: 'Person', id, name: key, reason: c.reason, articles: articleIdsOf(members) });
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
  personContext.length = 0;
  personKeysByArticle.length = 0;

  singleContext.clear();

  // Variant merges of other labels: say which names became one node.
  for (const n of nodes.values()) {
    if (n.label === 'Person') continue;
    // Most nodes have one name: look for a second before collecting them.
    const first = occInfo[n.occs[0]!]!.rawName;
    if (n.occs.every((o) => occInfo[o]!.rawName === first)) continue;
    const names = uniqueSorted(n.occs.map((o) => occInfo[o]!.rawName));
    if (names.length > 1) {
      merges.push({
        label: n.label,
        id: n.id,
        name: displayName(n, V),
        reason: `${n.label.toLowerCase()}.name-key: ${names.join(' ≡ ')} share the key ${n.key}`,
        articles: articleIdsOf(n.occs),
        names,
      });
    }
  }
  reportUnusedOverrides(overrides, nodes, V, messages);

  // 3. Relationships with their evidence. Facts are grouped by type and node numbers (one
  // hash of the ids per relationship rather than per fact); ids as relationshipId gives them.
  // Relationships by number; per relationship number: its evidence items kept, whether one from
  // the gazetteer is among them, the last article it was found in and how many (at most one per fact).
  const relBuilds: RelBuild[] = [];
  const relById = new Map<string, number>();
  // By (type and start node, end node): `from·T + type` stays below 2^31 for any corpus.
  const relByNodes = new PairTable();
  const T = RELATION_TYPES.length;
  const factCount = S.rels.length / 5;
  const relEvidenceCount = new Int32Array(factCount);
  const relGazetteerSeen = new Uint8Array(factCount);
  const relLastArticle = new Int32Array(factCount).fill(-1);
  const relSourceCount = new Int32Array(factCount);
  // Per fact: its relationship, -1 for none (dropped, or from a node to itself).
  const factRel = new Int32Array(factCount).fill(-1);
  const nodeCount = nodeList.length;
  // Per evidence item: the relationship that keeps it, -1 for none.
  const evRel = new Int32Array(S.ev.length >> 2).fill(-1);
  // Whether the schema allows relation type r from entity type f to entity type t, at (r·E + f)·E + t.
  const E = ENTITY_TYPES.length;
  const allowed = new Uint8Array(RELATION_TYPES.length * E * E);
  RELATION_TYPES.forEach((type, r) => {
    const rs = schema.relationships[type];
    if (!rs) return;
    for (let f = 0; f < E; f++) for (let t = 0; t < E; t++) if (rs.from.includes(ENTITY_TYPES[f]!) && rs.to.includes(ENTITY_TYPES[t]!)) allowed[(r * E + f) * E + t] = 1;
  });
  const occTypeNum = S.occTypeNum.data;
  for (let art = 0; art < articles.length; art++) {
    const r = articles[art]!;
    for (let i = r.rel; i < r.relEnd; i++) {
      const typeNum = rels4[i * 5]!;
      const fromOcc = rels4[i * 5 + 1]!;
      const toOcc = rels4[i * 5 + 2]!;
      if (!allowed[(typeNum * E + occTypeNum[fromOcc]!) * E + occTypeNum[toOcc]!]) {
        const fi = occInfo[fromOcc]!;
        const ti = occInfo[toOcc]!;
        messages.push(`resolve: ${articleIds[art]!}: ${RELATION_TYPES[typeNum]!} ${fi.type} ${fi.surface} → ${ti.type} ${ti.surface} does not fit schema/graph.yaml; dropped`);
        continue;
      }
      const from = occNode[fromOcc]!;
      const to = occNode[toOcc]!;
      if (from === to) continue;
      const typeFrom = from * T + typeNum;
      let rel = relByNodes.get(typeFrom, to);
      if (rel < 0) {
        const type = RELATION_TYPES[typeNum]!;
        const start = nodeList[from]!.id;
        const end = nodeList[to]!.id;
        const id = relationshipId(type, start, end);
        // Two pairs with one id (a hash collision) are one relationship, as they were when keyed by id.
        const known = relById.get(id);
        if (known === undefined) {
          rel = relBuilds.length;
          relBuilds.push(new RelBuild(id, type, start, end));
          relById.set(id, rel);
        } else rel = known;
        relByNodes.set(typeFrom, to, rel);
      }
      factRel[i] = rel;
      if (relLastArticle[rel] !== art) {
        relLastArticle[rel] = art;
        relSourceCount[rel]++;
      }
      for (let item = rels4[i * 5 + 3]!, end = rels4[i * 5 + 4]!; item < end; item++) {
        if (ev4[item * 4]! < 0) {
          // The national division list says the same thing in every article: keep it once.
          if (relGazetteerSeen[rel]) continue;
          relGazetteerSeen[rel] = 1;
        }
        relEvidenceCount[rel]++;
        evRel[item] = rel;
      }
    }
  }
  relById.clear();

  const graphNodes: GraphNode[] = [];
  const graphRels: GraphRelationship[] = [];
  const articleNodeIds = articles.map((r, art) => {
    const node = articleNode(r, articleIds[art]!, schema);
    graphNodes.push(node);
    return node.id;
  });
  // Aliases: each name and mention text once per node, found by marking it with the node's number.
  const aliasMarks: AliasMarks = { text: new Int32Array(S.texts.length).fill(-1), texts: S.texts, cleanTexts: filled<string | undefined>(S.texts.length, undefined) };
  const gathered = gatherNodeOccurrences(articles, occNode, nodeList.length, V, dates, aliasMarks);
  aliasMarks.cleanTexts.length = 0;
  // The first nodes of each label taken in turns, then the rest: V8 compiles entityNode from
  // what its early calls did (after the very first, which it does not record), and a label
  // they did not show (people come last in nodeList) would throw that code away at its first
  // node. graphNodes are sorted by id below, so the order they are made in does not show.
  const earlyOfLabel = new Map<NodeLabel, NodeBuild[]>();
  for (const n of nodeList) {
    const early = earlyOfLabel.get(n.label);
    if (!early) earlyOfLabel.set(n.label, [n]);
    else if (early.length < EARLY_NODES_PER_LABEL) early.push(n);
  }
  const made = new Uint8Array(nodeList.length);
  for (let turn = 0; turn < EARLY_NODES_PER_LABEL; turn++) {
    for (const early of earlyOfLabel.values()) {
      const n = early[turn];
      if (!n) continue;
      graphNodes.push(entityNode(n, V, gathered, gazetteer, officeJurisdiction, schema));
      made[n.num] = 1;
    }
  }
  for (const n of nodeList) if (!made[n.num]) graphNodes.push(entityNode(n, V, gathered, gazetteer, officeJurisdiction, schema));

  // Articles by date (undated last), then id: the order of evidence.
  const dateKeys = dates.map((d) => d || '\uffff');
  let byDate: number[];
  if (idsSorted) {
    // Article order is id order: the articles of one date are in order already, so the
    // distinct dates are sorted rather than the articles.
    const ofDate = new Map<string, number[]>();
    for (let art = 0; art < articles.length; art++) {
      const list = ofDate.get(dateKeys[art]!);
      if (list) list.push(art);
      else ofDate.set(dateKeys[art]!, [art]);
    }
    byDate = [];
    for (const date of [...ofDate.keys()].sort(compareIds)) for (const art of ofDate.get(date)!) byDate.push(art);
  } else {
    byDate = articles.map((_, art) => art).sort((ax, ay) => compareIds(dateKeys[ax]!, dateKeys[ay]!) || compareIds(articleIds[ax]!, articleIds[ay]!));
  }
  // Each article's date as a number in date order (-1: undated): a relationship's earliest and
  // latest source compared as numbers, not as date texts.
  const dateRank = new Int32Array(articles.length).fill(-1);
  const rankDates: string[] = [];
  for (let rank = 0; rank < byDate.length; rank++) {
    const art = byDate[rank]!;
    const date = dates[art]!;
    if (!date) continue;
    if (rankDates[rankDates.length - 1] !== date) rankDates.push(date);
    dateRank[art] = rankDates.length - 1;
  }
  // Evidence goes by date (undated last), then article id, then start, end and rule id; two
  // items equal in all that keep the order they were found in. Laid out for every relationship
  // at once: articles in that order, each article's items sorted (a few, mostly in order already),
  // each item appended to its relationship's run.
  const relCount = relBuilds.length;
  const relEvFrom = new Int32Array(relCount + 1);
  for (let rel = 0; rel < relCount; rel++) relEvFrom[rel + 1] = relEvFrom[rel]! + relEvidenceCount[rel]!;
  // Each laid-out item's property values (article id, sentence, start, end, date, rule id): a
  // relationship's lists are slices of these (a copy of a run, not a function call per item).
  const laidOut = relEvFrom[relCount]!;
  const laidArticles = emptyStrings(laidOut);
  const laidSentences = laidArticles.slice();
  const laidStarts = zeros(laidOut);
  const laidEnds = laidStarts.slice();
  const laidDates = laidArticles.slice();
  const laidRules = laidArticles.slice();
  const relEvFill = relEvFrom.slice(0, relCount);
  // Rule ids by their number, in code-point order.
  const ruleRank = new Int32Array(S.rules.length);
  S.rules
    .map((_, i) => i)
    .sort((a, b) => compareIds(S.rules[a]!, S.rules[b]!))
    .forEach((rule, rank) => (ruleRank[rule] = rank));
  const inArticleBefore = (x: number, y: number): boolean => {
    const sx = ev4[x * 4 + 1]!;
    const sy = ev4[y * 4 + 1]!;
    if (sx !== sy) return sx < sy;
    const ex = ev4[x * 4 + 2]!;
    const ey = ev4[y * 4 + 2]!;
    if (ex !== ey) return ex < ey;
    const rx = ruleRank[ev4[x * 4 + 3]!]!;
    const ry = ruleRank[ev4[y * 4 + 3]!]!;
    return rx !== ry ? rx < ry : x < y;
  };
  const articleItems: number[] = [];
  for (let rank = 0; rank < byDate.length; rank++) {
    const r = articles[byDate[rank]!]!;
    if (r.rel === r.relEnd) continue;
    articleItems.length = 0;
    // An article's items lie together in the store, its facts' one after the other.
    for (let item = rels4[r.rel * 5 + 3]!, end = rels4[(r.relEnd - 1) * 5 + 4]!; item < end; item++) if (evRel[item]! >= 0) articleItems.push(item);
    // Insertion sort: stable, and linear when the items are in order.
    for (let i = 1; i < articleItems.length; i++) {
      const item = articleItems[i]!;
      let j = i - 1;
      if (!inArticleBefore(item, articleItems[j]!)) continue;
      while (j >= 0 && inArticleBefore(item, articleItems[j]!)) {
        articleItems[j + 1] = articleItems[j]!;
        j--;
      }
      articleItems[j + 1] = item;
    }
    const art = byDate[rank]!;
    const articleId = articleIds[art]!;
    const date = dates[art]!;
    for (let i = 0; i < articleItems.length; i++) {
      const item = articleItems[i]!;
      const at = relEvFill[evRel[item]!]!++;
      const sentence = ev4[item * 4]!;
      laidArticles[at] = articleId;
      laidSentences[at] = sentence < 0 ? GAZETTEER_SENTENCE : S.sentences[sentence]!;
      laidStarts[at] = ev4[item * 4 + 1]!;
      laidEnds[at] = ev4[item * 4 + 2]!;
      laidDates[at] = date;
      laidRules[at] = S.rules[ev4[item * 4 + 3]!]!;
    }
  }
  // Each relationship's sources, in article order, one run per relationship.
  const relSrcFrom = new Int32Array(relCount + 1);
  for (let rel = 0; rel < relCount; rel++) relSrcFrom[rel + 1] = relSrcFrom[rel]! + relSourceCount[rel]!;
  const relSrc = new Int32Array(relSrcFrom[relCount]!);
  // The same as article ids: a relationship's sources are a slice.
  const relSrcIds = emptyStrings(relSrcFrom[relCount]!);
  const relSrcFill = relSrcFrom.slice(0, relCount);
  relLastArticle.fill(-1);
  for (let art = 0; art < articles.length; art++) {
    const r = articles[art]!;
    for (let i = r.rel; i < r.relEnd; i++) {
      const rel = factRel[i]!;
      if (rel < 0 || relLastArticle[rel] === art) continue;
      relLastArticle[rel] = art;
      relSrcIds[relSrcFill[rel]!] = articleIds[art]!;
      relSrc[relSrcFill[rel]!++] = art;
    }
  }
  for (let rel = 0; rel < relCount; rel++) {
    const b = relBuilds[rel]!;
    const id = b.id;
    const total = relEvidenceCount[rel]!;
    // At most maxEvidence: the earliest and the latest. Runs of the laid-out arrays: [from, to),
    // or its first `head` and last `tail` items.
    const from = relEvFrom[rel]!;
    const to = relEvFrom[rel + 1]!;
    const truncated = total > maxEvidence;
    const head = truncated ? Math.max(0, Math.ceil(maxEvidence / 2)) : to - from;
    const tail = truncated ? Math.max(0, maxEvidence - Math.ceil(maxEvidence / 2)) : 0;
    const props: Record<string, PropertyValue> = { id };
    let firstRank = -1;
    let lastRank = -1;
    const sources = relSrcIds.slice(relSrcFrom[rel]!, relSrcFrom[rel + 1]!);
    for (let i = relSrcFrom[rel]!; i < relSrcFrom[rel + 1]!; i++) {
      const rank = dateRank[relSrc[i]!]!;
      if (rank < 0) continue;
      if (firstRank < 0 || rank < firstRank) firstRank = rank;
      if (rank > lastRank) lastRank = rank;
    }
    if (firstRank >= 0) {
      props.firstSeen = rankDates[firstRank]!;
      props.lastSeen = rankDates[lastRank]!;
    }
    props.sources = sources.length > 1 && !idsSorted ? sources.sort(compareIds) : sources;
    props.evidenceCount = total;
    // One slice per list: each made at its size, no items in between. An empty list has no
    // type in Neo4j and no form in CSV or GraphML: left out (sources never is empty).
    if (head + tail > 0) {
      props.evidenceArticles = keptRun(laidArticles, from, to, head, tail);
      props.evidenceSentences = keptRun(laidSentences, from, to, head, tail);
      props.evidenceStarts = keptRun(laidStarts, from, to, head, tail);
      props.evidenceEnds = keptRun(laidEnds, from, to, head, tail);
      props.evidenceDates = keptRun(laidDates, from, to, head, tail);
      props.rules = keptRun(laidRules, from, to, head, tail);
    }
    graphRels.push({ id, type: b.type, start: b.start, end: b.end, properties: props });
  }
  relBuilds.length = 0;

  // MENTIONS: one per article and node, every span kept, in the compact store.
  const nodeIds = nodeList.map((n) => n.id);
  // At most one MENTIONS per occurrence with spans, and no more spans than the occurrences have.
  let occsWithSpans = 0;
  for (let o = 0; o < occCount; o++) if (V.spanCount[o]) occsWithSpans++;
  const mentionStore = new MentionStoreBuilder({ mentions: occsWithSpans, spanValues: S.spans.length });
  // Per node: the last article that mentions it and its group there.
  const lastArticle = new Int32Array(nodeCount).fill(-1);
  const groupOf = new Int32Array(nodeCount);
  const groups: number[][] = [];
  const groupNodes: number[] = [];
  // MentionStoreBuilder.add copies the spans it is given: one list serves every MENTIONS.
  const spanScratch: SpanScratch = { length: 0 };
  const oneOcc = [0];
  for (let art = 0; art < articles.length; art++) {
    const r = articles[art]!;
    const hashPrefix = relationshipHashPrefix('MENTIONS', articleNodeIds[art]!);
    // Mostly each occurrence with spans is a node of its own in its article: then each is one
    // MENTIONS, with no list of occurrences per node.
    let repeated = false;
    for (let o = r.occ; o < r.occEnd; o++) {
      if (!V.spanCount[o]) continue;
      const node = occNode[o]!;
      if (lastArticle[node] === art) {
        repeated = true;
        break;
      }
      lastArticle[node] = art;
    }
    if (!repeated) {
      for (let o = r.occ; o < r.occEnd; o++) {
        if (!V.spanCount[o]) continue;
        const node = occNode[o]!;
        const hash = relationshipHashAfter(hashPrefix, nodeIds[node]!);
        const from = V.span[o]! * 4;
        const to = from + V.spanCount[o]! * 4;
        if (spansInOrder(V.spans, from, to)) {
          mentionStore.addRun(art, node, hash, V.spans, from, to);
          continue;
        }
        oneOcc[0] = o;
        mentionStore.add(art, node, hash, dedupeSpans(V, oneOcc, S.rules, spanScratch));
      }
      continue;
    }
    // Some node has several occurrences here (names merged by key): grouped by node, in first-occurrence order.
    groups.length = 0;
    groupNodes.length = 0;
    for (let o = r.occ; o < r.occEnd; o++) {
      if (!V.spanCount[o]) continue;
      const node = occNode[o]!;
      if (lastArticle[node] === -2 - art) {
        groups[groupOf[node]!]!.push(o);
      } else {
        lastArticle[node] = -2 - art;
        groupOf[node] = groups.length;
        groups.push([o]);
        groupNodes.push(node);
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const node = groupNodes[g]!;
      mentionStore.add(art, node, relationshipHashAfter(hashPrefix, nodeIds[node]!), dedupeSpans(V, groups[g]!, S.rules, spanScratch));
    }
  }

  // No empty lists to leave out: entityNode and articleNode leave them out, and so does the
  // relationships' loop above.
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
    occurrences: occCount,
    entities: nodes.size,
    ambiguousNames: [...personIds.values()].filter((c) => c > 1).length,
    merges: countBy(merges, (m) => m.label),
    review: countBy(review, (r) => r.kind),
    messages: messages.length,
  };
  const mentions = mentionStore.build(articleNodeIds, nodeIds, S.texts, S.rules);
  return { graph: { nodes: graphNodes, relationships: relationshipList(graphRels, mentions) }, merges, review, messages, stats };
}

/**
 * A byline name that no person of its article is written as (add left -1) points at the
 * article's first person whose key is the name's key, if any.
 */
function bylinePeopleByKey(records: ArticleRecord[], S: Store): void {
  const bylines = S.bylines.data;
  for (const r of records) {
    for (let i = r.byline; i < r.bylineEnd; i++) {
      if (bylines[i]! >= 0) continue;
      const key = nameKey('Person', r.meta.byline![i - r.byline]!);
      for (let o = r.occ; o < r.occEnd; o++) {
        if (S.occInfo[o]!.type === 'Person' && S.occKey[o] === key) {
          bylines[i] = o;
          break;
        }
      }
    }
  }
}

/**
 * clusterPeople's outcome for a person name key whose occurrences (in article order) name one
 * jurisdiction at most and no override speaks about (most names), counted from the resolver's
 * arrays without a PersonOccurrence per occurrence; null otherwise (clusterPeople decides).
 */
function oneJurisdictionOutcome(
  key: string,
  occs: number[],
  personContext: ReadonlyArray<readonly string[] | Set<string> | undefined>,
  occArt: Int32Array,
  overridden: boolean,
): PersonOutcome | null {
  if (overridden) return null;
  let only: string | null = null;
  let bare = 0;
  // Distinct articles of all occurrences and of those with a jurisdiction (occurrences of one article are adjacent).
  let articles = 0;
  let articlesWithContext = 0;
  let lastArt = -1;
  let lastContextArt = -1;
  for (let i = 0; i < occs.length; i++) {
    const o = occs[i]!;
    const art = occArt[o]!;
    if (art !== lastArt) {
      articles++;
      lastArt = art;
    }
    const context = personContext[o];
    if (context === undefined) {
      bare++;
      continue;
    }
    // A set holds two jurisdictions or more.
    if (context instanceof Set) return null;
    const j = (context as readonly string[])[0]!;
    if (only === null) only = j;
    else if (j !== only) return null;
    if (art !== lastContextArt) {
      articlesWithContext++;
      lastContextArt = art;
    }
  }
  return oneContextOutcome(key, occs.length, only, only === null ? articles : articlesWithContext, bare);
}

/** A PersonOccurrence whose co-mentioned names are collected only when clustering reads them. */
class LazyPersonOccurrence implements PersonOccurrence {
  constructor(
    readonly article: string,
    readonly jurisdictions: string[],
    private readonly art: number,
    private readonly personKeysOf: (art: number) => ReadonlySet<string>,
  ) {}
  get coMentioned(): ReadonlySet<string> {
    return this.personKeysOf(this.art);
  }
}

/** Items `[from, from + head)` and `[to - tail, to)` of `laid` (all of `[from, to)` when they meet), as one array. */
function keptRun<T>(laid: T[], from: number, to: number, head: number, tail: number): T[] {
  return from + head + tail >= to ? laid.slice(from, to) : laid.slice(from, from + head).concat(laid.slice(to - tail, to));
}

/**
 * An array of `n` empty strings, filled element by element: packed to V8, as are its slices
 * (the lists a relationship's properties are cut from), which exporters read. It grows step
 * by step (about three times its size allocated in all): a copy of one (`slice()`) does not.
 */
function emptyStrings(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push('');
  return out;
}

/**
 * emptyStrings for numbers: `n` zeros, packed small integers. A function of its own: one
 * function filling arrays of both kinds was compiled for the first and thrown away at the other.
 */
function zeros(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0);
  return out;
}

/**
 * An array of `n` times `value` made at its size: "holey" to V8 (no matter for arrays the
 * resolver keeps to itself; see emptyStrings for those whose slices leave it).
 */
function filled<T>(n: number, value: T): T[] {
  return new Array<T>(n).fill(value);
}

/** What entityNode marks to add each alias once: names and mention texts, with the node's number. */
interface AliasMarks {
  text: Int32Array;
  texts: readonly string[];
  /** Mention texts cleaned, as asked. */
  cleanTexts: Array<string | undefined>;
}

/** The per-occurrence arrays finish() reads, by occurrence index. */
interface OccView {
  info: NameInfo[];
  key: string[];
  props: Array<Record<string, unknown>>;
  art: Int32Array;
  span: Int32Array;
  spanCount: Int32Array;
  otherText: Int32Array;
  spans: Int32Array;
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

/** What follows a division's short form in an office name: a party or government word. */
const BEFORE_SHORT_FORM = /^(委|长|副|政府|人大|政协|人民|[省市州县区镇乡][委长])/;

function makeJurisdiction(gazetteer: Gazetteer | null): (office: string) => Jurisdiction | null {
  const leading = (text: string): string | null => {
    // Where each character ends, in code units (one outside the BMP takes two): prefixes are
    // slices of the text, not characters joined again.
    const ends: number[] = [];
    for (let i = 0; i < text.length; ) {
      i += text.codePointAt(i)! > 0xffff ? 2 : 1;
      ends.push(i);
    }
    for (let len = ends.length - 1; len >= 2; len--) {
      const cut = ends[len - 1]!;
      const prefix = text.slice(0, cut);
      if (gazetteer) {
        const kind = gazetteer.formKind(prefix);
        if (kind === 'name' || kind === 'zone' || kind === 'former') return prefix;
        // A short form only before a party or government word: 恩施州委书记, not 东方红公司.
        if (kind === 'short' && BEFORE_SHORT_FORM.test(text.slice(cut))) return prefix;
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

/**
 * A reusable list of numbers: `length` is a plain property, so emptying it keeps the room
 * (an array's `length = 0` lets its storage go, and the next pushes allocate it again).
 */
interface SpanScratch {
  length: number;
  [i: number]: number;
}

/** Whether the flat spans `spans[from..to)` go by start, then end, each (start, end) once: dedupeSpans would keep them as they are. */
function spansInOrder(spans: Int32Array, from: number, to: number): boolean {
  for (let i = from + 4; i < to; i += 4) {
    if (spans[i - 4]! < spans[i]! || (spans[i - 4] === spans[i] && spans[i - 3]! < spans[i + 1]!)) continue;
    return false;
  }
  return true;
}

/**
 * The spans of the occurrences of one node in one article, flat `[start, end, text, rule, …]`:
 * sorted by start, end and rule id, one per start and end; written into `out` (reused: the
 * caller copies them) and returned.
 */
function dedupeSpans(V: OccView, occs: number[], rules: string[], out: SpanScratch): SpanScratch {
  const spans = V.spans;
  out.length = 0;
  if (occs.length === 1) {
    // One occurrence whose spans already go by start and end, each once (the usual case):
    // its run of the store as it is.
    const from = V.span[occs[0]!]! * 4;
    const to = from + V.spanCount[occs[0]!]! * 4;
    if (spansInOrder(spans, from, to)) {
      for (let i = from; i < to; i++) out[out.length++] = spans[i]!;
      return out;
    }
  }
  const idx: number[] = [];
  for (const o of occs) for (let k = 0; k < V.spanCount[o]!; k++) idx.push((V.span[o]! + k) * 4);
  idx.sort((a, b) => spans[a]! - spans[b]! || spans[a + 1]! - spans[b + 1]! || compareIds(rules[spans[a + 3]!]!, rules[spans[b + 3]!]!));
  let lastStart = NaN;
  let lastEnd = NaN;
  for (const i of idx) {
    // Sorted by start and end: a repeat of a span is next to it.
    if (spans[i] === lastStart && spans[i + 1] === lastEnd) continue;
    lastStart = spans[i]!;
    lastEnd = spans[i + 1]!;
    for (let k = i; k < i + 4; k++) out[out.length++] = spans[k]!;
  }
  return out;
}

function displayName(n: NodeBuild, V: OccView): string {
  if (n.label === 'Person' || n.label === 'Office') return n.key;
  // Most nodes have one name (interned: compared by reference mostly): the choice below picks it.
  const only = V.info[n.occs[0]!]!.name;
  let one = true;
  for (let i = 1; i < n.occs.length && one; i++) one = V.info[n.occs[i]!]!.name === only;
  if (one) return only === n.key && n.label !== 'AdminDivision' ? n.key : only;
  const counts = new Map<string, number>();
  for (let i = 0; i < n.occs.length; i++) {
    const o = n.occs[i]!;
    const name = V.info[o]!.name;
    counts.set(name, (counts.get(name) ?? 0) + Math.max(1, V.spanCount[o]!));
  }
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

/** setTyped's value for a property not set yet: the value as it is stored, or undefined when it does not fit. */
function typed(value: unknown, type: PropertyType | undefined): PropertyValue | undefined {
  if (!type || value === undefined || value === null) return undefined;
  let v = value as PropertyValue;
  if (type === 'string' && typeof value === 'number') v = String(value);
  if (type === 'string[]' && Array.isArray(value)) v = value.map(String);
  return valueFits(v, type) ? v : undefined;
}

/**
 * typed() for the article's metadata, most of which are strings declared `string`: those are
 * answered without valueFits (typed would give the value itself); anything else goes to typed.
 */
function typedMeta(value: unknown, type: PropertyType | undefined): PropertyValue | undefined {
  return type === 'string' && typeof value === 'string' ? value : typed(value, type);
}

function articleNode(r: ArticleRecord, id: string, schema: Schema): GraphNode {
  const a = r.meta;
  const nodeIdValue = articleNodeId(id);
  const props: Record<string, PropertyValue> = { id: nodeIdValue };
  const declared = schema.nodes.Article.properties;
  // Named stores in a fixed order (as setTyped would set them): every article node gets one shape.
  let v: PropertyValue | undefined;
  if ((v = typedMeta(a.path, declared.path)) !== undefined) props.path = v;
  if ((v = typedMeta(a.title, declared.title)) !== undefined) props.title = v;
  if ((v = typed(a.date, declared.date)) !== undefined) props.date = v;
  if ((v = typedMeta(a.source, declared.source)) !== undefined) props.source = v;
  if ((v = typedMeta(a.url, declared.url)) !== undefined) props.url = v;
  if ((v = typedMeta(a.home, declared.home)) !== undefined) props.home = v;
  if ((v = typedMeta(a.homeSource ?? null, declared.homeSource)) !== undefined) props.homeSource = v;
  if ((v = typedMeta(a.lang, declared.lang)) !== undefined) props.lang = v;
  // An empty byline would only be dropped again with the other empty lists.
  if (a.byline?.length && (v = typed(a.byline, declared.byline)) !== undefined) props.byline = v;
  return { id: nodeIdValue, label: 'Article', properties: props };
}

/** Per node (by its number), what entityNode reads of the node's occurrences. */
interface GatheredOccurrences {
  articleCount: Int32Array;
  /** The earliest and latest date of the node's articles ('' when none is dated). */
  firstSeen: string[];
  lastSeen: string[];
  /** Names and cleaned mention texts, in no particular order (entityNode sorts them). */
  aliases: Array<Set<string>>;
  /** Property objects other than NO_PROPERTIES in article order, none twice in a row. */
  props: Array<Array<Record<string, unknown>> | undefined>;
}

/**
 * Everything entityNode needs of occurrences, in one pass over them in article order (each
 * node's occurrences in their order too). Why: read node by node, a node's occurrences lie all
 * over the per-occurrence arrays, and those scattered reads were most of entityNode's time.
 * Every occurrence belongs to exactly one node (keys and person clusters partition them).
 */
function gatherNodeOccurrences(articles: ArticleRecord[], occNode: Int32Array, nodeCount: number, V: OccView, dates: string[], marks: AliasMarks): GatheredOccurrences {
  const articleCount = new Int32Array(nodeCount);
  const lastArticle = new Int32Array(nodeCount).fill(-1);
  const firstSeen = filled(nodeCount, '');
  const lastSeen = filled(nodeCount, '');
  const aliases: Array<Set<string>> = [];
  for (let i = 0; i < nodeCount; i++) aliases.push(new Set());
  const props = filled<Array<Record<string, unknown>> | undefined>(nodeCount, undefined);
  for (let art = 0; art < articles.length; art++) {
    const r = articles[art]!;
    const date = dates[art]!;
    for (let o = r.occ; o < r.occEnd; o++) {
      const node = occNode[o]!;
      const names = aliases[node]!;
      // The marks only spare repeated Set additions: a name seen again under another node is added again.
      const info = V.info[o]!;
      if (info.aliasMark !== node) {
        info.aliasMark = node;
        names.add(info.name);
        names.add(info.rawName);
      }
      // Mention texts as a reader would search them: cleaned like names (no spaces, no quotes).
      // A text that is the name as written cleans to rawName, added above.
      if (V.otherText[o]) for (let k = 0, at = V.span[o]!; k < V.spanCount[o]!; k++) {
        const text = V.spans[(at + k) * 4 + 2]!;
        if (marks.text[text] === node) continue;
        marks.text[text] = node;
        names.add((marks.cleanTexts[text] ??= clean(marks.texts[text]!)));
      }
      const p = V.props[o]!;
      if (p !== NO_PROPERTIES) {
        const list = props[node];
        if (!list) props[node] = [p];
        else if (list[list.length - 1] !== p) list.push(p);
      }
      if (lastArticle[node] === art) continue;
      lastArticle[node] = art;
      articleCount[node]++;
      if (date) {
        const first = firstSeen[node]!;
        if (!first || date < first) firstSeen[node] = date;
        if (date > lastSeen[node]!) lastSeen[node] = date;
      }
    }
  }
  return { articleCount, firstSeen, lastSeen, aliases, props };
}

function entityNode(
  n: NodeBuild,
  V: OccView,
  gathered: GatheredOccurrences,
  gazetteer: Gazetteer | null,
  officeJurisdiction: Map<string, Jurisdiction | null>,
  schema: Schema,
): GraphNode {
  const declared = schema.nodes[n.label].properties;
  const name = displayName(n, V);
  // Only what the label declares, and no empty list: setDeclared leaves out what `without`
  // would drop afterwards (a copy of nearly every node, most having an empty list or two).
  const props: Record<string, PropertyValue> = {};
  setDeclared(props, declared, 'id', n.id);
  setDeclared(props, declared, 'name', name);
  const aliasSet = gathered.aliases[n.num]!;
  const articleCount = gathered.articleCount[n.num]!;
  const firstSeen = gathered.firstSeen[n.num]!;
  const lastSeen = gathered.lastSeen[n.num]!;
  const propsList = gathered.props[n.num] ?? NONE;
  let formerNames: string[] = [];
  if (n.label === 'Person') {
    setDeclared(props, declared, 'pinyin', personPinyin(name));
    if (n.disambiguator) setDeclared(props, declared, 'disambiguator', n.disambiguator);
    setDeclared(props, declared, 'context', n.context);
  } else if (n.label === 'Office') {
    // As written in the office's name: 监利县县长 (2016) is 监利县's, though the place is now 监利市.
    const j = officeJurisdiction.get(n.key)?.written;
    if (j) {
      setDeclared(props, declared, 'jurisdiction', j);
      setDeclared(props, declared, 'title', officeTitle(n.key, j));
    }
  } else if (n.label === 'AdminDivision' && gazetteer) {
    const code = propsList.map((p) => p.code).find((c) => c != null);
    const candidates = gazetteer.candidates(name).filter((d) => d.name === name);
    const d = code != null ? candidates.find((c) => c.code === String(code)) : candidates.length === 1 ? candidates[0] : undefined;
    if (d && d.name === name) {
      setDeclared(props, declared, 'level', d.level);
      if (d.code) setDeclared(props, declared, 'code', d.code);
      formerNames = d.formerNames.map((f) => f.name);
      for (const a of d.aliases) aliasSet.add(a);
    }
  }
  if (n.label === 'Person' && firstSeen) {
    setDeclared(props, declared, 'firstSeen', firstSeen);
    setDeclared(props, declared, 'lastSeen', lastSeen);
  }
  // Whether setTyped set an empty list (an extractor's list the schema declares): `without`
  // drops it then, as for any node before.
  let emptyList = false;
  // Whatever the extractors learned, in article order, when the schema declares it. The
  // property objects are shared (see occPropsOf): one seen before adds nothing again.
  let lastProps: Record<string, unknown> = NO_PROPERTIES;
  let seenProps: Set<Record<string, unknown>> | null = null;
  for (let i = 0; i < propsList.length; i++) {
    const p = propsList[i]!;
    if (lastProps !== NO_PROPERTIES) {
      seenProps ??= new Set([lastProps]);
      if (seenProps.has(p)) continue;
      seenProps.add(p);
    }
    lastProps = p;
    for (const k in p) {
      const v = p[k];
      if (COMPUTED.has(k)) {
        if (k === 'formerNames' && Array.isArray(v)) formerNames.push(...v.map(String));
        continue;
      }
      if (setTyped(props, k, v, declared[k])) {
        const set = props[k];
        if (Array.isArray(set) && set.length === 0) emptyList = true;
      }
    }
  }
  if (n.label === 'AdminDivision') setDeclared(props, declared, 'formerNames', uniqueSorted(formerNames));
  aliasSet.delete(name);
  aliasSet.delete('');
  setDeclared(props, declared, 'aliases', [...aliasSet].sort(compareIds).slice(0, MAX_ALIASES));
  setDeclared(props, declared, 'articleCount', articleCount);
  return { id: n.id, label: n.label, properties: emptyList ? without(props, (k, v) => !(k in declared) || (Array.isArray(v) && v.length === 0)) : props };
}

/**
 * Sets `props[name] = value` unless `without` would drop it from the node afterwards: when the
 * label does not declare it, or it is an empty list (no type in Neo4j, no form in CSV).
 */
function setDeclared(props: Record<string, PropertyValue>, declared: Record<string, PropertyType>, name: string, value: PropertyValue): void {
  if (name in declared && !(Array.isArray(value) && value.length === 0)) props[name] = value;
}

/** The title part of an office: `荆州市委书记` in 荆州市 → `市委书记`; `荆州市市长` → `市长`. */
function officeTitle(office: string, jurisdiction: string): string {
  if (!office.startsWith(jurisdiction)) return office;
  const rest = office.slice(jurisdiction.length);
  const unit = jurisdiction.slice(-1);
  if (/^(委|人大|政协|政府|纪委)/.test(rest) && /[省市州县区镇乡]/.test(unit)) return unit + rest;
  return rest || office;
}

/** Warns about override entries that name nothing in this corpus (a typo, or an old name). */
function reportUnusedOverrides(overrides: Overrides, nodes: Map<string, NodeBuild>, V: OccView, messages: string[]): void {
  if (!overrides.same.length && !overrides.different.length) return;
  const known = new Set<string>();
  for (const n of nodes.values()) {
    known.add(`${n.label}\u0000${n.key}`);
    if (n.label === 'Person') known.add(`${n.label}\u0000${n.key}\u0000${n.disambiguator}`);
    for (const o of n.occs) known.add(`${n.label}\u0000${nameKey(n.label, V.info[o]!.name)}`);
  }
  for (const [a, b] of [...overrides.same, ...overrides.different]) {
    for (const ref of [a, b]) {
      const hit = known.has(`${ref.label}\u0000${ref.key}`) && (ref.disambiguator === null || [...nodes.values()].some((n) => n.label === 'Person' && n.key === ref.key && n.context.includes(ref.disambiguator!)));
      if (!hit) messages.push(`${overrides.file}: ${ref.where}: ${ref.text} matches no entity in this corpus`);
    }
  }
}
