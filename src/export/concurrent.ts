/**
 * Writing the export formats on two threads: this one and an export worker
 * (src/export/worker.ts) that gets a packed copy of the graph (src/graph/transfer.ts).
 * Each thread claims the next format from a shared `FormatQueue` when it comes free, so the
 * split follows how long each format really takes on this machine; every format is written
 * by one exporter from an equal graph, so the files are the bytes one thread writes.
 *
 * Example: `const worker = new ExportWorker(queue, outDir); worker.send(packGraph(graph));`
 * then claim formats here with `queue.claim()` and `await worker.finished`.
 */
import { Worker } from 'node:worker_threads';
import type { PackedGraph } from '../graph/transfer.js';

/**
 * The formats to write, claimed one at a time by whichever thread comes free first: an index
 * counter in shared memory, so a claim needs no message (a thread that is writing a format
 * does not answer messages until it is done).
 */
export class FormatQueue {
  /** [next format to claim, gate: 0 closed, 1 open, 2 cancelled]. */
  private readonly state: Int32Array;
  constructor(
    readonly formats: readonly string[],
    readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8),
  ) {
    this.state = new Int32Array(buffer);
  }

  /**
   * Lets claims begin (once the graph is validated: nothing is written from an invalid one),
   * or with `false` cancels them; wakes a thread blocked in `waitOpen`.
   */
  open(go = true): void {
    Atomics.store(this.state, 1, go ? 1 : 2);
    Atomics.notify(this.state, 1);
  }

  /** Blocks until `open` is called; whether claims may begin. */
  waitOpen(): boolean {
    Atomics.wait(this.state, 1, 0);
    return Atomics.load(this.state, 1) === 1;
  }

  /** The index of the next format nobody has claimed (now claimed by the caller), or undefined when none is left. */
  claim(): number | undefined {
    const k = Atomics.add(this.state, 0, 1);
    return k < this.formats.length ? k : undefined;
  }

  /** How many formats were claimed (by either thread). */
  get claimed(): number {
    return Math.min(Atomics.load(this.state, 0), this.formats.length);
  }

  /** Leaves the formats nobody claimed yet unwritten (after an error). */
  stop(): void {
    Atomics.store(this.state, 0, this.formats.length);
  }
}

/** What the worker is given at start. */
export interface ExportWorkerData {
  formats: readonly string[];
  queue: SharedArrayBuffer;
  outDir: string;
  /** Keep the relationships packed, made on read (`UnpackOptions` in src/graph/transfer.ts): less memory, more CPU. */
  lazyRelationships: boolean;
}

/** Worker → this thread. */
export type ExportWorkerMessage =
  | { kind: 'written'; index: number; paths: string[] }
  | { kind: 'log'; line: string }
  | { kind: 'failed'; index: number; error: SentError }
  | { kind: 'finished' };

/** An Error as posted: its name, message, stack and primitive own properties (an fs error's code, syscall, path). */
export interface SentError {
  name: string;
  message: string;
  stack?: string;
  fields: Record<string, string | number | boolean>;
}

/** How the worker's part went: what it wrote, and why it stopped early if it did. */
export interface WorkerOutcome {
  /** Paths written, by format index. */
  written: Map<number, string[]>;
  /** An exporter's error: the build fails with it. */
  error?: Error;
  /** Set when the worker died (not an exporter's error): its unfinished formats are to be written here. */
  crashed?: string;
}

/**
 * The compiled worker. From dist/src/export/ it is the sibling worker.js; from the
 * TypeScript sources (vitest) it is the compiled copy under dist/, since a worker cannot
 * load .ts (as defaultWorkerUrl in src/parallel/pool.ts).
 */
export function exportWorkerUrl(): URL {
  const here = new URL(import.meta.url);
  if (here.pathname.endsWith('.ts')) return new URL('../../dist/src/export/worker.js', here);
  return new URL('./worker.js', here);
}

/** An export worker claiming formats from `queue` once it has the graph. */
export class ExportWorker {
  /** Settles (never rejects) when the worker has stopped claiming and its last format is complete. */
  readonly finished: Promise<WorkerOutcome>;
  private readonly worker: Worker;

  constructor(queue: FormatQueue, outDir: string, url: URL = exportWorkerUrl(), lazyRelationships = false) {
    const data: ExportWorkerData = { formats: queue.formats, queue: queue.buffer, outDir, lazyRelationships };
    this.worker = new Worker(url, { workerData: data });
    const outcome: WorkerOutcome = { written: new Map() };
    this.finished = new Promise((resolve) => {
      let settled = false;
      const settle = (crashed?: string) => {
        if (settled) return;
        settled = true;
        if (crashed !== undefined && !outcome.error) outcome.crashed = crashed;
        resolve(outcome);
      };
      this.worker.on('message', (m: ExportWorkerMessage) => {
        if (m.kind === 'written') outcome.written.set(m.index, m.paths);
        else if (m.kind === 'log') process.stderr.write(m.line);
        else if (m.kind === 'failed') outcome.error = receivedError(m.error);
        else if (m.kind === 'finished') settle();
      });
      this.worker.on('error', (err) => settle(`export worker crashed: ${err.message}`));
      this.worker.on('exit', (code) => settle(`export worker exited with code ${code}`));
    });
  }

  /** Gives the worker the graph to write from: it starts claiming formats. */
  send(packed: PackedGraph): void {
    // The codes and numbers are made for the message: moved, not copied.
    this.worker.postMessage(packed, [packed.codes.buffer as ArrayBuffer, packed.numbers.buffer as ArrayBuffer]);
  }

  /** Stops a worker that was never sent a graph (it has claimed nothing). */
  async cancel(): Promise<void> {
    await this.worker.terminate();
  }
}

/** `err` as a message can carry it. */
export function sentError(err: unknown): SentError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(err)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') fields[k] = v;
  }
  return { name: err.name, message: err.message, stack: err.stack, fields };
}

/** The Error a worker sent, with its name, message, stack and fields. */
function receivedError(sent: SentError): Error {
  const err = Object.assign(new Error(sent.message), sent.fields);
  err.name = sent.name;
  if (sent.stack !== undefined) err.stack = sent.stack;
  return err;
}
