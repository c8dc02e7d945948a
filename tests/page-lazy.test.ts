/**
 * index.html's data from a resolver's graph, whose MENTIONS are a store's block read at once,
 * equals the data of the same graph with every relationship an object (issue 6).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MentionStoreBuilder, relationshipList } from '../src/graph/mentions.js';
import type { ArrayGraph, Graph, GraphNode, GraphRelationship } from '../src/graph/model.js';
import { pageData } from '../src/export/html.js';

const nodes: GraphNode[] = [
  { id: 'article:a.txt', label: 'Article', properties: { id: 'article:a.txt', path: 'corpus/a.txt', date: '2020-01-02' } },
  { id: 'article:b.txt', label: 'Article', properties: { id: 'article:b.txt', path: 'corpus\\b.txt', url: 'http://x.cn/b' } },
  { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: '市长' } },
  { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '吴锦' } },
  { id: 'person:2', label: 'Person', properties: { id: 'person:2', name: '李明' } },
];

/**
 * Before the MENTIONS block an ATTENDED that puts article a on a partial page when it is large
 * enough (pageData checks no schema) and two HOLDS, PROMOTES after it; evidence named by id,
 * path, file name or url, with a number among the dates.
 */
const others: GraphRelationship[] = [
  { id: 'attended:1', type: 'ATTENDED', start: 'article:a.txt', end: 'person:2', properties: { id: 'attended:1' } },
  {
    id: 'holds:1',
    type: 'HOLDS',
    start: 'person:1',
    end: 'office:1',
    properties: { id: 'holds:1', evidenceSentences: ['吴锦任市长。', '市长吴锦说。', '吴锦市长指出。'], evidenceArticles: ['b.txt', 'corpus/a.txt', 'http://x.cn/b'], evidenceDates: ['2021-05-01', 20200101, ''] },
  },
  { id: 'holds:2', type: 'HOLDS', start: 'person:2', end: 'office:1', properties: { id: 'holds:2', evidenceSentences: '李明任市长。', evidenceArticles: ['article:a.txt'] } },
  { id: 'promotes:1', type: 'PROMOTES', start: 'person:1', end: 'office:1', properties: { id: 'promotes:1', firstSeen: '2020-01-02' } },
];

function graphs(mentions: [number, number, number][]): { lazy: Graph; plain: ArrayGraph } {
  const builder = new MentionStoreBuilder();
  mentions.forEach(([article, node, offset], k) => builder.add(article, node, k.toString(16).padStart(16, '0'), [offset, offset + 2, 0, 0]));
  const store = builder.build(['article:a.txt', 'article:b.txt'], ['person:1', 'person:2', 'office:1', 'article:b.txt'], ['吴锦'], ['people.title-name']);
  const lazy: Graph = { nodes, relationships: relationshipList(others, store) };
  return { lazy, plain: { nodes, relationships: [...lazy.relationships] } };
}

describe('pageData of a lazy MENTIONS list', () => {
  it('equals that of the same relationships as objects, whole or partial', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1), fc.nat(3), fc.nat(50)), { maxLength: 8 }), fc.nat(6), fc.nat(3), (mentions, nodeLimit, evidence) => {
        const { lazy, plain } = graphs(mentions);
        const limits = { nodes: nodeLimit, evidence };
        expect(pageData(lazy, '/tmp/out', 't', limits)).toEqual(pageData(plain, '/tmp/out', 't', limits));
      }),
      { numRuns: 200 },
    );
  });

  it('on a partial page keeps MENTIONS between shown nodes only, and links evidence of articles not shown', () => {
    // Degrees: office:1 3, person:1 2, person:2 2, article:a.txt 1 (MENTIONS not counted).
    const { lazy } = graphs([
      [0, 0, 5],
      [1, 0, 9],
      [0, 1, 1],
    ]);
    const data = pageData(lazy, '/tmp/out', 't', { nodes: 2, evidence: 2 });
    expect(data.nodes.map((n) => n.id)).toEqual(['office:1', 'person:1']);
    expect(data.edges.map((e) => e.id)).toEqual(['holds:1', 'promotes:1']);
    // With article a on the page, its MENTIONS of shown nodes are edges too.
    const all = pageData(lazy, '/tmp/out', 't', { nodes: 4, evidence: 2 });
    expect(all.edges.map((e) => `${e.type} ${e.s} ${e.t}`)).toEqual([
      'ATTENDED article:a.txt person:2',
      'HOLDS person:1 office:1',
      'HOLDS person:2 office:1',
      'MENTIONS article:a.txt person:1',
      'MENTIONS article:a.txt person:2',
      'PROMOTES person:1 office:1',
    ]);
    expect(data.edges[0]!.ev).toEqual([
      // No url: a path relative to the page's folder.
      { a: 'article:a.txt', d: '20200101', s: '市长吴锦说。', href: expect.stringMatching(/\/corpus\/a\.txt$/) },
      { a: 'article:b.txt', d: '2021-05-01', s: '吴锦任市长。', href: 'http://x.cn/b' },
    ]);
  });
});
