/**
 * Sentence spans of normalised text, for evidence: every relation points at the sentence
 * that states it. A sentence ends at 。！？!? ； a line break, or `.` before white space; closing quotes and
 * brackets that follow the end mark stay with the sentence.
 *
 * Example: `splitSentences('吴锦强调。周志红主持。')` → `[{start: 0, end: 5}, {start: 5, end: 10}]`.
 */

export interface Span {
  start: number;
  end: number;
}

const END_MARKS = new Set(['。', '！', '？', '!', '?', '；', '\n']);
const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '"', '》']);

/** Splits text into sentence spans (whitespace-only spans are dropped). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    // An ASCII full stop ends an (English) sentence only before white space: `3.5亿` and
    // scraped `市委副书记.市长` stay whole.
    const isEnd = END_MARKS.has(ch) || (ch === '.' && (i + 1 === text.length || /\s/.test(text[i + 1]!)));
    if (!isEnd) continue;
    let end = i + 1;
    while (end < text.length && CLOSERS.has(text[end]!)) end++;
    push(text, spans, start, end);
    start = end;
    i = end - 1;
  }
  push(text, spans, start, text.length);
  return spans;
}

function push(text: string, spans: Span[], start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  if (e > s) spans.push({ start: s, end: e });
}

/** Finds the sentence containing `index` by binary search over sorted spans. */
export function sentenceAt(spans: Span[], index: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (index < s.start) hi = mid - 1;
    else if (index >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}
