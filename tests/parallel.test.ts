import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ExtractionPool, effectiveJobs, runOrdered, AUTO_PARALLEL_MIN_FILES } from '../src/parallel/pool.js';

// The pool's workers run the compiled tree (a worker cannot load .ts); `npm test` compiles
// first. The comparison below also takes runPipeline from dist/, so both sides run the
// same code even when dist/ is older than the sources.
const DIST_PIPELINE = new URL('../dist/src/pipeline.js', import.meta.url);
const DEV = '../shared/dev/articles';

describe('runOrdered', () => {
  it('hands results back in input order although they finish out of order', async () => {
    const delays = [30, 1, 20, 0, 10, 5, 25, 2];
    const seen: Array<[number, number]> = [];
    await runOrdered(
      delays,
      (d) => new Promise<number>((res) => setTimeout(() => res(d * 10), d)),
      3,
      (r, i) => {
        seen.push([i, r]);
      },
    );
    expect(seen).toEqual(delays.map((d, i) => [i, d * 10]));
  });

  it('never has more than `window` items in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await runOrdered(
      Array.from({ length: 20 }, (_, i) => i),
      async (i) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, i % 3));
        inFlight--;
        return i;
      },
      4,
      () => {},
    );
    expect(most).toBe(4);
  });
});

describe('effectiveJobs', () => {
  it('is 1 when not asked, the cores for large inputs on auto, and never more than the files', () => {
    expect(effectiveJobs(undefined, 1000)).toBe(1);
    expect(effectiveJobs('auto', AUTO_PARALLEL_MIN_FILES - 1)).toBe(1);
    expect(effectiveJobs('auto', 10_000)).toBeGreaterThanOrEqual(1);
    expect(effectiveJobs(8, 3)).toBe(3);
    expect(effectiveJobs(2, 100)).toBe(2);
  });
});

describe('ExtractionPool', () => {
  it('refuses a worker module that does not exist, saying what to do', () => {
    expect(
      () => new ExtractionPool({ jobs: 1, ingest: {}, workerUrl: pathToFileURL('/nonexistent/worker.js') }),
    ).toThrow(/worker module \/nonexistent\/worker\.js is missing.*npx tsc/);
  });

  it('fails only the article whose worker died, and goes on with a fresh worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-pool-'));
    const workerFile = join(dir, 'worker.mjs');
    // A stand-in worker: dies on a path containing "crash", answers every other path.
    writeFileSync(
      workerFile,
      `import { parentPort } from 'node:worker_threads';
       parentPort.on('message', ({ id, path }) => {
         if (path.includes('crash')) process.exit(3);
         parentPort.postMessage({ id, outcome: { path, status: 'ok', messages: [] } });
       });`,
    );
    const pool = new ExtractionPool({ jobs: 1, ingest: {}, workerUrl: pathToFileURL(workerFile) });
    const got: Array<[string, string, string | undefined]> = [];
    await runOrdered(['a.txt', 'crash.txt', 'b.txt', 'c.txt'], (p) => pool.process(p), 1, (o) => {
      got.push([o.path, o.status, o.reason]);
    });
    await pool.close();
    expect(got).toEqual([
      ['a.txt', 'ok', undefined],
      ['crash.txt', 'failed', 'extraction worker exited with code 3'],
      ['b.txt', 'ok', undefined],
      ['c.txt', 'ok', undefined],
    ]);
  });
});

describe('runPipeline --jobs', () => {
  it('gives the same outcomes, in the same order, with workers beside the main thread as in-process', async () => {
    expect(existsSync(DIST_PIPELINE), 'dist/ is missing: run npx tsc -p . (npm test does)').toBe(true);
    const { runPipeline } = (await import(DIST_PIPELINE.href)) as typeof import('../src/pipeline.js');
    const inputs = ['data/articles', ...(existsSync(DEV) ? [DEV] : [])];
    const line = (o: object) => JSON.stringify(o);
    // Workers first: they load dist/ when spawned, right after the import above, so both
    // sides run the same compiled code even while someone recompiles the tree.
    const parallel: string[] = [];
    await runPipeline(inputs, { keepDocs: true, jsonLines: true, jobs: 2 }, (o) => {
      parallel.push(line(o));
    });
    // Two workers with one file queued each: the main thread extracts most files itself.
    const mixed: string[] = [];
    await runPipeline(inputs, { keepDocs: true, jsonLines: true, jobs: 3, workerQueue: 1 }, (o) => {
      mixed.push(line(o));
    });
    const serial: string[] = [];
    await runPipeline(inputs, { keepDocs: true, jsonLines: true, jobs: 1 }, (o) => {
      serial.push(line(o));
    });
    expect(serial.length).toBe(existsSync(DEV) ? 21 : 5);
    for (const got of [parallel, mixed]) {
      expect(got.length).toBe(serial.length);
      for (let i = 0; i < serial.length; i++) {
        if (got[i] === serial[i]) continue;
        let k = 0;
        while (got[i]![k] === serial[i]![k]) k++;
        expect(got[i]!.slice(Math.max(0, k - 120), k + 120), `outcome ${i} differs`).toBe(serial[i]!.slice(Math.max(0, k - 120), k + 120));
      }
    }
  });
});
