/**
 * Sentence spans of normalised text, for evidence: every relation points at the sentence
 * that states it. A sentence ends at 。！？!? ； a line break, or `.` before white space; closing quotes and
 * brackets that follow the end mark stay with the sentence.
 *
 * Example: `splitSentences('吴锦强调。周志红主持。')` → `[{start: 0, end: 5}, {start: 5, end: 10}]`.
 */

import { cueScan } from './cue-scan.js';

export interface Span {
  start: number;
  end: number;
}

const FULL_STOP = 0x2e;

/** Closing quotes and brackets (”’」』）)"》), which stay with the sentence they close. */
function isCloser(code: number): boolean {
  switch (code) {
    case 0x201d: // ”
    case 0x2019: // ’
    case 0x300d: // 」
    case 0x300f: // 』
    case 0xff09: // ）
    case 0x29: // )
    case 0x22: // "
    case 0x300b: // 》
      return true;
    default:
      return false;
  }
}

/** Is `code` white space as JavaScript's `\s` reads it? (A code test: `/\s/.test(text[i])` makes a string and runs a regex.) */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** Does a sentence stop at `text[i]` (。！？ or a line break)? The finders walk back and forth to these. */
export function isSentenceStopAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x0a;
}

/**
 * `split`, remembered for the last text it was given: the stages of one article ask for the
 * same spans in turn. The spans are frozen and shared (a copy per stage cost more than the
 * split): a stage that wants to change one makes its own, and one that forgets throws.
 */
export function sharedSpans(split: (text: string) => Span[]): (text: string) => readonly Span[] {
  let last: { text: string; spans: readonly Span[] } | null = null;
  return (text: string) => {
    if (last && last.text === text) return last.spans;
    const spans = split(text);
    for (const span of spans) Object.freeze(span);
    last = { text, spans: Object.freeze(spans) };
    return last.spans;
  };
}

/** Splits text into sentence spans (whitespace-only spans are dropped); five stages ask, it splits once. */
export const splitSentences = sharedSpans(split);

function split(text: string): Span[] {
  const spans: Span[] = [];
  // Where 。！？!?； a line break or `.` stands (cue-scan's SENTENCE_END_CHARS), in order: the
  // article's cue scan gathers them in its pass over the text (the stages ask it for the same
  // text), where split made a pass of its own.
  const ends = cueScan(text).sentenceEnds;
  let start = 0;
  for (let p = 0; p < ends.length; p++) {
    const i = ends[p]!;
    // Taken by the sentence before, with the closers after its end mark.
    if (i < start) continue;
    // An ASCII full stop ends an (English) sentence only before white space: `3.5亿` and
    // scraped `市委副书记.市长` stay whole.
    if (text.charCodeAt(i) === FULL_STOP && i + 1 < text.length && !isSpaceCode(text.charCodeAt(i + 1))) continue;
    let end = i + 1;
    while (end < text.length && isCloser(text.charCodeAt(end))) end++;
    push(text, spans, start, end);
    start = end;
  }
  push(text, spans, start, text.length);
  return spans;
}

function push(text: string, spans: Span[], start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) spans.push({ start: s, end: e });
}

/** The position in `spans` (sorted, disjoint: sentences, paragraphs) of the span containing `index`, or -1; by binary search. */
export function spanIndexAt(spans: ReadonlyArray<Readonly<Span>>, index: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid]!;
    if (index < s.start) hi = mid - 1;
    else if (index >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Finds the sentence (or any span of sorted, disjoint spans: paragraphs too) containing `index`, by binary search. */
export function sentenceAt(spans: readonly Span[], index: number): Span | null {
  const at = spanIndexAt(spans, index);
  return at < 0 ? null : spans[at]!;
}
