/**
 * The whole chain on the seed articles: extract → resolve → export, twice and in another
 * order. Graph files must be byte-identical and ids must not depend on input order.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/pipeline.js';
import { resolveCorpus } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { writeExports } from '../src/export/index.js';
import type { ExtractionResult } from '../src/types.js';
import type { Graph } from '../src/graph/model.js';

async function extract(): Promise<ExtractionResult[]> {
  const results: ExtractionResult[] = [];
  await runPipeline(['data/articles'], {}, (o) => {
    if (o.result) results.push(o.result);
  });
  return results;
}

async function files(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...(await files(join(dir, e.name), join(prefix, e.name))));
    else out.push(join(prefix, e.name));
  }
  return out.sort();
}

describe('build determinism on data/articles', () => {
  it('gives byte-identical exports twice and the same graph for reversed input', async () => {
    const results = await extract();
    expect(results.length).toBe(5);
    const one = await resolveCorpus(results, { overrides: emptyOverrides() });
    const two = await resolveCorpus([...results].reverse(), { overrides: emptyOverrides() });
    // The relationship list is lazy (MENTIONS made on read): compare what it gives.
    const plain = (g: Graph) => JSON.stringify({ nodes: g.nodes, relationships: [...g.relationships] });
    expect(plain(two.graph)).toBe(plain(one.graph));
    expect(two.merges).toEqual(one.merges);
    expect(two.review).toEqual(one.review);

    const a = await mkdtemp(join(tmpdir(), 'guanxi-build-'));
    const b = await mkdtemp(join(tmpdir(), 'guanxi-build-'));
    await writeExports(one.graph, a);
    await writeExports(two.graph, b);
    const list = await files(a);
    expect(list).toContain('graph.json');
    expect(await files(b)).toEqual(list);
    for (const f of list) expect((await readFile(join(a, f))).equals(await readFile(join(b, f))), f).toBe(true);

    // The seed articles' people: one 吴锦 (written 吴锦 and 吴 锦), one 周志红 with both offices, dated.
    const g = one.graph;
    const person = (name: string) => g.nodes.filter((n) => n.label === 'Person' && n.properties.name === name);
    expect(person('吴锦')).toHaveLength(1);
    expect(person('周志红')).toHaveLength(1);
    const zhou = person('周志红')[0]!.id;
    const offices = [...g.relationships]
      .filter((r) => r.type === 'HOLDS' && r.start === zhou)
      .map((r) => [g.nodes.find((n) => n.id === r.end)!.properties.name, typeof r.properties.firstSeen, typeof r.properties.lastSeen]);
    expect(offices).toEqual(expect.arrayContaining([['荆州市委副书记', 'string', 'string'], ['荆州市市长', 'string', 'string']]));

    // A split run (each article alone) names the shared entities with the same ids.
    const ids = new Set(one.graph.nodes.map((n) => n.id));
    for (const r of results) {
      const part = await resolveCorpus([r], { overrides: emptyOverrides() });
      for (const n of part.graph.nodes) if (n.label !== 'Person') expect(ids.has(n.id), `${n.label} ${n.properties.name}`).toBe(true);
    }
  }, 60_000);
});
