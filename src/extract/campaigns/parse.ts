/**
 * Turning a found span into a campaign's canonical name, and the shape tests on names:
 * quotes and whitespace go, Chinese amounts before 亿/万 become digits (`冲刺三千亿` →
 * `冲刺3000亿`, as the guidelines write it), a trailing 元 after an amount goes.
 *
 * Example: `canonicalName('冲刺 三千亿元')` → `冲刺3000亿`; `isCounted('十问十帮')` → true.
 */
import { campaignLexicon } from './lexicon.js';
import { isSpaceCode } from '../sentences.js';

const QUOTE_CHARS = /[“”‘’「」『』"']/g;
const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
/** The two tables by character code (no string per character, no property lookup through a prototype). */
const DIGIT_CODES = new Map(Object.entries(DIGITS).map(([c, v]) => [c.charCodeAt(0), v]));
const UNIT_CODES = new Map(Object.entries(UNITS).map(([c, v]) => [c.charCodeAt(0), v]));

/** Value of a Chinese numeral below 万 (`三千` → 3000, `十五` → 15), or null when it is not one. */
export function chineseNumber(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let digit: number | null = null;
  // By UTF-16 unit: a character outside the tables (a surrogate too) makes it no numeral.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const d = DIGIT_CODES.get(c);
    if (d !== undefined) {
      if (digit !== null) return null;
      digit = d;
      continue;
    }
    const unit = UNIT_CODES.get(c);
    if (unit === undefined) return null;
    total += (digit ?? 1) * unit;
    digit = null;
  }
  return total + (digit ?? 0);
}

/** `[...s].length` (characters, a surrogate pair counting one) without an array. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Does `s` hold a character of QUOTE_CHARS or white space (as `\s` reads it)? */
function hasQuoteOrSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27 || (c >= 0x2018 && c <= 0x201d && c !== 0x201a && c !== 0x201b) || (c >= 0x300c && c <= 0x300f) || isSpaceCode(c)) return true;
  }
  return false;
}

/** The canonical campaign name of a surface form (see the file comment). */
export function canonicalName(surface: string): string {
  // Most names hold no quote mark and no white space: nothing to replace.
  let name = hasQuoteOrSpace(surface) ? surface.replace(QUOTE_CHARS, '').replace(/\s+/g, '') : surface;
  // The amount rewrites below need a 亿 or 万 (most names have neither).
  if (!name.includes('亿') && !name.includes('万')) return name;
  // An amount target is written with digits in the guidelines (冲刺3000亿): only a digit and
  // a unit (三千, 五百) before 亿 make an amount; 四大会战 and 三新百千万 are counts.
  name = name.replace(/([一二两三四五六七八九][十百千](?:[零〇一二两三四五六七八九][十百]?)*)(?=万?亿)/g, (m) => {
    const v = chineseNumber(m);
    return v === null ? m : String(v);
  });
  name = name.replace(/(\d(?:万?亿|万))元/g, '$1');
  return name;
}

/**
 * A counted form: a numeral and a measure word (`四个优先`, `四大会战`, `千名干部进千企`), the
 * same numeral twice (`十问十帮`, `六比六看`, `五区五中心`), two numbered parts of four
 * characters (`一主两翼`, `三高四新`), or numeral + X + 并 + Y (`四策并举`). Idioms of those
 * shapes (`一心一意`, `七上八下`, `千军万马`: the lexicon's numeral_idioms) and longer runs of
 * different numerals (`一难两难多难`) are not counts.
 */
export function isCounted(name: string): boolean {
  const { numeralCodes, measureCodes, numeralIdioms } = campaignLexicon();
  const n = codePointsOf(name);
  const chars = points;
  if (n < 3 || !numeralCodes.has(chars[0]!)) return false;
  if (n === 4 && numeralIdioms.has(name)) return false;
  // Two numbered parts, `一主两翼`, `三高四新`: numeral, word, another numeral, word.
  if (n === 4 && numeralCodes.has(chars[2]!) && !numeralCodes.has(chars[1]!) && !numeralCodes.has(chars[3]!) && !measureCodes.has(chars[1]!)) return true;
  let i = 0;
  while (i < n && numeralCodes.has(chars[i]!)) i++;
  if (i < n - 1 && i <= 2 && measureCodes.has(chars[i]!)) return true;
  const first = chars[0]!;
  for (let j = 2; j <= 4 && j < n - 1; j++) {
    if (chars[j] === first && j + 1 < n && n - (j + 1) <= 3 && noneOf(chars, 1, j, numeralCodes)) return true;
  }
  return n === 4 && chars[2] === BING;
}

/** True when the name holds a numeral followed by a measure anywhere (`高效办成一件事`). */
export function hasCount(name: string): boolean {
  const { numeralCodes, measureCodes } = campaignLexicon();
  const n = codePointsOf(name);
  for (let i = 0; i + 1 < n; i++) {
    if (numeralCodes.has(points[i]!) && measureCodes.has(points[i + 1]!)) return true;
  }
  return false;
}

const BING = '并'.codePointAt(0)!;

/**
 * The code points of the last name read by codePointsOf (what `[...name]` would hold, as
 * numbers): one buffer reused, where an array of one-character strings per name cost more
 * than the tests on it.
 */
let points = new Int32Array(64);

/** Reads the code points of `s` into `points`; returns how many. */
function codePointsOf(s: string): number {
  if (points.length < s.length) points = new Int32Array(2 * s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    points[n++] = c;
    if (c > 0xffff) i++;
  }
  return n;
}

/** True when none of `chars[from, to)` is in `codes`. */
function noneOf(chars: Int32Array, from: number, to: number, codes: Set<number>): boolean {
  for (let k = from; k < to; k++) if (codes.has(chars[k]!)) return false;
  return true;
}

/** True when the name is nothing but numerals, digits and signs (`十四五`, `4611`, `1+2`). */
export function isOnlyNumber(name: string): boolean {
  const { numerals } = campaignLexicon();
  for (const c of name) if (!numerals.has(c) && !isNumberSign(c.charCodeAt(0))) return false;
  return true;
}

/** 0-9 + ＋ - x X × . (a character of a number written with digits and signs). */
function isNumberSign(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0xff0b || c === 0x2d || c === 0x78 || c === 0x58 || c === 0xd7 || c === 0x2e;
}
