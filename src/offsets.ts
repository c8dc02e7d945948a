/**
 * Offset maps between normalised text and the original source.
 *
 * Normalisation drops and rewrites characters (tags, site chrome, doubled PDF runs,
 * spaces between CJK characters), so every character of the normalised text remembers
 * where in the source it came from. `TextBuilder` records that while text is built;
 * `spanToSource` turns a span of normalised text back into a span of the source, so
 * `source.slice(start, end)` gives back what was found.
 */

/** Builds normalised text one piece at a time, remembering each character's source index. */
export class TextBuilder {
  private parts: string[] = [];
  private map: number[] = [];
  private length = 0;

  /** Appends `text` whose characters come one-to-one from `source[sourceStart…]`. */
  appendCopied(text: string, sourceStart: number): void {
    this.parts.push(text);
    for (let i = 0; i < text.length; i++) this.map.push(sourceStart + i);
    this.length += text.length;
  }

  /** Appends `text` that replaces (or stands for) the source span starting at `sourceIndex`; every character maps there. */
  appendReplacement(text: string, sourceIndex: number, sourceEnd = sourceIndex + 1): void {
    this.parts.push(text);
    // Spread the replacement over the replaced span where lengths allow, so a
    // repaired doubled run still maps its characters into the original run.
    const span = Math.max(1, sourceEnd - sourceIndex);
    for (let i = 0; i < text.length; i++) {
      this.map.push(sourceIndex + Math.min(span - 1, Math.floor((i * span) / Math.max(1, text.length))));
    }
    this.length += text.length;
  }

  get size(): number {
    return this.length;
  }

  /** The last character appended, or '' when empty. */
  lastChar(): string {
    for (let i = this.parts.length - 1; i >= 0; i--) {
      const p = this.parts[i]!;
      if (p.length) return p[p.length - 1]!;
    }
    return '';
  }

  /** Finishes: the text and its map (`offsets[text.length]` = one past the last mapped source index). */
  finish(sourceLength: number): { text: string; offsets: Int32Array } {
    const text = this.parts.join('');
    const offsets = new Int32Array(text.length + 1);
    for (let i = 0; i < text.length; i++) offsets[i] = this.map[i]!;
    offsets[text.length] = text.length ? Math.min(sourceLength, this.map[text.length - 1]! + 1) : 0;
    return { text, offsets };
  }
}

/** The identity map for a text that is its own source. */
export function identityOffsets(length: number): Int32Array {
  const offsets = new Int32Array(length + 1);
  for (let i = 0; i <= length; i++) offsets[i] = i;
  return offsets;
}

/**
 * Maps a span `[start, end)` of normalised text to a span of the source. The source span
 * starts at the first character's origin and ends after the last character's origin
 * (including the whole of a surrogate pair), so it covers everything the text span was made from.
 */
export function spanToSource(offsets: Int32Array, source: string, start: number, end: number): { start: number; end: number } {
  return { start: sourceStartOf(offsets, start), end: sourceEndOf(offsets, source, start, end) };
}

/** spanToSource(offsets, source, start, end).start, without the object: the start's origin (whatever the end). */
export function sourceStartOf(offsets: Int32Array, start: number): number {
  return offsets[Math.max(0, Math.min(start, offsets.length - 1))]!;
}

/** spanToSource(offsets, source, start, end).end, without the object. */
export function sourceEndOf(offsets: Int32Array, source: string, start: number, end: number): number {
  const n = offsets.length - 1;
  const s = Math.max(0, Math.min(start, n));
  const e = Math.max(s, Math.min(end, n));
  const srcStart = offsets[s]!;
  if (e === s) return srcStart;
  let srcEnd = offsets[e - 1]! + 1;
  // Never cut a surrogate pair in half.
  const code = source.charCodeAt(srcEnd - 1);
  if (code >= 0xd800 && code <= 0xdbff && srcEnd < source.length) srcEnd++;
  return Math.max(srcStart, srcEnd);
}
