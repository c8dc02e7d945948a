/**
 * A Doc whose text is its own source (identity offsets), for stage tests: literal Chinese
 * in, exact mentions out. Metadata defaults to a Chinese article with no date.
 */
import { identityOffsets } from '../../src/offsets.js';
import type { ArticleMeta, Doc, Mention } from '../../src/types.js';

export function textDoc(text: string, meta: Partial<ArticleMeta> = {}, mentions: Mention[] = []): Doc {
  return {
    meta: { id: 't.txt', path: 't.txt', title: null, date: null, source: null, url: null, home: null, homeSource: 'cli', lang: 'zh', byline: [], encoding: 'utf-8', ...meta },
    source: text,
    text,
    offsets: identityOffsets(text.length),
    mentions,
    relations: [],
    messages: [],
  };
}
