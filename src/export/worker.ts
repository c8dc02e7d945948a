/**
 * The export worker: takes a packed graph (src/graph/transfer.ts), then writes the formats
 * it claims from the shared queue until none is left (see src/export/concurrent.ts). An
 * exporter's error stops the queue and goes back to the main thread, which fails the build
 * with it; the exporter has already removed its temporary file (withWriter).
 * Loaded from dist/ (see `exportWorkerUrl`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Graph } from '../graph/model.js';
import { unpackGraph, type PackedGraph } from '../graph/transfer.js';
import { FormatQueue, sentError, type ExportWorkerData, type ExportWorkerMessage } from './concurrent.js';
import { EXPORTERS, readsLists, sharedLists } from './index.js';

const data = workerData as ExportWorkerData;
const port = parentPort!;
const post = (m: ExportWorkerMessage) => port.postMessage(m);

// The packed message is dropped once unpacked: only the graph lives on while formats are written
// (for a large graph its relationships but MENTIONS stay packed, made on read).
port.once('message', (packed: PackedGraph) => void writeClaimed(() => unpackGraph(packed, { lazyRelationships: data.lazyRelationships })));

async function writeClaimed(unpack: () => Graph): Promise<void> {
  const queue = new FormatQueue(data.formats, data.queue);
  let index: number | undefined;
  try {
    const graph = unpack();
    const log = (line: string) => post({ kind: 'log', line });
    // Unpacked while the main thread validates the graph: nothing is written unless it passes.
    const open = queue.waitOpen();
    const lists = sharedLists(graph, () => data.formats.slice(queue.claimed).some(readsLists));
    while (open && (index = queue.claim()) !== undefined) {
      const format = data.formats[index]!;
      const paths = await EXPORTERS[format]!.write(graph, data.outDir, { log, lists: lists(format) });
      graph.relationships.mentionStore?.releaseCaches();
      post({ kind: 'written', index, paths });
    }
  } catch (err) {
    queue.stop();
    post({ kind: 'failed', index: index ?? -1, error: sentError(err) });
  }
  post({ kind: 'finished' });
}
