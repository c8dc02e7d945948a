/**
 * `npm run bench -- --articles N [--seed S] [--jobs 1,2] [--no-scale] [--no-jieba]`
 *
 * Measures guanxi at corpus scale on a generated corpus (scripts/lib/generate.ts):
 *  1. in-process, one thread, through the real modules, on --inprocess-articles (10,000) of
 *     the corpus after a timed warm-up on the first --warm-up (5,000) articles: ingest,
 *     extract, resolve, each export;
 *     and, on the same ingested text in the same loop, the peer: jieba part-of-speech
 *     tagging (`@node-rs/jieba` `tag()`);
 *  2. the real CLI as a child process (`build --jobs J`) for the whole build, with its
 *     peak RSS (a preloaded probe reports `process.resourceUsage().maxRSS`), for every J,
 *     checking that every J writes the same bytes as `--jobs 1`;
 *  3. the same whole build on the first N/10 articles (a prefix of the same corpus) for
 *     the scaling ratio.
 * Writes bench/results.json and prints a table.
 */
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync, createReadStream } from 'node:fs';
import { cpus, availableParallelism, totalmem, loadavg } from 'node:os';
import { join, relative, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './lib/generate.js';
import { collectInputs, ingestFile } from '../src/ingest/index.js';
import { loadManifest } from '../src/pipeline.js';
import { createExtractor } from '../src/extract/index.js';
import { toExtraction } from '../src/extract/output.js';
import { createCorpusResolver } from '../src/resolve/index.js';
import * as exportModule from '../src/export/index.js';
import type { Doc, ExtractionResult } from '../src/types.js';
import type { Graph } from '../src/graph/model.js';

/**
 * Articles run through ingest, extraction and jieba before the timed sample, by default. V8
 * compiles the extractor's few hundred functions as they get hot: in a fresh process the first
 * ~4 000 articles extract at 1.5-3x the steady per-article cost (Turbofan's compile threads
 * count against the process's CPU; the main thread runs unoptimised code meanwhile), while jieba
 * is native and steady from its first article. The warm-up is timed and reported on its own
 * rows, so the one-off cost stays visible; the whole-build rows pay it as a user does.
 */
const WARM_UP = 5000;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    jobs: { type: 'string', default: '1,2' },
    dir: { type: 'string', default: 'bench' },
    'no-scale': { type: 'boolean' },
    'no-jieba': { type: 'boolean' },
    'no-inprocess': { type: 'boolean' },
    'inprocess-articles': { type: 'string', default: '10000' },
    'warm-up': { type: 'string', default: String(WARM_UP) },
    'keep-out': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'bench --articles N [--seed S] [--jobs 1,2] [--dir bench] [--no-scale] [--no-jieba] [--no-inprocess] [--inprocess-articles K] [--warm-up W] [--keep-out]\n',
  );
  process.exit(0);
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CLI = resolvePath(HERE, '../src/cli.js');
const PROBE = resolvePath(HERE, 'lib/rss-probe.js');
const articles = Number(values.articles);
const seed = Number(values.seed);
const jobsList = values.jobs.split(',').map(Number);
if (!Number.isInteger(articles) || articles < 1 || jobsList.some((j) => !Number.isInteger(j) || j < 1)) {
  process.stderr.write('bench: --articles and --jobs must be positive integers\n');
  process.exit(2);
}
const benchDir = values.dir;
mkdirSync(benchDir, { recursive: true });

interface CorpusInfo {
  dir: string;
  articles: number;
  seed: number;
  bytes: number;
  formats: Record<string, number>;
  divisionSource: string;
  gazetteerHash: string | null;
}

function log(s: string) {
  process.stderr.write(`bench: ${s}\n`);
}

function gazetteerHash(): string | null {
  const p = 'data/gazetteer/divisions.tsv';
  return existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 12) : null;
}

