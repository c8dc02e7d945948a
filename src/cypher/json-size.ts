/**
 * The UTF-8 length of a value's JSON text, `Buffer.byteLength(JSON.stringify(value))`,
 * worked out without writing the text: the load plan sizes every row to cut its batches
 * (DEFAULT_MAX_BATCH_BYTES), and making each row's JSON only to measure it was the largest
 * cost of planning graph.cypher.
 *
 * Covers what rows hold: strings, numbers, booleans, null, arrays and plain objects. Any
 * other value (one with a `toJSON`, a bigint, …) is measured through JSON.stringify.
 *
 * Example: `jsonByteLength({id: 'a', n: [1, 22]})` is 20, the length of `{"id":"a","n":[1,22]}`.
 */

/** Strings whose JSON is `"` + the string + `"`: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;
/** Past this length a string is measured by Buffer.byteLength when it is PLAIN. */
const LONG = 32;

/**
 * UTF-8 bytes of a string's JSON text, quotes included: a loop over the code units for
 * short strings (names, ids, rules), where a call to Buffer.byteLength costs more, and
 * Buffer.byteLength for long ones (sentences) that need no escape.
 */
export function jsonStringByteLength(s: string): number {
  if (s.length > LONG && PLAIN.test(s)) return Buffer.byteLength(s, 'utf8') + 2;
  let n = 2;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x20) n += c === 0x22 || c === 0x5c ? 2 : 1;
      else n += c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
    } else if (c < 0x800) n += 2;
    else if (c < 0xd800 || c > 0xdfff) n += 3;
    else if (c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair: one code point, four bytes.
      n += 4;
      i++;
    } else n += 6; // a lone surrogate is written \udxxx
  }
  return n;
}

/** Length of a finite number's JSON text (the same as String(n)). */
function numberLength(v: number): number {
  if (v >= 0 && v < 1e9 && v === Math.floor(v) && !Object.is(v, -0)) {
    return v < 10 ? 1 : v < 100 ? 2 : v < 1e3 ? 3 : v < 1e4 ? 4 : v < 1e5 ? 5 : v < 1e6 ? 6 : v < 1e7 ? 7 : v < 1e8 ? 8 : 9;
  }
  return String(v).length;
}

/** Bytes of an array item's or property value's JSON, strings and numbers first (most values are). */
function valueByteLength(v: unknown): number {
  if (typeof v === 'string') return jsonStringByteLength(v);
  if (typeof v === 'number') return Number.isFinite(v) ? numberLength(v) : 4;
  return jsonByteLength(v);
}

/** `Buffer.byteLength(JSON.stringify(value))` for a value JSON.stringify writes (not undefined). */
export function jsonByteLength(value: unknown): number {
  if (typeof value === 'string') return jsonStringByteLength(value);
  if (typeof value === 'number') return Number.isFinite(value) ? numberLength(value) : 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (value === null) return 4;
  if (Array.isArray(value)) {
    let n = value.length ? value.length + 1 : 2;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      // JSON.stringify writes null for what it cannot write in a list.
      n += v === undefined || typeof v === 'function' || typeof v === 'symbol' ? 4 : valueByteLength(v);
    }
    return n;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
    let n = 2;
    let members = 0;
    for (const k in value) {
      const v: unknown = (value as Record<string, unknown>)[k];
      // …and leaves such a property out of an object.
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      n += jsonStringByteLength(k) + 1 + valueByteLength(v);
      members++;
    }
    return members ? n + members - 1 : n;
  }
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : Buffer.byteLength(text, 'utf8');
}
