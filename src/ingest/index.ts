/**
 * Ingest: turns an article file into a `Doc` (decoded source, normalised text with an
 * offset map, metadata). PLACEHOLDER: the full ingest (front matter, HTML, site chrome,
 * PDF repair, encodings, manifests, home jurisdiction) replaces this file.
 */
import { readFile, stat, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Doc, Message } from '../types.js';
import { identityOffsets } from '../offsets.js';

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
  /** Files larger than this are refused with a message (bytes). */
  maxBytes?: number;
}

export type IngestOutcome =
  | { status: 'ok'; path: string; doc: Doc }
  | { status: 'skipped' | 'failed'; path: string; reason: string; messages: Message[] };

/** An input found on the command line or in a directory, or a problem with one. */
export interface InputListing {
  files: string[];
  problems: Array<{ path: string; status: 'skipped' | 'failed'; reason: string }>;
}

/** Expands files and directories into article files (sorted), reporting paths that do not exist. */
export async function collectInputs(paths: string[]): Promise<InputListing> {
  const files: string[] = [];
  const problems: InputListing['problems'] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      if (s.isDirectory()) {
        for (const name of (await readdir(p)).sort()) {
          if (name === 'manifest.jsonl' || name.startsWith('.')) continue;
          files.push(join(p, name));
        }
      } else files.push(p);
    } catch {
      problems.push({ path: p, status: 'failed', reason: 'path does not exist' });
    }
  }
  return { files, problems };
}

/** Reads a manifest file into entries keyed by absolute path. */
export async function readManifest(_path: string): Promise<Map<string, ManifestEntry>> {
  return new Map();
}

/** Reads one article file into a Doc. Never throws for bad input: returns a status instead. */
export async function ingestFile(path: string, options: IngestOptions = {}): Promise<IngestOutcome> {
  const source = (await readFile(path)).toString('utf8');
  const doc: Doc = {
    meta: {
      id: basename(path),
      path,
      title: null,
      date: null,
      source: null,
      url: null,
      home: options.home ?? null,
      homeSource: options.home ? 'cli' : null,
      lang: 'zh',
      byline: [],
      encoding: 'utf-8',
    },
    source,
    text: source,
    offsets: identityOffsets(source.length),
    mentions: [],
    relations: [],
    messages: [],
  };
  return { status: 'ok', path, doc };
}
