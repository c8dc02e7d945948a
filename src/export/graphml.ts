/**
 * graph.graphml: GraphML for Gephi, yEd and Cytoscape.
 *
 * Every property becomes a typed `<key attr.type>` (string, long, double, boolean), one
 * set for nodes and one for edges, typed from schema/graph.yaml (int → long, float →
 * double, date → string) or, for an undeclared property, inferred over all elements.
 * Lists have no GraphML type: they are written as JSON text (`["吴 锦","吴锦同志"]`), which
 * reads well and parses back exactly. The node label is the node attribute `label`
 * (Person, Office, …), the relationship type the edge attribute `label`; the element `id`
 * is our deterministic id. Characters XML 1.0 cannot hold (control characters other than
 * tab, newline, carriage return) are written as U+FFFD; carriage returns and the Unicode line
 * separators as character references, so parsers do not normalise them to newlines.
 *
 * Example line: `<node id="person:…"><data key="v_label">Person</data><data key="v_name">吴锦</data>…</node>`
 */
import { join } from 'node:path';
import type { Graph, PropertyValue, RelationshipList } from '../graph/model.js';
import { EncodedValues, type MentionStore } from '../graph/mentions.js';
import { loadSchema, type PropertyType, type Schema } from '../graph/schema.js';
import { withWriter, type ByteSink } from '../graph/write.js';
import { PlainLists } from './lists.js';
import type { Exporter } from './types.js';

/** File name inside the output folder. */
export const GRAPHML_FILE = 'graph.graphml';

type GraphmlType = 'string' | 'long' | 'double' | 'boolean';

interface Key {
  id: string;
  name: string;
  type: GraphmlType;
  /** Lists are written as JSON text. */
  list: boolean;
  /** `id`, escaped once (it goes into every element's data). */
  xmlId: string;
  /** `<data key="…">`, made once. */
  open: string;
}

/**
 * Any character `xmlEscape` does not write as itself, as UTF-16 code units: `& < > " '`,
 * carriage return, U+0085/U+2028/U+2029, what XML 1.0 cannot hold, and (so that the
 * non-Unicode test stays fast) every surrogate, even one of a valid pair.
 */
