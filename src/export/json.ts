/**
 * graph.json: the APOC JSON-lines format that `apoc.export.json.all` writes and
 * `apoc.import.json` reads, one node or relationship per line, nodes first:
 *
 *   {"type":"node","id":"person:…","labels":["Person"],"properties":{"id":"person:…","name":"吴锦",…}}
 *   {"type":"relationship","id":"holds:…","label":"HOLDS","start":{"id":"person:…","labels":["Person"]},"end":{"id":"office:…","labels":["Office"]},"properties":{…}}
 *
 * Ids are our deterministic string ids (apoc.import.json keeps them in `neo4jImportId`
 * while importing); properties hold only strings, numbers, booleans and lists of them.
 * src/graph/read.ts reads the file back.
 */
import { join } from 'node:path';
import { endAt, startAt, typeAt, type Graph, type GraphNode, type GraphRelationship } from '../graph/model.js';
import { EncodedValues, type MentionStore } from '../graph/mentions.js';
import { RenderedStrings, withWriter, type ByteSink } from '../graph/write.js';
import { encodeJsonValue } from '../output/json-line.js';
import { PlainLists } from './lists.js';
import type { Exporter } from './types.js';

/** File name inside the output folder. */
export const JSON_FILE = 'graph.json';

/** One APOC JSON line for a node (without the newline). */
export function nodeLine(n: GraphNode): string {
  return JSON.stringify({ type: 'node', id: n.id, labels: [n.label], properties: n.properties });
}

/** One APOC JSON line for a relationship; endpoints carry their labels. */
export function relationshipLine(r: GraphRelationship, labelOf: Map<string, string>): string {
  return relationshipLineWith(r, labelOf, (id) => labelsJson(labelOf.get(id)));
}

/** The JSON of an endpoint's `labels` list: its label, or null for an id that is no node. */
const labelsJson = (label: string | undefined): string => (label === undefined ? '[null]' : '[' + JSON.stringify(label) + ']');

/** `relationshipLine`, with each endpoint's labels JSON from `labelsOf` (worked out once per node by writeJson). */
function relationshipLineWith(r: GraphRelationship, labelOf: Map<string, string>, labelsOf: (id: string) => string): string {
  if (!plainRelationship(r)) {
    return JSON.stringify({ type: 'relationship', id: r.id, label: r.type, start: { id: r.start, labels: [labelOf.get(r.start)] }, end: { id: r.end, labels: [labelOf.get(r.end)] }, properties: r.properties });
  }
  return lineAround(r.id, r.type, r.start, r.end, JSON.stringify(r.properties), labelsOf);
}

/**
 * Whether a relationship's line can be written around its properties' JSON: a field that is
 * not a string (never in a resolved graph) would change which keys JSON.stringify keeps, so
 * such a line goes the plain way.
 */
function plainRelationship(r: GraphRelationship): boolean {
  return typeof r.id === 'string' && typeof r.type === 'string' && typeof r.start === 'string' && typeof r.end === 'string' && typeof r.properties === 'object' && r.properties !== null;
}

/**
 * The text JSON.stringify gives a relationship's line, written around its properties' JSON
 * (no wrapper objects per line).
 */
