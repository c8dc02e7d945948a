/**
 * The lines of out/articles.jsonl and out/extractions.jsonl encoded straight to UTF-8 bytes,
 * exactly as `Buffer.from(JSON.stringify(value))` would be. JSON.stringify made each ~15 KB
 * article's lines as UTF-16 strings that the line writer then transcoded to UTF-8: two passes
 * and ~150 MB of short-lived strings per 10k articles. Here each line is written once, into
 * large shared blocks (a line is a view of one), with key bytes made once.
 *
 * Example: `const line = encodeExtractionLine(result); await writer.write(line);`
 */
import type { ArticleMeta, ExtractionResult } from '../types.js';

/** A block of lines: large, so that most lines cost no allocation but their view. */
const BLOCK_BYTES = 1 << 20;
/** Strings up to this many UTF-16 units are encoded by a loop here; longer ones by `utf8Write` between the characters JSON escapes. */
const SHORT_STRING = 48;
/** What JSON.stringify escapes, and surrogates (a lone one is escaped, a pair is not). */
const NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/g;
const NEEDS_CARE_BUT_NEWLINE = /["\\\u0000-\u0009\u000b-\u001f\ud800-\udfff]/g;
const HEX = '0123456789abcdef';

/** Node's Buffer method that encodes a string at an offset without the argument checks of `write`. */
type Utf8Block = Buffer & { utf8Write(text: string, offset: number): number };

/**
 * String methods called through `call`: a line's strings come in many representations (flat,
 * sliced, concatenated, one- or two-byte), so `s.charCodeAt` is a megamorphic property load
 * and an unknown call per character; the known builtin is inlined (~2.5x less per string).
 */
const charCodeAt = String.prototype.charCodeAt;
const sliceOf = String.prototype.slice;
const indexOf = String.prototype.indexOf;

/**
 * Bytes written as often as keys are: as little-endian 32-bit words, stored four bytes a time
 * through a DataView (a byte loop was a quarter of an extraction line's time). The last word
 * may run past `length`: those bytes are overwritten by whatever comes next.
 */
interface Piece {
  length: number;
  words: Uint32Array;
}

function piece(bytes: Uint8Array): Piece {
  const words = new Uint32Array((bytes.length + 3) >> 2);
  for (let i = 0; i < bytes.length; i++) words[i >> 2]! |= bytes[i]! << (8 * (i & 3));
  return { length: bytes.length, words };
}

const ascii = (text: string): Piece => piece(Uint8Array.from(text, (c) => c.charCodeAt(0)));

const MENTION_START = ascii('{"start":');
const END = ascii(',"end":');
const TEXT = ascii(',"text":');
const RULE = ascii(',"rule":');
const ENTITY_TYPE = ascii('{"type":');
const NAME = ascii(',"name":');
const FROM = ascii(',"from":');
const TO = ascii(',"to":');
const PROPERTIES = ascii(',"properties":');
const MENTIONS = ascii(',"mentions":[');
const EVIDENCE = ascii(',"evidence":[');
const EVIDENCE_START = ascii('{"sentence":');
const START = ascii(',"start":');
const DATE = ascii(',"date":');
const ARTICLE = ascii('{"article":');
const ENTITIES = ascii(',"entities":[');
const RELATIONS = ascii('],"relations":[');
const MESSAGES = ascii('],"messages":');
const NULL = ascii('null');
const TRUE = ascii('true');
const FALSE = ascii('false');

/** `"key":` of the keys met in open objects (metadata, properties, messages: few distinct ones), a key per slot. */
const KEY_SLOTS = 256;
const slotKeys: Array<string | undefined> = new Array<string | undefined>(KEY_SLOTS).fill(undefined);
const slotBytes: Array<Piece | undefined> = new Array<Piece | undefined>(KEY_SLOTS).fill(undefined);

let block = Buffer.allocUnsafeSlow(BLOCK_BYTES) as Utf8Block;
let blockView = new DataView(block.buffer, block.byteOffset, block.length);
/** Where the next byte goes. */
let pos = 0;
/** Where the line being encoded began. */
let lineStart = 0;

/**
 * One line of out/articles.jsonl: `Buffer.from(JSON.stringify({ ...meta, text }))`.
 * The bytes stay valid (no later line overwrites them).
 */
export function encodeArticleLine(meta: ArticleMeta, text: string): Uint8Array {
  if (!builtinsUntouched()) return utf8Of(JSON.stringify({ ...meta, text }));
  begin();
  byte(0x7b);
  let first = true;
  let hasText = false;
  for (const key of Object.keys(meta)) {
    const isText = key === 'text';
    hasText ||= isText;
    if (member(key, isText ? text : (meta as unknown as Record<string, unknown>)[key], first)) first = false;
  }
  if (!hasText) member('text', text, first);
  byte(0x7d);
  return finish();
}

/**
 * One line of out/extractions.jsonl: `Buffer.from(JSON.stringify(result))` for a result
 * made by toExtraction, whose result, entities, mentions, relations and evidence are plain
 * objects with the fields of ExtractionResult, in that order (tests/json-line.test.ts
 * compares every line of the samples with JSON.stringify's). One whose fields are not of the
 * expected kinds (a number for a name, a missing rule…) is written as an object of any shape;
 * its article, properties and messages may have any shape.
 */
export function encodeExtractionLine(result: ExtractionResult): Uint8Array {
  if (!builtinsUntouched()) return utf8Of(JSON.stringify(result));
  begin();
  const { article, entities, relations, messages } = result;
  if (Object.getPrototypeOf(result) !== Object.prototype || !isList(entities) || !isList(relations) || isSkipped(article) || isSkipped(messages)) {
    rendered(value(result));
    return finish();
  }
  raw(ARTICLE);
  if (!value(article)) {
    // An article rendered as nothing: the whole result as an object of any shape.
    pos = lineStart;
    rendered(object(result as unknown as Record<string, unknown>));
    return finish();
  }
  raw(ENTITIES);
  for (let i = 0; i < entities.length; i++) {
    if (i) byte(0x2c);
    rendered(entity(entities[i]));
  }
  raw(RELATIONS);
  const sentences: LastSentence = { text: undefined, at: 0, length: 0 };
  for (let i = 0; i < relations.length; i++) {
    if (i) byte(0x2c);
    rendered(relation(relations[i], sentences));
  }
  raw(MESSAGES);
  rendered(value(messages));
  byte(0x7d);
  return finish();
}

/** An array JSON.stringify renders element by element. */
function isList(v: unknown): v is unknown[] {
  return Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype;
}

/** Fields of the expected kinds are written in ExtractionResult's order; anything else as an object of any shape. */
function entity(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return value(e);
  const { type, name, properties, mentions } = e as Entity;
  if (typeof type !== 'string' || typeof name !== 'string' || isSkipped(properties) || !isList(mentions)) return value(e);
  const at = pos - lineStart;
  raw(ENTITY_TYPE);
  string(type);
  raw(NAME);
  string(name);
  raw(PROPERTIES);
  if (!value(properties)) {
    pos = lineStart + at;
    return value(e);
  }
  raw(MENTIONS);
  for (let j = 0; j < mentions.length; j++) {
    if (j) byte(0x2c);
    const m = mentions[j];
    if (typeof m !== 'object' || m === null) {
      rendered(value(m));
      continue;
    }
    const { start, end, text, rule } = m;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof text !== 'string' || typeof rule !== 'string') {
      rendered(value(m));
      continue;
    }
    raw(MENTION_START);
    number(start);
    raw(END);
    number(end);
    raw(TEXT);
    string(text);
    raw(RULE);
    string(rule);
    byte(0x7d);
  }
  byte(0x5d);
  byte(0x7d);
  return true;
}

