/**
 * Spaces and punctuation inside a line, with the map.
 *
 * Spaces (`tidySpaces`): Chinese needs none between words, so spaces in CJK text are layout:
 * - spaced-out text, a sequence of single CJK characters separated by spaces, is joined,
 *   with the spaces at its ends (`刚 刚 过 去 的` → `刚刚过去的`, `书记 吴 锦` → `书记吴锦`);
 * - spaces between CJK and digits or next to CJK punctuation go (`2021 年 ，` → `2021年，`);
 * - between words of two or more CJK characters one space stays: a list of names keeps its
 *   separator (`记者叶力铭 张梦瑶 孙杨` stays separable);
 * - Latin words keep one space; runs of spaces become one; the line is trimmed.
 *
 * Punctuation (`fullwidthPunctuation`): ASCII `,:;!?()` written in Chinese context becomes
 * the full-width form the guidelines keep (`来源:荆州日报` → `来源：荆州日报`,
 * `(记者李天然)` → `（记者李天然）`); `12:30`, `1,000` and `(a)` stay. One unit for one
 * unit: the map is unchanged.
 */
import { MappedBuilder, type Mapped } from './mapped.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const CJK_PUNCT_CHARS = '，。、：；！？“”‘’（）《》〈〉【】「」『』—…·〔〕';
const CJK_PUNCT = new RegExp(`[${CJK_PUNCT_CHARS}]`);
const CJK_PUNCT_CODES = new Set(Array.from(CJK_PUNCT_CHARS, (ch) => ch.charCodeAt(0)));
const ASCII_PUNCT_CN = /[,;:!?]/;
const DIGIT = /[0-9]/;

function isCjk(ch: string | undefined): boolean {
  return !!ch && CJK.test(ch);
}

/** Count of CJK ideographs in a token and whether it holds anything else that is a word character. */
function tokenShape(token: string): { cjk: number; other: boolean } {
  let cjk = 0;
  let other = false;
  // By code point, as for…of walks it: ranges for CJK (what isCjk says) and ASCII, the
  // regex for the rest.
  for (let i = 0; i < token.length; i++) {
    const cp = token.codePointAt(i)!;
    if (cp > 0xffff) i++;
    if ((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f)) cjk++;
    else if (cp < 0x80) {
      if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) other = true;
    } else if (WORD_CHAR.test(String.fromCodePoint(cp))) other = true;
  }
  return { cjk, other };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Applies the space rules to `m.text[start…end)`; returns the tidied line. */
export function tidySpaces(m: Mapped, start: number, end: number): Mapped {
  const { text } = m;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  const firstSpace = text.indexOf(' ', start);
  if (firstSpace < 0 || firstSpace >= end) return { text: text.slice(start, end), map: m.map.subarray(start, end) };
  const out = new MappedBuilder(end - start);
  // Tokens between space runs.
  const tokens: Array<[number, number]> = [];
  let i = start;
  while (i < end) {
    let j = i;
    while (j < end && text[j] !== ' ') j++;
    tokens.push([i, j]);
    while (j < end && text[j] === ' ') j++;
    i = j;
  }
  // By push, not `map` (an inlined `map` makes a holey array, the builtin a packed one).
  const shapes: Array<{ cjk: number; other: boolean }> = [];
  for (const [s, e] of tokens) shapes.push(tokenShape(text.slice(s, e)));
  const single = (k: number) => k >= 0 && k < tokens.length && shapes[k]!.cjk === 1 && !shapes[k]!.other && tokens[k]![1] - tokens[k]![0] <= 3;
  for (let k = 0; k < tokens.length; k++) {
    const [s, e] = tokens[k]!;
    if (k > 0) {
      const prevEnd = tokens[k - 1]![1];
      const left = text[prevEnd - 1]!;
      const right = text[s]!;
      // Spaced-out text: a neighbour is a single CJK character of a spaced sequence (two or
      // more single characters in a row), e.g. the 吴 锦 of `书记 吴 锦`, the 过 去 of `过 去的`.
      const inRun = (j: number) => single(j) && (single(j - 1) || single(j + 1));
      const spaced = inRun(k - 1) || inRun(k);
      const layout =
        spaced ||
        (CJK_PUNCT.test(left) && (isCjk(right) || CJK_PUNCT.test(right) || DIGIT.test(right))) ||
        (CJK_PUNCT.test(right) && (isCjk(left) || DIGIT.test(left))) ||
        (ASCII_PUNCT_CN.test(left) && isCjk(text[prevEnd - 2]) && isCjk(right)) ||
        (isCjk(left) && DIGIT.test(right)) ||
        (DIGIT.test(left) && isCjk(right));
      if (!layout) out.replace(' ', m.map[prevEnd]!);
    }
    out.copy(m, s, e);
  }
  return out.finish();
}

const OPEN_CLOSE: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };
const CLOSER_CODES = new Set(Array.from('”’）》」』】', (ch) => ch.charCodeAt(0)));

