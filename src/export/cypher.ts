/**
 * graph.cypher exporter. PLACEHOLDER until the Cypher module lands.
 */
import type { Exporter } from './types.js';

export const cypherExporter: Exporter = {
  name: 'cypher',
  async write() {
    return [];
  },
};
