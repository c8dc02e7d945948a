/**
 * One relationship found in several articles: its evidence goes by date (undated last), then
 * article id, then start, end and rule id; its sources are sorted article ids; first and last
 * seen are the earliest and latest dates. Also when a repeated article id's `#2` sorts after
 * another id (the articles' order is then not the ids' order).
 */
import { describe, expect, it } from 'vitest';
import { resolveWith } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { holdsArticle as article } from './helpers/holds-article.js';

function holds(results: ExtractionResult[]) {
  const res = resolveWith(results, emptyOverrides(), null);
  const r = [...res.graph.relationships].find((x) => x.type === 'HOLDS')!;
  const p = r.properties;
  return { sources: p.sources, articles: p.evidenceArticles, starts: p.evidenceStarts, rules: p.rules, firstSeen: p.firstSeen, lastSeen: p.lastSeen, count: p.evidenceCount };
}

describe('evidence and sources of a relationship found in several articles', () => {
  it('go by date, then article id, then start and rule; sources sorted', () => {
    const got = holds([
      article('c.txt', '2021-05-01', [[0, 8, 'test.b']]),
      article('a.txt', null, [[0, 8, 'test.a']]),
      article('b.txt', '2021-05-01', [[6, 8, 'test.a'], [0, 8, 'test.b'], [0, 8, 'test.a']]),
      article('d.txt', '2020-01-01', [[0, 8, 'test.a']]),
    ]);
    expect(got).toEqual({
      sources: ['a.txt', 'b.txt', 'c.txt', 'd.txt'],
      articles: ['d.txt', 'b.txt', 'b.txt', 'b.txt', 'c.txt', 'a.txt'],
      starts: [0, 0, 0, 6, 0, 0],
      rules: ['test.a', 'test.a', 'test.b', 'test.a', 'test.b', 'test.a'],
      firstSeen: '2020-01-01',
      lastSeen: '2021-05-01',
      count: 6,
    });
  });

  it('are the same when a repeated id sorts after another id', () => {
    // Articles in id order: x.txt, x.txt (→ x.txt#2), x.txt!; ids in that order are not sorted ('!' < '#').
    const got = holds([
      article('x.txt!', '2020-01-01', [[0, 8, 'test.a']]),
      article('x.txt', '2020-01-01', [[0, 8, 'test.a']]),
      article('x.txt', '2019-01-01', [[0, 8, 'test.a']]),
    ]);
    expect(got.sources).toEqual(['x.txt', 'x.txt!', 'x.txt#2']);
    expect(got.articles).toEqual(['x.txt#2', 'x.txt', 'x.txt!']);
    expect(got.firstSeen).toBe('2019-01-01');
  });
});
