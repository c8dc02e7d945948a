/**
 * Turns a finished Doc into the `extract --json` shape: mentions grouped into entities,
 * every offset mapped back into the ORIGINAL source (so `source.slice(start, end)` gives
 * back what was found), and each relation's evidence carrying its sentence.
 */
import type { Doc, EntityType, ExtractionResult, Mention, RelationFact } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { sourceEndOf, sourceStartOf, spanToSource } from '../offsets.js';

const TYPE_ORDER = new Map<EntityType, number>(ENTITY_TYPES.map((t, i) => [t, i]));
/**
 * The properties of an entity or relation that has none (most people, most HOLDS facts): one
 * object for all of them (the results keep them until written). Frozen: whoever would add to
 * it must copy (withProperty does).
 */
const NO_PROPERTIES: Record<string, unknown> = Object.freeze({});
/** Entities with this many kept mentions look duplicates up in a set instead of their list. */
const SPAN_SET_FROM = 16;

/**
 * The spans kept for one entity named many times: the end by start, or the ends when one start
 * has several. Small-integer keys and values: a single number per span (start * 2^26 + end)
 * was a heap number to allocate and hash for every mention.
 */
type SpanSet = Map<number, number | number[]>;

/** Adds the span; false when it was there already. */
function addSpan(set: SpanSet, start: number, end: number): boolean {
  const ends = set.get(start);
  if (ends === undefined) {
    set.set(start, end);
    return true;
  }
  if (typeof ends === 'number') {
    if (ends === end) return false;
    set.set(start, [ends, end]);
    return true;
  }
  if (ends.includes(end)) return false;
  ends.push(end);
  return true;
}
type Entity = ExtractionResult['entities'][number];

/** Lists of at most this many are sorted by insertion here (no comparator call per step); longer ones by the builtin sort. */
const INSERTION_SORT_MAX = 64;

/**
 * Builds the per-article result from a doc whose stages have run. Each part is its own
 * function: the optimiser compiles (and, when a rare path first runs, recompiles) one part at
 * a time instead of one very large function.
 */
export function toExtraction(doc: Doc): ExtractionResult {
  const entities = entitiesOf(doc);
  const relations = relationsOf(doc);
  const messages = messagesOf(doc);
  return { article: articleOf(doc.meta), entities, relations, messages };
}

/** The article's metadata, in the result's field order. */
function articleOf(meta: Doc['meta']): ExtractionResult['article'] {
  return {
    id: meta.id,
    path: meta.path,
    title: meta.title,
    date: meta.date,
    source: meta.source,
    url: meta.url,
    home: meta.home,
    lang: meta.lang,
    byline: meta.byline,
    homeSource: meta.homeSource,
    encoding: meta.encoding,
  };
}

/** The doc's mentions grouped into entities: by type (TYPE_ORDER's rank), then first mention's start. */
function entitiesOf(doc: Doc): Entity[] {
  const { source, offsets } = doc;
  // Entities by name (the first of a name in one map; the rare others of the same name but
  // another type in a second), in first-seen order in `order`, and beside it the sort keys
  // `orderRank`/`orderStart` (type rank, first mention's source start). One map per article,
  // not one per type.
  const byName = new Map<string, Entity>();
  let otherTypes: Entity[] | null = null;
  const order: Entity[] = [];
  const orderRank: number[] = [];
  const orderStart: number[] = [];
  // Spans already kept per entity, for the few entities named many times; the rest are
  // checked against their own short mention lists (a Set per entity cost more than the check).
  let seenSpans: Map<Entity, SpanSet> | null = null;
  const mentions = sortedMentions(doc.mentions);
  for (const m of mentions) {
    // The source span as two numbers (no object per mention).
    const start = sourceStartOf(offsets, m.start);
    const end = sourceEndOf(offsets, source, m.start, m.end);
    const named = byName.get(m.name);
    let entity = named === undefined || named.type === m.type ? named : otherTypes && entityOfType(otherTypes, m.name, m.type);
    if (!entity) {
      // The first mention is always kept; a list made with it is sized to it (a push onto an
      // empty list reserves 17 slots, and the results live until they are written).
      const first = { start, end, text: source.slice(start, end), rule: m.rule };
      entity = { type: m.type, name: m.name, properties: firstProperties(m.properties), mentions: [first] };
      if (named === undefined) byName.set(m.name, entity);
      else (otherTypes ??= []).push(entity);
      order.push(entity);
      orderRank.push(TYPE_ORDER.get(m.type)!);
      orderStart.push(start);
      continue;
    }
    const props = m.properties;
    if (props) addNewProperties(entity, props);
    const kept = entity.mentions;
    if (kept.length < SPAN_SET_FROM) {
      if (hasMention(kept, start, end)) continue;
    } else {
      seenSpans ??= new Map();
      if (!addToSpanSet(seenSpans, entity, start, end)) continue;
    }
    kept.push({ start, end, text: source.slice(start, end), rule: m.rule });
  }
  return sortEntities(order, orderRank, orderStart);
}

