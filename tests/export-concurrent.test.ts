/**
 * Exports on two threads (writeExports with `threads`): the export worker gets the graph packed
 * (src/graph/transfer.ts) and must write the very bytes the one-thread export writes; an
 * exporter's error in the worker fails the export naming the file, with nothing half-written
 * left; a worker that cannot run leaves its formats to the main thread.
 */
import { describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MentionStoreBuilder, relationshipList } from '../src/graph/mentions.js';
import type { Graph, GraphNode, GraphRelationship } from '../src/graph/model.js';
import { packGraph, unpackGraph } from '../src/graph/transfer.js';
import { EXPORTERS, writeExports } from '../src/export/index.js';
import { ExportWorker, FormatQueue } from '../src/export/concurrent.js';
import { GraphValidationError } from '../src/graph/schema.js';

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = await readFile(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

/** A small resolved-looking graph: its MENTIONS in a store, awkward texts, lists and numbers. */
function sampleGraph(): Graph {
  const texts = ['吴锦', '"市长"&<b>', 'a;b|c', '𠀀😀'];
  const builder = new MentionStoreBuilder();
  builder.add(0, 2, '00000000000000a1', [5, 7, 0, 0, 90, 92, 1, 1]);
  builder.add(1, 1, '0000000000000003', [1, 3, 2, 0]);
  builder.add(1, 2, 'ffffffff00000001', [10, 12, 3, 1, 20, 22, 0, 0]);
  const store = builder.build(['article:a.txt', 'article:b.txt'], ['campaign:1', 'office:1', 'person:1'], texts, ['people.title-name', 'campaign.quoted&"<']);
  const nodes: GraphNode[] = [
    { id: 'article:a.txt', label: 'Article', properties: { id: 'article:a.txt', path: 'a.txt', title: 'A "title"', byline: ['吴锦', 'x,y'] } },
    { id: 'article:b.txt', label: 'Article', properties: { id: 'article:b.txt', path: 'b.txt', title: 'B\nline' } },
    { id: 'campaign:1', label: 'Campaign', properties: { id: 'campaign:1', name: '乡村振兴', articleCount: 2, aliases: [] } },
    { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: '市长', articleCount: 1 } },
    { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '吴锦', articleCount: 2, context: ['石首市', '石首市'] } },
  ];
  const others: GraphRelationship[] = [
    { id: 'holds:1', type: 'HOLDS', start: 'person:1', end: 'office:1', properties: { id: 'holds:1', evidenceArticles: ['article:a.txt', 'article:a.txt'], evidenceSentences: ['吴锦任"市长"', '吴锦任"市长"'], evidenceStarts: [1, 40], evidenceEnds: [3, 42], evidenceDates: ['2020-01-01', '2020-01-01'], rules: ['holds.title', 'holds.title'], evidenceCount: 2 } },
    { id: 'promotes:1', type: 'PROMOTES', start: 'person:1', end: 'campaign:1', properties: { id: 'promotes:1', sources: ['a.txt', 'b.txt'] } },
  ];
  return { nodes, relationships: relationshipList(others, store) };
}

const tempDir = (name: string) => mkdtemp(join(tmpdir(), `guanxi-${name}-`));

