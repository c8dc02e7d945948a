/**
 * The string lists of a graph's relationships other than MENTIONS (evidence sentences and
 * dates, source article ids, rules), read once for every exporter: each distinct string is
 * UTF-8 encoded once, and each list kept as the places of its items' bytes.
 *
 * Why: those lists hold ~830k items per 10k articles but only ~67k distinct strings (the
 * sentence of a meeting is the evidence of each person at it), and every exporter escaped,
 * quoted and encoded each item again (JSON.stringify, a regex per item, the UTF-8 encoder).
 * A string no format escapes (almost all of them: see PLAIN) is its UTF-8 bytes between the
 * format's quotes, so json, graphml, cypher and csv all copy the same bytes.
 *
 * Example: `const lists = PlainLists.of(graph.relationships)`, then for the i-th relationship's
 * `evidenceDates` value `v`: `const k = lists.find(i, v)` and, if k ≥ 0,
 * `lists.write(k, utf8('["'), utf8('","'), utf8('"]'), sink)` writes `["2014-01-12","2014-02-26"]`.
 */
import type { RelationshipList } from '../graph/model.js';
import { IntList } from '../graph/mentions.js';
import type { ByteSink } from '../graph/write.js';

/**
 * A character some format writes other than as itself: JSON's and Cypher's quotes, backslash
 * and control characters, XML's `& < > ' "`, U+007F, U+0085, the line and paragraph
 * separators, what XML 1.0 cannot hold, and every surrogate (so a plain string's UTF-8 is
 * what any encoder makes of it).
 */
const NOT_PLAIN = /[^\u0020\u0021\u0023-\u0025\u0028-\u003B\u003D\u003F-\u005B\u005D-\u007E\u0080-\u0084\u0086-\u2027\u202A-\uD7FF\uE000-\uFFFD]/;

/** Size of the blocks the distinct strings' bytes are kept in (a longer string gets a block of its own). */
const BLOCK_BYTES = 1 << 20;

/**
 * Bounds on what is kept: item numbers and blocks of distinct strings' bytes. A 10k-article
 * graph keeps ~830k items and 7 blocks (~15 MB in all), so a 100k one ~150 MB at most;
 * past either bound lists are not kept, and the exporters write them as without PlainLists.
 */
const MAX_ITEMS = 12_000_000;
const MAX_BLOCKS = 96;

/** Pieces up to this long are copied by a byte loop, longer ones by set(). */
const SHORT_COPY = 32;

export class PlainLists {
  /** Each kept list (the property value itself, matched by identity), in relationship order. */
  private readonly lists: (readonly string[])[] = [];
  /** Where each kept list's item numbers start in `items`. */
  private readonly itemsFrom = new IntList();
  /** Per item of every kept list, its distinct string's number. */
  private readonly items = new IntList(1 << 16);
  /** The distinct plain strings, by number. */
  readonly strings: string[] = [];
  /** Per relationship position, where its kept lists start in `lists` (and the count at the end). */
  private readonly listsFrom: Int32Array;
  /**
   * The distinct strings' UTF-8 bytes, one after the other in blocks (no copy as they grow,
   * at most one block's slack), and per string its block and where it starts and ends there.
   */
  private readonly blocks: Buffer[] = [];
  private block = Buffer.alloc(0);
  private used = 0;
  private readonly blockOf = new IntList();
  private readonly starts = new IntList();
  private readonly ends = new IntList();

  private constructor(rels: RelationshipList) {
    this.listsFrom = new Int32Array(rels.length + 1);
    // String → its number; -1 for a string that is not plain. Dropped once built.
    const numbers = new Map<string, number>();
    for (let position = 0; position < rels.length; position++) {
      this.listsFrom[position] = this.lists.length;
      if (rels.mentionIndex && rels.mentionIndex(position) >= 0) continue;
      const properties = rels.at(position)!.properties;
      for (const key in properties) {
        const v = properties[key];
        if (Array.isArray(v) && v.length > 0) this.keep(v, numbers);
      }
    }
    this.listsFrom[rels.length] = this.lists.length;
  }

  /**
   * The lists of `rels`, or undefined when it makes a relationship afresh on each read (a
   * worker's packed list): a list read again would not be the one kept.
   */
  static of(rels: RelationshipList): PlainLists | undefined {
    for (let position = 0; position < rels.length; position++) {
      if (rels.mentionIndex && rels.mentionIndex(position) >= 0) continue;
      if (rels.at(position) !== rels.at(position)) return undefined;
      break;
    }
    return new PlainLists(rels);
  }

  /** Keeps `list` if every item is a plain string (and the budget allows). */
  private keep(list: readonly unknown[], numbers: Map<string, number>): void {
    const items = this.items;
    const start = items.length;
    if (start + list.length > MAX_ITEMS || this.blocks.length > MAX_BLOCKS) return;
    items.reserve(list.length);
    for (let k = 0; k < list.length; k++) {
      const s = list[k];
      if (typeof s !== 'string') {
        items.length = start;
        return;
      }
      let n = numbers.get(s);
      if (n === undefined) {
        n = NOT_PLAIN.test(s) ? -1 : this.encode(s);
        numbers.set(s, n);
      }
      if (n < 0) {
        items.length = start;
        return;
      }
      items.data[items.length++] = n;
    }
    this.lists.push(list as readonly string[]);
    this.itemsFrom.push(start);
  }

  /** Adds a distinct string's bytes; its number. */
  private encode(s: string): number {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.used + s.length * 3 > this.block.length) {
      this.block = Buffer.allocUnsafeSlow(Math.max(BLOCK_BYTES, s.length * 3));
      this.blocks.push(this.block);
      this.used = 0;
    }
    const start = this.used;
    this.used += this.block.write(s, start, 'utf8');
    this.blockOf.push(this.blocks.length - 1);
    this.starts.push(start);
    this.ends.push(this.used);
    this.strings.push(s);
    return this.strings.length - 1;
  }

  /** The number of `value` (a property value of the relationship at `position`) among the kept lists, or -1. */
  find(position: number, value: unknown): number {
    for (let k = this.listsFrom[position]!, end = this.listsFrom[position + 1]!; k < end; k++) if (this.lists[k] === value) return k;
    return -1;
  }

  /** The UTF-8 bytes of list k's items, together. */
  byteLength(k: number): number {
    const list = this.lists[k]!;
    const items = this.items.data;
    const starts = this.starts.data;
    const ends = this.ends.data;
    let sum = 0;
    for (let j = this.itemsFrom.data[k]!, end = j + list.length; j < end; j++) sum += ends[items[j]!]! - starts[items[j]!]!;
    return sum;
  }

  /** Writes list k's items (their UTF-8 bytes) with `before` the first, `between` each two and `after` the last. */
  write(k: number, before: Uint8Array, between: Uint8Array, after: Uint8Array, sink: ByteSink): void {
    const count = this.lists[k]!.length;
    const items = this.items.data;
    const starts = this.starts.data;
    const ends = this.ends.data;
    const blockOf = this.blockOf.data;
    const blocks = this.blocks;
    sink.bytes(before);
    for (let i = 0, j = this.itemsFrom.data[k]!; i < count; i++, j++) {
      if (i) sink.bytes(between);
      const n = items[j]!;
      const from = starts[n]!;
      const to = ends[n]!;
      if (to - from <= SHORT_COPY) sink.bytesShort(blocks[blockOf[n]!]!, from, to);
      else sink.bytesFrom(blocks[blockOf[n]!]!, from, to);
    }
    sink.bytes(after);
  }
}
