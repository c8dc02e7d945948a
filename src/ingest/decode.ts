/**
 * Decoding: bytes of an article file → its text, or a reason to skip it.
 *
 * Reads raw bytes, adds the encoding it chose and messages. Order: byte-order marks
 * (UTF-8, UTF-16LE/BE) → NUL bytes mean binary → strict UTF-8 (a multi-byte sequence cut off
 * at the very end is tolerated: dev files are often truncated by byte count) → GB18030 when
 * it decodes cleanly into mostly text → otherwise binary.
 *
 * Example: `decodeBytes(iconv.encode('荆州日报', 'gb18030'))` →
 * `{ok: true, text: '荆州日报', encoding: 'gb18030', messages: [{level: 'info', message: 'decoded as GB18030', …}]}`.
 */
import { isUtf8 } from 'node:buffer';
import { endianness } from 'node:os';
import iconv from 'iconv-lite';
import type { Message } from '../types.js';

export type Decoded =
  | { ok: true; text: string; encoding: string; messages: Message[] }
  | { ok: false; reason: string };

const RULE = 'ingest-decode';

/** Decodes one file's bytes; never throws. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  const messages: Message[] = [];
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return finishUtf8(bytes.subarray(3), messages);
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return checkText(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), 'utf-16le', messages);
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return checkText(iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), 'utf-16be', messages);
  }
  if (bytes.includes(0)) return { ok: false, reason: 'binary file (NUL bytes)' };
  return finishUtf8(bytes, messages);
}

/** One strict decoder for every file (a decode call without `stream` starts afresh). */
const strict = new TextDecoder('utf-8', { fatal: true });

function finishUtf8(bytes: Uint8Array, messages: Message[]): Decoded {
  // Valid UTF-8 (nearly every file): decoded here to the same text as the strict TextDecoder
  // at a fraction of the cost, except that the TextDecoder also drops a leading BOM (a
  // second one, after the BOM handled above), so that rare case stays with it.
  if (isUtf8(bytes) && !startsWithUtf8Bom(bytes)) {
    const text = decodeValidUtf8(bytes);
    // No character that NOT_TEXT matches: no NUL, all text, as checkText would find.
    return lastDecodeClean ? { ok: true, text, encoding: 'utf-8', messages } : checkText(text, 'utf-8', messages);
  }
  try {
    return checkText(strict.decode(bytes), 'utf-8', messages);
  } catch {
    // Not valid UTF-8 as a whole; two known causes follow.
  }
  // A file cut at a byte count ends inside a character: drop that partial character only.
  const cut = incompleteTail(bytes);
  if (cut > 0) {
    try {
      const text = strict.decode(bytes.subarray(0, bytes.length - cut));
      messages.push({ level: 'warning', message: `truncated UTF-8 character at the end (${cut} byte${cut > 1 ? 's' : ''} dropped)`, rule: RULE });
      return checkText(text, 'utf-8', messages);
    } catch {
      // Invalid elsewhere too: try GB18030 below.
    }
  }
  const gb = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (!gb.includes('\uFFFD') && mostlyText(gb) && mostlyGb2312(bytes)) {
    messages.push({ level: 'info', message: 'decoded as GB18030', rule: RULE });
    return checkText(gb, 'gb18030', messages);
  }
  return { ok: false, reason: 'binary file (neither UTF-8 nor GB18030 text)' };
}

/** UTF-16 units of the last decoded file (grown as needed, reused). */
let units = new Uint16Array(1 << 15);
/**
 * The bytes of `units`, a view made once that reads them back as a string: Buffer.from per
 * file, called from all over a build, showed ~45 ms per 10k files in a build's profile.
 */
let unitBytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
const LITTLE_ENDIAN = endianness() === 'LE';
const MAX_SCRATCH = 1 << 20;

/**
 * Decodes bytes that `isUtf8` has accepted (well-formed: no checks needed here). A plain loop
 * into UTF-16 units is about three times faster than Node's UTF-8 decoder on Chinese text.
 */
