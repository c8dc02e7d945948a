/**
 * The per-article runner: ingest → normalise → extract for each input file, with bounded
 * concurrency for file reads. Only this runner catches: a stage that throws gives that
 * article a fatal message and the run goes on with the others.
 */
import { dirname, resolve as resolvePath } from 'node:path';
import { stat } from 'node:fs/promises';
import type { ExtractionResult, Message } from './types.js';
import { collectInputs, ingestFileSync, missingManifestFiles, readManifest, type IngestOptions, type IngestOutcome, type InputListing, type ManifestEntry } from './ingest/index.js';
import { UsageError } from './cli-util.js';
import { createExtractor } from './extract/index.js';
import { toExtraction } from './extract/output.js';
import { encodeArticleLine, encodeExtractionLine } from './output/json-line.js';
import type { Doc } from './types.js';
import { ExtractionPool, effectiveJobs, withResult } from './parallel/pool.js';
import { selectShard, type Shard } from './parallel/shard.js';

export type FileStatus = 'ok' | 'skipped' | 'failed';

/** What an outcome keeps of its Doc. */
export type KeptDoc = Pick<Doc, 'meta' | 'text'>;

/** What happened to one input file; `result` is present when status is ok. */
export interface FileOutcome {
  path: string;
  status: FileStatus;
  reason?: string;
  result?: ExtractionResult;
  /**
   * The ingested article's metadata and normalised text (only when `keepDocs` is set:
   * articles.jsonl needs them). Not the whole Doc: a worker would copy its source, offsets
   * and mentions to the main thread for nothing.
   */
  doc?: KeptDoc;
  /**
   * The article's lines of out/articles.jsonl and out/extractions.jsonl (when `jsonLines` is
   * set), as UTF-8 bytes without the newline, serialised where the article was processed: on a
   * worker thread with `--jobs`, so the main thread only writes them. A worker sends its
   * extraction line as JSON text (ProcessOptions.extractionText), which withResult (parallel/
   * pool.ts) parses and turns into bytes.
   */
  jsonLines?: { article?: Uint8Array; extraction?: Uint8Array | string };
  messages: Message[];
}

export interface PipelineOptions {
  manifestPath?: string;
  home?: string;
  maxBytes?: number;
  keepDocs?: boolean;
  /** Serialise each outcome's JSON Lines (see FileOutcome.jsonLines). */
  jsonLines?: boolean;
  /**
   * Threads for ingest + extract (`--jobs`): this one and jobs - 1 workers; 'auto' = the machine's cores for large
   * inputs; default 1 (in-process). Outcomes keep input order either way.
   */
  jobs?: number | 'auto';
  /** Process only this slice of the files (`--shard i/n`), see src/parallel/shard.ts. */
  shard?: Shard;
  /** `collectInputs(paths)`, when the caller has it already (not modified). */
  listing?: InputListing;
  /**
   * Return no outcomes (an empty array) for a caller that takes each in `onOutcome`: held
   * to the end of the run, a build's 10k outcomes went to the old generation for nothing.
   */
  dropOutcomes?: boolean;
  /**
   * Workers from {@link startExtractionWorkers}, started early by the caller: used instead of
   * `jobs` (this thread and these workers), given the ingest options, and closed at the end.
   */
  pool?: ExtractionPool;
  /** With jobs > 1: files queued per worker before this thread takes some itself (default WORKER_QUEUE; tests mix the two with 1). */
  workerQueue?: number;
}

