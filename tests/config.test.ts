import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, mergeConfig, validateConfig, ConfigError } from '../src/config.js';
import { UsageError } from '../src/cli-util.js';

async function yamlFile(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-config-'));
  const path = join(dir, 'guanxi.yaml');
  await writeFile(path, text);
  return path;
}

describe('loadConfig', () => {
  it('reads every documented key', async () => {
    const path = await yamlFile(
      'inputs: [data/articles, ../more]\nhome: 荆州市\nout: build\nmanifest: m.jsonl\nresolve: data/resolve.yaml\njobs: 4\n' +
        'neo4j:\n  uri: bolt://localhost:7687\n  database: jingzhou\n  username: neo4j\n  password: secret\n  batchSize: 500\n  concurrency: 2\n',
    );
    expect(await loadConfig(path)).toEqual({
      inputs: ['data/articles', '../more'],
      home: '荆州市',
      out: 'build',
      manifest: 'm.jsonl',
      resolve: 'data/resolve.yaml',
      jobs: 4,
      neo4j: { uri: 'bolt://localhost:7687', database: 'jingzhou', username: 'neo4j', password: 'secret', batchSize: 500, concurrency: 2 },
    });
  });
  it('names the file and the bad key, with a suggestion', async () => {
    const path = await yamlFile('neo4j:\n  uri: bolt://x\n  batchsize: 10\n');
    const err = await loadConfig(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(UsageError); // so the CLI exits 2
    expect((err as Error).message).toBe(`${path}: unknown key 'neo4j.batchsize' (did you mean 'neo4j.batchSize'?)`);
  });
  it('rejects mistyped values', async () => {
    const path = await yamlFile('jobs: four\n');
    await expect(loadConfig(path)).rejects.toThrow(`${path}: 'jobs' must be a positive integer, not the string "four"`);
    const path2 = await yamlFile('neo4j: bolt://localhost\n');
    await expect(loadConfig(path2)).rejects.toThrow(`${path2}: 'neo4j' must be a mapping of keys, not the string "bolt://localhost"`);
  });
  it('lists the known keys when nothing is close', async () => {
    const path = await yamlFile('colour: red\n');
    await expect(loadConfig(path)).rejects.toThrow(/unknown key 'colour' \(known keys: inputs, home, out, manifest, resolve, jobs, formats, neo4j\)/);
  });
  it('reports YAML syntax errors with a line number', async () => {
    const path = await yamlFile('home: 荆州市\nneo4j: [\n');
    await expect(loadConfig(path)).rejects.toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: not valid YAML`));
  });
  it('is empty when no file is asked for and none exists; an asked-for missing file is an error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-config-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await loadConfig()).toEqual({});
    } finally {
      process.chdir(cwd);
    }
    await expect(loadConfig(join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: cannot read the config file/);
  });
});

describe('validateConfig and mergeConfig', () => {
  it('accepts one string for inputs and skips empty values', () => {
    expect(validateConfig({ inputs: 'data/articles', neo4j: { password: null } })).toEqual({ inputs: ['data/articles'], neo4j: {} });
  });
  it('lets given flags win and keeps the file for the rest', () => {
    const merged = mergeConfig(
      { out: 'build', home: '荆州市', neo4j: { uri: 'bolt://a', batchSize: 100 } },
      { out: 'elsewhere', home: undefined, neo4j: { batchSize: 50, uri: undefined } },
    );
    expect(merged).toEqual({ out: 'elsewhere', home: '荆州市', neo4j: { uri: 'bolt://a', batchSize: 50 } });
  });
});

describe('guanxi build with a config file', () => {
  it('stops with the bad key before doing any work', async () => {
    const { buildCommand } = await import('../src/commands/build.js');
    const path = await yamlFile('inputs: [data/articles]\njob: 2\n');
    await expect(buildCommand(['--config', path, '--quiet'])).rejects.toThrow(`${path}: unknown key 'job' (did you mean 'jobs'?)`);
  }, 60_000);
  it('takes inputs and out from the file, and --out over it', async () => {
    const { buildCommand } = await import('../src/commands/build.js');
    const { existsSync } = await import('node:fs');
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-config-build-'));
    const path = await yamlFile(`inputs: [data/articles/000_5a8de6c8868ad61b.txt]\nout: ${join(dir, 'from-file')}\n`);
    expect(await buildCommand(['--config', path, '--quiet'])).toBe(0);
    expect(existsSync(join(dir, 'from-file', 'report.json'))).toBe(true);
    expect(await buildCommand(['--config', path, '--quiet', '--out', join(dir, 'from-flag')])).toBe(0);
    const report = JSON.parse(await (await import('node:fs/promises')).readFile(join(dir, 'from-flag', 'report.json'), 'utf8'));
    expect(report.inputs.map((i: { path: string }) => i.path.split('/').pop())).toEqual(['000_5a8de6c8868ad61b.txt']);
  }, 60_000);
});
