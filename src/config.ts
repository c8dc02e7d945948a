/**
 * guanxi.yaml: inputs, home jurisdiction, outputs and Neo4j settings, read with `yaml`.
 * CLI flags override it. PLACEHOLDER with the final signature; validation lands with issue 7.
 */

export interface GuanxiConfig {
  inputs?: string[];
  home?: string;
  out?: string;
  manifest?: string;
  resolve?: string;
  jobs?: number;
  neo4j?: {
    uri?: string;
    database?: string;
    username?: string;
    password?: string;
    batchSize?: number;
    concurrency?: number;
  };
}

/** Reads `path` (default ./guanxi.yaml when it exists); an empty config when there is none. */
export async function loadConfig(_path?: string): Promise<GuanxiConfig> {
  return {};
}
