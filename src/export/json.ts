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
import { endAt, startAt, typeAt, type Graph, type GraphNode, type GraphRelationship, type RelationshipList } from '../graph/model.js';
import { withWriter } from '../graph/write.js';
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
  // A field that is not a string (never in a resolved graph) would change which keys
  // JSON.stringify keeps, so that line goes the plain way.
  if (typeof r.id !== 'string' || typeof r.type !== 'string' || typeof r.start !== 'string' || typeof r.end !== 'string' || typeof r.properties !== 'object' || r.properties === null) {
    return JSON.stringify({ type: 'relationship', id: r.id, label: r.type, start: { id: r.start, labels: [labelOf.get(r.start)] }, end: { id: r.end, labels: [labelOf.get(r.end)] }, properties: r.properties });
  }
  return lineAround(r.id, r.type, r.start, r.end, JSON.stringify(r.properties), labelsOf);
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

/** The line of the i-th relationship of `rels`, made without the relationship object when the list can write its properties. */
function relationshipLineAt(rels: RelationshipList, i: number, labelOf: Map<string, string>, labelsOf: (id: string) => string): string {
  const properties = rels.propertiesJsonAt?.(i);
  if (properties === undefined || !rels.idAt) return relationshipLineWith(rels.at(i)!, labelOf, labelsOf);
  return lineAround(rels.idAt(i), typeAt(rels, i), startAt(rels, i), endAt(rels, i), properties, labelsOf);
}

/** Writes graph.json, streaming in batches of lines. */
export async function writeJson(graph: Graph, outDir: string): Promise<string> {
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label as string]));
  // Each node's labels JSON made once (two per relationship line were a JSON.stringify each).
  const labelsJsonOf = new Map<string, string>();
  for (const [id, label] of labelOf) labelsJsonOf.set(id, labelsJson(label));
  const labelsOf = (id: string) => labelsJsonOf.get(id) ?? '[null]';
  return withWriter(join(outDir, JSON_FILE), async (w) => {
    let buf = '';
    const flushAt = 1 << 16;
    for (const n of graph.nodes) {
      buf += nodeLine(n) + '\n';
      if (buf.length > flushAt) {
        await w.write(buf);
        buf = '';
      }
    }
    const rels = graph.relationships;
    for (let i = 0; i < rels.length; i++) {
      buf += relationshipLineAt(rels, i, labelOf, labelsOf) + '\n';
      if (buf.length > flushAt) {
        await w.write(buf);
        buf = '';
      }
    }
    if (buf) await w.write(buf);
  });
}

export const jsonExporter: Exporter = {
  name: 'json',
  async write(graph, outDir) {
    return [await writeJson(graph, outDir)];
  },
};
