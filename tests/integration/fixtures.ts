/**
 * Fixtures shared by the Cypher, loader and integration tests: strings that break naive
 * quoting, and a small graph in the shape the resolver writes.
 */
import type { Graph } from '../../src/graph/model.js';

/** Strings that break naive quoting: quotes of each kind, backslashes, braces, newlines, CJK, astral. */
export const NASTY = [
  "O'Brien",
  'say "hi"',
  'back`tick`) DETACH DELETE n //',
  'C:\\path\\to\\',
  "'}]) MATCH (n) DETACH DELETE n //",
  'line one\nline two\r\n\ttabbed',
  '荆州市委书记',
  '𠀀𝄞 astral 😀',
  '\\u0027 not an escape',
  'nul \u0000 and \u2028 separator',
  '$rows',
];

/** A small graph in the shape the resolver writes: a person holding an office, with evidence. */
export function sampleGraph(): Graph {
  return {
    nodes: [
      { id: 'article:a1', label: 'Article', properties: { id: 'article:a1', title: '市委常委会召开会议', date: '2024-03-05', byline: ['记者 张三', '记者 张三'] } },
      { id: 'office:o1', label: 'Office', properties: { id: 'office:o1', name: '荆州市委书记', articleCount: 1 } },
      {
        id: 'person:p1',
        label: 'Person',
        properties: { id: 'person:p1', name: '王某', aliases: ['王某', '王书记'], articleCount: 1, firstSeen: '2024-03-05', lastSeen: '2024-03-05T08:00:00Z' },
      },
    ],
    relationships: [
      {
        id: 'holds:h1',
        type: 'HOLDS',
        start: 'person:p1',
        end: 'office:o1',
        properties: {
          id: 'holds:h1',
          firstSeen: '2024-03-05',
          lastSeen: '2024-03-05',
          sources: ['a1'],
          evidenceCount: 2,
          evidenceArticles: ['a1', 'a1', 'a1'],
          evidenceSentences: ['市委书记王某主持会议。', '市委书记王某主持会议。', '王某强调'],
          evidenceStarts: [10, 10, 40],
          evidenceEnds: [21, 21, 44],
          evidenceDates: ['2024-03-05', '2024-03-05', '2024-03-05'],
          rules: ['people/title-name', 'people/title-name', 'people/title-name'],
        },
      },
      {
        id: 'mentions:m1',
        type: 'MENTIONS',
        start: 'article:a1',
        end: 'person:p1',
        properties: { id: 'mentions:m1', count: 1, starts: [10], ends: [12], texts: ['王某'], rules: ['people/title-name'] },
      },
    ],
  };
}

