/**
 * Markdown markup inside an article line (Jekyll posts may be written in Markdown):
 * images `![alt](src)` dropped, links `[text](url)` reduced to their text, emphasis
 * markers `**` / `__` dropped, a heading's `#` marks and a quote's `>` dropped.
 * Only removes characters, so the map is copied along.
 *
 * Example: `## 会议**强调**，详见[全文](http://x.cn/1)` → `会议强调，详见全文`.
 */
import { MappedBuilder, type Mapped } from './mapped.js';

const MARKUP = /!\[[^\]\n]*\]\([^)\n]*\)|\[([^\]\n]+)\]\((?:https?:)?\/?\/?[^)\s]*\)|\*\*|__/g;

const HEADING = /^(?:#{1,6}|>)\s+/;
const INLINE_MARKUP = /\]\(|\*\*|__/;

/**
 * True when `stripMarkdown` would change the line. `mayHoldInline`: false when the caller
 * knows the line holds none of `]` `*` `_` (then only a heading mark is looked for).
 */
export function hasMarkdown(text: string, mayHoldInline = true): boolean {
  // A heading mark opens the line (`#` or `>`): other lines are not handed to HEADING.
  const first = text.charCodeAt(0);
  return ((first === 0x23 || first === 0x3e) && HEADING.test(text)) || (mayHoldInline && INLINE_MARKUP.test(text));
}

/** Strips Markdown markup from one line; returns the line itself when there is none. */
export function stripMarkdown(line: Mapped): Mapped {
  const { text } = line;
  const heading = HEADING.exec(text);
  if (!heading && !INLINE_MARKUP.test(text)) return line;
  const out = new MappedBuilder(text.length);
  let last = heading ? heading[0].length : 0;
  MARKUP.lastIndex = last;
  for (let m = MARKUP.exec(text); m; m = MARKUP.exec(text)) {
    out.copy(line, last, m.index);
    if (m[1] !== undefined) out.copy(line, m.index + 1, m.index + 1 + m[1].length);
    last = m.index + m[0].length;
  }
  out.copy(line, last, text.length);
  return out.finish();
}