function lineAround(id: string, type: string, start: string, end: string, propertiesJson: string, labelsOf: (id: string) => string): string {
  return (
    '{"type":"relationship","id":' +
    JSON.stringify(id) +
    ',"label":' +
    JSON.stringify(type) +
    ',"start":{"id":' +
    JSON.stringify(start) +
    ',"labels":' +
    labelsOf(start) +
    '},"end":{"id":' +
    JSON.stringify(end) +
    ',"labels":' +
    labelsOf(end) +
    '},"properties":' +
    propertiesJson +
    '}'
  );
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/**
 * Writes the line (and newline) `relationshipLine` gives the store's i-th MENTIONS, as bytes:
 * the endpoints' `{"id":…,"labels":…}`, texts and rules are encoded once each, offsets written
 * as digits, so a line costs no strings.
 */
function mentionLineWriter(store: MentionStore, labelsOf: (id: string) => string): (i: number, sink: ByteSink) => void {
  const endpoint = (id: string | undefined) => '{"id":' + JSON.stringify(id) + ',"labels":' + labelsOf(id!) + '}';
  // Each endpoint encoded with the constant text around it: fewer, larger copies per line.
  const starts = new EncodedValues(store.startValues, (id) => '","label":"MENTIONS","start":' + endpoint(id) + ',"end":');
  const ends = new EncodedValues(store.endValues, (id) => endpoint(id) + ',"properties":{"id":"');
  const texts = new EncodedValues(store.textValues, itemJson);
  const rules = new EncodedValues(store.ruleValues, itemJson);
  const head = utf8('{"type":"relationship","id":"');
  const toCount = utf8('","count":');
  const toStarts = utf8(',"starts":[');
  const glue = { toEnds: utf8('],"ends":['), toTexts: utf8('],"texts":['), toRules: utf8('],"rules":[') };
  const tail = utf8(']}}\n');
  const comma = utf8(',');
  return (i, sink) => {
    sink.bytes(head);
    store.writeId(i, sink);
    sink.bytes(starts.at(store.startIndex(i)));
    sink.bytes(ends.at(store.endIndex(i)));
    store.writeId(i, sink);
    sink.bytes(toCount);
    sink.number(store.count(i));
    sink.bytes(toStarts);
    store.writeLists(i, comma, glue, texts, rules, sink);
    sink.bytes(tail);
  };
}

/**
 * Writes the line (and newline) `relationshipLine` gives a relationship, as bytes: its
 * string lists from `lists` (each distinct item encoded once for every exporter), numbers as
 * digits, its endpoints' `{"id":…,"labels":…}` and property names encoded once each. A
 * relationship with fields or properties JSON would write otherwise goes through `relationshipLineWith`.
 */
function relationshipLineWriter(labelOf: Map<string, string>, labelsOf: (id: string) => string, lists: PlainLists | undefined): (position: number, r: GraphRelationship, sink: ByteSink) => void {
  const keys = new RenderedStrings((key) => JSON.stringify(key) + ':');
  const types = new RenderedStrings((type) => ',"label":' + JSON.stringify(type) + ',"start":');
  const endpoints = new RenderedStrings((id) => '{"id":' + JSON.stringify(id) + ',"labels":' + labelsOf(id) + '}');
  const head = utf8('{"type":"relationship","id":');
  const toEnd = utf8(',"end":');
  const toProperties = utf8(',"properties":');
  const tail = utf8('}\n');
  const listGlue = { before: utf8('["'), between: utf8('","'), after: utf8('"]') };
  return (position, r, sink) => {
    if (!plainRelationship(r) || !plainObject(r.properties)) {
      sink.text(relationshipLineWith(r, labelOf, labelsOf) + '\n');
      return;
    }
    sink.bytes(head);
    sink.text(JSON.stringify(r.id));
    types.write(r.type, sink);
    endpoints.write(r.start, sink);
    sink.bytes(toEnd);
    endpoints.write(r.end, sink);
    sink.bytes(toProperties);
    const properties = r.properties;
    let members = 0;
    for (const key in properties) {
      const v: unknown = properties[key];
      // What JSON.stringify leaves out of an object.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      const list = lists && Array.isArray(v) ? lists.find(position, v) : -1;
      // A value JSON writes by its own rules (a nested map, toJSON): its text, left out when undefined.
      const other = list < 0 && typeof v === 'object' && v !== null && !plainList(v) ? (JSON.stringify(v) as string | undefined) : '';
      if (other === undefined) continue;
      sink.byte(members++ ? COMMA : OPEN_BRACE);
      keys.write(key, sink);
      if (list >= 0) lists!.write(list, listGlue.before, listGlue.between, listGlue.after, sink);
      else if (other) sink.text(other);
      else sink.bytes(encodeJsonValue(v));
    }
    if (!members) sink.byte(OPEN_BRACE);
    sink.byte(CLOSE_BRACE);
    sink.bytes(tail);
  };
}

/** Whether JSON.stringify reads `v`'s own enumerable keys as they are (no toJSON, a plain prototype). */
function plainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
}

/** Whether `v` is an array JSON.stringify writes item by item (no toJSON). */
const plainList = (v: object): v is unknown[] => Array.isArray(v) && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** A list item's JSON (null where the list holds nothing), as MentionStore.propertiesJson writes it. */
const itemJson = (value: string | undefined): string => JSON.stringify(value) ?? 'null';

/** Writes graph.json, streaming in batches of lines. */
export async function writeJson(graph: Graph, outDir: string, lists?: PlainLists): Promise<string> {
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label as string]));
  // Each node's labels JSON made once (two per relationship line were a JSON.stringify each).
  const labelsJsonOf = new Map<string, string>();
  for (const [id, label] of labelOf) labelsJsonOf.set(id, labelsJson(label));
  const labelsOf = (id: string) => labelsJsonOf.get(id) ?? '[null]';
  return withWriter(join(outDir, JSON_FILE), async (w) => {
    // Lines go straight into the writer's block: MENTIONS and the other relationships' property
    // maps as bytes (their ids, texts and evidence items encoded once), the rest as text.
    const sink = w.sink;
    for (const n of graph.nodes) sink.text(nodeLine(n) + '\n');
    const rels = graph.relationships;
    const store = rels.mentionStore;
    const writeMention = store && rels.mentionIndex ? mentionLineWriter(store, labelsOf) : undefined;
    const writeRelationship = relationshipLineWriter(labelOf, labelsOf, lists ?? PlainLists.of(rels));
    for (let i = 0; i < rels.length; i++) {
      const mention = writeMention ? rels.mentionIndex!(i) : -1;
      if (mention >= 0) {
        writeMention!(mention, sink);
        continue;
      }
      const propertiesJson = rels.propertiesJsonAt?.(i);
      if (propertiesJson !== undefined && rels.idAt) {
        sink.text(lineAround(rels.idAt(i), typeAt(rels, i), startAt(rels, i), endAt(rels, i), propertiesJson, labelsOf) + '\n');
        continue;
      }
      writeRelationship(i, rels.at(i)!, sink);
    }
  });
}

export const jsonExporter: Exporter = {
  name: 'json',
  output: JSON_FILE,
  async write(graph, outDir, options) {
    return [await writeJson(graph, outDir, options?.lists)];
  },
};
