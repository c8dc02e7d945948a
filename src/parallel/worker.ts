/**
 * The extraction worker: builds the extractor once, then ingests and extracts the files
 * the pool sends (`{id, path}`) and posts back `{id, outcome}`. Runs the same
 * `processFile` as the in-process pipeline, so `--jobs N` gives the same outcomes as
 * `--jobs 1`. Loaded from dist/ (see `defaultWorkerUrl` in pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createExtractor } from '../extract/index.js';
import { processFile } from '../pipeline.js';
import type { WorkerInit, WorkerReply, WorkerTask } from './pool.js';

const init = workerData as WorkerInit;
const extract = createExtractor();
const port = parentPort!;

port.on('message', (task: WorkerTask) => {
  void processFile(task.path, init.ingest, extract, init).then(
    (outcome) => {
      // With the extraction already serialised, send the line alone: cloning the object graph
      // cost the worker a tenth of its time; the pool parses it back on the main thread.
      if (outcome.jsonLines?.extraction) delete outcome.result;
      const reply: WorkerReply = { id: task.id, outcome };
      port.postMessage(reply);
    },
    (err: unknown) => {
      // processFile does not throw; if it ever does, the article fails and the worker goes on.
      const reply: WorkerReply = {
        id: task.id,
        outcome: { path: task.path, status: 'failed', reason: `worker: ${(err as Error)?.message ?? String(err)}`, messages: [] },
      };
      port.postMessage(reply);
    },
  );
});