/** The last evidence sentence of a line and where its JSON is (from the line's start). */
interface LastSentence {
  text: string | undefined;
  at: number;
  length: number;
}

/** As `entity`, for a relation. */
function relation(r: unknown, last: LastSentence): boolean {
  if (typeof r !== 'object' || r === null) return value(r);
  const { type, from, to, properties, evidence } = r as Relation;
  if (typeof type !== 'string' || isSkipped(from) || isSkipped(to) || isSkipped(properties) || !isList(evidence)) return value(r);
  const at = pos - lineStart;
  raw(ENTITY_TYPE);
  string(type);
  raw(FROM);
  let ok = value(from);
  if (ok) {
    raw(TO);
    ok = value(to);
  }
  if (ok) {
    raw(PROPERTIES);
    ok = value(properties);
  }
  if (!ok) {
    pos = lineStart + at;
    return value(r);
  }
  raw(EVIDENCE);
  for (let j = 0; j < evidence.length; j++) {
    if (j) byte(0x2c);
    const e = evidence[j];
    if (typeof e !== 'object' || e === null) {
      rendered(value(e));
      continue;
    }
    const { sentence, start, end, rule, date } = e;
    if (typeof sentence !== 'string' || typeof start !== 'number' || typeof end !== 'number' || typeof rule !== 'string' || (typeof date !== 'string' && date !== null)) {
      rendered(value(e));
      continue;
    }
    raw(EVIDENCE_START);
    // Several relations of one sentence (people listed with their offices…) repeat it: copied from the last.
    if (sentence === last.text) repeat(last.at, last.length);
    else {
      const from = pos - lineStart;
      string(sentence);
      last.text = sentence;
      last.at = from;
      last.length = pos - lineStart - from;
    }
    raw(START);
    number(start);
    raw(END);
    number(end);
    raw(RULE);
    string(rule);
    raw(DATE);
    if (date === null) raw(NULL);
    else string(date);
    byte(0x7d);
  }
  byte(0x5d);
  byte(0x7d);
  return true;
}

