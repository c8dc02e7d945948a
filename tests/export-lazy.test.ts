/**
 * The exporters read a resolver's MENTIONS from its store without making them (issue 6):
 * the files must be byte for byte what the same graph gives with every relationship an object.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MentionStoreBuilder, relationshipList } from '../src/graph/mentions.js';
import type { ArrayGraph, Graph, GraphNode, GraphRelationship } from '../src/graph/model.js';
import { writeExports } from '../src/export/index.js';
import { planLoad, renderScript } from '../src/cypher/index.js';
import { checkGraph } from '../src/graph/schema.js';

async function files(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name).slice(dir.length)] = await readFile(join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

describe('exports of a lazy MENTIONS list', () => {
  it('equal those of the same relationships as objects', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.tuple(fc.nat(1), fc.nat(2), fc.array(fc.tuple(fc.nat(500), fc.nat(500), fc.nat(4), fc.nat(1)), { maxLength: 4 })), { minLength: 1, maxLength: 6 }),
        async (texts, mentions) => {
          const builder = new MentionStoreBuilder();
          mentions.forEach(([article, node, spans], k) => {
            builder.add(article, node, (k * 104729 + 17).toString(16).padStart(16, '0'), spans.flatMap(([s, e, t, r]) => [s, e, t % texts.length, r]));
          });
          const articles = ['article:a.txt', 'article:b.txt'];
          const targets = ['campaign:1', 'office:1', 'person:1'];
          const store = builder.build(articles, targets, texts, ['people.title-name', 'campaign.quoted&"<']);
          const nodes: GraphNode[] = [
            { id: 'article:a.txt', label: 'Article', properties: { id: 'article:a.txt', path: 'a.txt', title: 'A' } },
            { id: 'article:b.txt', label: 'Article', properties: { id: 'article:b.txt', path: 'b.txt', title: 'B' } },
            { id: 'campaign:1', label: 'Campaign', properties: { id: 'campaign:1', name: '乡村振兴' } },
            { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: '市长' } },
            { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '吴锦' } },
          ];
          const others: GraphRelationship[] = [
            { id: 'holds:1', type: 'HOLDS', start: 'person:1', end: 'office:1', properties: { id: 'holds:1', evidenceArticles: ['article:a.txt'], evidenceSentences: ['吴锦任"市长"'], evidenceStarts: [1], evidenceEnds: [3], evidenceDates: ['2020-01-01'], rules: ['holds.title'], evidenceCount: 1 } },
            { id: 'promotes:1', type: 'PROMOTES', start: 'person:1', end: 'campaign:1', properties: { id: 'promotes:1', sources: ['a.txt'] } },
          ];
          const lazy: Graph = { nodes, relationships: relationshipList(others, store) };
          const plain: ArrayGraph = { nodes, relationships: [...lazy.relationships] };
          const a = await mkdtemp(join(tmpdir(), 'guanxi-lazy-'));
          const b = await mkdtemp(join(tmpdir(), 'guanxi-plain-'));
          await writeExports(lazy, a);
          await writeExports(plain, b);
          const fa = await files(a);
          const fb = await files(b);
          expect(Object.keys(fa).sort()).toEqual(Object.keys(fb).sort());
          for (const k of Object.keys(fb)) expect(fa[k], k).toBe(fb[k]);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('plan the same cypher batches, rows and literals (repeated spans, small batches)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(1), fc.nat(2), fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.nat(4), fc.nat(2)), { maxLength: 5 })), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 40, max: 600 }),
        (texts, mentions, batchSize, maxBatchBytes) => {
          const builder = new MentionStoreBuilder();
          mentions.forEach(([article, node, spans], k) => {
            builder.add(article, node, (k * 7919 + 3).toString(16).padStart(16, '0'), spans.flatMap(([s, e, t, r]) => [s, e, t % texts.length, r]));
          });
          // Rule 2 is missing: read as '' by the plan, like an empty rule.
          const store = builder.build(['article:a.txt', 'article:b.txt'], ['campaign:1', 'office:1', 'person:1'], texts, ['people.title-name', "r'\\"]);
          const nodes: GraphNode[] = [
            { id: 'article:a.txt', label: 'Article', properties: { id: 'article:a.txt' } },
            { id: 'article:b.txt', label: 'Article', properties: { id: 'article:b.txt' } },
            { id: 'campaign:1', label: 'Campaign', properties: { id: 'campaign:1', name: 'c' } },
            { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: 'o' } },
            { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: 'p' } },
          ];
          const lazy: Graph = { nodes, relationships: relationshipList([], store) };
          const plain: ArrayGraph = { nodes, relationships: [...lazy.relationships] };
          for (const rowCacheBytes of [0, 1e6]) {
            const a = planLoad(lazy, { batchSize, maxBatchBytes, rowCacheBytes });
            const b = planLoad(plain, { batchSize, maxBatchBytes, rowCacheBytes });
            expect(a.messages).toEqual(b.messages);
            expect(a.groups.map((g) => g.name)).toEqual(b.groups.map((g) => g.name));
            a.groups.forEach((ga, k) => {
              const gb = b.groups[k]!;
              expect(ga.batches.length).toBe(gb.batches.length);
              for (let i = 0; i < ga.batches.length; i++) {
                expect(ga.batches.offset(i)).toBe(gb.batches.offset(i));
                expect([...ga.batches.literals(i)]).toEqual([...gb.batches.literals(i)]);
                expect(ga.batches.at(i)).toEqual(gb.batches.at(i));
              }
            });
            expect(renderScript(a)).toBe(renderScript(b));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('validate the same', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.nat(3), fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.nat(2), fc.nat(2)), { maxLength: 4 })), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        (mentions, unsorted, withOthers) => {
          const builder = new MentionStoreBuilder();
          mentions.forEach(([article, node, spans], k) => {
            // Equal hashes now and then: ids out of order or repeated.
            builder.add(article, node, (unsorted ? k % 3 : k).toString(16).padStart(16, '0'), spans.flat());
          });
          // Rule and text index 2 are missing; article 2 and node 3 are not in the graph.
          const store = builder.build(['article:a.txt', 'article:b.txt', 'article:gone'], ['campaign:1', 'office:1', 'article:a.txt', 'person:gone'], ['吴锦', '市长'], ['r1', 'r2']);
          const nodes: GraphNode[] = [
            { id: 'article:a.txt', label: 'Article', properties: { id: 'article:a.txt' } },
            { id: 'article:b.txt', label: 'Article', properties: { id: 'article:b.txt' } },
            { id: 'campaign:1', label: 'Campaign', properties: { id: 'campaign:1', name: 'c' } },
            { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: 'o' } },
          ];
          // Relationships before and after the MENTIONS block (ids `holds:` < `mentions:` < `promotes:`).
          const others: GraphRelationship[] = withOthers
            ? [
                { id: 'holds:1', type: 'HOLDS', start: 'person:gone', end: 'office:1', properties: { id: 'holds:1' } },
                { id: 'promotes:1', type: 'PROMOTES', start: 'person:gone', end: 'campaign:1', properties: { id: 'promotes:1' } },
              ]
            : [];
          const lazy: Graph = { nodes, relationships: relationshipList(others, store) };
          const plain: ArrayGraph = { nodes, relationships: [...lazy.relationships] };
          expect(checkGraph(lazy)).toEqual(checkGraph(plain));
        },
      ),
      { numRuns: 300 },
    );
  });
});
