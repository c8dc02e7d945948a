/**
 * The exporter contract: each format is a small module with a `write(graph, outDir)` that
 * returns the paths it wrote; src/export/index.ts keeps them in a registry keyed by name.
 */
import type { Graph } from '../graph/model.js';
import type { PlainLists } from './lists.js';

export interface ExporterOptions {
  /** Where warnings go, one line each with its newline (default: process.stderr). */
  log?: (line: string) => void;
  /**
   * The string lists of the graph's relationships, read once for every format written
   * (writeExports makes them); an exporter given none reads them itself.
   */
  lists?: PlainLists;
}

export interface Exporter {
  /** Format name, e.g. `json`, `cypher`, `csv`, `graphml`, `html`. */
  name: string;
  /** The file (or folder, for formats that write several files) it writes, relative to outDir. */
  output: string;
  /** Writes the format into `outDir` and returns the paths written. */
  write(graph: Graph, outDir: string, options?: ExporterOptions): Promise<string[]>;
}