/** Generates the corpus unless the folder already holds the same one (same size, seed, gazetteer). */
function ensureCorpus(n: number): CorpusInfo {
  const dir = join(benchDir, `corpus-${n}-s${seed}`);
  const stamp = join(dir, '.corpus.json');
  const gaz = gazetteerHash();
  if (existsSync(stamp)) {
    const info = JSON.parse(readFileSync(stamp, 'utf8')) as CorpusInfo;
    if (info.articles === n && info.seed === seed && info.gazetteerHash === gaz) return info;
  }
  const t0 = performance.now();
  const s = generateCorpus({ articles: n, seed, out: dir });
  const info: CorpusInfo = { dir, articles: n, seed, bytes: s.bytes, formats: s.formats, divisionSource: s.divisionSource, gazetteerHash: gaz };
  writeFileSync(stamp, JSON.stringify(info));
  log(`generated ${n} articles (${(s.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${dir}`);
  return info;
}

/**
 * One measured stage. Rates come from CPU time (user + system of this process), not wall
 * time: the benchmark shares its machine (other builds, tests, compilers), and CPU time is
 * what a stage costs on one core whatever else runs. Wall time is kept beside it.
 */
interface StageRow {
  stage: string;
  ms: number;
  wallMs: number;
  articlesPerS: number;
  mbPerS: number;
  note?: string;
}

function row(stage: string, t: Span, c: Sample, note?: string): StageRow {
  return { stage, ms: t.cpu, wallMs: t.wall, articlesPerS: c.articles / (t.cpu / 1000), mbPerS: c.bytes / 1e6 / (t.cpu / 1000), note };
}

/** CPU and wall milliseconds. */
interface Span {
  cpu: number;
  wall: number;
}

function now(): Span {
  const u = process.cpuUsage();
  return { cpu: (u.user + u.system) / 1000, wall: performance.now() };
}

function since(t0: Span): Span {
  const t = now();
  return { cpu: t.cpu - t0.cpu, wall: t.wall - t0.wall };
}

function add(acc: Span, d: Span): void {
  acc.cpu += d.cpu;
  acc.wall += d.wall;
}

interface Exporterish {
  name: string;
  write(graph: Graph, outDir: string): Promise<unknown>;
}

/** The exporter registry when src/export/index.ts exposes one (any exported list or map of `{name, write}`), so each format is timed on its own. */
function findExporters(): Exporterish[] | null {
  const isExporter = (x: unknown): x is Exporterish =>
    !!x && typeof x === 'object' && typeof (x as Exporterish).name === 'string' && typeof (x as Exporterish).write === 'function';
  for (const value of Object.values(exportModule as Record<string, unknown>)) {
    if (Array.isArray(value) && value.length && value.every(isExporter)) return value;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const list = Object.values(value as Record<string, unknown>);
      if (list.length && list.every(isExporter)) return list as Exporterish[];
    }
  }
  return null;
}

type Tagger = { tag(s: string, hmm?: boolean): unknown[] };

async function loadJieba(): Promise<Tagger | null> {
  if (values['no-jieba']) return null;
  try {
    const { Jieba } = await import('@node-rs/jieba');
    const { dict } = await import('@node-rs/jieba/dict.js');
    return Jieba.withDict(dict) as Tagger;
  } catch (err) {
    log(`jieba unavailable (${(err as Error).message}); the peer is skipped`);
    return null;
  }
}

/** Articles per timed batch. */
const BATCH = 100;

/** What a set of in-process rows ran on. */
interface Sample {
  articles: number;
  bytes: number;
}

function sampleOf(files: string[]): Sample {
  return { articles: files.length, bytes: files.reduce((n, f) => n + statSync(f).size, 0) };
}

/** Where the in-process run takes its warm-up and its timed sample from. */
function inProcessSlices(files: string[], warmUp: number, limit: number): { warm: string[]; timed: string[] } {
  // A corpus too small for the whole warm-up still leaves half of itself to time.
  const w = Math.min(warmUp, Math.floor(files.length / 2));
  return { warm: files.slice(0, w), timed: files.slice(w, w + limit) };
}

