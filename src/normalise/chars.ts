/**
 * Character normalisation, with the map: NFKC where it is safe, whitespace unified,
 * invisible characters dropped.
 *
 * - Full-width ASCII letters, digits and symbols → ASCII (`Ｇ２０` → `G20`, `％` → `%`).
 * - Chinese punctuation stays full-width (the guidelines keep it): `，：；！？（）` are NOT
 *   folded to ASCII although NFKC would fold them; `。、“”《》—…` NFKC leaves alone anyway.
 * - Kangxi radicals and CJK compatibility ideographs (common in PDF-extracted text) → the
 *   unified ideograph NFKC gives (`⽂` U+2F42 → `文`).
 * - Half-width katakana-block punctuation → full-width (`｡` → `。`).
 * - Tab, NBSP (U+00A0), ideographic space (U+3000) and the other Unicode spaces → ' '.
 * - Zero-width characters, BOMs, soft hyphens and other control characters are dropped;
 *   `\r\n` and lone `\r` become `\n`.
 *
 * Characters outside the BMP (`𠀋`) are copied as their two UTF-16 units, each mapped.
 */
import { MappedBuilder, UnitScratch, type MapScratch, type Mapped } from './mapped.js';

/** Full-width punctuation the guidelines keep as written. */
const KEEP_FULLWIDTH = new Set(['，', '：', '；', '！', '？', '（', '）']);

function isSpace(c: number): boolean {
  return c === 0x09 || c === 0x0b || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680;
}

function isDropped(c: number): boolean {
  return (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0x80 && c < 0xa0) ||
    (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0xad || (c >= 0x202a && c <= 0x202e) || c === 0xfffe;
}

/** True when NFKC of this code point is wanted (see the file comment). */
function wantsNfkc(cp: number, ch: string): boolean {
  if (cp >= 0xff01 && cp <= 0xff5e) return !KEEP_FULLWIDTH.has(ch);
  return (cp >= 0xff5f && cp <= 0xffef) || (cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
}

/** What the slow path decides for one code unit `c` standing alone (null: kept as it is). */
function replacementFor(c: number, next: number, cp: number, ch: string): string | null {
  if (c === 0x0d) return next === 0x0a ? '' : '\n';
  if (c === 0x0c) return '\n';
  if (isSpace(c)) return ' ';
  if (isDropped(c)) return '';
  if (wantsNfkc(cp, ch)) {
    const n = ch.normalize('NFKC');
    if (n !== ch) return n;
  }
  return null;
}

/**
 * One flag per UTF-16 unit: 1 when the unit may be changed (or starts a surrogate pair,
 * which is looked at as a whole), 0 when it is always kept. Most text is kept, and a table
 * lookup is far cheaper than the tests above for every CJK character. Built on first use.
 */
let mayChange: Uint8Array | null = null;

function mayChangeTable(): Uint8Array {
  if (mayChange) return mayChange;
  const table = new Uint8Array(0x10000);
  const decide = (c: number) => {
    table[c] = replacementFor(c, 0, c, String.fromCharCode(c)) === null ? 0 : 1;
  };
  // Every unit the tests above can change lies in these ranges (spaces and dropped controls
  // up to U+3000, NFKC ranges, U+FEFF, U+FFFE); all others are kept. Up to U+3000 only the
  // Kangxi radicals ask NFKC: the others are decided by the tests before it, without the
  // one-character string replacementFor makes of each (this table is built at every start).
  for (let c = 0; c <= 0x3000; c++) {
    if (c >= 0x2f00 && c <= 0x2fdf) decide(c);
    else table[c] = c === 0x0d || c === 0x0c || isSpace(c) || isDropped(c) ? 1 : 0;
  }
  for (let c = 0xf900; c <= 0xfaff; c++) decide(c);
  for (let c = 0xff01; c <= 0xffef; c++) decide(c);
  decide(0xfeff);
  decide(0xfffe);
  // A high surrogate starts a pair, looked at as a whole; a lone low surrogate is never replaced.
  table.fill(1, 0xd800, 0xdc00);
  mayChange = table;
  return table;
}

/** The units of the text being normalised (the loop reads them, not `charCodeAt` of a sliced string). */
const textUnits = new UnitScratch();

/** Normalises characters one by one; lengths may change, the map follows. Returns `input` itself when nothing changes. */
export function normaliseChars(input: Mapped, scratch?: MapScratch): Mapped {
  const { text, map } = input;
  const table = mayChangeTable();
  const units = textUnits.unitsOf(text);
  let out: MappedBuilder | null = null;
  let runStart = 0;
  for (let i = 0; i < units.length; ) {
    const c = units[i]!;
    if (table[c] === 0) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const replacement = replacementFor(c, text.charCodeAt(i + 1), cp, width === 1 ? text[i]! : text.slice(i, i + width));
    if (replacement !== null) {
      out ??= new MappedBuilder(text.length, scratch);
      out.copy(input, runStart, i);
      out.replace(replacement, map[i]!);
      runStart = i + width;
    }
    i += width;
  }
  if (!out) return input;
  out.copy(input, runStart, text.length);
  return out.finish();
}
