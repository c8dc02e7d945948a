/**
 * graph.cypher exporter: the load plan of src/cypher/ written as a cypher-shell script,
 * idempotent (constraints IF NOT EXISTS, MERGE everywhere). Planning messages (dropped
 * properties, dangling relationships) go to stderr with their rule ids.
 */
import { join } from 'node:path';
import { planLoad, writeScript } from '../cypher/index.js';
import { withWriter } from '../graph/write.js';
import type { Exporter } from './types.js';

/**
 * Bytes of rows' Cypher literals kept from planning to writing (planLoad's literalCacheBytes):
 * each row so kept is built once instead of twice. About the whole script's non-MENTIONS
 * rows at 10k articles (~50 MB); a larger graph keeps its first rows' and builds the rest again.
 */
export const CYPHER_LITERAL_CACHE_BYTES = 64 << 20;

/** The script's file name in the output folder. */
export const CYPHER_FILE = 'graph.cypher';

/** Writes `outDir/graph.cypher`. */
export const cypherExporter: Exporter = {
  name: 'cypher',
  output: CYPHER_FILE,
  async write(graph, outDir, options = {}) {
    const plan = planLoad(graph, { literalCacheBytes: CYPHER_LITERAL_CACHE_BYTES });
    const log = options.log ?? ((line: string) => process.stderr.write(line));
    for (const m of plan.messages) log(`guanxi: graph.cypher: ${m.level}: ${m.message} [${m.rule}]\n`);
    // Streamed row by row into the file's block: the script is as large as graph.json, and
    // rendering it as one string doubled the export's peak memory.
    const path = await withWriter(join(outDir, CYPHER_FILE), async (w) => writeScript(plan, w.sink));
    return [path];
  },
};
