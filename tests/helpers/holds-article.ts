import type { ExtractionResult } from '../../src/types.js';

/** The sentence every evidence item of {@link holdsArticle} quotes. */
export const HOLDS_SENTENCE = '荆州市委书记吴锦出席会议。';

/**
 * One article's extraction with one person, one office and a HOLDS between them whose
 * evidence items are `[start, end, rule]`: the fixture of the resolver's evidence tests.
 */
export function holdsArticle(id: string, date: string | null, evidence: Array<[number, number, string]>): ExtractionResult {
  return {
    article: { id, path: `articles/${id}`, title: null, date, source: null, url: null, home: null, lang: 'zh', byline: [], homeSource: null, encoding: 'utf-8' },
    entities: [
      { type: 'Person', name: '吴锦', properties: {}, mentions: [{ start: 6, end: 8, text: '吴锦', rule: 'test.person' }] },
      { type: 'Office', name: '荆州市委书记', properties: {}, mentions: [{ start: 0, end: 6, text: '荆州市委书记', rule: 'test.office' }] },
    ],
    relations: [
      {
        type: 'HOLDS',
        from: { type: 'Person', name: '吴锦' },
        to: { type: 'Office', name: '荆州市委书记' },
        evidence: evidence.map(([start, end, rule]) => ({ sentence: HOLDS_SENTENCE, start, end, rule })),
      },
    ],
    messages: [],
  } as unknown as ExtractionResult;
}
