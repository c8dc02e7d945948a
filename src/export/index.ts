/**
 * Exporters, in a registry keyed by format name. PLACEHOLDER until the exporters land.
 */
import type { Graph } from '../graph/model.js';

/** Writes every export format into `outDir`; returns format → path written. */
export async function writeExports(_graph: Graph, _outDir: string): Promise<Record<string, string>> {
  return {};
}
