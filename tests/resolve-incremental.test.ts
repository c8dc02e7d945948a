/**
 * The incremental resolver (createResolver: add one extraction at a time, finish once) and
 * the MENTIONS store it reads relationships from: the same Resolution as the batch wrapper
 * whatever the order, no reference kept to an added extraction, and MENTIONS made on read
 * with the exact count, order and properties.
 */
import { describe, expect, it } from 'vitest';
import { createResolver, resolveWith, type Resolution } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { getGazetteer } from '../src/gazetteer/index.js';
import { MentionStoreBuilder, relationshipList } from '../src/graph/mentions.js';
import { checkGraph } from '../src/graph/schema.js';
import type { GraphRelationship } from '../src/graph/model.js';
import type { ExtractionResult } from '../src/types.js';
import { article } from './resolve.fixture.js';

const gaz = getGazetteer();

const fixtures = (): ExtractionResult[] => [
  article(
    'a1.txt',
    { date: '2022-02-10' },
    '市委书记吴锦出席会议。市委副书记、市长周志红主持。',
    [
      { type: 'Person', name: '吴锦' },
      { type: 'Person', name: '周志红' },
      { type: 'Office', name: '荆州市委书记', forms: ['市委书记'] },
      { type: 'Office', name: '荆州市市长', forms: ['市长'] },
    ],
    [
      { type: 'HOLDS', from: ['Person', '吴锦'], to: ['Office', '荆州市委书记'], sentence: '市委书记吴锦出席会议。' },
      { type: 'HOLDS', from: ['Person', '周志红'], to: ['Office', '荆州市市长'], sentence: '市委副书记、市长周志红主持。' },
    ],
  ),
  article(
    'a2.txt',
    { date: '2022-06-01' },
    '中共荆州市委书记 吴 锦强调，荆州市长周志红要求。',
    [
      { type: 'Person', name: '吴锦', forms: ['吴 锦'] },
      { type: 'Person', name: '周志红' },
      { type: 'Office', name: '荆州市委书记', forms: ['中共荆州市委书记'] },
      // Two spellings of one office in one article: one node, one MENTIONS with both spans.
      { type: 'Office', name: '荆州市长', forms: ['荆州市长'] },
      { type: 'Office', name: '荆州市市长', forms: ['市长'] },
    ],
    [
      { type: 'HOLDS', from: ['Person', '吴锦'], to: ['Office', '荆州市委书记'], sentence: '中共荆州市委书记 吴 锦强调，' },
      { type: 'HOLDS', from: ['Person', '周志红'], to: ['Office', '荆州市长'], sentence: '荆州市长周志红要求。' },
    ],
  ),
  article('a3.txt', { date: '2021-12-30' }, '吴锦在调研时指出。', [{ type: 'Person', name: '吴锦' }]),
];

/** Everything a Resolution says, with the lazy relationship list read out. */
function plain(r: Resolution): string {
  return JSON.stringify({ ...r, graph: { nodes: r.graph.nodes, relationships: [...r.graph.relationships] } });
}

describe('createResolver', () => {
  it('gives the batch Resolution for the same articles added one by one in another order', () => {
    const batch = resolveWith(fixtures(), emptyOverrides(), gaz);
    const resolver = createResolver(emptyOverrides(), gaz);
    const [a1, a2, a3] = fixtures();
    for (const r of [a3!, a1!, a2!]) resolver.add(r);
    expect(resolver.size).toBe(3);
    const incremental = resolver.finish();
    expect(plain(incremental)).toBe(plain(batch));
    expect(incremental.stats).toMatchObject({ articles: 3, entities: 4 });
  });

  it('keeps no reference to an added extraction', () => {
    const expected = plain(resolveWith(fixtures(), emptyOverrides(), gaz));
    const resolver = createResolver(emptyOverrides(), gaz);
    for (const r of fixtures()) {
      resolver.add(r);
      // Scribble over everything the extraction holds: the resolver must have copied what it needs.
      r.article.id = 'scribbled.txt';
      if (r.article.byline) r.article.byline.length = 0;
      for (const e of r.entities) {
        e.name = '乱';
        e.properties.jurisdiction = '乱';
        for (const m of e.mentions) Object.assign(m, { start: -1, end: -1, text: '乱', rule: '乱' });
      }
      for (const rel of r.relations) for (const ev of rel.evidence) Object.assign(ev, { sentence: '乱', start: -1, rule: '乱' });
    }
    expect(plain(resolver.finish())).toBe(expected);
  });

  it('refuses add() after finish() and a second finish()', () => {
    const resolver = createResolver(emptyOverrides(), gaz);
    resolver.finish();
    expect(() => resolver.add(fixtures()[0]!)).toThrow(/has finished/);
    expect(() => resolver.finish()).toThrow(/called twice/);
  });
});

