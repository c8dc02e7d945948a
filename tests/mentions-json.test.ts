/**
 * The lazy MENTIONS list's shortcuts (issue 6) must read what the relationship objects hold:
 * `propertiesJsonAt` is JSON.stringify of the properties, `idAt`/`typeAt`/`startAt`/`endAt`
 * their fields, on any texts (quotes, control characters, lone surrogates) and span counts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MentionStoreBuilder, relationshipList } from '../src/graph/mentions.js';
import type { GraphRelationship } from '../src/graph/model.js';

describe('MENTIONS read without making them', () => {
  it('agree with the relationship objects', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.array(fc.tuple(fc.integer({ min: -5, max: 100000 }), fc.nat(100000), fc.nat(5), fc.nat(1)), { maxLength: 5 })), { minLength: 1, maxLength: 8 }),
        (texts, mentions) => {
          const builder = new MentionStoreBuilder();
          mentions.forEach(([article, node, spans], k) => {
            const flat = spans.flatMap(([start, end, text, rule]) => [start, end, text % texts.length, rule]);
            builder.add(article, node, (k * 7919).toString(16).padStart(16, '0'), flat);
          });
          const store = builder.build(['article:a', 'article:"b"', 'article:c', 'article:d'], ['person:1', 'office:2', 'event:3', 'campaign:4'], texts, ['people.title-name', 'r"\\u0001']);
          const others: GraphRelationship[] = [
            { id: 'holds:1', type: 'HOLDS', start: 'person:1', end: 'office:2', properties: { id: 'holds:1' } },
            { id: 'promotes:1', type: 'PROMOTES', start: 'person:1', end: 'campaign:4', properties: { id: 'promotes:1' } },
          ];
          const list = relationshipList(others, store);
          for (let i = 0; i < list.length; i++) {
            const r = list.at(i)!;
            expect(list.idAt!(i)).toBe(r.id);
            expect(list.typeAt!(i)).toBe(r.type);
            expect(list.startAt!(i)).toBe(r.start);
            expect(list.endAt!(i)).toBe(r.end);
            const json = list.propertiesJsonAt!(i);
            if (r.type === 'MENTIONS') expect(json).toBe(JSON.stringify(r.properties));
            else expect(json).toBeUndefined();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