/** What `isCjk` says of one code unit standing alone (a lone surrogate is no ideograph; NaN: none). */
function isCjkCode(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const ASCII_CANDIDATES = /[,:;!?()]/;
/** ASCII_CANDIDATES, global: fullwidthPunctuation walks from one to the next with it. */
const ASCII_MARKS = /[,:;!?()]/g;

/**
 * From this many changes on, fullwidthPunctuation rewrites a copy of the text's code units;
 * below it, slices joined are cheaper (texts have a few changes or a hundred, rarely between).
 */
const MANY_CHANGES = 16;

/** The code units of the last text rewritten in place (reused, grown as needed). */
let punctuationUnits = Buffer.allocUnsafe(1 << 16);

/** ASCII punctuation in Chinese context → full-width; same length, so the map stays. */
export function fullwidthPunctuation(text: string): string {
  // Only these ASCII marks ever change: text without any is returned at once.
  if (!ASCII_CANDIDATES.test(text)) return text;
  // Positions to turn full-width: each becomes OPEN_CLOSE of its own character.
  const changes: number[] = [];
  const chinese = (ch: string | undefined) => !!ch && (isCjk(ch) || CJK_PUNCT.test(ch));
  const charAt = (i: number) => (i >= 0 && i < text.length ? charBefore(text, i) : undefined);
  const stack: number[] = [];
  const unmatchedOpen: number[] = [];
  // The marks are found by the regex engine's scan (`test` of a global regex: no match
  // object); the text between them, most of it, is never walked here. A line break closes
  // the parentheses still open: looked for only when some are (`lastIndexOf`).
  const marks = ASCII_MARKS;
  marks.lastIndex = 0;
  let previous = -1;
  while (marks.test(text)) {
    const i = marks.lastIndex - 1;
    if (stack.length && text.lastIndexOf('\n', i) > previous) {
      unmatchedOpen.push(...stack);
      stack.length = 0;
    }
    previous = i;
    const c = text[i]!;
    // The character before, as a code unit when it stands alone (NaN at the start); the tests
    // below read codes instead of one-character strings, except next to a surrogate.
    const before = text.charCodeAt(i - 1);
    const plainBefore = !(before >= 0xd800 && before <= 0xdfff);
    if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open === undefined) {
        const cjkBefore = plainBefore ? isCjkCode(before) : isCjk(charAt(i - 1));
        if (cjkBefore || CLOSER_CODES.has(before)) changes.push(i);
      } else if (CJK.test(text.slice(open + 1, i))) {
        changes.push(open);
        changes.push(i);
      }
    } else if (plainBefore) {
      const after = text.charCodeAt(i + 1);
      if ((isCjkCode(before) || CJK_PUNCT_CODES.has(before)) && !(isDigitCode(after) && isDigitCode(before)) && !(c === ':' && after === 0x2f)) changes.push(i);
      else if ((c === ',' || c === ';') && isCjkCode(after) && !isDigitCode(before) && !isAsciiLetterCode(before)) changes.push(i);
    } else {
      const prev = charAt(i - 1);
      const next = text[i + 1];
      if (chinese(prev) && !(DIGIT.test(next ?? '') && DIGIT.test(prev ?? '')) && !(c === ':' && next === '/')) changes.push(i);
      else if ((c === ',' || c === ';') && isCjk(next) && !DIGIT.test(prev ?? '') && !/[A-Za-z]/.test(prev ?? '')) changes.push(i);
    }
  }
  unmatchedOpen.push(...stack);
  for (const open of unmatchedOpen) if (isCjkCode(text.charCodeAt(open + 1))) changes.push(open);
  if (!changes.length) return text;
  if (changes.length >= MANY_CHANGES) {
    // Each change puts one code unit in place of another: the text's UTF-16 units are copied
    // once, changed in place and read back (two native copies, in any order, repeats harmless),
    // half the cost of sorting the changes and joining two slices per change.
    // (Into a reused buffer: no new one per text.)
    const bytes = 2 * text.length;
    if (punctuationUnits.length < bytes) punctuationUnits = Buffer.allocUnsafe(Math.max(bytes, 2 * punctuationUnits.length));
    const units = punctuationUnits;
    units.write(text, 0, bytes, 'utf16le');
    for (const i of changes) units.writeUInt16LE(OPEN_CLOSE[text[i]!]!.charCodeAt(0), 2 * i);
    const out = units.toString('utf16le', 0, bytes);
    // A huge text's buffer is not kept.
    if (punctuationUnits.length > 1 << 21) punctuationUnits = Buffer.allocUnsafe(1 << 16);
    return out;
  }
  // Nearly in order already (only openings come late): a numeric sort, repeats skipped.
  changes.sort((a, b) => a - b);
  const parts: string[] = [];
  let last = 0;
  for (const i of changes) {
    if (i < last) continue;
    parts.push(text.slice(last, i), OPEN_CLOSE[text[i]!]!);
    last = i + 1;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** The character (code point) that ends just before index `i + 1`, i.e. at `i` (a low surrogate pairs with its high one). */
function charBefore(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  return text[i]!;
}
