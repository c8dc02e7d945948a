/**
 * A worker_threads pool for the per-article stages (ingest + extract), which are stateless
 * per article: `--jobs N` runs them on N - 1 such workers beside the main thread (see
 * runBesidePool in pipeline.ts), and outcomes are used IN INPUT ORDER, so every output is
 * byte for byte the one of `--jobs 1`. Resolve and export stay on the main thread: they
 * need the whole corpus.
 *
 * Example:
 *   const pool = new ExtractionPool({ jobs: 2, ingest: {}, jsonLines: true });
 *   await runOrdered(files, (f) => pool.process(f), 16, (o) => console.log(withResult(o).result?.entities.length));
 *   await pool.close();
 */
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestOptions } from '../ingest/index.js';
import type { FileOutcome, ProcessOptions } from '../pipeline.js';
import type { ExtractionResult } from '../types.js';
import { utf8Of } from '../output/json-line.js';

/** What each worker is started with. */
export interface WorkerInit extends ProcessOptions {
  ingest: IngestOptions;
}

/** Main → worker: one file to process. */
export interface WorkerTask {
  id: number;
  path: string;
}

/** Main → worker, before any task, to a worker started before the run's options were known. */
export interface WorkerSetup {
  init: WorkerInit;
}

/** Worker → main: the outcome of one task. */
export interface WorkerReply {
  id: number;
  outcome: FileOutcome;
}

export interface PoolOptions extends Partial<WorkerInit> {
  /** Number of worker threads (≥ 1). */
  jobs: number;
  /** The compiled worker module; default `defaultWorkerUrl()`. */
  workerUrl?: URL;
}

/**
 * The outcome as processFile makes it (same keys, same order) from one a worker sent: the
 * worker sends an extraction as its JSON line only, as text (see worker.ts), parsed back here
 * and turned into the line's bytes. Called when the outcome is used, not when it arrives:
 * parsed early, the objects outlived a young generation collection or two while the outcomes
 * before them were still being made.
 */
export function withResult(outcome: FileOutcome): FileOutcome {
  const line = outcome.jsonLines?.extraction;
  if (outcome.result || outcome.status !== 'ok' || !line) return outcome;
  const { path, status, messages, doc, jsonLines } = outcome;
  if (typeof line !== 'string') return { path, status, result: JSON.parse(new TextDecoder().decode(line)) as ExtractionResult, messages, doc, jsonLines };
  // As bytes, like a line made on this thread.
  const lines = { article: jsonLines!.article, extraction: utf8Of(line) };
  return { path, status, result: JSON.parse(line) as ExtractionResult, messages, doc, jsonLines: lines };
}

/** After this many crashes per job the pool stops replacing workers: they are broken, not unlucky. */
const MAX_CRASHES_PER_JOB = 3;

/** Below this many files, `jobs: 'auto'` stays in-process: starting workers (each builds the lexicons) costs more than it saves. */
export const AUTO_PARALLEL_MIN_FILES = 64;

/** Resolves `--jobs` (a number, or 'auto' = the machine's cores for corpora of AUTO_PARALLEL_MIN_FILES or more) for `fileCount` files. */
export function effectiveJobs(jobs: number | 'auto' | undefined, fileCount: number): number {
  if (jobs === undefined) return 1;
  const wanted = jobs === 'auto' ? (fileCount >= AUTO_PARALLEL_MIN_FILES ? availableParallelism() : 1) : jobs;
  return Math.max(1, Math.min(wanted, fileCount));
}

/**
 * The compiled worker. From dist/src/parallel/pool.js it is the sibling worker.js; from the
 * TypeScript sources (vitest) it is the compiled copy under dist/, since a worker cannot
 * load .ts; `npm test` compiles first.
 */
export function defaultWorkerUrl(): URL {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL('../../dist/src/parallel/worker.js', here);
  return new URL('./worker.js', here);
}

interface Slot {
  worker: Worker;
  inFlight: Map<number, { path: string; resolve: (o: FileOutcome) => void }>;
}