type Entity = ExtractionResult['entities'][number];
type Relation = ExtractionResult['relations'][number];

/** `JSON.stringify(v)`'s bytes for any value it renders (not undefined, a function or a symbol). */
export function encodeJsonValue(v: unknown): Uint8Array {
  if (!builtinsUntouched()) return utf8Of(JSON.stringify(v) ?? 'null');
  begin();
  rendered(value(v));
  return finish();
}

/**
 * No toJSON on the builtin prototypes and no enumerable key on Object.prototype: what this
 * module takes for granted (it looks for toJSON only among an object's own keys, and walks
 * keys with for-in). Checked per line, else the line is JSON.stringify's.
 */
function builtinsUntouched(): boolean {
  if ('toJSON' in Object.prototype || 'toJSON' in Array.prototype || 'toJSON' in String.prototype || 'toJSON' in Number.prototype || 'toJSON' in Boolean.prototype) return false;
  return Object.keys(Object.prototype).length === 0;
}

/**
 * The UTF-8 of a line already made as text by JSON.stringify (a worker's), in the blocks as the
 * others: no buffer of its own per line. (JSON.stringify's text has no lone surrogate, which
 * UTF-8 could not hold.)
 */
export function utf8Of(text: string): Uint8Array {
  begin();
  utf8(text);
  return finish();
}

function begin(): void {
  lineStart = pos;
}

function finish(): Uint8Array {
  // A plain Uint8Array, not a Buffer: the same kind of value as a line a worker sends.
  const line = new Uint8Array(block.buffer, block.byteOffset + lineStart, pos - lineStart);
  lineStart = pos;
  return line;
}

/** Room for `n` more bytes: a new block when this one is full, with the line so far copied to its start. */
function reserve(n: number): void {
  if (pos + n <= block.length) return;
  const sofar = pos - lineStart;
  const next = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, 2 * (sofar + n))) as Utf8Block;
  block.copy(next, 0, lineStart, pos);
  block = next;
  blockView = new DataView(next.buffer, next.byteOffset, next.length);
  lineStart = 0;
  pos = sofar;
}

/** Writes again the `length` bytes written at `at` (from the line's start) earlier in this line. */
function repeat(at: number, length: number): void {
  if (pos + length + 3 > block.length) reserve(length + 3);
  const view = blockView;
  // Word by word: the source ends before `pos`, so no word read was written by this copy.
  let from = lineStart + at;
  let to = pos;
  for (const end = pos + length; to < end; from += 4, to += 4) view.setUint32(to, view.getUint32(from, true), true);
  pos += length;
}

function byte(b: number): void {
  if (pos >= block.length) reserve(1);
  block[pos++] = b;
}

/** Copies a constant's bytes. */
function raw(bytes: Piece): void {
  const n = bytes.length;
  if (pos + n + 3 > block.length) reserve(n + 3);
  const words = bytes.words;
  const view = blockView;
  let p = pos;
  for (let i = 0; i < words.length; i++, p += 4) view.setUint32(p, words[i]!, true);
  pos += n;
}

/**
 * Writes the value as JSON.stringify would; false (nothing written) for one it renders as
 * nothing (a toJSON that returns undefined). Undefined, a function or a symbol: null, as in
 * an array (an object's member of these is skipped before).
 */
