/**
 * Exporters, in a registry keyed by format name (knip's reporters habit): every format is a
 * small module behind the `Exporter` interface, and `writeExports` validates the graph
 * against schema/graph.yaml once, then runs each of them.
 *
 * Example: `await writeExports(resolution.graph, 'out')` →
 * `{json: 'out/graph.json', csv: 'out/csv', graphml: 'out/graph.graphml', cypher: 'out/graph.cypher', html: 'out/index.html'}`.
 */
import { dirname } from 'node:path';
import type { Graph } from '../graph/model.js';
import { validateGraph } from '../graph/schema.js';
import type { Exporter } from './types.js';
import { jsonExporter } from './json.js';
import { csvExporter } from './csv.js';
import { graphmlExporter } from './graphml.js';
import { cypherExporter } from './cypher.js';
import { htmlExporter } from './html.js';

/** Every exporter, keyed by format name, in the order they run. */
export const EXPORTERS: Readonly<Record<string, Exporter>> = {
  json: jsonExporter,
  csv: csvExporter,
  graphml: graphmlExporter,
  cypher: cypherExporter,
  html: htmlExporter,
};

/** A `--format` name that is not in the registry. */
export class UnknownFormatError extends Error {
  override name = 'UnknownFormatError';
}

export interface WriteExportsOptions {
  /** Formats to write (default: all, in registry order). */
  formats?: string[];
}

/**
 * Validates the graph (a GraphValidationError names each bad node/relationship and
 * property), then writes every export format into `outDir`; returns format → path
 * written (the folder for formats that write several files).
 */
export async function writeExports(graph: Graph, outDir: string, options: WriteExportsOptions = {}): Promise<Record<string, string>> {
  const formats = options.formats ?? Object.keys(EXPORTERS);
  for (const f of formats) {
    if (!EXPORTERS[f]) throw new UnknownFormatError(`writeExports: unknown format ${JSON.stringify(f)}. Expecting one of ${Object.keys(EXPORTERS).join(', ')}`);
  }
  validateGraph(graph);
  const written: Record<string, string> = {};
  for (const f of formats) {
    const paths = await EXPORTERS[f]!.write(graph, outDir);
    // What an exporter kept of the MENTIONS store's texts (escaped, quoted, measured) serves only it.
    graph.relationships.mentionStore?.releaseCaches();
    if (paths.length === 1) written[f] = paths[0]!;
    else if (paths.length > 1) written[f] = dirname(paths[0]!);
  }
  return written;
}