describe('packGraph / unpackGraph', () => {
  it('give back equal records, keys in the same order, numbers as they were', () => {
    const node = { id: 'n:1', label: 'Person', properties: { z: -0, a: 1.5, big: 2 ** 40, nan: NaN, neg: -7, yes: true, no: false, nil: null, gone: undefined, mixed: ['a', 1, null, 2.5], empty: [], ints: [1, -2, 3], strs: ['x', 'x', '吴锦'], '10': 'integer key' } };
    const rel = { id: 'r:1', type: 'HOLDS', start: 'n:1', end: 'n:1', properties: { id: 'r:1', lone: '\ud800', nested: [['a'], [1]] } };
    const graph = { nodes: [node], relationships: [rel] } as unknown as Graph;
    const back = unpackGraph(structuredClone(packGraph(graph)!));
    const [n] = back.nodes;
    expect(n).toStrictEqual(node);
    expect(Object.keys(n!.properties)).toEqual(Object.keys(node.properties));
    expect(Object.is(n!.properties.z, -0)).toBe(true);
    expect([...back.relationships]).toStrictEqual([rel]);
  });

  it('give back the lazy MENTIONS list of a store', () => {
    const graph = sampleGraph();
    const back = unpackGraph(structuredClone(packGraph(graph)!));
    expect(back.relationships.mentionStore).toBeDefined();
    expect([...back.relationships]).toStrictEqual([...graph.relationships]);
    expect(back.nodes).toStrictEqual(graph.nodes);
  });

  it('with lazyRelationships, give the list every accessor reads the same, its relationships made on read', () => {
    const graphs: Graph[] = [
      sampleGraph(),
      // No store; a relationship whose properties nest arrays; one with its id after its properties.
      {
        nodes: [],
        relationships: [
          { id: 'r:1', type: 'HOLDS', start: 'n:1', end: 'n:2', properties: { nested: [['a'], [1, 'b']], lone: '\ud800' } },
          { properties: { id: 'r:2', n: 2.5 }, end: 'n:1', start: 'n:2', type: 'ATTENDED', id: 'r:2' },
        ],
      } as unknown as Graph,
    ];
    for (const graph of graphs) {
      const eager = graph.relationships;
      const lazy = unpackGraph(structuredClone(packGraph(graph)!), { lazyRelationships: true }).relationships;
      expect(lazy.length).toBe(eager.length);
      expect([...lazy]).toStrictEqual([...eager]);
      for (let i = 0; i < eager.length; i++) {
        expect(lazy.at(i)).toStrictEqual(eager.at(i));
        expect(lazy.at(i - eager.length)).toStrictEqual(eager.at(i));
        expect([lazy.idAt!(i), lazy.typeAt!(i), lazy.startAt!(i), lazy.endAt!(i)]).toEqual([eager.at(i)!.id, eager.at(i)!.type, eager.at(i)!.start, eager.at(i)!.end]);
        expect(lazy.mentionIndex?.(i)).toBe(eager.mentionIndex?.(i));
        expect(lazy.propertiesJsonAt?.(i)).toBe(eager.propertiesJsonAt?.(i));
      }
      expect(lazy.at(eager.length)).toBeUndefined();
      expect(lazy.mentionStore === undefined).toBe(eager.mentionStore === undefined);
      // Made on read: a caller may change what it was given without changing the list.
      if (lazy.length) expect(lazy.at(0)).not.toBe(lazy.at(0));
    }
  });

  it('decline what they would not give back the same', () => {
    const withValue = (v: unknown) => ({ nodes: [{ id: 'n', label: 'Person', properties: { v } }], relationships: [] }) as unknown as Graph;
    expect(packGraph(withValue(new Date(0)))).toBeUndefined();
    expect(packGraph(withValue({ nested: 1 }))).toBeDefined();
    expect(packGraph(withValue(JSON.parse('{"__proto__": 1}')))).toBeUndefined();
    // eslint-disable-next-line no-sparse-arrays
    expect(packGraph(withValue([1, , 3]))).toBeUndefined();
    expect(packGraph(withValue(1n))).toBeUndefined();
  });
});