/** A fixed set of extraction workers; `process(path)` resolves with that file's outcome and never rejects. */
export class ExtractionPool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;
  private crashes = 0;
  private lastCrash = '';
  private readonly url: URL;
  /** What the workers are told of the run: from the options, or later from `configure`. */
  private init: WorkerInit | undefined;

  constructor(private readonly options: PoolOptions) {
    if (!Number.isInteger(options.jobs) || options.jobs < 1) {
      throw new RangeError(`ExtractionPool: jobs must be a positive integer. Expecting ≥ 1 but got ${options.jobs}`);
    }
    this.url = options.workerUrl ?? defaultWorkerUrl();
    if (!existsSync(fileURLToPath(this.url))) {
      throw new Error(`ExtractionPool: worker module ${fileURLToPath(this.url)} is missing. Expecting a compiled tree: run 'npx tsc -p .' first`);
    }
    if (options.ingest) this.init = { ingest: options.ingest, keepDoc: options.keepDoc, jsonLines: options.jsonLines };
    for (let i = 0; i < options.jobs; i++) this.slots.push(this.spawn());
  }

  /**
   * Tells workers started without `ingest` (to build their extractors while the main thread
   * still prepares the run) what they need before the first task. Once, before `process`.
   */
  configure(init: WorkerInit): void {
    if (this.init) throw new Error('ExtractionPool.configure: the pool is configured already');
    this.init = init;
    const setup: WorkerSetup = { init };
    for (const slot of this.slots) slot.worker.postMessage(setup);
  }

  private spawn(): Slot {
    const worker = new Worker(this.url, { workerData: this.init ?? null });
    const slot: Slot = { worker, inFlight: new Map() };
    worker.on('message', (reply: WorkerReply) => {
      const task = slot.inFlight.get(reply.id);
      if (!task) return;
      slot.inFlight.delete(reply.id);
      task.resolve(reply.outcome);
    });
    let failed = false;
    const fail = (reason: string) => {
      if (failed) return;
      failed = true;
      // A dead worker fails only the articles it held; a fresh one takes its place, unless
      // workers keep dying (a broken build of the worker), then the slot is given up.
      for (const [, task] of slot.inFlight) task.resolve({ path: task.path, status: 'failed', reason, messages: [] });
      slot.inFlight.clear();
      this.crashes++;
      this.lastCrash = reason;
      const i = this.slots.indexOf(slot);
      if (i < 0 || this.closed) return;
      if (this.crashes <= MAX_CRASHES_PER_JOB * this.options.jobs) this.slots[i] = this.spawn();
      else this.slots.splice(i, 1);
    };
    worker.on('error', (err) => fail(`extraction worker crashed: ${err.message}`));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) fail(`extraction worker exited with code ${code}`);
    });
    // Not unref'd: a pending task is only a promise, so a referenced worker is what keeps the
    // process alive until its reply arrives; close() terminates them.
    return slot;
  }

  /** Workers running now (fewer than asked once broken workers were given up). */
  get size(): number {
    return this.slots.length;
  }

  /** Tasks sent to the workers and not answered yet. */
  get pending(): number {
    let n = 0;
    for (const s of this.slots) n += s.inFlight.size;
    return n;
  }

  /**
   * Ingests and extracts `path` on the least busy worker. An ok outcome comes with its
   * extraction as `jsonLines.extraction` only: {@link withResult} adds the parsed `result`.
   */
  process(path: string): Promise<FileOutcome> {
    if (this.closed) return Promise.reject(new Error('ExtractionPool.process: the pool is closed'));
    if (!this.init) return Promise.reject(new Error('ExtractionPool.process: the pool has no ingest options. Expecting configure() first'));
    if (!this.slots.length) {
      return Promise.resolve({ path, status: 'failed', reason: `no extraction worker left (last: ${this.lastCrash})`, messages: [] });
    }
    let slot = this.slots[0]!;
    for (const s of this.slots) if (s.inFlight.size < slot.inFlight.size) slot = s;
    const id = this.nextId++;
    return new Promise<FileOutcome>((resolve) => {
      slot.inFlight.set(id, { path, resolve });
      const task: WorkerTask = { id, path };
      slot.worker.postMessage(task);
    });
  }

  /** Stops the workers (after the caller has awaited its tasks); once, later calls do nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Runs `work` over `items` with at most `window` in flight and calls `onResult` in input
 * order: a result that finishes early waits for the ones before it, so consumers see the
 * same sequence as a serial loop. Memory stays bounded by the window.
 */
export async function runOrdered<T, R>(
  items: readonly T[],
  work: (item: T) => Promise<R>,
  window: number,
  onResult: (result: R, index: number) => void | Promise<void>,
): Promise<void> {
  const pending: Array<Promise<R> | undefined> = new Array(items.length);
  let started = 0;
  for (let done = 0; done < items.length; done++) {
    while (started < items.length && started - done < window) {
      pending[started] = work(items[started]!);
      started++;
    }
    const result = await pending[done]!;
    pending[done] = undefined;
    await onResult(result, done);
  }
}
