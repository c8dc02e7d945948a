/**
 * The schema the Cypher module generates from: schema/graph.yaml as read and checked by
 * `loadSchema()` (src/graph/schema.ts), the single source of truth for labels, keys,
 * property types, indexes and relationship endpoints. Seen here through string-keyed
 * maps, because statements are generated for whatever labels the schema declares.
 *
 * Example: `readGraphSchema().nodes.Person.properties.firstSeen` is `'date'`.
 */
import { loadSchema } from '../graph/schema.js';

/** One node label as declared in the schema. */
export interface CypherNodeSchema {
  key: string;
  properties: Record<string, string>;
  indexes: string[];
  fulltext: string[];
}

/** One relationship type as declared in the schema. */
export interface CypherRelationshipSchema {
  from: string[];
  to: string[];
  properties: Record<string, string>;
}

/** The graph schema: the only place labels, types and property types come from. */
export interface CypherSchema {
  nodes: Record<string, CypherNodeSchema>;
  relationships: Record<string, CypherRelationshipSchema>;
}

/** Reads schema/graph.yaml (or `path`) through `loadSchema`, which validates and caches it. */
export function readGraphSchema(path?: string): CypherSchema {
  return loadSchema(path);
}