/** The entity of this name and type among those whose name an entity of another type took first. */
function entityOfType(others: readonly Entity[], name: string, type: EntityType): Entity | undefined {
  for (let i = 0; i < others.length; i++) if (others[i]!.name === name && others[i]!.type === type) return others[i];
  return undefined;
}

/** Gives the entity the keys of `props` it does not have yet (set values only). */
function addNewProperties(entity: Entity, props: NonNullable<Mention['properties']>): void {
  for (const k in props) {
    const v = props[k];
    if (v !== undefined && v !== null && !(k in entity.properties)) entity.properties = withProperty(entity.properties, k, v);
  }
}

/** Is one of the (few) kept mentions at this source span? */
function hasMention(kept: Entity['mentions'], start: number, end: number): boolean {
  for (let i = 0; i < kept.length; i++) if (kept[i]!.start === start && kept[i]!.end === end) return true;
  return false;
}

/** Adds the span to the entity's span set (made from its kept mentions on first use); false when it was there. */
function addToSpanSet(seenSpans: Map<Entity, SpanSet>, entity: Entity, start: number, end: number): boolean {
  let seen = seenSpans.get(entity);
  if (!seen) {
    seenSpans.set(entity, (seen = new Map()));
    for (const k of entity.mentions) addSpan(seen, k.start, k.end);
  }
  return addSpan(seen, start, end);
}

/**
 * Makes the evidence records of one article. Relations of one sentence come together and
 * share its text (one string per sentence, not one per evidence): the last sentence made is
 * reused for the same span.
 */
class EvidenceMaker {
  private sentence = '';
  private sentenceStart = -1;
  private noSentence: Evidence[number] | null = null;

  constructor(
    private readonly doc: Doc,
    private readonly date: string | null,
  ) {}

  /** The evidence record of one fact's evidence: a sentence and its source span, or none for a gazetteer fact. */
  item(ev: RelationFact['evidence'][number]): Evidence[number] {
    if (ev.rule === 'gazetteer' || ev.end <= ev.start) {
      // Evidence without a sentence is the same record for every fact of its rule (a division's whole chain): shared.
      if (this.noSentence?.rule !== ev.rule) this.noSentence = { sentence: '', start: 0, end: 0, rule: ev.rule, date: this.date };
      return this.noSentence;
    }
    const doc = this.doc;
    // Same start and length: the same span (a slice past the text's end is shorter, and made again).
    if (ev.start !== this.sentenceStart || this.sentence.length !== ev.end - ev.start) {
      this.sentence = doc.text.slice(ev.start, ev.end);
      this.sentenceStart = ev.start;
    }
    const start = sourceStartOf(doc.offsets, ev.start);
    const end = sourceEndOf(doc.offsets, doc.source, ev.start, ev.end);
    return { sentence: this.sentence, start, end, rule: ev.rule, date: this.date };
  }
}

/** The doc's relations merged by their five-part key, each with its distinct evidence. */
function relationsOf(doc: Doc): ExtractionResult['relations'] {
  const { source, offsets } = doc;
  // Relations by their five-part key, found through the first relation from the same name
  // and a chain of the others (no joined key string per relation: building and hashing it
  // was the most expensive line here).
  const relations: ExtractionResult['relations'] = [];
  const firstFrom = new Map<string, number>();
  const nextFrom: number[] = [];
  const maker = new EvidenceMaker(doc, doc.meta.date);
  for (const r of doc.relations) {
    let rel: ExtractionResult['relations'][number] | undefined;
    const facts = r.evidence;
    let next = 0;
    const first = firstFrom.get(r.from.name);
    for (let i = first ?? -1; i !== -1; i = nextFrom[i]!) {
      const c = relations[i]!;
      if (c.type === r.type && c.to.name === r.to.name && c.from.type === r.from.type && c.to.type === r.to.type) {
        rel = c;
        break;
      }
    }
    if (!rel) {
      // A new relation's first evidence is never a repeat: its list is made with it (sized to it).
      const evidence = facts.length ? [maker.item(facts[0]!)] : [];
      next = 1;
      // Ends and properties are the fact's own objects (as entity properties are): the stages
      // are done with them, and nothing changes them after.
      rel = { type: r.type, from: r.from, to: r.to, properties: r.properties ?? NO_PROPERTIES, evidence };
      // A new from-name starts a chain; a known one gets the relation second in its chain
      // (no map update: the order inside a chain does not matter, keys are unique).
      if (first === undefined) {
        nextFrom.push(-1);
        firstFrom.set(r.from.name, relations.length);
      } else {
        nextFrom.push(nextFrom[first]!);
        nextFrom[first] = relations.length;
      }
      relations.push(rel);
    }
    const evidence = rel.evidence;
    for (; next < facts.length; next++) {
      const ev = facts[next]!;
      if (ev.rule === 'gazetteer' || ev.end <= ev.start) {
        if (!hasEvidence(evidence, ev.rule)) evidence.push(maker.item(ev));
        continue;
      }
      const start = sourceStartOf(offsets, ev.start);
      if (!hasSpan(evidence, start, sourceEndOf(offsets, source, ev.start, ev.end))) evidence.push(maker.item(ev));
    }
  }
  return relations;
}

