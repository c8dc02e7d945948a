/**
 * The slice of schema/graph.yaml the Cypher module needs: labels with their key, typed
 * properties, range and full-text indexes; relationship types with endpoints and typed
 * properties. It reads the YAML itself for now and has the shape of `loadSchema()` in
 * src/graph/schema.ts, so the resolver's loader can replace `readGraphSchema` without
 * touching the statement generator.
 *
 * Example: `readGraphSchema().nodes.Person.properties.firstSeen` is `'date'`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** A declared property type: `string`, `int`, `float`, `boolean`, `date`, or an array of one (`string[]`). */
export type CypherPropertyType = string;

/** One node label as declared in the schema. */
export interface CypherNodeSchema {
  key: string;
  properties: Record<string, CypherPropertyType>;
  indexes: string[];
  fulltext: string[];
}

/** One relationship type as declared in the schema. */
export interface CypherRelationshipSchema {
  from: string[];
  to: string[];
  properties: Record<string, CypherPropertyType>;
}

/** The graph schema: the only place labels, types and property types come from. */
export interface CypherSchema {
  nodes: Record<string, CypherNodeSchema>;
  relationships: Record<string, CypherRelationshipSchema>;
}

/** Finds schema/graph.yaml above this module (src/cypher/ under vitest, dist/src/cypher/ when built). */
export function schemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'schema', 'graph.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('schema', 'graph.yaml');
}

const cache = new Map<string, CypherSchema>();

/** Reads schema/graph.yaml (or `path`), cached per path. */
export function readGraphSchema(path: string = schemaPath()): CypherSchema {
  const hit = cache.get(path);
  if (hit) return hit;
  const schema = parseGraphSchema(readFileSync(path, 'utf8'));
  cache.set(path, schema);
  return schema;
}

/** Parses schema YAML text into the shape above; missing lists become empty lists. */
export function parseGraphSchema(text: string): CypherSchema {
  const doc = parse(text) as { nodes?: Record<string, any>; relationships?: Record<string, any> } | null;
  if (!doc?.nodes || !doc.relationships) {
    throw new Error('readGraphSchema: expecting top-level keys nodes and relationships');
  }
  const nodes: Record<string, CypherNodeSchema> = {};
  for (const [label, raw] of Object.entries(doc.nodes)) {
    nodes[label] = {
      key: String(raw?.key ?? 'id'),
      properties: { ...(raw?.properties ?? {}) },
      indexes: Array.isArray(raw?.indexes) ? raw.indexes.map(String) : [],
      fulltext: Array.isArray(raw?.fulltext) ? raw.fulltext.map(String) : [],
    };
  }
  const relationships: Record<string, CypherRelationshipSchema> = {};
  for (const [type, raw] of Object.entries(doc.relationships)) {
    relationships[type] = {
      from: Array.isArray(raw?.from) ? raw.from.map(String) : [],
      to: Array.isArray(raw?.to) ? raw.to.map(String) : [],
      properties: { ...(raw?.properties ?? {}) },
    };
  }
  return { nodes, relationships };
}
