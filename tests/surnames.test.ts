/** The one reader of data/lexicon/surnames.yaml that the person, division, byline and English code share. */
import { describe, expect, it } from 'vitest';
import { loadSurnames } from '../src/surnames.js';
import { surnameLexicon } from '../src/ingest/meta.js';
import { peopleLexicon } from '../src/extract/people/lexicon.js';

describe('loadSurnames', () => {
  it('reads single surnames in file order and the compound ones as listed', () => {
    const { single, compound } = loadSurnames();
    expect(single.slice(0, 6)).toEqual(['王', '李', '张', '刘', '陈', '杨']);
    expect(single.length).toBe(448);
    expect(new Set(single).size).toBe(448);
    expect(compound.slice(0, 3)).toEqual(['欧阳', '司马', '上官']);
    expect(compound.every((c) => c.length === 2)).toBe(true);
  });
  it('is read once and cannot be changed by a reader', () => {
    expect(loadSurnames()).toBe(loadSurnames());
    expect(Object.isFrozen(loadSurnames().single)).toBe(true);
  });
  it('gives the byline reader and the person extractor the same surnames', () => {
    const bylines = surnameLexicon();
    const people = peopleLexicon();
    expect([...bylines.single]).toEqual([...people.singleSurnames]);
    expect(bylines.compound).toEqual([...people.compoundSurnames]);
    expect(bylines.single.has('欧')).toBe(true);
    expect(bylines.single.has('的')).toBe(false);
  });
});