/** Loads the manifest named by `--manifest`, or `manifest.jsonl` beside the articles when there is one. */
export async function loadManifest(paths: string[], manifestPath?: string): Promise<Map<string, ManifestEntry>> {
  if (manifestPath) {
    try {
      return await readManifest(resolvePath(manifestPath));
    } catch (err) {
      throw new UsageError(`cannot read manifest ${manifestPath}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  }
  const merged = new Map<string, ManifestEntry>();
  const tried = new Set<string>();
  for (const p of paths) {
    // Beside the articles: in the directory given, or in the directory of the file given.
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      continue;
    }
    const candidate = isDir ? resolvePath(p, 'manifest.jsonl') : resolvePath(dirname(p), 'manifest.jsonl');
    if (tried.has(candidate)) continue;
    tried.add(candidate);
    try {
      for (const [k, v] of await readManifest(candidate)) merged.set(k, v);
    } catch {
      // No manifest beside these articles: the files speak for themselves.
    }
  }
  return merged;
}

/**
 * Starts the workers `runPipeline` would start for `jobs` and `fileCount` files (none when it
 * would run on one thread), ahead of it: each takes ~0.5 s to build its extraction tables, time
 * the main thread can spend on its own preparation (the resolver's gazetteer). Pass them as
 * PipelineOptions.pool; the caller closes them only if it never gets to run the pipeline.
 */
export function startExtractionWorkers(jobs: number | 'auto' | undefined, fileCount: number): ExtractionPool | undefined {
  const threads = effectiveJobs(jobs, fileCount);
  return threads > 1 ? new ExtractionPool({ jobs: threads - 1 }) : undefined;
}

/** Runs ingest and extraction over every input, calling `onOutcome` in input order. */
export async function runPipeline(
  paths: string[],
  options: PipelineOptions,
  onOutcome: (outcome: FileOutcome) => void | Promise<void>,
): Promise<FileOutcome[]> {
  try {
    return await runInputs(paths, options, onOutcome);
  } finally {
    // Closed here whatever happens: a worker left running keeps the process alive.
    await options.pool?.close();
  }
}

async function runInputs(paths: string[], options: PipelineOptions, onOutcome: (outcome: FileOutcome) => void | Promise<void>): Promise<FileOutcome[]> {
  const listing = options.listing ?? (await collectInputs(paths));
  const manifest = await loadManifest(paths, options.manifestPath);
  const ingestOptions: IngestOptions = { manifest, home: options.home, maxBytes: options.maxBytes };
  const outcomes: FileOutcome[] = [];
  const keep = (outcome: FileOutcome) => {
    if (!options.dropOutcomes) outcomes.push(outcome);
  };
  // A manifest line naming a file that is not there is an input that failed.
  const problems = [...listing.problems];
  const reported = new Set(problems.map((p) => resolvePath(p.path)));
  for (const missing of await missingManifestFiles(manifest)) {
    if (!reported.has(resolvePath(missing.path))) problems.push(missing);
  }
  for (const problem of problems) {
    const outcome: FileOutcome = { path: problem.path, status: problem.status, reason: problem.reason, messages: [] };
    keep(outcome);
    await onOutcome(outcome);
  }
  const files = selectShard(listing.files, options.shard);
  const perFile: ProcessOptions = { keepDoc: options.keepDocs ?? false, jsonLines: options.jsonLines ?? false };
  const jobs = options.pool ? options.pool.size + 1 : effectiveJobs(options.jobs, files.length);
  const emit = async (outcome: FileOutcome) => {
    keep(outcome);
    await onOutcome(outcome);
  };
  if (jobs > 1) {
    // The main thread is one of the `jobs` threads: it extracts too, in the time its own work
    // (onOutcome: resolving, writing) leaves, beside jobs - 1 workers (see runBesidePool).
    let pool = options.pool;
    if (pool) pool.configure({ ingest: ingestOptions, ...perFile });
    else pool = new ExtractionPool({ jobs: jobs - 1, ingest: ingestOptions, ...perFile });
    try {
      await runBesidePool(files, pool, ingestOptions, perFile, options.workerQueue ?? WORKER_QUEUE, emit);
    } finally {
      await pool.close();
    }
    return outcomes;
  }
  const extract = createExtractor();
  for (let from = 0; from < files.length; from += INGEST_BATCH) {
    // A batch is ingested before any of it is extracted (see INGEST_BATCH).
    const batch = files.slice(from, from + INGEST_BATCH);
    const ingested: Array<Doc | FileOutcome | undefined> = batch.map((file) => ingestStep(file, ingestOptions));
    for (let i = 0; i < batch.length; i++) {
      const step = ingested[i]!;
      ingested[i] = undefined;
      await emit('status' in step ? step : extractStep(batch[i]!, step, extract, perFile));
    }
  }
  return outcomes;
}

/** Files queued per worker: enough that a worker does not run dry while the main thread, busy with a LOCAL_BATCH and the outcomes before it, or not scheduled on a loaded machine, does not send it more. */
const WORKER_QUEUE = 64;

/** Files the main thread ingests and extracts between two looks at the workers' replies. */
const LOCAL_BATCH = 16;

/**
 * How far ahead of the main thread's next file the workers take theirs, in queues: far
 * enough that a worker's outcome is there when its turn comes, so the main thread's own
 * outcomes are used at once. A worker's outcome waits cheaply (two strings); one made here
 * holds the article's object graph, which kept surviving young-generation collections while
 * it waited (the main thread's GC share doubled when workers took the files right after it).
 */
const WORKER_LEAD_QUEUES = 2;

/**
 * Files from the first not yet used to the last handed out, at least (twice the workers'
 * lead with many workers): bounds the outcomes that wait for their turn (a file that takes
 * a worker long holds back all after it).
 */
const ORDER_WINDOW = 512;

/**
 * Runs the files on `pool`'s workers and on this thread, calling `emit` in input order.
 * The workers' queues are kept at `workerQueue` files each, taken WORKER_LEAD_QUEUES queues ahead
 * of this thread, which meanwhile takes the next files not taken, LOCAL_BATCH at a time.
 * So the split follows the threads' speeds: the main thread, which also resolves and
 * writes every outcome, takes fewer files the more that costs. An outcome made here skips
 * the workers' round trip (no structured clone, no second JSON.parse of its extraction),
 * and with 2 cores, main + 1 worker build the extraction tables once less than 2 workers.
 */
async function runBesidePool(
  files: readonly string[],
  pool: ExtractionPool,
  ingestOptions: IngestOptions,
  perFile: ProcessOptions,
  workerQueue: number,
  emit: (outcome: FileOutcome) => Promise<void>,
): Promise<void> {
  const count = files.length;
  /** Outcomes done and not emitted yet, by file index. */
  const done: Array<FileOutcome | undefined> = new Array(count);
  /** Files given to a worker. */
  const toWorker = new Uint8Array(count);
  /** Every file before it is taken (by a worker or this thread). */
  let localNext = 0;
  /** The workers take no file before it. */
  let poolNext = 0;
  let emitted = 0;
  /** Set while the main thread waits for the outcome of file `emitted`. */
  let wakeUp: (() => void) | undefined;
  const toPool = (index: number) => {
    toWorker[index] = 1;
    void pool.process(files[index]!).then((outcome) => {
      done[index] = outcome;
      if (wakeUp && index === emitted) {
        const wake = wakeUp;
        wakeUp = undefined;
        wake();
      }
    });
  };
  const skipTaken = () => {
    while (localNext < count && toWorker[localNext]) localNext++;
  };
  let extract: ((doc: Doc) => void) | undefined;
  while (emitted < count) {
    // No worker left (they kept crashing): the pool fails the rest, as it always has.
    const queueLimit = pool.size ? pool.size * workerQueue : Infinity;
    const lead = pool.size * workerQueue * WORKER_LEAD_QUEUES;
    const window = Math.max(ORDER_WINDOW, 2 * lead);
    while (pool.pending < queueLimit) {
      const next = Math.max(poolNext, localNext + lead);
      if (next >= count || next - emitted >= window) break;
      toPool(next);
      poolNext = next + 1;
    }
    skipTaken();
    while (emitted < count && done[emitted]) {
      const outcome = done[emitted]!;
      done[emitted++] = undefined;
      await emit(withResult(outcome));
    }
    if (emitted === count) break;
    if (localNext < count && localNext - emitted < window) {
      // Built on first use: the workers got their first files before this thread spends its time on it.
      extract ??= createExtractor();
      const batch: number[] = [];
      while (batch.length < LOCAL_BATCH && localNext < count && localNext - emitted < window) {
        batch.push(localNext++);
        skipTaken();
      }
      const ingested: Array<Doc | FileOutcome | undefined> = batch.map((i) => ingestStep(files[i]!, ingestOptions));
      for (let k = 0; k < batch.length; k++) {
        const step = ingested[k]!;
        ingested[k] = undefined;
        const i = batch[k]!;
        done[i] = 'status' in step ? step : extractStep(files[i]!, step, extract, perFile);
      }
      // Lets the workers' replies in (they arrive as events) before the next round.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } else if (!done[emitted]) {
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
    }
  }
}

/**
 * Files ingested in a row before they are extracted one after the other, on one thread.
 * Ingest and extraction each run a large body of code over their own tables; alternating
 * them article by article kept evicting each other's working set from the CPU's caches.
 * In batches the same work took ~20% less CPU (ingest + extract + JSON Lines, 3000
 * articles, min of 5 rounds, 16 to 128 alike); 32 ingested docs hold a few MB.
 */
export const INGEST_BATCH = 32;

/** What processFile keeps or makes besides the outcome itself. */
export interface ProcessOptions {
  /** Keep the doc's meta and text (FileOutcome.doc). */
  keepDoc?: boolean;
  /** Serialise the JSON Lines (FileOutcome.jsonLines). */
  jsonLines?: boolean;
  /**
   * The extraction line as JSON text (JSON.stringify), not bytes: a worker's, which the main
   * thread parses back into the result (see withResult in parallel/pool.ts); decoding bytes
   * there first would cost the busier thread more than encoding the text to write it.
   */
  extractionText?: boolean;
}

/** One line of out/articles.jsonl: the article's metadata and normalised text, as `JSON.stringify({ ...meta, text })`'s UTF-8. */
export function articleLine(doc: KeptDoc): Uint8Array {
  return encodeArticleLine(doc.meta, doc.text);
}

/** Ingests and extracts one file; never throws. */
export async function processFile(
  path: string,
  ingestOptions: IngestOptions,
  extract: (doc: Doc) => void,
  options: ProcessOptions = {},
): Promise<FileOutcome> {
  return processFileSync(path, ingestOptions, extract, options);
}

/** {@link processFile} without the promise. */
export function processFileSync(path: string, ingestOptions: IngestOptions, extract: (doc: Doc) => void, options: ProcessOptions = {}): FileOutcome {
  const step = ingestStep(path, ingestOptions);
  return 'status' in step ? step : extractStep(path, step, extract, options);
}

/**
 * processFile's first half: ingests `path` into its Doc, or (a file refused, or ingest
 * crashed) already the file's outcome. Never throws.
 */
export function ingestStep(path: string, ingestOptions: IngestOptions): Doc | FileOutcome {
  let ingested: IngestOutcome;
  try {
    ingested = ingestFileSync(path, ingestOptions);
  } catch (err) {
    return { path, status: 'failed', reason: `ingest crashed: ${(err as Error).message}`, messages: [] };
  }
  if (ingested.status !== 'ok') {
    return { path, status: ingested.status, reason: ingested.reason, messages: ingested.messages };
  }
  return ingested.doc;
}

/** processFile's second half: extracts a Doc from {@link ingestStep} into the file's outcome. */
export function extractStep(path: string, doc: Doc, extract: (doc: Doc) => void, options: ProcessOptions): FileOutcome {
  const kept = options.keepDoc ? { meta: doc.meta, text: doc.text } : undefined;
  try {
    extract(doc);
  } catch (err) {
    doc.messages.push({ level: 'error', message: `extraction failed: ${(err as Error).message}`, rule: 'pipeline' });
    const failed: FileOutcome = { path, status: 'failed', reason: `extraction failed: ${(err as Error).message}`, messages: doc.messages, doc: kept };
    if (options.jsonLines) failed.jsonLines = { article: articleLine(doc) };
    return failed;
  }
  const result = toExtraction(doc);
  const outcome: FileOutcome = { path, status: 'ok', result, messages: doc.messages, doc: kept };
  if (options.jsonLines) outcome.jsonLines = { article: articleLine(doc), extraction: options.extractionText ? JSON.stringify(result) : encodeExtractionLine(result) };
  return outcome;
}