const MAYBE_SPECIAL = /[^\t\n\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD]/;
/** Each character `xmlEscape` rewrites, by code point: surrogate pairs match as one and stay. */
const SPECIAL = /[^\t\n\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** MAYBE_SPECIAL without the quotes, which element text may hold as they are. */
const MAYBE_SPECIAL_IN_TEXT = /[^\t\n\u0020-\u0025\u0027-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD]/;
/** SPECIAL without the quotes. */
const SPECIAL_IN_TEXT = /[^\t\n\u0020-\u0025\u0027-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  // Not needed but for `]]>`; escaped everywhere so that no text has to be checked for it.
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\r': '&#13;',
  // XML parsers may normalise these line separators to \n; a character reference survives.
  '\u0085': '&#x85;',
  '\u2028': '&#x2028;',
  '\u2029': '&#x2029;',
};

/** A special character's replacement: its reference, or U+FFFD for what XML 1.0 cannot hold. */
const escapeOne = (c: string) => ESCAPES[c] ?? '\uFFFD';

/** Escapes text for an XML attribute value (and element content), in one pass: most values (ids, names) need nothing. */
export function xmlEscape(s: string): string {
  if (!MAYBE_SPECIAL.test(s)) return s;
  return s.replace(SPECIAL, escapeOne);
}

/**
 * Escapes text for XML element content: as `xmlEscape`, but quotes stay as they are (XML
 * requires them escaped only inside an attribute value of the same quote). A list's JSON
 * text, `["…","…"]`, then reads as it is, and is a tenth shorter.
 */
export function xmlText(s: string): string {
  if (!MAYBE_SPECIAL_IN_TEXT.test(s)) return s;
  return s.replace(SPECIAL_IN_TEXT, escapeOne);
}

function fromSchema(t: PropertyType): GraphmlType {
  const base = t.endsWith('[]') ? 'string' : t;
  return base === 'int' ? 'long' : base === 'float' ? 'double' : base === 'boolean' ? 'boolean' : 'string';
}

/** What `keysFor` needs of an undeclared property's values: counters, not the values. */
interface Seen {
  values: number;
  booleans: number;
  safeInts: number;
  numbers: number;
  lists: boolean;
}

function infer(s: Seen): GraphmlType {
  if (s.values && s.booleans === s.values) return 'boolean';
  if (s.values && s.safeInts === s.values) return 'long';
  if (s.values && s.numbers === s.values) return 'double';
  return 'string';
}

/** The attribute keys of nodes or edges: `label` first, then schema order, then undeclared ones sorted. */
function keysFor(
  elements: Iterable<{ properties: Record<string, PropertyValue> }>,
  declaredByGroup: Array<Record<string, PropertyType>>,
  prefix: string,
): Key[] {
  const declared = new Map<string, PropertyType>();
  for (const group of declaredByGroup) for (const [k, t] of Object.entries(group)) if (!declared.has(k)) declared.set(k, t);
  // Streamed (relationships can be millions, made on read): counters per undeclared property.
  const present = new Map<string, Seen | null>();
  for (const e of elements) {
    const props = e.properties;
    for (const k in props) {
      let seen = present.get(k);
      if (seen === undefined) {
        if (k === 'id') continue;
        seen = declared.has(k) ? null : { values: 0, booleans: 0, safeInts: 0, numbers: 0, lists: false };
        present.set(k, seen);
      }
      if (seen === null) continue;
      const v = props[k];
      if (Array.isArray(v)) seen.lists = true;
      if (v === null) continue;
      seen.values++;
      if (typeof v === 'boolean') seen.booleans++;
      else if (typeof v === 'number') {
        seen.numbers++;
        if (Number.isSafeInteger(v)) seen.safeInts++;
      }
    }
  }
  const keys: Key[] = [key(`${prefix}_label`, 'label', 'string', false)];
  const names = [...declared.keys()].filter((k) => present.has(k));
  names.push(...[...present.keys()].filter((k) => !declared.has(k)).sort());
  for (const name of names) {
    if (name === 'label') continue;
    const t = declared.get(name);
    const seen = present.get(name)!;
    const list = t ? t.endsWith('[]') : seen!.lists;
    keys.push(key(`${prefix}_${name}`, name, list ? 'string' : t ? fromSchema(t) : infer(seen!), list));
  }
  return keys;
}

function key(id: string, name: string, type: GraphmlType, list: boolean): Key {
  const xmlId = xmlEscape(id);
  return { id, name, type, list, xmlId, open: `<data key="${xmlId}">` };
}

/** A `<data>` element's text: a value, or a list's JSON, escaped for XML element content. */
function dataText(v: PropertyValue, key: Key): string {
  if (!key.list) return xmlText(String(v));
  return Array.isArray(v) ? xmlListJson(v) : xmlText(JSON.stringify(v));
}

/**
 * A character JSON.stringify or xmlText may write other than as itself (MAYBE_SPECIAL's, and
 * tab, newline and backslash, which JSON escapes).
 */
const NOT_PLAIN = /[^\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u005B\u005D-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD]/;

/**
 * `xmlText(JSON.stringify(list))`. A list of strings that neither escapes (almost every one:
 * evidence sentences, article ids, dates) is joined around its items' quotes, and a list of
 * finite numbers by commas: one join instead of JSON's character-by-character pass and a
 * scan for what XML escapes.
 */
export function xmlListJson(list: readonly unknown[]): string {
  if (list.length === 0) return '[]';
  const first = list[0];
  if (typeof first === 'string') {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item !== 'string' || NOT_PLAIN.test(item)) return xmlText(JSON.stringify(list));
    }
    return '["' + list.join('","') + '"]';
  }
  if (typeof first === 'number') {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (typeof item !== 'number' || !Number.isFinite(item)) return xmlText(JSON.stringify(list));
    }
    // A finite number's JSON is its String().
    return '[' + list.join(',') + ']';
  }
  return xmlText(JSON.stringify(list));
}

