/**
 * Repairs of PDF-extracted text: lines whose runs are each written twice, and words broken
 * by hard line wraps.
 *
 * 1. Doubled runs (`undoubleLine`): some PDF text layers write each run of characters twice,
 *    `以策略精以策略精准保准保障战障战略实施略实施` = 以策略精·以策略精·准保·准保·障战·障战·略实施·略实施.
 *    A line is repaired only when it splits completely into runs each followed by an exact
 *    copy of itself, with at least three runs; a punctuation unit may stand single (the `——`
 *    in `——全市全市““冲刺冲刺…`). Dashes `——` and ellipses `……` are one unit. The repaired
 *    line keeps the first copy of every run, so its offsets point into the source.
 * 2. Hard wraps (`isHardWrapped`, `wrapsInto`): a document whose lines mostly stop without
 *    end punctuation is hard-wrapped; there a line that fills its column and does not end a
 *    sentence continues on the next line (`省委书\n记应勇` → `省委书记应勇`), blank lines
 *    in between notwithstanding (PDF text layers scatter them).
 */

const WORD = /[\p{L}\p{N}]/u;

/** Splits a line into units: code points, with `——` and `……` kept whole. */
function units(line: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < line.length; ) {
    const c = line[i]!;
    let w = line.codePointAt(i)! > 0xffff ? 2 : 1;
    if ((c === '—' || c === '…') && line[i + 1] === c) w = 2;
    out.push([i, i + w]);
    i += w;
  }
  return out;
}

const unitParity = new Uint8Array(0x10000);

/** `WORD.test` of one code unit standing alone, without the regex for CJK ideographs and ASCII. */
function isWordUnit(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return WORD.test(String.fromCharCode(c));
}

/** `WORD.test` of a unit of `units` (one code unit, a surrogate pair, `——` or `……`). */
function isWordUnitString(unit: string): boolean {
  return unit.length === 1 ? isWordUnit(unit.charCodeAt(0)) : WORD.test(unit);
}

/** `line.startsWith(line.slice(0, j), j)`: the first `j` units are repeated right after themselves. */
function repeatsPrefix(line: string, j: number): boolean {
  if (2 * j > line.length) return false;
  for (let k = 0; k < j; k++) if (line.charCodeAt(k) !== line.charCodeAt(j + k)) return false;
  return true;
}

/**
 * When `line` is made of doubled runs, the `[start, end)` ranges (in `line`) to keep, in order;
 * otherwise null.
 */
export function undoubleLine(line: string): Array<[number, number]> | null {
  if (line.length < 6 || line.length > 1000) return null;
  // Cheap necessary conditions first (most lines fail them): the first run repeats within
  // the first half, and every word character occurs an even number of times.
  const head = line[0]!;
  const half = line.length / 2 + 1;
  const again = line.indexOf(head, 1);
  if (again < 0 || again > half) return null;
  // A line that starts with a word character starts with a doubled run `rr…`: some later
  // occurrence of its first character must begin a copy of everything before it.
  if (isWordUnit(line.charCodeAt(0))) {
    let doubled = false;
    for (let j = again; j > 0 && j <= half && !doubled; j = line.indexOf(head, j + 1)) doubled = repeatsPrefix(line, j);
    if (!doubled) return null;
  }
  // Parity of every unit's count, in a table shared by all calls and left all zero again.
  for (let i = 0; i < line.length; i++) unitParity[line.charCodeAt(i)] ^= 1;
  let oddWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (unitParity[c] === 0) continue;
    unitParity[c] = 0;
    if (!oddWord && isWordUnit(c)) oddWord = true;
  }
  if (oddWord) return null;
  const u = units(line);
  const n = u.length;
  // By push, not `map` (an inlined `map` makes a holey array, the builtin a packed one).
  const key: string[] = [];
  for (const [s, e] of u) key.push(line.slice(s, e));
  // Cheap necessary condition: every word unit occurs an even number of times.
  const counts = new Map<string, number>();
  for (const k of key) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const [k, c] of counts) if (c % 2 && isWordUnitString(k)) return null;

  // best[i]: fewest single units needed to parse key[i…]; choice[i]: run length (0 = single).
  const INF = 1 << 30;
  const best = new Int32Array(n + 1).fill(INF);
  const choice = new Int32Array(n + 1);
  best[n] = 0;
  const same = (a: number, b: number, len: number) => {
    for (let k = 0; k < len; k++) if (key[a + k] !== key[b + k]) return false;
    return true;
  };
  for (let i = n - 1; i >= 0; i--) {
    // Doubled runs first, longest first; a single unit only when strictly better.
    for (let len = Math.floor((n - i) / 2); len >= 1; len--) {
      if (best[i + 2 * len]! < best[i]! && same(i, i + len, len)) {
        best[i] = best[i + 2 * len]!;
        choice[i] = len;
      }
    }
    if (!isWordUnitString(key[i]!) && best[i + 1]! < INF && best[i + 1]! + 1 < best[i]!) {
      best[i] = best[i + 1]! + 1;
      choice[i] = 0;
    }
  }
  if (best[0]! >= INF || best[0]! > Math.max(2, n * 0.1)) return null;
  const keep: Array<[number, number]> = [];
  let runs = 0;
  for (let i = 0; i < n; ) {
    const len = choice[i]!;
    if (len === 0) {
      keep.push([u[i]![0], u[i]![1]]);
      i++;
    } else {
      keep.push([u[i]![0], u[i + len - 1]![1]]);
      runs++;
      i += 2 * len;
    }
  }
  return runs >= 3 ? keep : null;
}