describe('MENTIONS made on read', () => {
  const { graph } = resolveWith(fixtures(), emptyOverrides(), gaz);
  const all = [...graph.relationships];
  const mentions = all.filter((r) => r.type === 'MENTIONS');
  const idOf = (label: string, name: string) => graph.nodes.find((n) => n.label === label && n.properties.name === name)!.id;

  it('gives one MENTIONS per article and node, in id order among the other relationships', () => {
    // a1: 吴锦, 周志红, 市委书记, 市长; a2: the same four (two spellings of the mayor); a3: 吴锦.
    expect(mentions).toHaveLength(9);
    expect(graph.relationships.length).toBe(all.length);
    expect(all.length).toBe(9 + 2); // two HOLDS, each with the evidence of both articles
    const ids = all.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    all.forEach((r, i) => expect(graph.relationships.at(i)).toEqual(r));
    expect(graph.relationships.at(-1)).toEqual(all.at(-1));
    expect(graph.relationships.at(all.length)).toBeUndefined();
    expect(checkGraph(graph)).toEqual([]);
  });

  it('carries every span once, sorted, with texts and rules', () => {
    const mayor = mentions.find((r) => r.start === 'article:a2.txt' && r.end === idOf('Office', '荆州市市长'))!;
    expect(Object.keys(mayor.properties)).toEqual(['id', 'count', 'starts', 'ends', 'texts', 'rules']);
    // 荆州市长 at 15–19 and 市长 inside it at 17–19, from the two spellings.
    expect(mayor.properties).toEqual({ id: mayor.id, count: 2, starts: [15, 17], ends: [19, 19], texts: ['荆州市长', '市长'], rules: ['test.office', 'test.office'] });
    const wu = mentions.find((r) => r.start === 'article:a2.txt' && r.end === idOf('Person', '吴锦'))!;
    expect(wu.properties).toEqual({ id: wu.id, count: 1, starts: [9], ends: [12], texts: ['吴 锦'], rules: ['test.person'] });
  });
});

describe('MentionStore', () => {
  it('sorts by id hash, packs spans and places the MENTIONS block among the other types', () => {
    const b = new MentionStoreBuilder();
    b.add(1, 0, 'ffff000000000001', [5, 7, 0, 0]);
    b.add(0, 1, '00000000ffffffff', [1, 3, 1, 1, 9, 11, 0, 0]);
    b.add(0, 0, '8000000000000000', [2, 4, 0, 1]);
    const store = b.build(['article:a', 'article:b'], ['person:p', 'office:o'], ['吴锦', '市长'], ['r.one', 'r.two']);
    expect(store.length).toBe(3);
    expect(store.get(0)).toEqual({
      id: 'mentions:00000000ffffffff',
      type: 'MENTIONS',
      start: 'article:a',
      end: 'office:o',
      properties: { id: 'mentions:00000000ffffffff', count: 2, starts: [1, 9], ends: [3, 11], texts: ['市长', '吴锦'], rules: ['r.two', 'r.one'] },
    });
    expect(store.get(1).id).toBe('mentions:8000000000000000');
    expect(store.get(2)).toMatchObject({ id: 'mentions:ffff000000000001', start: 'article:b', end: 'person:p', properties: { count: 1, texts: ['吴锦'] } });

    const other = (id: string): GraphRelationship => ({ id, type: 'HOLDS', start: 'person:p', end: 'office:o', properties: { id } });
    const list = relationshipList([other('holds:1'), other('located_in:1'), other('part_of:1')], store);
    expect(list.length).toBe(6);
    expect([...list].map((r) => r.id)).toEqual([
      'holds:1',
      'located_in:1',
      'mentions:00000000ffffffff',
      'mentions:8000000000000000',
      'mentions:ffff000000000001',
      'part_of:1',
    ]);
    expect(list.at(5)!.id).toBe('part_of:1');
    expect(list.at(3)!.id).toBe('mentions:8000000000000000');
  });
});
