/**
 * Exporters, in a registry keyed by format name (knip's reporters habit): every format is a
 * small module behind the `Exporter` interface, and `writeExports` validates the graph
 * against schema/graph.yaml once, then runs each of them.
 *
 * Example: `await writeExports(resolution.graph, 'out')` →
 * `{json: 'out/graph.json', csv: 'out/csv', graphml: 'out/graph.graphml', cypher: 'out/graph.cypher', html: 'out/index.html'}`.
 */
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import type { Graph } from '../graph/model.js';
import { validateGraph } from '../graph/schema.js';
import { packGraph } from '../graph/transfer.js';
import { ExportWorker, FormatQueue } from './concurrent.js';
import { PlainLists } from './lists.js';
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
  /**
   * Threads to write with: 1 (default) writes every format on this thread; 2 or more (or
   * 'auto': the machine's cores) also starts one export worker that writes formats beside
   * this thread. One worker at most: there are five formats, and each worker holds a copy
   * of the graph.
   */
  threads?: number | 'auto';
  /**
   * Graphs with fewer nodes + relationships are written on this thread whatever `threads`
   * says: starting a worker (it loads the exporters and the schema) costs more than it saves.
   */
  workerMinimumSize?: number;
  /**
   * Graphs with more nodes + relationships are written on this thread: the worker's copy of
   * the graph (and a second exporter's working memory at the same time) would cost too much.
   */
  workerMaximumSize?: number;
  /**
   * Graphs with more nodes + relationships have the worker keep their relationships packed,
   * made on read (`lazyRelationships` of unpackGraph): less memory for more CPU.
   */
  workerLazySize?: number;
  /** The compiled export worker (default: `exportWorkerUrl()`). */
  workerUrl?: URL;
}

/** Below this many nodes + relationships a graph is exported on one thread (the 1k-article corpus has ~35 000). */
export const WORKER_MINIMUM_SIZE = 20_000;

/**
 * Above this many nodes + relationships a graph is exported on one thread: the worker's copy
 * of the graph and a second exporter at work cost memory that grows with the graph. Measured
 * at --jobs 2 on 30k articles (~780 000 elements), the export phase peaked at 601 MB on one
 * thread, 847 MB with the worker holding the graph as objects and 767 MB with its relationships
 * left packed (WORKER_LAZY_SIZE); the 100k-article build (~2.6M elements, 1.34 GB at --jobs 2
 * on one export thread) reached 1.97 GB with the objects, so ~1.75 GB expected packed. Past
 * ~3M elements (~115k articles) the build would near 2 GB.
 */
export const WORKER_MAXIMUM_SIZE = 3_000_000;

/**
 * Above this many nodes + relationships the worker keeps the relationships other than
 * MENTIONS packed and makes each when read: their objects were most of the worker's copy of
 * the graph (at 30k articles, ~780 000 elements, its heap after unpacking 144 -> 65 MB), and
 * each exporter's pass then decodes them again (~70 ms per pass per 10k articles).
 */
export const WORKER_LAZY_SIZE = 1_000_000;

/**
 * The order formats are claimed in, longest to write first (measured on a 10k-article graph),
 * so the two threads end close together; formats not listed go last.
 */
const LONGEST_FIRST = ['cypher', 'graphml', 'csv', 'json', 'html'];

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
  const threads = options.threads === 'auto' ? availableParallelism() : (options.threads ?? 1);
  const size = graph.nodes.length + graph.relationships.length;
  const concurrent = threads > 1 && formats.length > 1 && size >= (options.workerMinimumSize ?? WORKER_MINIMUM_SIZE) && size <= (options.workerMaximumSize ?? WORKER_MAXIMUM_SIZE);
  const lazy = size > (options.workerLazySize ?? WORKER_LAZY_SIZE);
  const paths = concurrent ? await writeOnTwoThreads(graph, outDir, formats, options.workerUrl, lazy) : await writeOnThisThread(graph, outDir, formats);
  const written: Record<string, string> = {};
  formats.forEach((f, k) => {
    const p = paths[k]!;
    if (p.length === 1) written[f] = p[0]!;
    else if (p.length > 1) written[f] = dirname(p[0]!);
  });
  return written;
}

