/**
 * Mapped text: a string whose every UTF-16 unit remembers its index in the original source.
 *
 * Each normalisation step reads a `Mapped` and writes a new one through a `MappedBuilder`,
 * copying spans (their map entries come along) or writing replacements (every written unit
 * points at one source index). Steps therefore compose without ever losing the way back
 * to the source, and each step is linear: parts are joined once at the end.
 *
 * Example: `const b = new MappedBuilder(); b.copy(m, 0, 2); b.replace('，', m.map[5]!); b.finish()`.
 */

/** Text plus, for each UTF-16 unit of it, the index of the source unit it came from. */
export interface Mapped {
  text: string;
  map: Int32Array;
}

/** Identity mapping of `text[start…end)` (offsets shifted so they index the whole source). */
export function mappedSlice(source: string, start = 0, end = source.length): Mapped {
  const map = new Int32Array(end - start);
  for (let i = 0; i < map.length; i++) map[i] = start + i;
  return { text: source.slice(start, end), map };
}

const EMPTY = new Int32Array(0);

/**
 * An array a builder may write its map into instead of a new one, kept from build to build.
 * Only for a step whose result is dropped before the same scratch is used again (the body
 * steps of normaliseBody: their maps never leave it, only copies of their entries do).
 */
export class MapScratch {
  array = new Int32Array(1 << 14);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * A text's UTF-16 units in a typed array, kept from text to text. Loops over every unit of
 * a text read them from here: `charCodeAt` of a sliced string (what `slice` gives, and the
 * lines of a text are) costs about twice an array read.
 */
export class UnitScratch {
  // On an ArrayBuffer of its own: a pooled Buffer may start at an odd byte.
  private bytes = Buffer.from(new ArrayBuffer(1 << 15));

  /** The units of `text` (a view, valid until the next call; a new array for a huge text). */
  unitsOf(text: string): Uint16Array {
    const n = text.length;
    if (!LITTLE_ENDIAN || n > MAX_SCRATCH) {
      const units = new Uint16Array(n);
      for (let i = 0; i < n; i++) units[i] = text.charCodeAt(i);
      return units;
    }
    if (this.bytes.length < 2 * n) this.bytes = Buffer.from(new ArrayBuffer(Math.max(2 * n, 2 * this.bytes.length)));
    // One native copy (little-endian UTF-16 is the array's own layout).
    this.bytes.write(text, 0, 2 * n, 'utf16le');
    return new Uint16Array(this.bytes.buffer, this.bytes.byteOffset, n);
  }
}

/** Above this many units a builder allocates its own map, so a huge page does not stay in a scratch. */
const MAX_SCRATCH = 1 << 20;

/** Accumulates text pieces and their source indices; `finish` joins them once. */
export class MappedBuilder {
  private parts: string[] = [];
  private map: Int32Array;
  private length = 0;
  private readonly scratch: MapScratch | null;

  /**
   * `capacity`: the expected length (the input's, for a step that mostly copies), so the map
   * is not regrown line after line. `scratch`: write the map there (see MapScratch).
   */
  constructor(capacity = 0, scratch?: MapScratch) {
    this.scratch = scratch && capacity <= MAX_SCRATCH ? scratch : null;
    if (this.scratch) {
      if (this.scratch.array.length < capacity) this.scratch.array = new Int32Array(capacity);
      this.map = this.scratch.array;
    } else this.map = capacity > 0 ? new Int32Array(capacity) : EMPTY;
  }

  private grow(extra: number): void {
    if (this.length + extra <= this.map.length) return;
    let size = Math.max(64, this.map.length * 2);
    while (size < this.length + extra) size *= 2;
    const next = new Int32Array(size);
    next.set(this.map.subarray(0, this.length));
    this.map = next;
    if (this.scratch && size <= MAX_SCRATCH) this.scratch.array = next;
  }

  /** Copies `from.text[start…end)` with its map entries. */
  copy(from: Mapped, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(from.text.slice(start, end));
    this.copyMap(from.map, start, end);
  }

  /** Appends `source[start…end)` to the map (`end > start`). */
  private copyMap(source: Int32Array, start: number, end: number): void {
    const n = end - start;
    this.grow(n);
    const target = this.map;
    const at = this.length;
    // Runs up to a long paragraph are copied by hand: a subarray view per run costs more than
    // the copy itself, and each view is one more object for the young generation.
    if (n <= 1024) for (let k = 0; k < n; k++) target[at + k] = source[start + k]!;
    else target.set(source.subarray(start, end), at);
    this.length += n;
  }

  /**
   * `copy(from, start, end)` when the caller holds `from.text.slice(start, end)` already
   * (`text`): that string is kept instead of a second slice of the same range.
   */
  copyAs(text: string, from: Mapped, start: number, end: number): void {
    if (end <= start) return;
    this.parts.push(text);
    this.copyMap(from.map, start, end);
  }

  /** Writes `text` standing for the source unit at `sourceIndex` (every unit maps there). */
  replace(text: string, sourceIndex: number): void {
    if (!text) return;
    this.parts.push(text);
    this.grow(text.length);
    // One unit (a line break, a space: most replacements) by a store, not a fill call.
    if (text.length === 1) this.map[this.length] = sourceIndex;
    else this.map.fill(sourceIndex, this.length, this.length + text.length);
    this.length += text.length;
  }

  /** Units written so far. */
  get size(): number {
    return this.length;
  }

  /**
   * The text and the Doc's `offsets` for it: the map plus one entry, one past the last mapped
   * source unit (as {@link toOffsets} makes them), written into the builder's own array.
   */
  finishWithEnd(sourceLength: number): { text: string; offsets: Int32Array } {
    const text = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    this.grow(1);
    this.map[this.length] = this.length ? Math.min(sourceLength, this.map[this.length - 1]! + 1) : 0;
    return { text, offsets: this.map.subarray(0, this.length + 1) };
  }

  /** The text and its map, joined once (the map is a view of the builder's array: no copy). */
  finish(): Mapped {
    return { text: this.parts.length === 1 ? this.parts[0]! : this.parts.join(''), map: this.map.subarray(0, this.length) };
  }
}

/** Turns a mapped text into the Doc's `offsets` (one extra entry: one past the last mapped source unit). */
export function toOffsets(m: Mapped, sourceLength: number): Int32Array {
  const offsets = new Int32Array(m.text.length + 1);
  offsets.set(m.map);
  offsets[m.text.length] = m.text.length ? Math.min(sourceLength, m.map[m.text.length - 1]! + 1) : 0;
  return offsets;
}

/** A line of a mapped text: `[start, end)` without its line break. */
export interface Line {
  start: number;
  end: number;
}

/** Splits a mapped text into lines at `\n` (a `\r` before it is left for the whitespace step to drop). */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: text.length });
      return lines;
    }
    lines.push({ start, end: nl });
    start = nl + 1;
  }
}
