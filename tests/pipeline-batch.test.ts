import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createExtractor } from '../src/extract/index.js';
import { INGEST_BATCH, processFileSync, runPipeline, type FileOutcome } from '../src/pipeline.js';

let dir: string;
/** More files than two ingest batches, with refused ones among them (empty, binary). */
let count: number;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guanxi-batch-'));
  const samples = readdirSync('data/articles')
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join('data/articles', f)));
  count = 2 * INGEST_BATCH + 7;
  for (let i = 0; i < count; i++) {
    const name = join(dir, `${String(i).padStart(3, '0')}.txt`);
    if (i % 11 === 5) writeFileSync(name, '');
    else if (i % 13 === 7) writeFileSync(name, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]));
    else writeFileSync(name, samples[i % samples.length]!);
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** What a run says of each file, without the parts that differ by object identity. */
const summary = (o: FileOutcome) => JSON.stringify([o.path, o.status, o.reason ?? null, o.result ?? null, o.messages, o.jsonLines ?? null]);

describe('runPipeline ingests a batch before extracting it', () => {
  it('gives each file the outcome processFile gives it alone, in input order', async () => {
    const seen: string[] = [];
    const outcomes = await runPipeline([dir], { jsonLines: true }, (o) => {
      seen.push(summary(o));
    });
    expect(outcomes.map(summary)).toEqual(seen);
    const extract = createExtractor();
    const files = readdirSync(dir).sort().map((f) => join(dir, f));
    expect(files).toHaveLength(count);
    expect(seen).toEqual(files.map((f) => summary(processFileSync(f, { manifest: new Map() }, extract, { jsonLines: true }))));
    expect(outcomes.filter((o) => o.status === 'skipped').length).toBeGreaterThan(2);
  });

  it('dropOutcomes: every outcome still goes to onOutcome, none is returned', async () => {
    let seen = 0;
    const outcomes = await runPipeline([dir], { dropOutcomes: true }, () => {
      seen++;
    });
    expect(seen).toBe(count);
    expect(outcomes).toEqual([]);
  });
});

describe('build writes report.json as JSON.stringify(report, null, 2) would', () => {
  it('with inputs in several rendered chunks and with none', () => {
    // More inputs than one chunk of the report writer (256): empty files are quick to build.
    const many = mkdtempSync(join(tmpdir(), 'guanxi-report-'));
    const inputs = join(many, 'in');
    mkdirSync(inputs);
    try {
      for (let i = 0; i < 300; i++) writeFileSync(join(inputs, `${String(i).padStart(3, '0')}.txt`), i % 100 ? '' : readFileSync('data/articles/000_5a8de6c8868ad61b.txt'));
      const cli = (...args: string[]) => spawnSync(resolve('node_modules/.bin/vite-node'), [resolve('src/cli.ts'), 'build', ...args, '--quiet', '--fail-on', 'never'], { encoding: 'utf8', timeout: 120_000 });
      expect(cli(inputs, '--out', join(many, 'out')).status).toBe(0);
      const text = readFileSync(join(many, 'out', 'report.json'), 'utf8');
      const report = JSON.parse(text) as { inputs: unknown[] };
      expect(report.inputs).toHaveLength(300);
      expect(text).toBe(JSON.stringify(report, null, 2) + '\n');
      // A shard with no files: an empty list, written as JSON.stringify writes one.
      const shard = [1, 2, 3, 4, 5, 6, 7, 8, 9].find((i) => {
        cli('data/articles', '--shard', `${i}/9`, '--out', join(many, 'empty'));
        return (JSON.parse(readFileSync(join(many, 'empty', 'report.json'), 'utf8')) as { inputs: unknown[] }).inputs.length === 0;
      });
      expect(shard).toBeDefined();
      const empty = readFileSync(join(many, 'empty', 'report.json'), 'utf8');
      expect(empty).toBe(JSON.stringify(JSON.parse(empty), null, 2) + '\n');
    } finally {
      rmSync(many, { recursive: true, force: true });
    }
  }, 300_000);
});
