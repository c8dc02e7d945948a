/**
 * The Neo4j loader. PLACEHOLDER until the loader lands.
 */
import type { Graph } from '../graph/model.js';

export interface LoadOptions {
  uri: string;
  database?: string;
  batchSize?: number;
  concurrency?: number;
  configPath?: string;
}

export interface LoadSummary {
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
}

/** Loads a graph into Neo4j. */
export async function loadGraph(_graph: Graph, _options: LoadOptions): Promise<LoadSummary> {
  throw new Error('the Neo4j loader is not implemented yet');
}