function value(v: unknown): boolean {
  switch (typeof v) {
    case 'string':
      string(v);
      return true;
    case 'number':
      number(v);
      return true;
    case 'boolean':
      raw(v ? TRUE : FALSE);
      return true;
    case 'object':
      if (v === null) {
        raw(NULL);
        return true;
      }
      if (Array.isArray(v)) return array(v);
      return object(v as Record<string, unknown>);
    case 'bigint':
      // JSON.stringify throws for it: let it.
      return stringified(v);
    default:
      raw(NULL);
      return true;
  }
}

/** A value in an array (or a whole line), where one rendered as nothing is null. */
function rendered(written: boolean): void {
  if (!written) raw(NULL);
}

/** Does JSON.stringify leave this member out of an object? */
function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

/** Writes `,"key":value` (without the comma when `first`); false (nothing written) for a value JSON leaves out. */
function member(key: string, v: unknown, first: boolean): boolean {
  if (isSkipped(v)) return false;
  const mark = pos - lineStart;
  if (!first) byte(0x2c);
  // A slot per key by its length and end characters (no hashing of the key as a Map does).
  const slot = (key.length * 7 + charCodeAt.call(key, 0) * 31 + charCodeAt.call(key, key.length - 1)) & (KEY_SLOTS - 1);
  let bytes: Piece;
  if (slotKeys[slot] === key) bytes = slotBytes[slot]!;
  else {
    bytes = piece(Buffer.from(`${JSON.stringify(key)}:`));
    slotKeys[slot] = key;
    slotBytes[slot] = bytes;
  }
  raw(bytes);
  if (value(v)) return true;
  pos = lineStart + mark;
  return false;
}

function object(o: Record<string, unknown>): boolean {
  // Not a plain object (a Date, Map, typed array, boxed value…): JSON.stringify's own word.
  const proto = Object.getPrototypeOf(o) as unknown;
  if (proto !== Object.prototype && proto !== null) return stringified(o);
  // From the line's start: a new block may take the line on the way.
  const start = pos - lineStart;
  byte(0x7b);
  let first = true;
  // for-in (the own keys, as Object.prototype has no enumerable ones: see builtinsUntouched) reads
  // the values through the enum cache; `o[key]` after Object.keys is a megamorphic load each.
  for (const key in o) {
    if (key === 'toJSON') {
      pos = lineStart + start;
      return stringified(o);
    }
    if (member(key, o[key], first)) first = false;
  }
  byte(0x7d);
  return true;
}

function array(a: readonly unknown[]): boolean {
  if (Object.getPrototypeOf(a) !== Array.prototype) return stringified(a);
  byte(0x5b);
  for (let i = 0; i < a.length; i++) {
    if (i) byte(0x2c);
    rendered(value(a[i]));
  }
  byte(0x5d);
  return true;
}

/**
 * JSON.stringify's text of a value this module does not take apart (already escaped: its
 * UTF-8 is the line's bytes); false (nothing written) when it renders as nothing.
 */
function stringified(v: unknown): boolean {
  const text = JSON.stringify(v);
  if (text === undefined) return false;
  utf8(text);
  return true;
}

function number(n: number): void {
  if (n >= 0 && n < 0x80000000 && (n | 0) === n) {
    // Integers as their digits (what String gives): start and end offsets, most of a line's numbers.
    reserve(10);
    const b = block;
    if (n < 10) {
      b[pos++] = 0x30 + n;
      return;
    }
    let digits = 1;
    for (let t = n; t >= 10; t = (t / 10) | 0) digits++;
    let p = pos + digits;
    pos = p;
    for (let t = n; p > pos - digits; t = (t / 10) | 0) b[--p] = 0x30 + (t % 10);
    return;
  }
  // Anything else (negative, fractions, large, -0): as JS prints numbers; NaN and ±Infinity are null in JSON.
  utf8(Number.isFinite(n) ? String(n) : 'null');
}

