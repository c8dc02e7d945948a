import { describe, expect, it } from 'vitest';
import { isPlausibleName } from '../src/extract/people/names.js';
import { peopleLexicon } from '../src/extract/people/lexicon.js';

describe('isPlausibleName', () => {
  const lex = peopleLexicon();

  it('rejects every stop word, whatever its first two characters', () => {
    for (const word of lex.stopWords) expect(isPlausibleName(word, lex)).toBe(false);
    expect(isPlausibleName('常委', lex)).toBe(false);
  });

  it('accepts names, including those that share a first character with a stop word', () => {
    expect(isPlausibleName('吴锦', lex)).toBe(true);
    expect(isPlausibleName('周志红', lex)).toBe(true);
    expect(isPlausibleName('常志强', lex)).toBe(true);
  });
});