/** CPU and wall time of ingest, extraction and jieba over a run of batches. */
interface LoopSpans {
  ingest: Span;
  extraction: Span;
  peer: Span;
  tokens: number;
  chars: number;
}

/**
 * Stage by stage, one thread, real modules; jieba tags the same ingested text in the same
 * loop. Warms up on the first `warmUp` articles, then times the next `limit` (default 10,000):
 * per-article rates are what it measures. Extractions of the timed articles go to the
 * incremental resolver batch by batch, as in `guanxi build`; their graph is then exported
 * in-process.
 */
async function inProcess(c: CorpusInfo, jieba: Tagger | null, limit: number, warmUp: number) {
  const rows: StageRow[] = [];
  let t = now();
  const extract = createExtractor();
  const setup = since(t);
  const listing = await collectInputs([c.dir]);
  const slices = inProcessSlices(listing.files, warmUp, limit);
  const sample = sampleOf(slices.timed);
  const warmSample = sampleOf(slices.warm);
  const manifest = await loadManifest([c.dir]);
  // Fed per batch, as `guanxi build` feeds it per article: the build holds no extraction
  // results, and holding 10 000 of them here made the extract row pay for the harness's heap.
  const resolver = await createCorpusResolver({});
  const resolving: Span = { cpu: 0, wall: 0 };
  let entities = 0;
  let relations = 0;
  // Stage by stage over batches: a timer read per article and stage would cost as much as
  // the smaller stages themselves.
  const runBatches = async (files: string[], resolve: boolean): Promise<LoopSpans> => {
    const spans: LoopSpans = { ingest: { cpu: 0, wall: 0 }, extraction: { cpu: 0, wall: 0 }, peer: { cpu: 0, wall: 0 }, tokens: 0, chars: 0 };
    for (let b = 0; b < files.length; b += BATCH) {
      const batch = files.slice(b, b + BATCH);
      t = now();
      const docs: Doc[] = [];
      for (const file of batch) {
        const ingested = await ingestFile(file, { manifest });
        if (ingested.status === 'ok') docs.push(ingested.doc);
      }
      add(spans.ingest, since(t));
      t = now();
      const results: ExtractionResult[] = [];
      for (const doc of docs) {
        extract(doc);
        results.push(toExtraction(doc));
      }
      add(spans.extraction, since(t));
      if (resolve) {
        t = now();
        for (const r of results) {
          entities += r.entities.length;
          relations += r.relations.length;
          resolver.add(r);
        }
        add(resolving, since(t));
      }
      for (const doc of docs) spans.chars += doc.text.length;
      if (jieba) {
        t = now();
        // HMM on, as jieba's own default for posseg: unknown words (most names) go through the HMM.
        for (const doc of docs) spans.tokens += jieba.tag(doc.text, true).length;
        add(spans.peer, since(t));
      }
    }
    return spans;
  };
  const warm = await runBatches(slices.warm, false);
  const timed = await runBatches(slices.timed, true);
  const jiebaTokens = timed.tokens;
  const chars = timed.chars;
  rows.push(row('extractor setup (once)', setup, sample));
  if (slices.warm.length) {
    rows.push(row(`ingest, warm-up (first ${slices.warm.length} articles)`, warm.ingest, warmSample));
    rows.push(row(`extract, warm-up (first ${slices.warm.length} articles)`, warm.extraction, warmSample));
  }
  rows.push(row('ingest', timed.ingest, sample));
  rows.push(row('extract', timed.extraction, sample));
  t = now();
  const resolution = resolver.finish();
  add(resolving, since(t));
  rows.push(row('resolve', resolving, sample, `${resolution.graph.nodes.length} nodes, ${resolution.graph.relationships.length} rels (add per batch + finish)`));
  const outDir = join(benchDir, 'out-inprocess');
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const exporters = findExporters();
  if (exporters) {
    for (const e of exporters) {
      t = now();
      await e.write(resolution.graph, outDir);
      rows.push(row(`export ${e.name}`, since(t), sample));
    }
  } else {
    t = now();
    await exportModule.writeExports(resolution.graph, outDir);
    rows.push(row('export (all formats)', since(t), sample));
  }
  if (!values['keep-out']) rmSync(outDir, { recursive: true, force: true });
  const peer = jieba ? row('jieba tag() (peer)', timed.peer, sample, `${jiebaTokens} tokens`) : null;
  const warmPeer = jieba && slices.warm.length ? row(`jieba tag(), warm-up (first ${slices.warm.length} articles)`, warm.peer, warmSample) : null;
  const warmExtract = rows.find((r) => r.stage.startsWith('extract, warm-up')) ?? null;
  return { sample, warmSample, rows, peer, warmPeer, warmExtract, chars, entities, relations, maxRssKB: process.resourceUsage().maxRSS };
}