/** Validates, then writes `formats` in order; the paths written per format. */
async function writeOnThisThread(graph: Graph, outDir: string, formats: readonly string[]): Promise<string[][]> {
  validateGraph(graph);
  let next = 0;
  const lists = sharedLists(graph, () => formats.slice(next).some(readsLists));
  const paths: string[][] = [];
  for (const f of formats) {
    next++;
    paths.push(await writeFormat(graph, outDir, f, lists));
  }
  return paths;
}

/** The formats that write relationships' string lists from PlainLists. */
const LIST_READERS = new Set(['json', 'graphml', 'csv']);

/** Whether `format` writes relationships' string lists from PlainLists. */
export const readsLists = (format: string): boolean => LIST_READERS.has(format);

/**
 * The graph's relationships' string lists, read when the first format that writes from them
 * asks (`lists(format)`), then shared by the others on this thread; let go of once no format
 * left to write here reads them (`readersLeft()`, asked after each handing out).
 */
export function sharedLists(graph: Graph, readersLeft: () => boolean): (format: string) => PlainLists | undefined {
  let lists: PlainLists | undefined;
  let read = false;
  return (format) => {
    if (!readsLists(format)) return undefined;
    if (!read) {
      lists = PlainLists.of(graph.relationships);
      read = true;
    }
    const given = lists;
    if (!readersLeft()) lists = undefined;
    return given;
  };
}

async function writeFormat(graph: Graph, outDir: string, format: string, lists: (format: string) => PlainLists | undefined): Promise<string[]> {
  const shared = lists(format);
  const paths = await EXPORTERS[format]!.write(graph, outDir, shared ? { lists: shared } : {});
  // What an exporter kept of the MENTIONS store's texts (escaped, quoted, measured) serves only it.
  graph.relationships.mentionStore?.releaseCaches();
  return paths;
}

/**
 * Validates, then writes `formats` on this thread and an export worker, each claiming the next
 * format when free. An exporter's error on either thread stops the claims, waits for the
 * other thread's format to be complete, and is thrown. If the worker dies, this thread
 * writes what it left unwritten.
 */
async function writeOnTwoThreads(graph: Graph, outDir: string, formats: readonly string[], workerUrl: URL | undefined, lazyRelationships: boolean): Promise<string[][]> {
  const order = [...formats].sort((a, b) => rank(a) - rank(b));
  const queue = new FormatQueue(order);
  // Started first: it loads its modules while this thread packs the graph, and unpacks it
  // while this thread validates it; it claims formats only once the graph is valid.
  const worker = new ExportWorker(queue, outDir, workerUrl, lazyRelationships);
  let sent = false;
  try {
    sent = sendGraph(worker, graph);
    if (sent) validateGraph(graph);
  } catch (err) {
    if (sent) {
      queue.open(false);
      await worker.finished;
    } else await worker.cancel();
    throw err;
  }
  if (!sent) {
    await worker.cancel();
    return writeOnThisThread(graph, outDir, formats);
  }
  queue.open();
  const byIndex = new Map<number, string[]>();
  // Formats nobody has claimed yet may come to this thread.
  const lists = sharedLists(graph, () => order.slice(queue.claimed).some(readsLists));
  try {
    for (let k = queue.claim(); k !== undefined; k = queue.claim()) byIndex.set(k, await writeFormat(graph, outDir, order[k]!, lists));
  } catch (err) {
    queue.stop();
    await worker.finished;
    throw err;
  }
  const outcome = await worker.finished;
  if (outcome.error) throw outcome.error;
  for (const [k, p] of outcome.written) byIndex.set(k, p);
  if (outcome.crashed) process.stderr.write(`guanxi: ${outcome.crashed}; its formats are written on the main thread\n`);
  // A dead worker's claimed formats that it did not finish (its temporary file, if any, is
  // the same name ours gets: opening it again truncates it).
  for (let k = 0; k < queue.claimed; k++) {
    if (!byIndex.has(k)) byIndex.set(k, await writeFormat(graph, outDir, order[k]!, lists));
  }
  return formats.map((f) => byIndex.get(order.indexOf(f))!);
}

/** Packs and posts the graph (false: it does not pack): the packed copy is not kept here while formats are written. */
function sendGraph(worker: ExportWorker, graph: Graph): boolean {
  const packed = packGraph(graph);
  if (packed) worker.send(packed);
  return packed !== undefined;
}

const rank = (format: string): number => {
  const r = LONGEST_FIRST.indexOf(format);
  return r < 0 ? LONGEST_FIRST.length : r;
};
