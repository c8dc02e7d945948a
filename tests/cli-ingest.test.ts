import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ExtractionResult } from '../src/types.js';

/** Runs the CLI from source (the same code `tsc` compiles into dist/src/cli.js). */
function guanxi(...args: string[]) {
  const r = spawnSync(resolve('node_modules/.bin/vite-node'), [resolve('src/cli.ts'), ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.split('\n').filter((l) => !l.includes('nodedir')).join('\n') };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guanxi-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('guanxi extract / build on real and bad inputs', () => {
  it('extract --json on the PDF sample: repaired title, offsets slice the original file', () => {
    const path = 'data/articles/002_7c54d73f11e2c79f.txt';
    const r = guanxi('extract', path, '--json');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]!) as ExtractionResult;
    expect(result.article).toMatchObject({ id: '002_7c54d73f11e2c79f.txt', title: '以策略精准保障战略实施', home: '荆州市', date: null });
    const source = readFileSync(path, 'utf8');
    for (const e of result.entities) for (const m of e.mentions) expect(source.slice(m.start, m.end)).toBe(m.text);
  }, 120_000);

  it('build: every input is in report.json, the normalised text in articles.jsonl; exit 1 when one failed', () => {
    const inputs = join(dir, 'in');
    mkdirSync(inputs);
    writeFileSync(join(inputs, 'empty.txt'), '');
    writeFileSync(join(inputs, 'binary.dat'), Buffer.from([0, 1, 2, 3, 0, 0xff]));
    writeFileSync(join(inputs, 'ok.txt'), readFileSync('data/articles/002_7c54d73f11e2c79f.txt'));
    const out = join(dir, 'out');
    const r = guanxi('build', inputs, join(dir, 'does-not-exist'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(dir, 'does-not-exist')}: failed: path does not exist`);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      inputs: Array<{ path: string; status: string; reason: string | null }>;
      totals: Record<string, number>;
    };
    expect(report.inputs.map((i) => [i.path.replace(dir, 'D'), i.status, i.reason])).toEqual([
      ['D/does-not-exist', 'failed', 'path does not exist'],
      ['D/in/binary.dat', 'skipped', 'binary file (NUL bytes)'],
      ['D/in/empty.txt', 'skipped', 'empty file'],
      ['D/in/ok.txt', 'ok', null],
    ]);
    expect(report.totals).toEqual({ ok: 1, skipped: 2, failed: 1 });
    const articles = readFileSync(join(out, 'articles.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; title: string });
    expect(articles).toHaveLength(1);
    expect(articles[0]!.text.startsWith('以策略精准保障战略实施\n——全市“冲刺3000亿”')).toBe(true);
  }, 120_000);

  it('an unreadable --manifest is a usage error (exit 2)', () => {
    const r = guanxi('extract', 'data/articles/000_5a8de6c8868ad61b.txt', '--manifest', join(dir, 'nope.jsonl'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`cannot read manifest ${join(dir, 'nope.jsonl')}: ENOENT`);
  }, 120_000);
});
