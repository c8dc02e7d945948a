/**
 * `guanxi build [PATH...]`: the main job. Ingests and extracts every article, resolves the
 * corpus into one graph, writes the exports into `--out`, and loads Neo4j when `--neo4j`
 * is given. Writes `out/articles.jsonl` (normalised articles), `out/extractions.jsonl`
 * (per-article extractions) and `out/report.json` (every input's status, counts, timings).
 */
import { setFlagsFromString } from 'node:v8';
import { existsSync } from 'node:fs';
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { runPipeline, startExtractionWorkers } from '../pipeline.js';
import { parseShard } from '../parallel/shard.js';
import { createCorpusResolver, type CorpusResolver } from '../resolve/index.js';
import { OverrideFileError } from '../resolve/overrides.js';
import { EXPORTERS, writeExports } from '../export/index.js';
import { loadGraph, LoadError, type LoadSummary } from '../load/index.js';
import { openWriter, type FileWriter } from '../graph/write.js';
import { typeAt, type Graph } from '../graph/model.js';
import { collectInputs } from '../ingest/index.js';
import { selectShard } from '../parallel/shard.js';
import { openLineWriter } from '../parallel/lines.js';
import { loadConfig, mergeConfig, type GuanxiConfig } from '../config.js';
import { createProgress, progressMode } from '../progress.js';
import { formatSummary } from '../log.js';

export const buildHelp = `guanxi build [PATH...] [--out DIR] [--manifest FILE] [--home DIVISION] [--neo4j URI]

Reads the articles under PATH (default data/articles), extracts people, offices,
divisions, campaigns, projects, organisations and events, resolves them across articles
into one graph and writes it into --out (default out/):
  articles.jsonl      one normalised article per line
  extractions.jsonl   per-article entities and relations with offsets
  graph.json, graph.cypher, csv/, graph.graphml, index.html
  report.json         every input file's status, counts, merges, timings

Options:
  --out DIR           output folder (default out)
  --formats LIST      graph formats to write, comma-separated (default: all of json,
                      csv, graphml, cypher, html); the JSON Lines files and report.json
                      are always written
  --manifest FILE     JSON Lines manifest ({"path","url","date","home","title"})
  --home DIVISION     home jurisdiction when an article does not say (e.g. 荆州市)
  --resolve FILE      resolver overrides (default data/resolve.yaml when present)
  --neo4j URI         also load the graph into Neo4j (bolt://, neo4j://, neo4j+s://)
  --database NAME     Neo4j database (default: the server's default)
  --batch-size N      rows per Neo4j transaction
  --concurrency N     parallel Neo4j writers
  --fail-on LEVEL     exit 1 when an input is: failed (default), skipped, or never
  --jobs N            threads for ingest + extract, this one and N-1 workers (default:
                      the machine's cores for 64 files or more); output is identical for every N
  --shard i/n         process only the i-th of n slices of the input (by file-name
                      hash); shards' outputs merge into the graph of one full run
  --config FILE       settings file (default ./guanxi.yaml when present); flags win
  --quiet             no progress and no summary, only warnings and errors
  --log-format F      text (default) or json: progress, warnings and the summary as
                      one JSON object per line on stderr
  -h, --help          this help

Exit codes: 0 ok, 1 some input failed (see --fail-on), 2 usage error or crash.`;

/**
 * The graph formats a build writes, in the registry's order: all of them by default, else
 * the ones named (by --formats or guanxi.yaml's `formats`); an unknown name is a usage error.
 */
export function exportFormats(names: string[] | undefined): string[] {
  const known = Object.keys(EXPORTERS);
  if (names === undefined) return known;
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length) throw new UsageError(`formats: unknown format ${unknown.map((n) => JSON.stringify(n)).join(', ')}; expecting some of ${known.join(', ')}`);
  if (!names.length) throw new UsageError(`formats: name at least one of ${known.join(', ')}`);
  return known.filter((name) => names.includes(name));
}

