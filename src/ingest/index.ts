/**
 * Ingest: an article file → a `Doc` (decoded source, clean normalised text with an offset
 * map, metadata), or a clear reason why the file was skipped or failed.
 *
 * Reads a path (or bytes, in `ingestBytes`); adds `source`, `text`, `offsets`, `meta` and
 * messages. Steps: size check before reading (`maxBytes`) → decode (decode.ts: BOMs, UTF-8,
 * GB18030, binary) → Jekyll front matter (frontmatter.ts) → normalisation (src/normalise/:
 * HTML, characters, site chrome, PDF repair, spaces) → metadata (meta.ts) → manifest
 * overrides → home jurisdiction (home.ts).
 *
 * Example: `await ingestFile('data/articles/000_5a8de6c8868ad61b.txt')` →
 * `{status: 'ok', doc: {meta: {title: '强化“四个优先”意识…', date: '2022-02-10', source: '荆州日报',
 * home: '荆州市', homeSource: 'publisher', …}, text: '强化“四个优先”意识…\n2月9日，…', …}}`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, dirname, join, resolve as resolvePath, sep } from 'node:path';
import type { ArticleMeta, Doc, HomeSource, Message } from '../types.js';
import { mappedSlice, normaliseBody } from '../normalise/index.js';
import { decodeBytes } from './decode.js';
import { frontMatterDate, readFrontMatter } from './frontmatter.js';
import { bracketedMedium, bylineFrom, dateFromLines, dateFromUrl, dateIn, languageOf, mastheadOf, publisherFrom, titleFromText, urlFromLines } from './meta.js';
import { homeFromAuthorLine, homeFromPublisher, homeFromTitle, homeFromUrl, publisherNames } from './home.js';

/** One line of a manifest (JSON Lines): overrides what the file itself says. */
export interface ManifestEntry {
  path: string;
  url?: string | null;
  date?: string | null;
  home?: string | null;
  title?: string | null;
}

export interface IngestOptions {
  /** Manifest entries keyed by absolute path. */
  manifest?: Map<string, ManifestEntry>;
  /** `--home`: the fallback home jurisdiction. */
  home?: string;
  /** Files larger than this are refused with a message (bytes). Default {@link DEFAULT_MAX_BYTES}. */
  maxBytes?: number;
}

/** Default size limit: 20 MB. News articles are kilobytes; anything this big is not one. */
export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type IngestOutcome =
  | { status: 'ok'; path: string; doc: Doc }
  | { status: 'skipped' | 'failed'; path: string; reason: string; messages: Message[] };

/** An input found on the command line or in a directory, or a problem with one. */
export interface InputListing {
  files: string[];
  problems: Array<{ path: string; status: 'skipped' | 'failed'; reason: string }>;
}

/** Files a directory walk never treats as articles: manifests and other metadata, hidden files. */
function isMetadataFile(name: string): boolean {
  return name.startsWith('.') || name === 'manifest.jsonl' || /\.(?:jsonl?|ya?ml|tsv|csv|md5|sha\d*)$/i.test(name);
}

/**
 * Expands files and directories (recursively, sorted) into article files. A path that does
 * not exist, and a directory without articles, are reported as problems (status failed).
 */
export async function collectInputs(paths: string[]): Promise<InputListing> {
  const files: string[] = [];
  const problems: InputListing['problems'] = [];
  const walk = async (dir: string, out: string[]) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (isMetadataFile(e.name)) continue;
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full, out);
      else if (e.isFile() || e.isSymbolicLink()) out.push(full);
    }
  };
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      problems.push({ path: p, status: 'failed', reason: 'path does not exist' });
      continue;
    }
    if (s.isDirectory()) {
      const found: string[] = [];
      try {
        await walk(p, found);
      } catch (err) {
        problems.push({ path: p, status: 'failed', reason: `cannot read directory: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}` });
        continue;
      }
      if (!found.length) problems.push({ path: p, status: 'failed', reason: `no articles found in ${p}` });
      files.push(...found);
    } else files.push(p);
  }
  return { files, problems };
}

/** A manifest's entries keyed by absolute path, and its lines that could not be used. */
export interface ManifestReport {
  entries: Map<string, ManifestEntry>;
  problems: Array<{ line: number; reason: string }>;
}

/**
 * Reads a JSON Lines manifest (`{"path","url","date","home","title"}` per line, paths relative
 * to the manifest). Throws when the manifest itself cannot be read; bad lines are reported.
 */
export async function readManifestReport(path: string): Promise<ManifestReport> {
  const text = await readFile(path, 'utf8');
  const base = dirname(resolvePath(path));
  const entries = new Map<string, ManifestEntry>();
  const problems: ManifestReport['problems'] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, reason: 'not valid JSON' });
      return;
    }
    if (!value || typeof value !== 'object' || typeof (value as { path?: unknown }).path !== 'string') {
      problems.push({ line: i + 1, reason: 'no "path" string' });
      return;
    }
    const v = value as Record<string, unknown>;
    const str = (k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : v[k] === null ? null : undefined);
    const entry: ManifestEntry = { path: v.path as string };
    for (const k of ['url', 'date', 'home', 'title'] as const) {
      const s = str(k);
      if (s !== undefined) entry[k] = s;
    }
    entries.set(resolvePath(base, v.path as string), entry);
  });
  return { entries, problems };
}

