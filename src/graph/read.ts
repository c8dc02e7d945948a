/**
 * Reads out/graph.json (APOC JSON lines, see src/export/json.ts) back into a Graph, line by
 * line, for the commands that work on a built graph (`guanxi timeline`, `guanxi show`,
 * `guanxi load out/`).
 *
 * Example: `const graph = await readGraph('out')` (or the path of the file itself).
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { NODE_LABELS, RELATIONSHIP_TYPES, type ArrayGraph, type NodeLabel, type RelationshipType } from './model.js';

/** A graph.json that is missing or not in the expected shape; the message names file and line. */
export class GraphReadError extends Error {
  override name = 'GraphReadError';
}

/** Reads `outDir/graph.json` (or `outDir` itself when it is a file). */
export async function readGraph(outDir: string): Promise<ArrayGraph> {
  let path = outDir;
  try {
    if ((await stat(outDir)).isDirectory()) path = join(outDir, 'graph.json');
  } catch {
    throw new GraphReadError(`readGraph: ${outDir}: no such file or folder. Run 'guanxi build' first`);
  }
  const graph: ArrayGraph = { nodes: [], relationships: [] };
  let stream;
  try {
    await stat(path);
    stream = createReadStream(path, { encoding: 'utf8' });
  } catch {
    throw new GraphReadError(`readGraph: ${path}: no such file. Run 'guanxi build' first`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let o: any;
    try {
      o = JSON.parse(line);
    } catch (err) {
      throw new GraphReadError(`readGraph: ${path}:${lineNo}: not JSON: ${(err as Error).message}`);
    }
    if (o?.type === 'node') {
      const label = o.labels?.[0];
      if (!(NODE_LABELS as readonly string[]).includes(label)) throw new GraphReadError(`readGraph: ${path}:${lineNo}: unknown node label ${JSON.stringify(label)}`);
      graph.nodes.push({ id: String(o.id), label: label as NodeLabel, properties: o.properties ?? {} });
    } else if (o?.type === 'relationship') {
      if (!(RELATIONSHIP_TYPES as readonly string[]).includes(o.label)) throw new GraphReadError(`readGraph: ${path}:${lineNo}: unknown relationship type ${JSON.stringify(o.label)}`);
      graph.relationships.push({ id: String(o.id), type: o.label as RelationshipType, start: String(o.start?.id), end: String(o.end?.id), properties: o.properties ?? {} });
    } else {
      throw new GraphReadError(`readGraph: ${path}:${lineNo}: expecting "type": "node" or "relationship"`);
    }
  }
  return graph;
}
