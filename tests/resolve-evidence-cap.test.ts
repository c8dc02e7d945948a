/**
 * A relationship with more evidence than maxEvidence keeps the earliest ceil(max/2) items and
 * the latest rest, in evidence order, with every list cut the same way; evidenceCount stays
 * the total. With maxEvidence 0 the lists are left out.
 */
import { describe, expect, it } from 'vitest';
import { resolveWith } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { HOLDS_SENTENCE as sentence, holdsArticle } from './helpers/holds-article.js';

/** Article n: dated 2020-01-(n+1), one evidence item at n..n+8 with rule test.r<n>. */
function article(n: number) {
  return holdsArticle(`a${String(n).padStart(2, '0')}.txt`, `2020-01-${String(n + 1).padStart(2, '0')}`, [[n, n + 8, `test.r${n}`]]);
}

function holds(maxEvidence: number) {
  const results = [4, 0, 6, 2, 1, 5, 3].map(article);
  const res = resolveWith(results, emptyOverrides(), null, maxEvidence);
  return [...res.graph.relationships].find((x) => x.type === 'HOLDS')!.properties;
}

describe('evidence of a relationship beyond maxEvidence', () => {
  it('keeps the earliest and the latest items, every list alike', () => {
    const p = holds(3);
    expect(p.evidenceCount).toBe(7);
    expect(p.evidenceArticles).toEqual(['a00.txt', 'a01.txt', 'a06.txt']);
    expect(p.evidenceStarts).toEqual([0, 1, 6]);
    expect(p.evidenceEnds).toEqual([8, 9, 14]);
    expect(p.evidenceDates).toEqual(['2020-01-01', '2020-01-02', '2020-01-07']);
    expect(p.rules).toEqual(['test.r0', 'test.r1', 'test.r6']);
    expect(p.evidenceSentences).toEqual([sentence, sentence, sentence]);
    expect(p.sources).toHaveLength(7);
  });

  it('keeps everything up to maxEvidence, and no lists at 0', () => {
    expect(holds(7).evidenceStarts).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(holds(4).evidenceStarts).toEqual([0, 1, 5, 6]);
    const none = holds(0);
    expect(none.evidenceCount).toBe(7);
    expect(none.evidenceArticles).toBeUndefined();
    expect(none.rules).toBeUndefined();
  });
});