function keyLine(k: Key, forWhat: 'node' | 'edge'): string {
  return `  <key id="${xmlEscape(k.id)}" for="${forWhat}" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>\n`;
}

/** Writes graph.graphml, element by element. */
export async function writeGraphml(graph: Graph, outDir: string, schema: Schema = loadSchema(), lists?: PlainLists): Promise<string> {
  const nodeKeys = keysFor(graph.nodes, Object.values(schema.nodes).map((n) => n.properties), 'v');
  const relationshipDeclared = Object.values(schema.relationships).map((r) => r.properties);
  const edgeKeys = keysFor(keyedRelationships(graph.relationships, relationshipDeclared), relationshipDeclared, 'e');
  return withWriter(join(outDir, GRAPHML_FILE), async (w) => {
    let buf =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
    for (const k of nodeKeys) buf += keyLine(k, 'node');
    for (const k of edgeKeys) buf += keyLine(k, 'edge');
    buf += '  <graph id="guanxi" edgedefault="directed">\n';
    // Elements go straight into the writer's block, one by one: MENTIONS as bytes, the rest as text.
    const sink = w.sink;
    sink.text(buf);
    for (const n of graph.nodes) {
      let line = `    <node id="${xmlEscape(n.id)}">`;
      line += `<data key="v_label">${xmlText(n.label)}</data>`;
      for (const k of nodeKeys) {
        if (k.name === 'label') continue;
        const v = n.properties[k.name];
        if (v === undefined || v === null) continue;
        line += k.open + dataText(v, k) + '</data>';
      }
      sink.text(line + '</node>\n');
    }
    const rels = graph.relationships;
    const store = rels.mentionStore && rels.mentionIndex && mentionsWritable(edgeKeys) ? rels.mentionStore : undefined;
    const writeMention = store ? mentionEdgeWriter(store, edgeKeys) : undefined;
    // Lists the shared PlainLists hold are written from their bytes, between `<data>` tags
    // encoded once per key; the rest of a line as text.
    const listOpen = edgeKeys.map((k) => utf8(k.open + '["'));
    const between = utf8('","');
    const listClose = utf8('"]</data>');
    for (let i = 0; i < rels.length; i++) {
      const mention = writeMention ? rels.mentionIndex!(i) : -1;
      if (mention >= 0) {
        writeMention!(mention, sink);
        continue;
      }
      const r = rels.at(i)!;
      let line = `    <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.start)}" target="${xmlEscape(r.end)}">`;
      line += `<data key="e_label">${xmlText(r.type)}</data>`;
      for (let c = 0; c < edgeKeys.length; c++) {
        const k = edgeKeys[c]!;
        if (k.name === 'label') continue;
        const v = r.properties[k.name];
        if (v === undefined || v === null) continue;
        const list = lists && k.list && Array.isArray(v) ? lists.find(i, v) : -1;
        if (list < 0) {
          line += k.open + dataText(v, k) + '</data>';
          continue;
        }
        sink.text(line);
        line = '';
        lists!.write(list, listOpen[c]!, between, listClose, sink);
      }
      sink.text(line + '</edge>\n');
    }
    sink.text('  </graph>\n</graphml>\n');
  });
}

/**
 * The relationships `keysFor` needs to see: all of them, except that of a resolver's MENTIONS
 * (made on read, all with the same properties) one is enough when every property they have
 * is declared, since a declared property only counts as present.
 */
