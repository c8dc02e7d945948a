/**
 * PlainLists (src/export/lists.ts): the relationships' string lists read once for every
 * exporter. A list is kept only when every item is a string no format escapes, and the
 * files written from the kept bytes are the files written without them.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PlainLists } from '../src/export/lists.js';
import { readsLists, sharedLists } from '../src/export/index.js';
import { writeJson } from '../src/export/json.js';
import { writeGraphml } from '../src/export/graphml.js';
import { writeCsv } from '../src/export/csv.js';
import type { Graph, GraphRelationship, RelationshipList } from '../src/graph/model.js';
import { openWriter } from '../src/graph/write.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'guanxi-lists-'));
  dirs.push(d);
  return d;
};

const holds = (id: string, properties: GraphRelationship['properties']): GraphRelationship => ({ id, type: 'HOLDS', start: 'person:a', end: 'office:b', properties });

/** Relationships with plain lists, lists that need escaping in some format, and other values. */
const relationships: GraphRelationship[] = [
  holds('holds:1', {
    id: 'holds:1',
    firstSeen: '2014-01-12',
    sources: ['001.txt', '002.txt'],
    evidenceCount: 2,
    evidenceSentences: ['市委副书记出席会议。', '市委副书记出席会议。'],
    evidenceStarts: [206, 175],
    evidenceDates: ['2014-01-12', '2014-02-26'],
    rules: ['office.title-list', 'office.title-name'],
  }),
  holds('holds:2', {
    id: 'holds:2',
    sources: ['003.txt'],
    evidenceCount: 3,
    // A quote, an ampersand, a tab, an apostrophe, a line separator, a lone surrogate: each escaped by some format.
    evidenceSentences: ['他说"好"', 'A&B', 'a\tb', "it's", 'x\u2028y', 'a\ud800b'],
    evidenceStarts: [1, 2, 3, 4, 5, 6],
    evidenceDates: ['2014-03-01'],
    rules: [],
  }),
];

describe('PlainLists', () => {
  it('keeps the lists whose items are all plain strings, found by the relationship and the list itself', () => {
    const lists = PlainLists.of(relationships)!;
    const first = relationships[0]!.properties;
    expect(lists.find(0, first.sources)).toBeGreaterThanOrEqual(0);
    expect(lists.find(0, first.evidenceSentences)).toBeGreaterThanOrEqual(0);
    // Numbers, and lists of another relationship, are not found.
    expect(lists.find(0, first.evidenceStarts)).toBe(-1);
    expect(lists.find(1, first.sources)).toBe(-1);
    const second = relationships[1]!.properties;
    expect(lists.find(1, second.evidenceSentences)).toBe(-1);
    expect(lists.find(1, second.rules)).toBe(-1);
    expect(lists.find(1, second.evidenceDates)).toBeGreaterThanOrEqual(0);
    // '市委副书记出席会议。' is 10 characters of 3 bytes each, twice.
    expect(lists.byteLength(lists.find(0, first.evidenceSentences))).toBe(60);
    expect(lists.strings).toContain('2014-02-26');
  });

  it('writes a list between the glue it is given', async () => {
    const lists = PlainLists.of(relationships)!;
    const path = join(await tempDir(), 'out.txt');
    const w = await openWriter(path);
    const utf8 = (s: string) => Buffer.from(s, 'utf8');
    lists.write(lists.find(0, relationships[0]!.properties.evidenceDates), utf8('["'), utf8('","'), utf8('"]'), w.sink);
    await w.close();
    expect(await readFile(path, 'utf8')).toBe('["2014-01-12","2014-02-26"]');
  });

  it('is not made for a list that makes its relationships afresh on each read', () => {
    const fresh: RelationshipList = {
      length: relationships.length,
      at: (i) => (i < relationships.length ? structuredClone(relationships[i]) : undefined),
      [Symbol.iterator]: () => relationships.map((r) => structuredClone(r))[Symbol.iterator](),
    };
    expect(PlainLists.of(fresh)).toBeUndefined();
  });
});

describe('sharedLists', () => {
  it('reads the lists once for the formats that write from them, and lets go after the last', () => {
    const graph: Graph = { nodes: [], relationships };
    const formats = ['cypher', 'json', 'csv', 'html'];
    let next = 0;
    const lists = sharedLists(graph, () => formats.slice(next).some(readsLists));
    next = 1;
    expect(lists('cypher')).toBeUndefined();
    next = 2;
    const first = lists('json');
    expect(first).toBeInstanceOf(PlainLists);
    next = 3;
    expect(lists('csv')).toBe(first);
    // csv was the last reader: a format asking again (written again after a worker died) reads its own.
    expect(lists('graphml')).toBeUndefined();
  });
});

describe('exporters with PlainLists', () => {
  it('write the files they write without them', async () => {
    const graph: Graph = {
      nodes: [
        { id: 'office:b', label: 'Office', properties: { id: 'office:b', name: '市委副书记' } },
        { id: 'person:a', label: 'Person', properties: { id: 'person:a', name: '曾锦华' } },
      ],
      relationships,
    };
    // The same relationships, each read as a fresh copy: no PlainLists can be made of them.
    const fresh: Graph = {
      nodes: graph.nodes,
      relationships: {
        length: relationships.length,
        at: (i) => (i < relationships.length ? structuredClone(relationships[i]) : undefined),
        [Symbol.iterator]: () => relationships.map((r) => structuredClone(r))[Symbol.iterator](),
      },
    };
    const withLists = await tempDir();
    const without = await tempDir();
    const lists = PlainLists.of(graph.relationships)!;
    await writeJson(graph, withLists, lists);
    await writeJson(fresh, without);
    await writeGraphml(graph, withLists, undefined, lists);
    await writeGraphml(fresh, without);
    await writeCsv(graph, withLists, undefined, lists);
    await writeCsv(fresh, without);
    const files = async (dir: string, sub = ''): Promise<string[]> => (await readdir(join(dir, sub))).sort();
    expect(await files(withLists)).toEqual(await files(without));
    for (const f of ['graph.json', 'graph.graphml']) expect(await readFile(join(withLists, f), 'utf8')).toBe(await readFile(join(without, f), 'utf8'));
    for (const f of await files(withLists, 'csv')) expect(await readFile(join(withLists, 'csv', f), 'utf8')).toBe(await readFile(join(without, 'csv', f), 'utf8'));
    // The kept lists were written from their bytes.
    expect(await readFile(join(withLists, 'graph.json'), 'utf8')).toContain('"evidenceSentences":["市委副书记出席会议。","市委副书记出席会议。"]');
  });
});