function decodeValidUtf8(bytes: Uint8Array): string {
  lastDecodeClean = false;
  // Big files (rare) and big-endian machines go through Buffer, so the scratch array stays small.
  if (!LITTLE_ENDIAN || bytes.length > MAX_SCRATCH) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (units.length < bytes.length) {
    units = new Uint16Array(bytes.length);
    unitBytes = Buffer.from(units.buffer, units.byteOffset, units.byteLength);
  }
  const out = units;
  let o = 0;
  // Whether some unit is one NOT_TEXT matches (a control character, U+FFFD, private use).
  let notText = false;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    // Three-byte sequences first: CJK text is made of them. Only a lead byte from 0xEE on
    // gives a unit from U+E000 on, so below it the NOT_TEXT test is one comparison.
    if (b >= 0xe0 && b < 0xf0) {
      const unit = ((b & 0x0f) << 12) | ((bytes[i + 1]! & 0x3f) << 6) | (bytes[i + 2]! & 0x3f);
      if (b >= 0xee && (unit === 0xfffd || unit <= 0xf8ff)) notText = true;
      out[o++] = unit;
      i += 3;
    } else if (b < 0x80) {
      if (b < 0x20 ? b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d : b === 0x7f) notText = true;
      out[o++] = b;
      i++;
    } else if (b < 0xe0) {
      const unit = ((b & 0x1f) << 6) | (bytes[i + 1]! & 0x3f);
      if (unit <= 0x9f) notText = true;
      out[o++] = unit;
      i += 2;
    } else {
      const above = (((b & 0x07) << 18) | ((bytes[i + 1]! & 0x3f) << 12) | ((bytes[i + 2]! & 0x3f) << 6) | (bytes[i + 3]! & 0x3f)) - 0x10000;
      out[o++] = 0xd800 + (above >> 10);
      out[o++] = 0xdc00 + (above & 0x3ff);
      i += 4;
    }
  }
  lastDecodeClean = !notText;
  return unitBytes.toString('utf16le', 0, o * 2);
}

/** Whether the text decodeValidUtf8 returned last holds no character NOT_TEXT matches (false when it did not look). */
let lastDecodeClean = false;

function startsWithUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Number of bytes of an unfinished UTF-8 sequence at the end (0 when the end is complete). */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? back : 0;
  }
  return 0;
}

/**
 * True when the double-byte characters are mostly from the GB2312 area (lead and trail bytes
 * 0xA1–0xFE): real Chinese text is, while high-byte noise spreads over all of GB18030 (about a
 * third of random pairs land there), so noise that happens to decode is still told apart.
 */
function mostlyGb2312(bytes: Uint8Array): boolean {
  let pairs = 0;
  let gb2312 = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x81) continue;
    const t = bytes[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      i += 3; // four-byte sequence: rare characters
      pairs++;
      continue;
    }
    pairs++;
    if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) gb2312++;
    i++;
  }
  return pairs === 0 || gb2312 / pairs >= 0.8;
}

/** The characters {@link mostlyText} counts as not text (NUL among them). */
const NOT_TEXT = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]/;

/** True when nearly every character is printable text (not control characters). */
function mostlyText(text: string): boolean {
  if (!text.length) return true;
  // One native scan answers for clean text; only text with some bad characters is counted.
  if (!NOT_TEXT.test(text)) return true;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0x80 && c < 0xa0) || c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) bad++;
  }
  return bad <= Math.max(2, text.length * 0.02);
}

function checkText(text: string, encoding: string, messages: Message[]): Decoded {
  // Clean text (no character NOT_TEXT matches) has no NUL and is mostly text: one scan.
  if (NOT_TEXT.test(text) && (text.includes('\u0000') || !mostlyText(text))) return { ok: false, reason: 'binary file (control characters)' };
  return { ok: true, text, encoding, messages };
}