/** Runs `guanxi build` as a child with the RSS probe; returns wall time, peak RSS and exit code. */
function childBuild(c: CorpusInfo, jobs: number, outDir: string): Promise<{ ms: number; cpuMs: number; maxRssKB: number; code: number | null; stderr: string }> {
  rmSync(outDir, { recursive: true, force: true });
  const probeFile = join(benchDir, `.probe-${process.pid}.json`);
  rmSync(probeFile, { force: true });
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=8192', '--import', PROBE, CLI, 'build', c.dir, '--out', outDir, '--jobs', String(jobs), '--fail-on', 'never'],
      { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, GUANXI_RSS_PROBE: probeFile } },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      let maxRssKB = NaN;
      let cpuMs = NaN;
      try {
        const probe = JSON.parse(readFileSync(probeFile, 'utf8')) as { maxRssKB: number; userMs: number; systemMs: number };
        maxRssKB = probe.maxRssKB;
        cpuMs = probe.userMs + probe.systemMs;
        rmSync(probeFile, { force: true });
      } catch {
        // The child died before its exit hook: no RSS figure.
      }
      resolve({ ms, cpuMs, maxRssKB, code, stderr });
    });
  });
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/** A digest of everything a build wrote; report.json without its timings (the one part that must differ). */
async function digestOut(dir: string): Promise<string> {
  const h = createHash('sha256');
  for (const f of listFiles(dir)) {
    const rel = relative(dir, f);
    h.update(rel + '\0');
    if (rel === 'report.json') {
      const report = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      delete report.timings;
      h.update(JSON.stringify(report));
      continue;
    }
    await new Promise<void>((res, rej) => {
      createReadStream(f)
        .on('data', (d) => h.update(d))
        .on('end', () => res())
        .on('error', rej);
    });
  }
  return h.digest('hex');
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const mb = (kb: number) => kb / 1024;

async function main() {
  const big = ensureCorpus(articles);
  const small = !values['no-scale'] && articles >= 1000 ? ensureCorpus(Math.round(articles / 10)) : null;
  const jieba = await loadJieba();
  const loadStart = loadavg();
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: availableParallelism(), model: cpus()[0]?.model ?? null, memGB: +(totalmem() / 2 ** 30).toFixed(1), node: process.version },
    corpus: big,
  };

  let inproc: Awaited<ReturnType<typeof inProcess>> | null = null;
  if (!values['no-inprocess']) {
    const limit = Number(values['inprocess-articles']);
    const warmUp = Number(values['warm-up']);
    if (!Number.isInteger(warmUp) || warmUp < 0) {
      process.stderr.write('bench: --warm-up must be a non-negative integer\n');
      process.exit(2);
    }
    log(`in-process stages: warm-up of up to ${warmUp} articles, then up to ${limit}…`);
    inproc = await inProcess(big, jieba, limit, warmUp);
    results.inProcess = inproc;
  }

  interface BuildRow {
    articles: number;
    jobs: number;
    /** Wall milliseconds of the child, start to exit. */
    ms: number;
    /** CPU milliseconds (user + system, all threads) of the child. */
    cpuMs: number;
    maxRssKB: number;
    code: number | null;
    failedInputs: number | null;
    /** The build's own phase timings from report.json (wall ms): extract (ingest + extract, the part --jobs spreads), resolve, export. */
    phases: Record<string, number> | null;
    digest: string;
  }
  const builds: BuildRow[] = [];
  const outDir = join(benchDir, 'out-build');
  const runBuild = async (c: CorpusInfo, jobs: number, digest: boolean) => {
    log(`whole build, ${c.articles} articles, --jobs ${jobs}…`);
    const r = await childBuild(c, jobs, outDir);
    if (r.code !== 0) log(`build exited ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    let failedInputs: number | null = null;
    let phases: Record<string, number> | null = null;
    try {
      const report = JSON.parse(readFileSync(join(outDir, 'report.json'), 'utf8')) as { totals: { failed: number }; timings?: Record<string, number> };
      failedInputs = report.totals.failed;
      phases = report.timings ?? null;
    } catch {
      // No report: the build crashed; the exit code says so.
    }
    builds.push({ articles: c.articles, jobs, ms: r.ms, cpuMs: r.cpuMs, maxRssKB: r.maxRssKB, code: r.code, failedInputs, phases, digest: digest ? await digestOut(outDir) : '' });
  };
  for (const jobs of jobsList) await runBuild(big, jobs, true);
  if (small) await runBuild(small, 1, false);
  if (!values['keep-out']) rmSync(outDir, { recursive: true, force: true });
  results.builds = builds;
  results.loadAverage = { start: loadStart, end: loadavg() };

  const one = builds.find((b) => b.articles === articles && b.jobs === 1);
  const two = builds.find((b) => b.articles === articles && b.jobs === 2);
  const smallOne = small ? builds.find((b) => b.articles === small.articles) : undefined;
  const extractRow = inproc?.rows.find((r) => r.stage === 'extract');
  const peer = inproc?.peer ?? null;
  const ratios = {
    // Single job: the build's CPU time is its one-core cost (plus GC and I/O helper threads, counted against it).
    // MB/s against MB/s: the peer ran on the in-process sample, the build on the whole corpus.
    buildVsJieba: one && peer ? big.bytes / 1e6 / (one.cpuMs / 1000) / peer.mbPerS : null,
    extractVsJieba: extractRow && peer ? peer.ms / extractRow.ms : null,
    // The same over the warm-up articles: what the first few thousand articles of a fresh process get.
    extractVsJiebaWarmUp: inproc?.warmExtract && inproc.warmPeer ? inproc.warmPeer.ms / inproc.warmExtract.ms : null,
    scaleCpuRatio: one && smallOne ? one.cpuMs / smallOne.cpuMs : null,
    scaleWallRatio: one && smallOne ? one.ms / smallOne.ms : null,
    jobs2Speedup: one && two ? one.ms / two.ms : null,
    jobs2ExtractPhaseSpeedup: one?.phases?.extractMs && two?.phases?.extractMs ? one.phases.extractMs / two.phases.extractMs : null,
    identicalAcrossJobs: builds.filter((b) => b.articles === articles).every((b) => b.digest === one?.digest),
    peakRssMB: Math.max(...builds.map((b) => mb(b.maxRssKB)).filter(Number.isFinite)),
  };
  results.ratios = ratios;
  writeFileSync(join(benchDir, 'results.json'), JSON.stringify(results, null, 2) + '\n');

  const x = (v: number | null, d = 2) => (v === null ? 'n/a' : fmt(v, d) + '×');
  const lines: string[] = [];
  lines.push(
    `corpus: ${articles} articles, ${fmt(big.bytes / 1e6)} MB, seed ${seed}, divisions: ${big.divisionSource}; ${availableParallelism()} cores, node ${process.version}; load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} at start`,
  );
  lines.push('');
  if (inproc) {
    const warm = inproc.warmSample.articles ? ` after a warm-up on the first ${inproc.warmSample.articles} (${fmt(inproc.warmSample.bytes / 1e6)} MB)` : '';
    lines.push(`in-process stages on ${inproc.sample.articles} articles (${fmt(inproc.sample.bytes / 1e6)} MB)${warm}:`, '');
  }
  lines.push(`| stage (one thread, in-process) | CPU s | wall s | articles/s | MB/s | note |`);
  lines.push(`|---|---:|---:|---:|---:|---|`);
  for (const r of [...(inproc?.rows ?? []), ...(inproc?.warmPeer ? [inproc.warmPeer] : []), ...(peer ? [peer] : [])]) {
    lines.push(`| ${r.stage} | ${fmt(r.ms / 1000, 2)} | ${fmt(r.wallMs / 1000, 2)} | ${fmt(r.articlesPerS, 0)} | ${fmt(r.mbPerS, 2)} | ${r.note ?? ''} |`);
  }
  lines.push('');
  lines.push(`| whole build (CLI child) | CPU s | wall s | articles/s (wall) | MB/s (wall) | peak RSS | extract / resolve / export phases, wall s |`);
  lines.push(`|---|---:|---:|---:|---:|---:|---|`);
  for (const b of builds) {
    const c = b.articles === articles ? big : small!;
    const bad = [b.code ? `exit ${b.code}` : '', b.failedInputs ? `${b.failedInputs} inputs failed` : ''].filter(Boolean).join(', ');
    lines.push(
      `| ${b.articles} articles, --jobs ${b.jobs}${bad ? ` (${bad})` : ''} | ${fmt(b.cpuMs / 1000, 2)} | ${fmt(b.ms / 1000, 2)} | ${fmt(c.articles / (b.ms / 1000), 0)} | ${fmt(c.bytes / 1e6 / (b.ms / 1000), 2)} | ${fmt(mb(b.maxRssKB), 0)} MB | ${b.phases ? [b.phases.extractMs, b.phases.resolveMs, b.phases.exportMs].map((v) => fmt((v ?? NaN) / 1000, 1)).join(' / ') : 'n/a'} |`,
    );
  }
  lines.push('');
  lines.push(`| measure | value | goal |`);
  lines.push(`|---|---:|---|`);
  lines.push(`| whole build (--jobs 1, CPU) / jieba tag, MB/s | ${x(ratios.buildVsJieba)} | ≥ 1.0× |`);
  const warmUpRatio = ratios.extractVsJiebaWarmUp === null ? '' : ` (warm-up articles: ${x(ratios.extractVsJiebaWarmUp)})`;
  lines.push(`| extraction (one thread, steady) / jieba tag, MB/s | ${x(ratios.extractVsJieba)}${warmUpRatio} | ≥ 2.0× |`);
  lines.push(`| build ${articles} / ${small?.articles ?? '-'} articles, CPU time (wall) | ${ratios.scaleCpuRatio === null ? 'n/a' : `${fmt(ratios.scaleCpuRatio, 2)} (${fmt(ratios.scaleWallRatio!, 2)})`} | ≤ 11 |`);
  lines.push(`| peak RSS of the build | ${fmt(ratios.peakRssMB, 0)} MB | < 2048 MB |`);
  lines.push(`| --jobs 2 wall-time speed-up over --jobs 1, whole build (ingest + extract phase) | ${x(ratios.jobs2Speedup)} (${x(ratios.jobs2ExtractPhaseSpeedup)}) | > 1 |`);
  lines.push(`| output identical for every --jobs | ${ratios.identicalAcrossJobs ? 'yes' : 'NO'} | yes |`);
  process.stdout.write(lines.join('\n') + '\n');
  log(`results → ${join(benchDir, 'results.json')}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: crashed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 2;
});
