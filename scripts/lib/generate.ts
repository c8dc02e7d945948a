/**
 * Writes a synthetic corpus into a folder: `N` article files plus `manifest.jsonl`.
 * Byte-identical for the same (articles, seed, gazetteer file); article i does not depend
 * on N, so the 10k corpus is a prefix of the 100k one.
 *
 * Example: `await generateCorpus({ articles: 1000, seed: 1, out: 'bench/corpus-1000' })`.
 */
import { mkdirSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildWorld, loadDivisions } from './world.js';
import { generateArticle } from './corpus.js';

export interface GenerateOptions {
  articles: number;
  seed: number;
  out: string;
  /** Gazetteer TSV to draw divisions from; `null` forces the generated pool. */
  gazetteer?: string | null;
}

export interface GenerateSummary {
  files: number;
  bytes: number;
  formats: Record<string, number>;
  divisionSource: 'gazetteer' | 'generated';
}

/** Generates the corpus into `out` (emptied of earlier .txt files first, so sizes never mix). */
export function generateCorpus(options: GenerateOptions): GenerateSummary {
  const divisions = options.gazetteer === null ? null : loadDivisions(options.gazetteer ?? 'data/gazetteer/divisions.tsv');
  const world = buildWorld(options.seed, divisions);
  mkdirSync(options.out, { recursive: true });
  for (const f of readdirSync(options.out)) if (f.endsWith('.txt') || f === 'manifest.jsonl') rmSync(join(options.out, f));
  const manifest: string[] = [];
  const formats: Record<string, number> = {};
  let bytes = 0;
  for (let i = 0; i < options.articles; i++) {
    const a = generateArticle(world, i);
    const buf = Buffer.from(a.content, 'utf8');
    writeFileSync(join(options.out, a.name), buf);
    bytes += buf.length;
    formats[a.format] = (formats[a.format] ?? 0) + 1;
    manifest.push(JSON.stringify(a.manifest));
  }
  writeFileSync(join(options.out, 'manifest.jsonl'), manifest.join('\n') + '\n');
  return { files: options.articles, bytes, formats, divisionSource: world.divisionSource };
}
