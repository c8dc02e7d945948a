/**
 * planLoad keeps an evidence item once per identity (article, start, end, rule), first seen
 * first, however long the lists (issue 6: long lists are deduplicated by their first identity
 * value, then the rest compared): checked against a plain reference on random lists with
 * many repeats, missing items and mixed types.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { planLoad, readGraphSchema } from '../src/cypher/index.js';
import { sampleGraph } from './integration/fixtures.js';

const schema = readGraphSchema();

describe('planLoad evidence dedup', () => {
  test('long lists keep the first item of each identity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a1', 'a2', 'a3'), fc.constantFrom(0, 10, -0, 5), fc.constantFrom(3, 4), fc.constantFrom('r1', 'r2'), fc.string({ maxLength: 3 })), { minLength: 0, maxLength: 60 }),
        fc.boolean(),
        (items, shortRules) => {
          const g = sampleGraph();
          const holds = g.relationships.find((r) => r.type === 'HOLDS')!;
          const p = holds.properties;
          p.evidenceArticles = items.map((t) => t[0]);
          p.evidenceStarts = items.map((t) => t[1]);
          p.evidenceEnds = items.map((t) => t[2]);
          // A shorter list: its missing items are fillers, part of the identity as they are.
          p.rules = (shortRules ? items.slice(0, Math.floor(items.length / 2)) : items).map((t) => t[3]);
          p.evidenceSentences = items.map((t) => t[4]);
          p.evidenceDates = items.map(() => '2024-03-05');
          const plan = planLoad(g, { schema });
          const row = plan.groups.find((x) => x.target === 'HOLDS')!.batches.at(0)![0]!;
          const seen = new Set<string>();
          const expected: number[] = [];
          items.forEach((t, i) => {
            const rule = i < (p.rules as string[]).length ? t[3] : '';
            const key = JSON.stringify([t[0], t[1], t[2], rule]);
            if (!seen.has(key)) {
              seen.add(key);
              expected.push(i);
            }
          });
          expect(row.evidenceArticles).toEqual(expected.map((i) => items[i]![0]));
          expect(row.evidenceStarts).toEqual(expected.map((i) => items[i]![1]));
          expect(row.evidenceSentences).toEqual(expected.map((i) => items[i]![4]));
        },
      ),
    );
  });
});
