import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { parseShard, fnv1a, shardOf, selectShard } from '../src/parallel/shard.js';
import { runPipeline } from '../src/pipeline.js';
import { resolveCorpus } from '../src/resolve/index.js';
import type { ExtractionResult } from '../src/types.js';

const DEV = '../shared/dev/articles';
const INPUTS = ['data/articles', ...(existsSync(DEV) ? [DEV] : [])];

describe('parseShard', () => {
  it('reads i/n with a 1-based i', () => {
    expect(parseShard('1/4')).toEqual({ index: 1, count: 4 });
    expect(parseShard(' 3/3 ')).toEqual({ index: 3, count: 3 });
  });
  it('refuses what is not a slice, naming the problem', () => {
    expect(() => parseShard('0/2')).toThrow('--shard 0/2: expecting 1 ≤ i ≤ n, but got i=0, n=2');
    expect(() => parseShard('3/2')).toThrow('--shard 3/2: expecting 1 ≤ i ≤ n, but got i=3, n=2');
    expect(() => parseShard('1of2')).toThrow("--shard must look like i/n (e.g. 1/4), not '1of2'");
    try {
      parseShard('x');
    } catch (err) {
      expect((err as Error).name).toBe('UsageError');
    }
  });
});

describe('shardOf', () => {
  it('hashes with FNV-1a 32 (reference vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });
  it('depends on the file name only, not on the folder it was found in', () => {
    expect(shardOf('data/articles/000_5a8de6c8868ad61b.txt', 7)).toBe(shardOf('/elsewhere/000_5a8de6c8868ad61b.txt', 7));
    expect(shardOf('稿件/荆州日报.txt', 3)).toBe((fnv1a('荆州日报.txt') % 3) + 1);
  });
  it('partitions any list: every file in exactly one shard, order kept, and adding files moves none', () => {
    const files = Array.from({ length: 500 }, (_, i) => `c/${String(i).padStart(6, '0')}_x.txt`);
    for (const n of [1, 2, 3, 8]) {
      const slices = Array.from({ length: n }, (_, i) => selectShard(files, { index: i + 1, count: n }));
      expect(slices.flat().sort()).toEqual(files);
      for (const s of slices) expect(s).toEqual(files.filter((f) => s.includes(f)));
      // Roughly even: no shard of 500 files is empty or holds more than twice its share.
      for (const s of slices) expect(s.length).toBeGreaterThan(0), expect(s.length).toBeLessThan((2 * 500) / n + 1);
      const more = [...files, 'c/zzz_new.txt'];
      const again = Array.from({ length: n }, (_, i) => selectShard(more, { index: i + 1, count: n }));
      for (let i = 0; i < n; i++) expect(again[i]!.filter((f) => f !== 'c/zzz_new.txt')).toEqual(slices[i]);
    }
  });
});

async function extractions(shard?: { index: number; count: number }): Promise<ExtractionResult[]> {
  const out: ExtractionResult[] = [];
  await runPipeline(INPUTS, { shard }, (o) => {
    if (o.result) out.push(o.result);
  });
  return out;
}

describe('build --shard over the samples and the dev set', () => {
  it('shards partition the articles, and each article is extracted exactly as in a full run', async () => {
    const full = await extractions();
    const a = await extractions({ index: 1, count: 2 });
    const b = await extractions({ index: 2, count: 2 });
    expect(full.length).toBe(existsSync(DEV) ? 21 : 5);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    const ids = (rs: ExtractionResult[]) => rs.map((r) => r.article.id);
    expect([...ids(a), ...ids(b)].sort()).toEqual(ids(full).sort());
    expect(ids(a).filter((id) => ids(b).includes(id))).toEqual([]);
    const byId = new Map(full.map((r) => [r.article.id, JSON.stringify(r)]));
    for (const r of [...a, ...b]) expect(JSON.stringify(r)).toBe(byId.get(r.article.id));
  });

  it('the two shards resolved apart give the node and relationship ids of one run (MERGE by id)', async () => {
    const full = await resolveCorpus(await extractions());
    const a = await resolveCorpus(await extractions({ index: 1, count: 2 }));
    const b = await resolveCorpus(await extractions({ index: 2, count: 2 }));
    const nodeIds = (gs: Array<typeof full>) => [...new Set(gs.flatMap((g) => g.graph.nodes.map((n) => `${n.label} ${n.id}`)))].sort();
    const relIds = (gs: Array<typeof full>) =>
      [...new Set(gs.flatMap((g) => [...g.graph.relationships].map((r) => `${r.type} ${r.start}->${r.end} ${r.id}`)))].sort();
    expect(full.graph.nodes.length).toBeGreaterThan(21);
    expect(nodeIds([a, b])).toEqual(nodeIds([full]));
    expect(relIds([a, b])).toEqual(relIds([full]));
    // A node only one shard saw must carry the same properties as in the full run.
    const fullById = new Map(full.graph.nodes.map((n) => [n.id, n]));
    const inB = new Set(b.graph.nodes.map((n) => n.id));
    const onlyA = a.graph.nodes.filter((n) => !inB.has(n.id));
    expect(onlyA.length).toBeGreaterThan(0);
    for (const n of onlyA) expect(n).toEqual(fullById.get(n.id));
  });
});