describe('writeExports on two threads', () => {
  const formats = Object.keys(EXPORTERS);

  it('the worker writes the bytes of the one-thread export', async () => {
    const graph = sampleGraph();
    const one = await tempDir('one');
    await writeExports(graph, one);
    // Every format written by the worker alone: this thread claims none.
    const byWorker = await tempDir('worker');
    const queue = new FormatQueue(formats);
    const worker = new ExportWorker(queue, byWorker);
    worker.send(packGraph(graph)!);
    queue.open();
    const outcome = await worker.finished;
    expect(outcome.error).toBeUndefined();
    expect(outcome.crashed).toBeUndefined();
    expect([...outcome.written.keys()].sort()).toEqual(formats.map((_, k) => k));
    // The same with the worker's relationships left packed, made on read.
    const byLazyWorker = await tempDir('lazy-worker');
    const lazyQueue = new FormatQueue(formats);
    const lazyWorker = new ExportWorker(lazyQueue, byLazyWorker, undefined, true);
    lazyWorker.send(packGraph(graph)!);
    lazyQueue.open();
    expect((await lazyWorker.finished).written.size).toBe(formats.length);
    // Both threads claiming.
    const both = await tempDir('both');
    const written = await writeExports(graph, both, { threads: 2, workerMinimumSize: 0 });
    expect(Object.keys(written)).toEqual(formats);
    const bothLazy = await tempDir('both-lazy');
    await writeExports(graph, bothLazy, { threads: 2, workerMinimumSize: 0, workerLazySize: 0 });
    const expected = await files(one);
    expect(Object.keys(expected).length).toBeGreaterThan(5);
    expect(await files(byWorker)).toEqual(expected);
    expect(await files(byLazyWorker)).toEqual(expected);
    expect(await files(both)).toEqual(expected);
    expect(await files(bothLazy)).toEqual(expected);
  });

  it("fails with the worker's error, naming the file, and leaves no temporary file", async () => {
    const graph = sampleGraph();
    const dir = await tempDir('fail');
    // graph.cypher cannot be put in place of a directory.
    await mkdir(join(dir, 'graph.cypher'));
    const queue = new FormatQueue(['cypher', 'json']);
    const worker = new ExportWorker(queue, dir);
    worker.send(packGraph(graph)!);
    queue.open();
    const outcome = await worker.finished;
    expect(outcome.error?.message).toContain('graph.cypher');
    expect((outcome.error as NodeJS.ErrnoException).code).toBe('EISDIR');
    // The error stopped the queue (json was never written), and nothing temporary is left.
    expect(await readdir(dir)).toEqual(['graph.cypher']);

    const again = await tempDir('fail-both');
    await mkdir(join(again, 'graph.cypher'));
    await expect(writeExports(graph, again, { threads: 2, workerMinimumSize: 0 })).rejects.toThrow(/EISDIR.*graph\.cypher/);
    expect((await readdir(again)).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('writes nothing from an invalid graph', async () => {
    const graph = sampleGraph();
    graph.nodes[4]!.properties.articleCount = 'two';
    const dir = await tempDir('invalid');
    await expect(writeExports(graph, dir, { threads: 2, workerMinimumSize: 0 })).rejects.toThrow(GraphValidationError);
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes everything on this thread when the worker cannot start', async () => {
    const graph = sampleGraph();
    const one = await tempDir('one');
    await writeExports(graph, one);
    const broken = join(await tempDir('broken'), 'worker.mjs');
    await writeFile(broken, "throw new Error('broken worker');\n");
    const dir = await tempDir('fallback');
    const written = await writeExports(graph, dir, { threads: 2, workerMinimumSize: 0, workerUrl: pathToFileURL(broken) });
    expect(Object.keys(written)).toEqual(formats);
    expect(await files(dir)).toEqual(await files(one));
  });
});

describe('writeExports above the worker size limit', () => {
  it('writes on this thread alone', async () => {
    const graph = sampleGraph();
    const broken = join(await tempDir('broken'), 'worker.mjs');
    await writeFile(broken, "throw new Error('broken worker');\n");
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      await writeExports(graph, await tempDir('capped'), { threads: 2, workerMinimumSize: 0, workerMaximumSize: 1, workerUrl: pathToFileURL(broken) });
    } finally {
      process.stderr.write = write;
    }
    // No worker was started: none crashed.
    expect(lines.filter((l) => l.includes('export worker'))).toEqual([]);
  });
});
