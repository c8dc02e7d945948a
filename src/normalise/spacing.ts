/**
 * Spaces and punctuation inside a line, with the map.
 *
 * Spaces (`tidySpaces`): Chinese needs none between words, so spaces in CJK text are layout:
 * - spaced-out text, a sequence of single CJK characters separated by spaces, is joined
 *   (`刚 刚 过 去 的` → `刚刚过去的`, `吴 锦` → `吴锦`);
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
const CJK_PUNCT = /[，。、：；！？“”‘’（）《》〈〉【】「」『』—…·〔〕]/;
const ASCII_PUNCT_CN = /[,;:!?]/;
const DIGIT = /[0-9]/;

function isCjk(ch: string | undefined): boolean {
  return !!ch && CJK.test(ch);
}

/** Count of CJK ideographs in a token and whether it holds anything else that is a word character. */
function tokenShape(token: string): { cjk: number; other: boolean } {
  let cjk = 0;
  let other = false;
  for (const ch of token) {
    if (isCjk(ch)) cjk++;
    else if (/[\p{L}\p{N}]/u.test(ch)) other = true;
  }
  return { cjk, other };
}

/** Applies the space rules to `m.text[start…end)`; returns the tidied line. */
export function tidySpaces(m: Mapped, start: number, end: number): Mapped {
  const { text } = m;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  const out = new MappedBuilder();
  if (text.indexOf(' ', start) < 0 || text.indexOf(' ', start) >= end) {
    out.copy(m, start, end);
    return out.finish();
  }
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
  const shapes = tokens.map(([s, e]) => tokenShape(text.slice(s, e)));
  const single = (k: number) => k >= 0 && k < tokens.length && shapes[k]!.cjk === 1 && !shapes[k]!.other && tokens[k]![1] - tokens[k]![0] <= 3;
  for (let k = 0; k < tokens.length; k++) {
    const [s, e] = tokens[k]!;
    if (k > 0) {
      const prevEnd = tokens[k - 1]![1];
      const left = text[prevEnd - 1]!;
      const right = text[s]!;
      // Spaced-out text: both neighbours are single CJK characters of a spaced sequence.
      const spaced = single(k - 1) && single(k);
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
const CLOSERS = /[”’）》」』】]/;

/** ASCII punctuation in Chinese context → full-width; same length, so the map stays. */
export function fullwidthPunctuation(text: string): string {
  if (!/[,:;!?()]/.test(text)) return text;
  const chars = text.split('');
  const n = chars.length;
  const chinese = (ch: string | undefined) => !!ch && (isCjk(ch) || CJK_PUNCT.test(ch));
  // Parentheses in pairs (within a line): full-width when they hold Chinese.
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    if (c === '\n') stack.length = 0;
    else if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (isCjk(chars[i - 1]) || CLOSERS.test(chars[i - 1] ?? '')) chars[i] = '）';
        continue;
      }
      let inner = false;
      for (let k = open + 1; k < i && !inner; k++) inner = isCjk(chars[k]);
      if (inner) {
        chars[open] = '（';
        chars[i] = '）';
      }
    }
  }
  for (const open of stack) if (isCjk(chars[open + 1])) chars[open] = '（';
  for (let i = 0; i < n; i++) {
    const c = chars[i]!;
    if (c === '(' || c === ')' || !(c in OPEN_CLOSE)) continue;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (chinese(prev) && !(DIGIT.test(next ?? '') && DIGIT.test(prev ?? '')) && !(c === ':' && next === '/')) chars[i] = OPEN_CLOSE[c]!;
    else if ((c === ',' || c === ';') && isCjk(next) && !DIGIT.test(prev ?? '') && !/[A-Za-z]/.test(prev ?? '')) chars[i] = OPEN_CLOSE[c]!;
  }
  return chars.join('');
}