function* keyedRelationships(rels: RelationshipList, declaredByGroup: Array<Record<string, PropertyType>>): Generator<{ properties: Record<string, PropertyValue> }> {
  const store = rels.mentionStore;
  const indexOf = rels.mentionIndex;
  const declaredAll = Object.keys(MENTION_PROPERTIES).every((name) => declaredByGroup.some((group) => Object.hasOwn(group, name)));
  if (!store || !indexOf || !declaredAll) {
    yield* rels;
    return;
  }
  let mentionSeen = false;
  for (let i = 0; i < rels.length; i++) {
    if (indexOf(i) >= 0) {
      if (mentionSeen) continue;
      mentionSeen = true;
    }
    yield rels.at(i)!;
  }
}

/** The properties of a MENTIONS made from the store, as lists or not (see MentionStore.get). */
const MENTION_PROPERTIES: Record<string, boolean> = { count: false, starts: true, ends: true, texts: true, rules: true };

/**
 * Whether MENTIONS edges can be written from the store (mentionEdge): every edge key that
 * names one of their properties writes it as it is (a list as JSON, `count` as a number).
 */
function mentionsWritable(keys: Key[]): boolean {
  return keys.every((k) => k.name === 'label' || (k.name !== 'id' && (!Object.hasOwn(MENTION_PROPERTIES, k.name) || MENTION_PROPERTIES[k.name] === k.list)));
}

/** A list item's escaped JSON (null where a list holds nothing). */
const escapedJson = (value: string | undefined): string => xmlText(JSON.stringify(value) ?? 'null');

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/**
 * Writes the `<edge>` line the loop would write for the store's i-th MENTIONS as a relationship
 * object, as bytes: endpoint ids, texts and rules escaped and encoded once each, offsets as
 * digits, the keys' `<data>` tags encoded once.
 */
function mentionEdgeWriter(store: MentionStore, keys: Key[]): (i: number, sink: ByteSink) => void {
  // Each endpoint encoded with the constant text around it: fewer, larger copies per line.
  const starts = new EncodedValues(store.startValues, (id) => `" source="${xmlEscape(id!)}" target="`);
  const ends = new EncodedValues(store.endValues, (id) => `${xmlEscape(id!)}"><data key="e_label">MENTIONS</data>`);
  const texts = new EncodedValues(store.textValues, escapedJson);
  const rules = new EncodedValues(store.ruleValues, escapedJson);
  const head = utf8('    <edge id="');
  const comma = utf8(',');
  const closeData = utf8('</data>');
  const closeList = utf8(']</data>');
  const tail = utf8('</edge>\n');
  // A MENTIONS id is `mentions:` and hex digits: nothing to escape. Data in key order; keys
  // that are none of its properties write nothing.
  const data: Array<{ name: string; open: Uint8Array }> = [];
  for (const k of keys) {
    if (k.name === 'count') data.push({ name: k.name, open: utf8(k.open) });
    else if (k.name === 'starts' || k.name === 'ends' || k.name === 'texts' || k.name === 'rules') data.push({ name: k.name, open: utf8(k.open + '[') });
  }
  return (i, sink) => {
    sink.bytes(head);
    store.writeId(i, sink);
    sink.bytes(starts.at(store.startIndex(i)));
    sink.bytes(ends.at(store.endIndex(i)));
    for (const { name, open } of data) {
      sink.bytes(open);
      if (name === 'count') {
        sink.number(store.count(i));
        sink.bytes(closeData);
        continue;
      }
      if (name === 'starts' || name === 'ends') store.writeOffsets(i, name, comma, sink);
      else store.writeStrings(i, name as 'texts' | 'rules', comma, name === 'texts' ? texts : rules, sink);
      sink.bytes(closeList);
    }
    sink.bytes(tail);
  };
}

export const graphmlExporter: Exporter = {
  name: 'graphml',
  output: GRAPHML_FILE,
  async write(graph, outDir, options) {
    return [await writeGraphml(graph, outDir, loadSchema(), options?.lists ?? PlainLists.of(graph.relationships))];
  },
};