/** Writes a file through a temporary name, so a crash never leaves half a file. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: 'string' },
    formats: { type: 'string' },
    manifest: { type: 'string' },
    home: { type: 'string' },
    resolve: { type: 'string' },
    neo4j: { type: 'string' },
    database: { type: 'string' },
    'batch-size': { type: 'string' },
    concurrency: { type: 'string' },
    'fail-on': { type: 'string', default: 'failed' },
    jobs: { type: 'string' },
    shard: { type: 'string' },
    config: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'log-format': { type: 'string', default: 'text' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(buildHelp + '\n');
    return EXIT.ok;
  }
  if (!['text', 'json'].includes(values['log-format'])) throw new UsageError(`--log-format must be text or json, not ${values['log-format']}`);
  const started = performance.now();
  const progress = createProgress(progressMode({ quiet: values.quiet, logFormat: values['log-format'] }));
  // guanxi.yaml under the flags: a flag that was given wins, the file fills in the rest.
  const intFlag = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive integer, not ${v}`);
    return n;
  };
  const config: GuanxiConfig = mergeConfig(await loadConfig(values.config), {
    inputs: positionals.length ? positionals : undefined,
    out: values.out,
    manifest: values.manifest,
    home: values.home,
    resolve: values.resolve,
    jobs: intFlag('jobs', values.jobs),
    formats: values.formats === undefined ? undefined : values.formats.split(',').map((f) => f.trim()).filter(Boolean),
    neo4j: { uri: values.neo4j, database: values.database, batchSize: intFlag('batch-size', values['batch-size']), concurrency: intFlag('concurrency', values.concurrency) },
  });
  const failOn = values['fail-on'];
  if (!['failed', 'skipped', 'never'].includes(failOn)) throw new UsageError(`--fail-on must be failed, skipped or never, not ${failOn}`);
  const paths = config.inputs?.length ? config.inputs : ['data/articles'];
  const jobs = config.jobs ?? 'auto';
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  const outDir = config.out ?? 'out';
  const formats = exportFormats(config.formats);
  await mkdir(outDir, { recursive: true });

  const timings: Record<string, number> = {};
  let t0 = performance.now();
  let resolveAddMs = 0;
  // Each outcome's extraction goes to the resolver (which keeps a compact record) and to
  // disk, and is dropped: held until the end, the results were most of a build's peak memory.
  // report.json's per-input entries go to its file as they come, for the same reason.
  const totals = { ok: 0, skipped: 0, failed: 0 };
  // Streamed as outcomes arrive (src/parallel/lines.ts): kept in memory they dominate peak RSS at 100k articles.
  const articlesOut = await openLineWriter(join(outDir, 'articles.jsonl'));
  const extractionsOut = await openLineWriter(join(outDir, 'extractions.jsonl'));
  const listing = await collectInputs(paths);
  // Started now (with --jobs): each worker builds its extraction tables while this thread
  // reads the overrides and builds the resolver's gazetteer.
  const workers = startExtractionWorkers(jobs, selectShard(listing.files, shard).length);
  let resolver: CorpusResolver;
  let reportOut: ReportWriter;
  const setupStarted = performance.now();
  try {
    // Read the override file before the long extraction: a bad one is the caller's mistake,
    // exit 2 with no stack, and better said now than after an hour of extracting.
    resolver = await createCorpusResolver({ overridesPath: config.resolve }).catch((err: unknown) => {
      if (err instanceof OverrideFileError) throw new UsageError(err.message);
      throw err;
    });
    // Opened after the inputs are listed: an --out inside an input folder must not list its temporary file.
    reportOut = await openReportWriter(join(outDir, 'report.json'));
  } catch (err) {
    // Nothing of the build is left behind, and no worker keeps the process alive.
    await workers?.close();
    await articlesOut.abort();
    await extractionsOut.abort();
    throw err;
  }
  try {
    // Setting up the resolver is not extracting (and was not timed when it came first).
    t0 += performance.now() - setupStarted;
    const extracting = progress.task('extract', listing.problems.length + selectShard(listing.files, shard).length);
    // jsonLines: the lines are serialised where the article was extracted (a worker with --jobs).
    await runPipeline(paths, { manifestPath: config.manifest, home: config.home, jsonLines: true, jobs, pool: workers, shard, listing, dropOutcomes: true }, async (o) => {
      if (o.jsonLines?.article) await articlesOut.write(o.jsonLines.article);
      if (o.result) {
        const ta = performance.now();
        resolver.add(o.result);
        resolveAddMs += performance.now() - ta;
        if (o.jsonLines?.extraction) await extractionsOut.write(o.jsonLines.extraction);
      }
      if (o.status !== 'ok') progress.log('warn', `${o.path}: ${o.status}: ${o.reason}`, { path: o.path, status: o.status, reason: o.reason });
      totals[o.status]++;
      const input = {
        path: o.path,
        status: o.status,
        reason: o.reason ?? null,
        counts: o.result ? { entities: o.result.entities.length, relations: o.result.relations.length, messages: o.result.messages.length } : null,
        messages: o.result ? o.result.messages : o.messages,
      };
      await reportOut.addInput(input);
      extracting.tick();
    });
    extracting.done();
    await articlesOut.close();
    await extractionsOut.close();
    // The resolver's share of the extract phase (compacting each result) counts as resolving.
    timings.extractMs = performance.now() - t0 - resolveAddMs;

    // From here on the graph lives as long as the build, and resolving and exporting make a
    // lot of short-lived garbage: V8 by default lets the heap grow to about four times what
    // is live before a full collection, which at 100k articles (a ~600 MB graph) took the
    // peak RSS to 2.3–3 GB. Growing by half at most keeps it near 1.5× the graph, for a few
    // more full collections (10k articles: peak RSS 630 -> 341 MB, user CPU 36.6 -> 36.7 s).
    setFlagsFromString('--heap-growing-percent=50');
    t0 = performance.now();
    const articleCount = resolver.size;
    const resolving = progress.task('resolve', articleCount);
    const resolution = resolver.finish();
    for (const message of resolution.messages) progress.log('warn', message);
    resolving.tick(articleCount);
    resolving.done(`${resolution.graph.nodes.length} nodes`);
    timings.resolveMs = performance.now() - t0 + resolveAddMs;
    await writeFileAtomic(join(outDir, 'review.jsonl'), resolution.review.map((r) => JSON.stringify(r) + '\n').join(''));

    t0 = performance.now();
    const written = await writeExports(resolution.graph, outDir, { threads: jobs, formats });
    timings.exportMs = performance.now() - t0;
    // A format left out this time may have a file from an earlier build beside the new ones.
    for (const [name, exporter] of Object.entries(EXPORTERS)) {
      const left = join(outDir, exporter.output);
      if (!formats.includes(name) && existsSync(left)) progress.log('warn', `${left} is from an earlier build: --formats ${formats.join(',')} did not write it`);
    }

    let load: LoadSummary | undefined;
    // A load that cannot connect or fails a batch still gets its report written; exit code 2 after.
    let loadError: string | undefined;
    if (config.neo4j?.uri) {
      t0 = performance.now();
      const loading = progress.task('load', resolution.graph.nodes.length + resolution.graph.relationships.length);
      load = await loadGraph(resolution.graph, {
        uri: config.neo4j.uri,
        database: config.neo4j.database,
        batchSize: config.neo4j.batchSize,
        concurrency: config.neo4j.concurrency,
        username: config.neo4j.username,
        password: config.neo4j.password,
        configPath: values.config,
        // The loader's per-batch lines go through the reporter: hidden by --quiet, JSON with --log-format json.
        log: (line) => progress.log('info', line.replace(/^guanxi: /, '')),
      }).catch((err: unknown) => {
        if (!(err instanceof LoadError)) throw err;
        loadError = err.message;
        return undefined;
      });
      loading.tick(resolution.graph.nodes.length + resolution.graph.relationships.length);
      loading.done();
      timings.loadMs = performance.now() - t0;
    }

    const rest = {
      totals,
      graph: summariseGraph(resolution.graph),
      merges: resolution.merges,
      reviewItems: resolution.review.length,
      resolve: resolution.stats,
      resolveMessages: resolution.messages,
      outputs: written,
      load: load ?? (loadError ? { error: loadError } : null),
      timings,
    };
    await reportOut.finish(rest);
    const report = rest;
    const summary = { outDir, elapsedMs: performance.now() - started, totals: report.totals, graph: report.graph, reviewItems: report.reviewItems, outputs: written, load: load ?? null };
    if (progress.mode === 'json') progress.log('info', 'built', { event: 'summary', ...summary });
    else if (progress.mode !== 'quiet') process.stderr.write(formatSummary(summary) + '\n');
    if (loadError) {
      process.stderr.write(`guanxi: ${loadError}\n`);
      return EXIT.usage;
    }
    if (failOn === 'failed' && report.totals.failed) return EXIT.inputFailed;
    if (failOn === 'skipped' && (report.totals.failed || report.totals.skipped)) return EXIT.inputFailed;
    return EXIT.ok;
  } catch (err) {
    // A build that fails from here on (an export that cannot be written, a crash) leaves no
    // temporary file: what was finished stays, the rest goes.
    await reportOut.abort();
    await articlesOut.abort();
    await extractionsOut.abort();
    throw err;
  }
}

/** report.json, written as the build goes: each input's entry as it comes, the rest at the end. */
interface ReportWriter {
  addInput(input: object): Promise<void>;
  /** Writes everything after the inputs (`rest`'s keys, in order) and moves the file into place. */
  finish(rest: Record<string, unknown>): Promise<void>;
  /** Removes the temporary file: the build failed before the report could be finished. */
  abort(): Promise<void>;
}