const ENDS_SENTENCE = /[。！？；!?;…]$|[。！？!?][”’」』）)]$/;
const NO_END = /[。！？；!?;…：:”’」』）)]$/;

/** Display width: CJK and full-width characters count 2, others 1. */
export function displayWidth(line: string): number {
  let w = 0;
  for (let i = 0; i < line.length; i++) {
    let c = line.charCodeAt(i);
    // A surrogate pair is one character (a lone surrogate counts as itself, as in for…of).
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < line.length) {
      const low = line.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        c = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 || c === 0x2014 || c === 0x2026 || c === 0x201c || c === 0x201d) ? 2 : 1;
  }
  return w;
}

/** True when most lines stop without end punctuation and lines are short: a hard-wrapped (PDF-like) text. */
export function isHardWrapped(lines: string[]): boolean {
  // Counted in one pass; the lengths are only sorted for a text that passes the other tests.
  let long = 0;
  let open = 0;
  for (const l of lines) {
    if (l.length < 6) continue;
    long++;
    if (!NO_END.test(l)) open++;
  }
  if (long < 8 || open / long < 0.5) return false;
  // PDF columns are narrow; web paragraphs saved one per line are long.
  const lengths = new Int32Array(long);
  let k = 0;
  for (const l of lines) if (l.length >= 6) lengths[k++] = l.length;
  lengths.sort();
  return lengths[Math.floor(long / 2)]! <= 80;
}

const neighbourWidths = new Float64Array(8);

/**
 * In a hard-wrapped text, whether line `i` of `lines` (article lines only, blanks removed)
 * continues on line `i + 1`: it does not end a sentence and it fills its column: at least
 * 75% and at most 125% of the median width of the neighbours (±4 lines) that are at least
 * 60% as wide as it. Headings and paragraph ends are shorter; a subtitle across the page has
 * no neighbours as wide.
 */
export function wrapsInto(lines: string[], widths: number[], i: number): boolean {
  if (i + 1 >= lines.length) return false;
  const line = lines[i]!;
  if (ENDS_SENTENCE.test(line)) return false;
  // The column: neighbours at least 60% as wide as this line (headings around do not count),
  // kept sorted by insertion (at most eight) in a scratch array.
  const around = neighbourWidths;
  let count = 0;
  for (let j = Math.max(0, i - 4); j <= Math.min(lines.length - 1, i + 4); j++) {
    if (j === i || !(widths[j]! >= widths[i]! * 0.6)) continue;
    let k = count++;
    for (; k > 0 && around[k - 1]! > widths[j]!; k--) around[k] = around[k - 1]!;
    around[k] = widths[j]!;
  }
  if (!count) return false;
  const median = around[Math.floor(count / 2)]!;
  return widths[i]! >= median * 0.75 && widths[i]! <= median * 1.25;
}