/** The doc's messages, their spans mapped to the source. */
function messagesOf(doc: Doc): ExtractionResult['messages'] {
  const { source, offsets } = doc;
  return doc.messages.map((m) => {
    const out: ExtractionResult['messages'][number] = { level: m.level, message: m.message, rule: m.rule };
    if (m.start !== undefined) {
      const span = spanToSource(offsets, source, m.start, m.end ?? m.start);
      out.start = span.start;
      out.end = span.end;
    }
    return out;
  });
}

type Evidence = ExtractionResult['relations'][number]['evidence'];

/**
 * A new entity's properties: its first mention's own object when every value is set (no copy
 * and no key-by-key build per entity; the stages are done with it, and withProperty copies
 * before adding), else the set values copied.
 */
function firstProperties(props: Mention['properties']): Entity['properties'] {
  if (!props) return NO_PROPERTIES;
  for (const k in props) {
    const v = props[k];
    if (v === undefined || v === null) return setValuesOf(props);
  }
  return props;
}

/** The values of `props` that are set (not undefined or null), in order. */
function setValuesOf(props: NonNullable<Mention['properties']>): Entity['properties'] {
  const out: Entity['properties'] = {};
  for (const k in props) {
    const v = props[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return out;
}

/** A copy of `props` with `key` added last (the original may be a mention's, shared). Rare: a later mention adds a key. */
function withProperty(props: Entity['properties'], key: string, value: unknown): Entity['properties'] {
  const out: Entity['properties'] = {};
  for (const k in props) out[k] = props[k];
  out[key] = value;
  return out;
}

/** Is there evidence without a sentence (a gazetteer fact) under `rule` already? */
function hasEvidence(evidence: Evidence, rule: string): boolean {
  for (let i = 0; i < evidence.length; i++) if (evidence[i]!.rule === rule && evidence[i]!.sentence === '') return true;
  return false;
}

/** Is there evidence at this source span already? */
function hasSpan(evidence: Evidence, start: number, end: number): boolean {
  for (let i = 0; i < evidence.length; i++) if (evidence[i]!.start === start && evidence[i]!.end === end) return true;
  return false;
}

/** Does mention `a` come before `b`: by start, the longer first? */
function comesBefore(a: Mention, b: Mention): boolean {
  return a.start < b.start || (a.start === b.start && a.end > b.end);
}

/**
 * `list` in a stable order by start, longest first (`list` itself when already in order). The stages' mentions come in a
 * few runs, each already in order: adjacent runs are merged pairwise until one is left
 * (a natural merge sort; on ties the earlier run's mention goes first, as a stable sort's).
 */
function sortedMentions(list: readonly Mention[]): readonly Mention[] {
  const n = list.length;
  if (n < 2) return list;
  // `list` itself is only read: merged runs go to `to`, and `from` becomes a work array only after a pass.
  let from: readonly Mention[] = list;
  let to: Mention[] | null = null;
  for (;;) {
    let runs = 0;
    for (let i = 0; i < n; ) {
      let mid = i + 1;
      while (mid < n && !comesBefore(from[mid]!, from[mid - 1]!)) mid++;
      runs++;
      if (mid === n) {
        if (runs === 1) return from;
        for (let k = i; k < n; k++) to![k] = from[k]!;
        break;
      }
      let end = mid + 1;
      while (end < n && !comesBefore(from[end]!, from[end - 1]!)) end++;
      // Work arrays are copies of `list` (overwritten): packed like it, where `new Array(n)`
      // was holey, and a merge reading both kinds deoptimised this function.
      to ??= list.slice();
      let l = i;
      let r = mid;
      let k = i;
      while (l < mid && r < end) to[k++] = comesBefore(from[r]!, from[l]!) ? from[r++]! : from[l++]!;
      while (l < mid) to[k++] = from[l++]!;
      while (r < end) to[k++] = from[r++]!;
      i = end;
    }
    const t = from;
    from = to!;
    to = t === list ? list.slice() : (t as Mention[]);
  }
}

/**
 * Sorts `order` in place, stably, by type rank then first mention's start (`rank[i]` and
 * `start[i]` are entity i's keys, moved along with it).
 */
function sortEntities(order: Entity[], rank: number[], start: number[]): Entity[] {
  if (order.length > INSERTION_SORT_MAX) {
    return order.sort((a, b) => TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)! || a.mentions[0]!.start - b.mentions[0]!.start);
  }
  for (let i = 1; i < order.length; i++) {
    const e = order[i]!;
    const r = rank[i]!;
    const s = start[i]!;
    let j = i - 1;
    while (j >= 0 && (rank[j]! > r || (rank[j] === r && start[j]! > s))) {
      order[j + 1] = order[j]!;
      rank[j + 1] = rank[j]!;
      start[j + 1] = start[j]!;
      j--;
    }
    order[j + 1] = e;
    rank[j + 1] = r;
    start[j + 1] = s;
  }
  return order;
}
