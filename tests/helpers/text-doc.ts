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

/** Person mentions at every occurrence of each name, as the people stage would leave them (rule `test`). */
export function personMentions(text: string, names: string[]): Mention[] {
  const mentions: Mention[] = [];
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      mentions.push({ type: 'Person', name, start: at, end: at + name.length, rule: 'test' });
    }
  }
  return mentions;
}
