/**
 * Turns a finished Doc into the `extract --json` shape: mentions grouped into entities,
 * every offset mapped back into the ORIGINAL source (so `source.slice(start, end)` gives
 * back what was found), and each relation's evidence carrying its sentence.
 */
import type { Doc, EntityType, ExtractionResult } from '../types.js';
import { ENTITY_TYPES } from '../types.js';
import { spanToSource } from '../offsets.js';

const TYPE_ORDER = new Map<EntityType, number>(ENTITY_TYPES.map((t, i) => [t, i]));
/** Span keys are `start * SPAN_KEY_LIMIT + end` while both fit (exact in a double up to 2^52). */
const SPAN_KEY_LIMIT = 2 ** 26;
/** Entities with this many kept mentions look duplicates up in a set instead of their list. */
const SPAN_SET_FROM = 16;

/** One number per span (offsets are below 2^26 in any file we read whole; past that, a string). */
function spanKey(start: number, end: number): number | string {
  return end < SPAN_KEY_LIMIT ? start * SPAN_KEY_LIMIT + end : `${start}:${end}`;
}
type Entity = ExtractionResult['entities'][number];

/** Builds the per-article result from a doc whose stages have run. */
export function toExtraction(doc: Doc): ExtractionResult {
  const { meta, source, offsets, text } = doc;
  // Entities by type, then by name; `order` keeps first-seen order for the stable sort below.
  const byType = new Map<EntityType, Map<string, Entity>>();
  const order: Entity[] = [];
  // Spans already kept per entity, for the few entities named many times; the rest are
  // checked against their own short mention lists (a Set per entity cost more than the check).
  let seenSpans: Map<Entity, Set<number | string>> | null = null;
  const mentions = [...doc.mentions].sort((a, b) => a.start - b.start || b.end - a.end);
  for (const m of mentions) {
    let byName = byType.get(m.type);
    if (!byName) byType.set(m.type, (byName = new Map()));
    let entity = byName.get(m.name);
    if (!entity) {
      entity = { type: m.type, name: m.name, properties: {}, mentions: [] };
      byName.set(m.name, entity);
      order.push(entity);
    }
    const props = m.properties;
    if (props) {
      for (const k in props) {
        const v = props[k];
        if (v !== undefined && v !== null && !(k in entity.properties)) entity.properties[k] = v;
      }
    }
    const span = spanToSource(offsets, source, m.start, m.end);
    const kept = entity.mentions;
    if (kept.length < SPAN_SET_FROM) {
      let seen = false;
      for (let i = 0; i < kept.length; i++) {
        if (kept[i]!.start === span.start && kept[i]!.end === span.end) {
          seen = true;
          break;
        }
      }
      if (seen) continue;
    } else {
      seenSpans ??= new Map();
      let seen = seenSpans.get(entity);
      if (!seen) {
        seenSpans.set(entity, (seen = new Set()));
        for (const k of kept) seen.add(spanKey(k.start, k.end));
      }
      const key = spanKey(span.start, span.end);
      if (seen.has(key)) continue;
      seen.add(key);
    }
    kept.push({ start: span.start, end: span.end, text: source.slice(span.start, span.end), rule: m.rule });
  }
  const entities = order.sort(
    (a, b) => TYPE_ORDER.get(a.type)! - TYPE_ORDER.get(b.type)! || (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0),
  );

  const relByKey = new Map<string, ExtractionResult['relations'][number]>();
  // Relations of one sentence share its text (one string per sentence, not one per evidence).
  const sentenceText = new Map<number, string>();
  for (const r of doc.relations) {
    const key = `${r.type}\u0000${r.from.type}\u0000${r.from.name}\u0000${r.to.type}\u0000${r.to.name}`;
    let rel = relByKey.get(key);
    if (!rel) {
      rel = { type: r.type, from: { ...r.from }, to: { ...r.to }, properties: { ...(r.properties ?? {}) }, evidence: [] };
      relByKey.set(key, rel);
    }
    for (const ev of r.evidence) {
      if (ev.rule === 'gazetteer' || ev.end <= ev.start) {
        if (!rel.evidence.some((e) => e.rule === ev.rule && e.sentence === '')) {
          rel.evidence.push({ sentence: '', start: 0, end: 0, rule: ev.rule, date: meta.date });
        }
        continue;
      }
      const span = spanToSource(offsets, source, ev.start, ev.end);
      if (rel.evidence.some((e) => e.start === span.start && e.end === span.end)) continue;
      const key = ev.end < SPAN_KEY_LIMIT ? ev.start * SPAN_KEY_LIMIT + ev.end : -1;
      let sentence = sentenceText.get(key);
      if (sentence === undefined) {
        sentence = text.slice(ev.start, ev.end);
        if (key !== -1) sentenceText.set(key, sentence);
      }
      rel.evidence.push({ sentence, start: span.start, end: span.end, rule: ev.rule, date: meta.date });
    }
  }

  const messages = doc.messages.map((m) => {
    const out: ExtractionResult['messages'][number] = { level: m.level, message: m.message, rule: m.rule };
    if (m.start !== undefined) {
      const span = spanToSource(offsets, source, m.start, m.end ?? m.start);
      out.start = span.start;
      out.end = span.end;
    }
    return out;
  });

  return {
    article: {
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
    },
    entities,
    relations: [...relByKey.values()],
    messages,
  };
}
