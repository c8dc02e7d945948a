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
    const w = unitWidth(line, i);
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

/** `line.startsWith(line.slice(0, j), j)`: the first `j` units are repeated right after themselves. */
function repeatsPrefix(line: string, j: number): boolean {
  return repeatsAt(line, 0, j);
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
  // The repaired line opens with a doubled run `rr` (some later occurrence of its first
  // character begins a copy of everything before it) or, when its first unit is no word
  // character, with that unit alone; either way a second run or single unit must follow.
  // (Ordinary text that opens with `看看` or `村村` fails the second test.)
  let opens = false;
  for (let j = again; j > 0 && j <= half && !opens; j = line.indexOf(head, j + 1)) opens = repeatsPrefix(line, j) && mayStartPart(line, 2 * j);
  if (!opens && !isWordUnit(line.charCodeAt(0))) opens = mayStartPart(line, unitWidth(line, 0));
  return opens ? doubledRuns(line) : null;
}

/** `line.startsWith(line.slice(at, at + j), at + j)`: the `j` units from `at` are repeated right after themselves. */
function repeatsAt(line: string, at: number, j: number): boolean {
  if (at + 2 * j > line.length) return false;
  for (let k = 0; k < j; k++) if (line.charCodeAt(at + k) !== line.charCodeAt(at + j + k)) return false;
  return true;
}

/**
 * Whether a part of a doubled line (a doubled run, or one unit that is no word character)
 * may start at `at`: a necessary condition only (any unit that is not plainly a word
 * character passes), read without splitting the line into units.
 */
function mayStartPart(line: string, at: number): boolean {
  if (at >= line.length) return false;
  if (!isWordUnit(line.charCodeAt(at))) return true;
  const first = line[at]!;
  for (let k = line.indexOf(first, at + 1); k > 0 && 2 * (k - at) <= line.length - at; k = line.indexOf(first, k + 1)) {
    if (repeatsAt(line, at, k - at)) return true;
  }
  return false;
}

/** The length of the unit at `i` as {@link units} splits it: `——` and `……` and surrogate pairs are 2. */
function unitWidth(line: string, i: number): number {
  const c = line[i]!;
  if ((c === '—' || c === '…') && line[i + 1] === c) return 2;
  return line.codePointAt(i)! > 0xffff ? 2 : 1;
}

/**
 * The rest of {@link undoubleLine}, for the few lines that pass its cheap tests: a function
 * of its own, so the test every line runs compiles small and fast (this part, reached by
 * about one line in a hundred, made the whole take ~90 ms to optimise, twice).
 */
function doubledRuns(line: string): Array<[number, number]> | null {
  // Parity of every unit's count, in a table shared by all calls and left all zero again: a
  // word unit cannot stand single, so each occurs an even number of times. (Every statement
  // runs for every unit: a branch first taken after optimisation would deoptimise.)
  for (let i = 0; i < line.length; i++) unitParity[line.charCodeAt(i)] ^= 1;
  let oddWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const odd = unitParity[c] !== 0;
    unitParity[c] = 0;
    const word = isWordUnit(c);
    oddWord = oddWord || (odd && word);
  }
  if (oddWord) return null;
  // The units (see `units`) as boundaries: unit k is line[bounds[k]…bounds[k + 1]).
  const u = units(line);
  const n = u.length;
  const bounds = new Int32Array(n + 1);
  const wordUnits = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const [s, e] = u[k]!;
    bounds[k] = s;
    wordUnits[k] = (e - s === 1 ? isWordUnit(line.charCodeAt(s)) : WORD.test(line.slice(s, e))) ? 1 : 0;
  }
  bounds[n] = line.length;
  // Units a…a+len equal units b…b+len, unit by unit (same widths, same code units).
  const same = (a: number, b: number, len: number) => {
    for (let k = 1; k <= len; k++) if (bounds[a + k]! - bounds[a]! !== bounds[b + k]! - bounds[b]!) return false;
    const from = bounds[a]!;
    const to = bounds[b]!;
    const width = bounds[a + len]! - from;
    for (let k = 0; k < width; k++) if (line.charCodeAt(from + k) !== line.charCodeAt(to + k)) return false;
    return true;
  };

  // best[i]: fewest single units needed to parse units i…; choice[i]: run length (0 = single).
  const INF = 1 << 30;
  const best = new Int32Array(n + 1).fill(INF);
  const choice = new Int32Array(n + 1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    // Doubled runs first, longest first; a single unit only when strictly better.
    for (let len = Math.floor((n - i) / 2); len >= 1; len--) {
      if (best[i + 2 * len]! < best[i]! && same(i, i + len, len)) {
        best[i] = best[i + 2 * len]!;
        choice[i] = len;
      }
    }
    const next = best[i + 1]!;
    const finite = next < INF;
    const better = next + 1 < best[i]!;
    if (wordUnits[i] === 0 && finite && better) {
      best[i] = next + 1;
      choice[i] = 0;
    }
  }
  if (best[0]! >= INF || best[0]! > Math.max(2, n * 0.1)) return null;
  const keep: Array<[number, number]> = [];
  let runs = 0;
  for (let i = 0; i < n; ) {
    const len = choice[i]!;
    // A run keeps its first copy (units i…i+len); a single unit, itself.
    const kept = len === 0 ? 1 : len;
    keep.push([bounds[i]!, bounds[i + kept]!]);
    runs += len === 0 ? 0 : 1;
    i += len === 0 ? 1 : 2 * len;
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
