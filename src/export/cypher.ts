/**
 * graph.cypher exporter: the load plan of src/cypher/ written as a cypher-shell script,
 * idempotent (constraints IF NOT EXISTS, MERGE everywhere). Planning messages (dropped
 * properties, dangling relationships) go to stderr with their rule ids.
 */
import { writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { planLoad, renderScript } from '../cypher/index.js';
import type { Exporter } from './types.js';

/** Writes `outDir/graph.cypher`. */
export const cypherExporter: Exporter = {
  name: 'cypher',
  async write(graph, outDir) {
    const plan = planLoad(graph);
    for (const m of plan.messages) process.stderr.write(`guanxi: graph.cypher: ${m.level}: ${m.message} [${m.rule}]\n`);
    const path = join(outDir, 'graph.cypher');
    const tmp = `${path}.tmp-${process.pid}`;
    await writeFile(tmp, renderScript(plan));
    await rename(tmp, path);
    return [path];
  },
};