function string(s: string): void {
  const n = s.length;
  if (n > SHORT_STRING) return longString(s);
  // At most 6 bytes per unit (\u001f); a pair of units is 4 bytes.
  if (pos + 6 * n + 2 > block.length) reserve(6 * n + 2);
  const b = block;
  let p = pos;
  b[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = charCodeAt.call(s, i);
    if (c < 0x80) {
      if (c >= 0x20 && c !== 0x22 && c !== 0x5c) b[p++] = c;
      else {
        pos = p;
        escape(c);
        p = pos;
      }
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6);
      b[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12);
      b[p++] = 0x80 | ((c >> 6) & 0x3f);
      b[p++] = 0x80 | (c & 0x3f);
    } else {
      pos = p;
      i = surrogate(s, i, c);
      p = pos;
    }
  }
  b[p++] = 0x22;
  pos = p;
}

/**
 * A string past SHORT_STRING: its runs without a character to escape encoded by `utf8Write`,
 * room made for each as it comes (an article of 20 MB is not given 6 bytes a unit at once).
 */
function longString(s: string): void {
  byte(0x22);
  let from = 0;
  // Text with line breaks and nothing else to escape (an article's): the breaks found by
  // indexOf, cheaper than the regex run from each one.
  NEEDS_CARE_BUT_NEWLINE.lastIndex = 0;
  if (!NEEDS_CARE_BUT_NEWLINE.test(s)) {
    for (let at = indexOf.call(s, '\n'); at >= 0; at = indexOf.call(s, '\n', from)) {
      if (at > from) utf8(sliceOf.call(s, from, at));
      reserve(2);
      block[pos++] = 0x5c;
      block[pos++] = 0x6e;
      from = at + 1;
    }
    utf8(from ? sliceOf.call(s, from) : s);
    byte(0x22);
    return;
  }
  for (;;) {
    NEEDS_CARE.lastIndex = from;
    if (!NEEDS_CARE.test(s)) {
      utf8(from ? sliceOf.call(s, from) : s);
      break;
    }
    const at = NEEDS_CARE.lastIndex - 1;
    if (at > from) utf8(sliceOf.call(s, from, at));
    // An escape is 6 bytes at most, a pair 4.
    reserve(6);
    const c = charCodeAt.call(s, at);
    if (c >= 0xd800 && c <= 0xdfff) from = surrogate(s, at, c) + 1;
    else {
      escape(c);
      from = at + 1;
    }
  }
  byte(0x22);
}

/** Strings up to this many units get 3 bytes a unit; longer ones their exact UTF-8 length (a pass of its own). */
const ROOM_BY_LENGTH = 1 << 16;

/** Encodes text that needs no escaping (and has no lone surrogate): `utf8Write` after making room. */
function utf8(text: string): void {
  reserve(text.length <= ROOM_BY_LENGTH ? 3 * text.length : Buffer.byteLength(text, 'utf8'));
  pos += block.utf8Write(text, pos);
}

/** The escape JSON.stringify writes for an ASCII `"`, `\` or control character. */
function escape(c: number): void {
  const b = block;
  b[pos++] = 0x5c;
  switch (c) {
    case 0x22:
    case 0x5c:
      b[pos++] = c;
      return;
    case 0x08:
      b[pos++] = 0x62; // b
      return;
    case 0x09:
      b[pos++] = 0x74; // t
      return;
    case 0x0a:
      b[pos++] = 0x6e; // n
      return;
    case 0x0c:
      b[pos++] = 0x66; // f
      return;
    case 0x0d:
      b[pos++] = 0x72; // r
      return;
    default:
      hexEscape(c);
  }
}

/** `u` and four lower-case hex digits (after the backslash). */
function hexEscape(c: number): void {
  const b = block;
  b[pos++] = 0x75;
  for (let shift = 12; shift >= 0; shift -= 4) b[pos++] = HEX.charCodeAt((c >> shift) & 0xf);
}

/** Writes the surrogate at `i` (`c`): with the next unit as one 4-byte character when they pair, else escaped as \udxxx; returns the last index used. */
function surrogate(s: string, i: number, c: number): number {
  const b = block;
  const next = i + 1 < s.length ? charCodeAt.call(s, i + 1) : 0;
  if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
    const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
    b[pos++] = 0xf0 | (cp >> 18);
    b[pos++] = 0x80 | ((cp >> 12) & 0x3f);
    b[pos++] = 0x80 | ((cp >> 6) & 0x3f);
    b[pos++] = 0x80 | (cp & 0x3f);
    return i + 1;
  }
  b[pos++] = 0x5c;
  hexEscape(c);
  return i;
}
