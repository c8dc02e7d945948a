import { describe, it, expect, vi, afterEach } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCommand, exportFormats } from '../src/commands/build.js';

const ARTICLE = 'data/articles/000_5a8de6c8868ad61b.txt';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('guanxi build --formats', () => {
  it('writes only the formats named, with the JSON Lines files and report.json', async () => {
    const out = await mkdtemp(join(tmpdir(), 'guanxi-formats-'));
    expect(await buildCommand([ARTICLE, '--out', out, '--formats', 'cypher, csv', '--quiet'])).toBe(0);
    for (const kept of ['csv/nodes_Person.csv', 'graph.cypher', 'articles.jsonl', 'extractions.jsonl', 'report.json']) expect(existsSync(join(out, kept)), kept).toBe(true);
    for (const left of ['graph.json', 'graph.graphml', 'index.html']) expect(existsSync(join(out, left)), left).toBe(false);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8'));
    expect(Object.keys(report.outputs)).toEqual(['csv', 'cypher']);
  }, 60_000);

  it('warns about the files an earlier build left for formats it did not write', async () => {
    const out = await mkdtemp(join(tmpdir(), 'guanxi-formats-'));
    expect(await buildCommand([ARTICLE, '--out', out, '--formats', 'csv,cypher', '--quiet'])).toBe(0);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    expect(await buildCommand([ARTICLE, '--out', out, '--formats', 'json', '--quiet'])).toBe(0);
    vi.restoreAllMocks();
    expect(stderr.join('')).toBe(
      `guanxi: ${join(out, 'csv')} is from an earlier build: --formats json did not write it\n` +
        `guanxi: ${join(out, 'graph.cypher')} is from an earlier build: --formats json did not write it\n`,
    );
  }, 60_000);

  it('takes the formats from guanxi.yaml, and stops on an unknown one before any work', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-formats-'));
    const config = join(dir, 'guanxi.yaml');
    await writeFile(config, `inputs: [${ARTICLE}]\nout: ${join(dir, 'out')}\nformats: [graphml]\n`);
    expect(await buildCommand(['--config', config, '--quiet'])).toBe(0);
    expect(existsSync(join(dir, 'out', 'graph.graphml'))).toBe(true);
    expect(existsSync(join(dir, 'out', 'graph.json'))).toBe(false);
    await expect(buildCommand([ARTICLE, '--out', join(dir, 'bad'), '--formats', 'json,xml', '--quiet'])).rejects.toThrow(
      'formats: unknown format "xml"; expecting some of json, csv, graphml, cypher, html',
    );
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  }, 60_000);
});

describe('exportFormats', () => {
  it('gives every format by default, else the named ones in the registry order', () => {
    expect(exportFormats(undefined)).toEqual(['json', 'csv', 'graphml', 'cypher', 'html']);
    expect(exportFormats(['html', 'json', 'json'])).toEqual(['json', 'html']);
    expect(() => exportFormats([])).toThrow('formats: name at least one of json, csv, graphml, cypher, html');
  });
});