/** Reads a manifest file into entries keyed by absolute path. */
export async function readManifest(path: string): Promise<Map<string, ManifestEntry>> {
  return (await readManifestReport(path)).entries;
}

/**
 * Manifest entries whose file does not exist, as failed inputs (`path` as the manifest wrote
 * it, made absolute). Checked with blocking calls, for the reason ingestFile reads blocking:
 * a promise round trip per entry cost more than the check (10k entries: 0.11-0.15 s CPU); and
 * by existsSync, not statSync, which makes a Stats object and its dates per entry (~30 ms per
 * 10k entries in a build's profile) for a yes or no.
 */
export async function missingManifestFiles(manifest: Map<string, ManifestEntry>): Promise<InputListing['problems']> {
  const problems: InputListing['problems'] = [];
  for (const [abs, entry] of manifest) {
    // Follows symbolic links as a stat does; any error (missing, not a directory on the way,
    // no permission) counts as missing.
    if (!existsSync(abs)) {
      problems.push({ path: abs, status: 'failed', reason: `manifest entry points at a missing file (${entry.path})` });
    }
  }
  return problems;
}

/**
 * Reads one article file into a Doc. Never throws for bad input: returns a status instead.
 *
 * The read is synchronous on purpose: an article is a few KB, and four promise round trips
 * through libuv's thread pool (stat, open, read, close) cost ~0.4 ms of CPU per file, more
 * than normalising it; blocking reads cost ~0.02 ms. Parallelism comes from `--jobs`.
 */
export async function ingestFile(path: string, options: IngestOptions = {}): Promise<IngestOutcome> {
  return ingestFileSync(path, options);
}

/**
 * Where files are read: kept from file to file, so reading an article costs one open, reads
 * and a close (no fstat, no new Buffer). Only a file that fills it is looked at with fstat.
 * The bytes never outlive ingestBytes: decoding copies them into a string.
 */
let readBuffer = Buffer.allocUnsafe(1 << 18);

/** {@link ingestFile} without the promise (what the pipeline and the workers call). */
export function ingestFileSync(path: string, options: IngestOptions = {}): IngestOutcome {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { status: 'failed', path, reason: 'path does not exist', messages: [] };
    if (code === 'EISDIR') return { status: 'failed', path, reason: 'is a directory', messages: [] };
    return { status: 'failed', path, reason: `cannot read file: ${code ?? (err as Error).message}`, messages: [] };
  }
  let bytes: Uint8Array;
  try {
    // Up to one byte more than the limit, so a file over it is told apart without fstat.
    let buf = readBuffer.length <= maxBytes ? readBuffer : readBuffer.subarray(0, maxBytes + 1);
    let bytesRead = readAll(fd, buf, 0);
    if (bytesRead === buf.length) {
      // Filled the reused buffer: a big file. Its size decides, as it did before any read.
      const s = fstatSync(fd);
      if (s.size > maxBytes) {
        return { status: 'skipped', path, reason: `file too large (${mb(s.size)} MB > ${mb(maxBytes)} MB)`, messages: [] };
      }
      // One byte more than the limit, in case the file grew since fstat.
      const whole = Buffer.allocUnsafe(Math.min(Math.max(s.size, bytesRead), maxBytes) + 1);
      whole.set(buf.subarray(0, bytesRead));
      buf = whole;
      bytesRead = readAll(fd, buf, bytesRead);
    }
    if (bytesRead > maxBytes) return { status: 'skipped', path, reason: `file too large (> ${mb(maxBytes)} MB)`, messages: [] };
    bytes = buf.subarray(0, bytesRead);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A directory opens for reading on some systems; reading it fails.
    if (code === 'EISDIR') return { status: 'failed', path, reason: 'is a directory', messages: [] };
    return { status: 'failed', path, reason: `cannot read file: ${code ?? (err as Error).message}`, messages: [] };
  } finally {
    closeSync(fd);
  }
  return ingestBytes(bytes, path, options);
}

/** Reads `fd` into `buf` from byte `at` on until the end of the file or of `buf`; returns the bytes in `buf`. */
function readAll(fd: number, buf: Uint8Array, at: number): number {
  let bytesRead = at;
  while (bytesRead < buf.length) {
    const n = readSync(fd, buf, bytesRead, buf.length - bytesRead, bytesRead);
    if (n === 0) break;
    bytesRead += n;
  }
  return bytesRead;
}

function mb(bytes: number): string {
  const v = bytes / (1024 * 1024);
  return v >= 10 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
}

const NOT_WHITESPACE = /\S/;

