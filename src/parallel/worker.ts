/**
 * The extraction worker: builds the extractor once, then ingests and extracts the files
 * the pool sends (`{id, path}`) and posts back `{id, outcome}`. Runs the same steps as the
 * in-process pipeline (`ingestStep`, `extractStep`), so `--jobs N` gives the same outcomes
 * as `--jobs 1`. Loaded from dist/ (see `defaultWorkerUrl` in pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createExtractor } from '../extract/index.js';
import { extractStep, ingestStep, type FileOutcome } from '../pipeline.js';
import type { Doc } from '../types.js';
import type { WorkerInit, WorkerReply, WorkerSetup, WorkerTask } from './pool.js';

/** From workerData, or (a worker started early, see ExtractionPool.configure) the first message. */
let init = workerData as WorkerInit | null;
const extract = createExtractor();
const port = parentPort!;

/** Tasks that arrived since the last drain. */
let queue: WorkerTask[] = [];
let draining = false;

port.on('message', (message: WorkerTask | WorkerSetup) => {
  if ('init' in message) {
    init = message.init;
    return;
  }
  queue.push(message);
  // Drained once the messages already delivered are queued: the tasks that arrived together
  // are ingested together before they are extracted, as runPipeline does on one thread
  // (INGEST_BATCH in pipeline.ts: alternating the two per article costs ~20% more CPU).
  if (!draining) {
    draining = true;
    setImmediate(drain);
  }
});

function drain(): void {
  draining = false;
  const tasks = queue;
  queue = [];
  // The pool sends no task before the setup (ExtractionPool.process refuses).
  const options = init!;
  // The extraction line as text: the main thread parses it back (see ProcessOptions.extractionText).
  const perFile = { keepDoc: options.keepDoc, jsonLines: options.jsonLines, extractionText: true };
  const ingested: Array<Doc | FileOutcome | undefined> = tasks.map((task) => ingestStep(task.path, options.ingest));
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i]!;
    const step = ingested[i]!;
    ingested[i] = undefined;
    let outcome: FileOutcome;
    try {
      outcome = 'status' in step ? step : extractStep(task.path, step, extract, perFile);
    } catch (err) {
      // The steps do not throw; if one ever does, the article fails and the worker goes on.
      outcome = { path: task.path, status: 'failed', reason: `worker: ${(err as Error)?.message ?? String(err)}`, messages: [] };
    }
    // With the extraction already serialised, send the line alone: cloning the object graph
    // cost the worker a tenth of its time; the pool parses it back on the main thread.
    if (outcome.jsonLines?.extraction) delete outcome.result;
    // The article line is a view of the encoder's shared block: sent as a copy of its own,
    // moved rather than cloned (a view alone would clone the whole block).
    const transfer: ArrayBuffer[] = [];
    const article = outcome.jsonLines?.article;
    if (article) {
      const own = article.slice();
      outcome.jsonLines!.article = own;
      transfer.push(own.buffer as ArrayBuffer);
    }
    const reply: WorkerReply = { id: task.id, outcome };
    port.postMessage(reply, transfer);
  }
}
