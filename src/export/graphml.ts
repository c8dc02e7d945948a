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
import type { MentionStore } from '../graph/mentions.js';
import { loadSchema, type PropertyType, type Schema } from '../graph/schema.js';
import { withWriter } from '../graph/write.js';
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
/** The same but for `"`: a list's JSON text holds quotes and, most often, nothing else to escape. */
const SPECIAL_BUT_QUOTE = /[^\t\n\u0020-\u0025\u0028-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD]/;
/** Each character `xmlEscape` rewrites, by code point: surrogate pairs match as one and stay. */
const SPECIAL = /[^\t\n\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
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

/**
 * Escapes text for XML element content and attribute values, in one pass: most values
 * (names, ids) need nothing, and lists' JSON texts only their quotes.
 */
export function xmlEscape(s: string): string {
  if (!MAYBE_SPECIAL.test(s)) return s;
  if (!SPECIAL_BUT_QUOTE.test(s)) return s.replace(/"/g, '&quot;');
  return s.replace(SPECIAL, escapeOne);
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

function dataValue(v: PropertyValue, key: Key): string {
  if (key.list) return JSON.stringify(v);
  return String(v);
}

function keyLine(k: Key, forWhat: 'node' | 'edge'): string {
  return `  <key id="${xmlEscape(k.id)}" for="${forWhat}" attr.name="${xmlEscape(k.name)}" attr.type="${k.type}"/>\n`;
}

/** Writes graph.graphml, streaming element by element. */
export async function writeGraphml(graph: Graph, outDir: string, schema: Schema = loadSchema()): Promise<string> {
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
    const flush = async () => {
      if (buf.length > 65536) {
        await w.write(buf);
        buf = '';
      }
    };
    for (const n of graph.nodes) {
      buf += `    <node id="${xmlEscape(n.id)}">`;
      buf += `<data key="v_label">${xmlEscape(n.label)}</data>`;
      for (const k of nodeKeys) {
        if (k.name === 'label') continue;
        const v = n.properties[k.name];
        if (v === undefined || v === null) continue;
        buf += k.open + xmlEscape(dataValue(v, k)) + '</data>';
      }
      buf += '</node>\n';
      // Checked here, not only in flush(): an await per element cost a microtask each.
      if (buf.length > 65536) await flush();
    }
    const rels = graph.relationships;
    const store = rels.mentionStore && rels.mentionIndex && mentionsWritable(edgeKeys) ? rels.mentionStore : undefined;
    for (let i = 0; i < rels.length; i++) {
      const mention = store ? rels.mentionIndex!(i) : -1;
      if (mention >= 0) {
        buf += mentionEdge(store!, mention, edgeKeys);
        if (buf.length > 65536) await flush();
        continue;
      }
      const r = rels.at(i)!;
      buf += `    <edge id="${xmlEscape(r.id)}" source="${xmlEscape(r.start)}" target="${xmlEscape(r.end)}">`;
      buf += `<data key="e_label">${xmlEscape(r.type)}</data>`;
      for (const k of edgeKeys) {
        if (k.name === 'label') continue;
        const v = r.properties[k.name];
        if (v === undefined || v === null) continue;
        buf += k.open + xmlEscape(dataValue(v, k)) + '</data>';
      }
      buf += '</edge>\n';
      if (buf.length > 65536) await flush();
    }
    buf += '  </graph>\n</graphml>\n';
    await w.write(buf);
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
const escapedJson = (value: string | undefined): string => xmlEscape(JSON.stringify(value) ?? 'null');

/** The `<edge>` line of the store's i-th MENTIONS, as the loop writes a MENTIONS object, without making it. */
function mentionEdge(store: MentionStore, i: number, keys: Key[]): string {
  let out = `    <edge id="${xmlEscape(store.id(i))}" source="${xmlEscape(store.start(i))}" target="${xmlEscape(store.end(i))}"><data key="e_label">MENTIONS</data>`;
  for (const k of keys) {
    switch (k.name) {
      case 'count':
        out += k.open + store.count(i) + '</data>';
        break;
      case 'starts':
      case 'ends':
        // Digits, commas and brackets: nothing to escape.
        out += k.open + store.offsetsJson(i, k.name) + '</data>';
        break;
      case 'texts':
      case 'rules':
        // xmlEscape maps character by character: the list's escaped JSON is its items' between brackets and commas.
        out += k.open + '[' + store.stringsJoined(i, k.name, ',', escapedJson) + ']</data>';
        break;
    }
  }
  return out + '</edge>\n';
}

export const graphmlExporter: Exporter = {
  name: 'graphml',
  async write(graph, outDir) {
    return [await writeGraphml(graph, outDir)];
  },
};