/** The pure core of {@link ingestFile}: bytes in, outcome out (no file system access). */
export function ingestBytes(bytes: Uint8Array, path: string, options: IngestOptions = {}): IngestOutcome {
  if (bytes.length === 0) return { status: 'skipped', path, reason: 'empty file', messages: [] };
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return { status: 'skipped', path, reason: decoded.reason, messages: [] };
  // Nothing but whitespace (what trim() removes, \s, without making the trimmed copy).
  if (!NOT_WHITESPACE.test(decoded.text)) return { status: 'skipped', path, reason: 'empty file', messages: [] };
  const { manifest, home, maxBytes } = options;
  return ingestText(decoded.text, path, { manifest, home, maxBytes, encoding: decoded.encoding, messages: decoded.messages });
}

/** A `/` that begins an empty, `.` or `..` segment, or ends the path: what `resolve` would rewrite. */
const NOT_NORMAL = /\/\.{0,2}(?:\/|$)/;

/** A relative path whose first segment is `.` or `..` (which `resolve` would rewrite). */
const DOT_FIRST = /^\.{1,2}(?:\/|$)/;

/**
 * `resolve(path)`, answered without it for a path that is already normal (what a directory
 * walk gives): an absolute one is returned as it is, a relative one joined to the working
 * directory, as `resolve` would after a segment-by-segment rewrite that costs more.
 */
function absolutePath(path: string): string {
  if (sep !== '/' || path.length === 0 || NOT_NORMAL.test(path)) return resolvePath(path);
  if (path.charCodeAt(0) === 0x2f) return path;
  if (DOT_FIRST.test(path)) return resolvePath(path);
  const cwd = process.cwd();
  return cwd === '/' ? `/${path}` : `${cwd}/${path}`;
}

/** Ingests already-decoded text (BOM removed). */
export function ingestText(
  source: string,
  path: string,
  options: IngestOptions & { encoding?: string; messages?: Message[] } = {},
): IngestOutcome {
  const messages: Message[] = [...(options.messages ?? [])];
  if (source.charCodeAt(0) === 0xfeff) source = source.slice(1);
  const fm = readFrontMatter(source);
  if (fm) messages.push(...fm.messages);
  const norm = normaliseBody(source, fm?.bodyStart ?? 0, {
    lead: fm?.titleSpan ? mappedSlice(source, fm.titleSpan.start, fm.titleSpan.end) : undefined,
  });
  messages.push(...norm.messages);
  if (!norm.text.trim()) messages.push({ level: 'warning', message: 'no article text found (everything was site chrome or markup)', rule: 'ingest-empty-text' });

  const data = fm?.data ?? null;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
  const entry = options.manifest?.get(absolutePath(path));

  // The page's head is read only if no manifest entry or front matter field came first.
  const page = norm.htmlMeta;
  const url =
    entry?.url ?? str(data?.url) ?? str(data?.link) ?? (/^https?:/.test(str(data?.permalink) ?? '') ? str(data?.permalink) : null) ?? page()?.url ?? urlFromLines(norm.lines);
  // An e-paper's masthead (`荆州日报 2021年9月3日 第01版`): a paper and a date when nothing else gives them.
  const masthead = mastheadOf(norm.lines);
  let date: string | null;
  // A manifest date wins, null included (the article states none); `2021/1/5` reads as 2021-01-05.
  if (entry && entry.date !== undefined) date = entry.date === null ? null : (dateIn(entry.date) ?? entry.date);
  else {
    // The body lines are read for a date only here: a manifest date makes them unneeded.
    const fromLines = dateFromLines(norm.lines);
    date = frontMatterDate(data?.date) ?? page()?.date ?? fromLines.date ?? masthead?.date ?? dateFromUrl(url) ?? fromLines.banner;
  }
  // The masthead names the paper where no 来源 line or lead does (`本报讯`).
  let source_ = publisherFrom(norm.lines, data, publisherNames()) ?? masthead?.paper ?? null;
  let title = entry?.title ?? str(data?.title) ?? page()?.title ?? titleFromText(norm.text);
  // `【荆州日报】松滋市召开…`: the medium in brackets is the source, not part of the headline.
  const bracketed = bracketedMedium(title);
  if (bracketed) {
    title = bracketed.title;
    source_ ??= bracketed.medium;
  }

  let home: string | null = null;
  let homeSource: HomeSource = null;
  const choose = (value: string | null | undefined, from: HomeSource) => {
    if (!home && value) {
      home = value;
      homeSource = from;
    }
  };
  choose(entry?.home, 'manifest');
  choose(str(data?.home), 'front-matter');
  // The first source that names a home wins: the later lookups (a URL parsed, lines scanned)
  // are made only while none has.
  if (!home) choose(homeFromPublisher(source_), 'publisher');
  if (!home) choose(homeFromUrl(url), 'url');
  if (!home) choose(homeFromAuthorLine(norm.lines), 'text');
  if (!home) choose(homeFromTitle(title), 'title');
  choose(options.home, 'cli');

  const meta: ArticleMeta = {
    id: basename(path),
    path,
    title,
    date,
    source: source_,
    url: url ?? null,
    home,
    homeSource,
    lang: languageOf(norm.text),
    byline: bylineFrom(norm.lines),
    encoding: options.encoding ?? 'utf-8',
  };
  return {
    status: 'ok',
    path,
    doc: { meta, source, text: norm.text, offsets: norm.offsets, mentions: [], relations: [], messages },
  };
}
