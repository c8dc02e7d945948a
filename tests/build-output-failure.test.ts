import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guanxi-outfail-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  spawnSync(resolve('node_modules/.bin/vite-node'), [resolve('src/cli.ts'), 'build', ...args, '--quiet'], { encoding: 'utf8', timeout: 120_000 });

describe('a build whose output cannot be written', () => {
  it('says which file and why in one line, exits 2, and leaves no temporary file', () => {
    const out = join(dir, 'out');
    // A folder where the export must put graph.json: the export's rename fails.
    mkdirSync(join(out, 'graph.json'), { recursive: true });
    const r = cli('data/articles', '--out', out, '--jobs', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^guanxi: EISDIR: illegal operation on a directory, rename '.*graph\.json\.tmp-\d+' -> '.*graph\.json'\n$/);
    expect(r.stderr).not.toContain('    at ');
    // What was finished before the export stays whole; report.json, never finished, is not there, nor any temporary file.
    const files = readdirSync(out).sort();
    expect(files).toEqual(['articles.jsonl', 'extractions.jsonl', 'graph.json', 'review.jsonl']);
    expect(readFileSync(join(out, 'articles.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(readdirSync('data/articles').length);
  }, 180_000);
});