/** Inputs rendered per JSON.stringify call: one call for many entries instead of one each. */
const REPORT_INPUTS_PER_CHUNK = 256;

/**
 * Writes report.json as `JSON.stringify({inputs, ...rest}, null, 2)` would, without holding
 * the inputs (at 100k articles ~90 MB of text): they are rendered a chunk at a time, with
 * the indentation and separators they would have inside the whole report, straight into the
 * file (through its temporary name until `finish`).
 */
async function openReportWriter(path: string): Promise<ReportWriter> {
  const w: FileWriter = await openWriter(path);
  const opening = '{\n  "inputs": [\n';
  const closing = '\n  ]\n}';
  let pending: object[] = [];
  let written = 0;
  const flush = async () => {
    if (!pending.length) return;
    // The chunk as the report's own inputs: JSON.stringify indents them two levels down.
    const rendered = JSON.stringify({ inputs: pending }, null, 2);
    const entries = rendered.slice(opening.length, rendered.length - closing.length);
    await w.write((written ? ',\n' : opening) + entries);
    written += pending.length;
    pending = [];
  };
  return {
    async addInput(input) {
      pending.push(input);
      if (pending.length >= REPORT_INPUTS_PER_CHUNK) await flush();
    },
    async finish(rest) {
      try {
        await flush();
        await w.write(written ? '\n  ],' : '{\n  "inputs": [],');
        const tail = JSON.stringify(rest, null, 2);
        await w.write(tail.slice(1) + '\n');
      } catch (err) {
        await w.abort();
        throw err;
      }
      await w.close();
    },
    abort: () => w.abort(),
  };
}

function summariseGraph(graph: Graph) {
  const nodes: Record<string, number> = {};
  const relationships: Record<string, number> = {};
  for (const n of graph.nodes) nodes[n.label] = (nodes[n.label] ?? 0) + 1;
  // By type only: iterating would make every MENTIONS of the resolver's store (id, four lists) to read its type.
  const list = graph.relationships;
  for (let i = 0; i < list.length; i++) {
    const type = typeAt(list, i);
    relationships[type] = (relationships[type] ?? 0) + 1;
  }
  return { nodes, relationships };
}
