/**
 * out/index.html exporter (the interactive graph page). PLACEHOLDER until the page lands.
 */
import type { Exporter } from './types.js';

export const htmlExporter: Exporter = {
  name: 'html',
  async write() {
    return [];
  },
};
