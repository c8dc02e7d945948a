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
import { MappedBuilder, type Mapped } from './mapped.js';

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

/** Normalises characters one by one; lengths may change, the map follows. */
export function normaliseChars(input: Mapped): Mapped {
  const { text, map } = input;
  const out = new MappedBuilder(text.length);
  let runStart = 0;
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && c >= 0x20 && c !== 0x7f) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    let replacement: string | null = null;
    if (c === 0x0d) replacement = text.charCodeAt(i + 1) === 0x0a ? '' : '\n';
    else if (c === 0x0c) replacement = '\n';
    else if (isSpace(c)) replacement = ' ';
    else if (isDropped(c)) replacement = '';
    else {
      const ch = text.slice(i, i + width);
      if (wantsNfkc(cp, ch)) {
        const n = ch.normalize('NFKC');
        if (n !== ch) replacement = n;
      }
    }
    if (replacement !== null) {
      out.copy(input, runStart, i);
      out.replace(replacement, map[i]!);
      runStart = i + width;
    }
    i += width;
  }
  out.copy(input, runStart, text.length);
  return out.finish();
}
