/**
 * MENTIONS relationships kept compact: the resolver's store of "article A mentions node N at
 * these spans", read back as GraphRelationship objects only when an exporter or the loader
 * iterates them.
 *
 * Why: a corpus has about 23 MENTIONS per article, each with four parallel lists (starts,
 * ends, texts, rules). Held as objects they were most of a 100k-article build's memory
 * (2.3M objects); here they are a few typed arrays (16 bytes per span, 20 per relationship)
 * plus the interned texts and rule ids.
 *
 * Reads: per MENTIONS an article index, a node index, the 64-bit id hash and its spans
 * (deduplicated, in start order). Gives: `MentionStore.get(i)`, the i-th MENTIONS in id
 * order, and `relationshipList(others, store)`, the graph's whole relationship list in id
 * order (MENTIONS ids all start with `mentions:`, so they are one block of it).
 *
 * Example: `store.get(0)` → `{id: 'mentions:00a1…', type: 'MENTIONS', start: 'article:001.txt',
 * end: 'person:3f2a…', properties: {id, count: 2, starts: [5, 90], ends: [7, 92], texts: ['吴锦', '吴锦'], rules: ['people.title-name', 'people.repeat']}}`.
 */
import type { GraphRelationship, RelationshipList } from './model.js';
import { digitCount, type ByteSink } from './write.js';

/** A growable Int32Array (grows by half: less slack than doubling); `data` may be longer than `length`. */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.ceil(this.data.length * 1.5) + 16);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** Makes room for `extra` more values with at most one copy (a run added at once grows once). */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.data.length) return;
    const next = new Int32Array(Math.max(needed, Math.ceil(this.data.length * 1.5) + 16));
    next.set(this.data);
    this.data = next;
  }
}

/** The id prefix of every MENTIONS relationship (`relationshipId` lower-cases the type). */
export const MENTIONS_PREFIX = 'mentions:';

/** Collects MENTIONS in any order; `build()` sorts them by id into a MentionStore. */
export class MentionStoreBuilder {
  private readonly art: IntList;
  private readonly node: IntList;
  private readonly hi: IntList;
  private readonly lo: IntList;
  private readonly from: IntList;
  private readonly spans: IntList;

  /**
   * `expected`: how many MENTIONS and span values (4 per span) will be added, if the caller
   * knows (an upper bound will do): the lists are made at that size and never grow, copying
   * themselves and leaving the smaller copies to the garbage collector. More can still be added.
   */
  constructor(expected: { mentions: number; spanValues: number } = { mentions: 1024, spanValues: 4096 }) {
    const mentions = Math.max(16, expected.mentions);
    this.art = new IntList(mentions);
    this.node = new IntList(mentions);
    this.hi = new IntList(mentions);
    this.lo = new IntList(mentions);
    this.from = new IntList(mentions);
    this.spans = new IntList(Math.max(16, expected.spanValues));
  }

  /**
   * Adds one MENTIONS: `hash` is the 16 hex digits of its id after `mentions:`; `spans` are
   * flat `[start, end, textIndex, ruleIndex, …]`, already deduplicated and in order.
   */
  add(article: number, node: number, hash: string, spans: ArrayLike<number>): void {
    this.addHead(article, node, hash);
    const out = this.spans;
    out.reserve(spans.length);
    const data = out.data;
    let at = out.length;
    for (let i = 0; i < spans.length; i++) data[at++] = spans[i]!;
    out.length = at;
  }

  /** `add` with the spans `source[from..to)` (a run of the caller's own span store): no scratch copy. */
  addRun(article: number, node: number, hash: string, source: Int32Array, from: number, to: number): void {
    this.addHead(article, node, hash);
    const out = this.spans;
    out.reserve(to - from);
    const data = out.data;
    let at = out.length;
    for (let i = from; i < to; i++) data[at++] = source[i]!;
    out.length = at;
  }

  /** Everything of a MENTIONS but its spans, which follow it (`from` is where they start). */
  private addHead(article: number, node: number, hash: string): void {
    this.art.push(article);
    this.node.push(node);
    // The id's two halves read from the digits' char codes: no slice or parseInt per MENTIONS
    // (a hash that is not 16 lower-case hex digits, which relationshipHash never gives, is
    // read as parseInt would). The digits are not kept: build writes them from the halves.
    let hi = 0;
    let lo = 0;
    // Any char that is not a lower-case hex digit makes `bad` negative.
    let bad = hash.length === 16 ? 0 : -1;
    for (let k = 0; bad >= 0 && k < 8; k++) {
      const c = hash.charCodeAt(k);
      const digit = HEX_DIGIT[c & 127]! | ((c >> 7) && -1);
      bad |= digit;
      hi = (hi << 4) | (digit & 15);
    }
    for (let k = 8; bad >= 0 && k < 16; k++) {
      const c = hash.charCodeAt(k);
      const digit = HEX_DIGIT[c & 127]! | ((c >> 7) && -1);
      bad |= digit;
      lo = (lo << 4) | (digit & 15);
    }
    if (bad < 0) {
      hi = parseInt(hash.slice(0, 8), 16) | 0;
      lo = parseInt(hash.slice(8, 16), 16) | 0;
    }
    this.hi.push(hi);
    this.lo.push(lo);
    this.from.push(this.spans.length);
  }

  get length(): number {
    return this.art.length;
  }

  /** Sorts by id (the hash read as an unsigned 64-bit number is the hex text's order) and packs. */
  build(articleNodeIds: readonly string[], nodeIds: readonly string[], texts: readonly string[], rules: readonly string[]): MentionStore {
    const n = this.art.length;
    const hi = this.hi.data;
    const lo = this.lo.data;
    const order = sortByHash(hi, lo, n);
    const art = new Int32Array(n);
    const node = new Int32Array(n);
    // Spans copied in id order: every exporter reads the MENTIONS in that order, so each
    // reads them front to back instead of jumping about an array of ~10 MB per 10k articles.
    const addedSpans = this.spans.data;
    const spans = new Int32Array(this.spans.length);
    const from = new Int32Array(n);
    const to = new Int32Array(n);
    // The ids' hex digits, 16 per MENTIONS, two at a time from the halves (an id is
    // `mentions:` + hex8(hi) + hex8(lo), whatever text it was added as).
    const digits = new Uint16Array(n * 8);
    const addedArt = this.art.data;
    const addedNode = this.node.data;
    const addedFrom = this.from.data;
    const spansEnd = this.spans.length;
    let at = 0;
    for (let k = 0; k < n; k++) {
      const i = order[k]!;
      art[k] = addedArt[i]!;
      node[k] = addedNode[i]!;
      const runEnd = i + 1 < n ? addedFrom[i + 1]! : spansEnd;
      from[k] = at;
      for (let j = addedFrom[i]!; j < runEnd; j++) spans[at++] = addedSpans[j]!;
      to[k] = at;
      const h = hi[i]!;
      const l = lo[i]!;
      const d = k * 8;
      digits[d] = HEX_PAIRS[h >>> 24]!;
      digits[d + 1] = HEX_PAIRS[(h >>> 16) & 255]!;
      digits[d + 2] = HEX_PAIRS[(h >>> 8) & 255]!;
      digits[d + 3] = HEX_PAIRS[h & 255]!;
      digits[d + 4] = HEX_PAIRS[l >>> 24]!;
      digits[d + 5] = HEX_PAIRS[(l >>> 16) & 255]!;
      digits[d + 6] = HEX_PAIRS[(l >>> 8) & 255]!;
      digits[d + 7] = HEX_PAIRS[l & 255]!;
    }
    // One string of every id's hex digits: an id is a slice of it (a C++ call per id to read
    // a Buffer was a good part of making a MENTIONS, which every exporter does).
    const hex = Buffer.from(digits.buffer, digits.byteOffset, digits.byteLength).toString('latin1');
    return new MentionStore({ art, node, hex, from, to, spans }, articleNodeIds, nodeIds, texts, rules);
  }
}

/**
 * The indices 0..n-1 in order of the unsigned 64-bit numbers `hi[i]:lo[i]`, equal ones in index
 * order. A stable radix sort on `hi` (two 16-bit digits), then the few runs of an equal `hi`
 * (random hashes: about n²/2³³ of them) ordered by `lo`: a comparator sort of a quarter of a
 * million MENTIONS per 10k articles cost more than the rest of build.
 */
function sortByHash(hi: Int32Array, lo: Int32Array, n: number): Uint32Array {
  const byLow = new Uint32Array(n);
  const order = new Uint32Array(n);
  const slot = new Int32Array(65536);
  for (let i = 0; i < n; i++) slot[hi[i]! & 0xffff]++;
  for (let d = 0, sum = 0; d < 65536; d++) {
    const c = slot[d]!;
    slot[d] = sum;
    sum += c;
  }
  for (let i = 0; i < n; i++) byLow[slot[hi[i]! & 0xffff]!++] = i;
  slot.fill(0);
  for (let i = 0; i < n; i++) slot[hi[i]! >>> 16]++;
  for (let d = 0, sum = 0; d < 65536; d++) {
    const c = slot[d]!;
    slot[d] = sum;
    sum += c;
  }
  for (let k = 0; k < n; k++) {
    const i = byLow[k]!;
    order[slot[hi[i]! >>> 16]!++] = i;
  }
  // Runs of an equal `hi`, in index order: insertion sort by unsigned `lo`, stable.
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && hi[order[end]!] === hi[order[start]!]) end++;
    for (let k = start + 1; k < end; k++) {
      const i = order[k]!;
      const key = lo[i]! >>> 0;
      let j = k - 1;
      while (j >= start && lo[order[j]!]! >>> 0 > key) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = i;
    }
    start = end;
  }
  return order;
}

interface Packed {
  art: Int32Array;
  node: Int32Array;
  /** 16 hex digits of each id, one id after the other. */
  hex: string;
  /** Where each relationship's spans start and end in `spans`. */
  from: Int32Array;
  to: Int32Array;
  spans: Int32Array;
}

/** Per ASCII code: its value as a lower-case hex digit, -1 for any other char. */
const HEX_DIGIT = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));

/**
 * Per byte value, its two lower-case hex digits as one Uint16Array element whose bytes in
 * memory are the two chars in order (the platform's byte order decides which half is first).
 */
const HEX_PAIRS = (() => {
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const chars = '0123456789abcdef';
  return Uint16Array.from({ length: 256 }, (_, b) => {
    const first = chars.charCodeAt(b >> 4);
    const second = chars.charCodeAt(b & 15);
    return littleEndian ? first | (second << 8) : (first << 8) | second;
  });
})();

/** A MentionStore as plain data: what `MentionStore.data()` gives to post to a worker thread. */
export interface MentionStoreData {
  packed: Packed;
  articleNodeIds: readonly string[];
  nodeIds: readonly string[];
  texts: readonly string[];
  rules: readonly string[];
}

/** MENTIONS relationships in id order, made into objects on read. */
export class MentionStore {
  constructor(
    private readonly packed: Packed,
    private readonly articleNodeIds: readonly string[],
    private readonly nodeIds: readonly string[],
    private readonly texts: readonly string[],
    private readonly rules: readonly string[],
  ) {}

  /** The store's fields, for `fromData` on the other side of a postMessage (typed arrays and strings clone cheaply). */
  data(): MentionStoreData {
    // A clone copies a view's whole buffer: of spans longer than what the MENTIONS use (a
    // store made of other arrays; build makes them exact), only the used part is sent.
    const p = this.packed;
    let used = 0;
    for (let i = 0; i < p.to.length; i++) used = Math.max(used, p.to[i]!);
    const spans = used === p.spans.length ? p.spans : p.spans.slice(0, used);
    return { packed: { ...p, spans }, articleNodeIds: this.articleNodeIds, nodeIds: this.nodeIds, texts: this.texts, rules: this.rules };
  }

  /** The store `data()` describes. */
  static fromData(data: MentionStoreData): MentionStore {
    return new MentionStore(data.packed, data.articleNodeIds, data.nodeIds, data.texts, data.rules);
  }

  get length(): number {
    return this.packed.art.length;
  }

  /** The id of the i-th MENTIONS. */
  id(i: number): string {
    return MENTIONS_PREFIX + this.packed.hex.slice(i * 16, i * 16 + 16);
  }

  /** The article node id (start) of the i-th MENTIONS. */
  start(i: number): string {
    return this.articleNodeIds[this.packed.art[i]!]!;
  }

  /** The mentioned node id (end) of the i-th MENTIONS. */
  end(i: number): string {
    return this.nodeIds[this.packed.node[i]!]!;
  }

  /**
   * `JSON.stringify(get(i).properties)`, written from the packed fields: graph.json's
   * MENTIONS lines without a relationship object, four lists and a JSON.stringify each.
   */
  propertiesJson(i: number): string {
    // The id is `mentions:` and hex digits: its JSON is itself in quotes.
    return (
      `{"id":"${this.id(i)}","count":${this.count(i)},"starts":[${this.offsetsJoined(i, 'starts', ',')}],"ends":[${this.offsetsJoined(i, 'ends', ',')}]` +
      `,"texts":[${this.stringsJoined(i, 'texts', ',', itemJson)}],"rules":[${this.stringsJoined(i, 'rules', ',', itemJson)}]}`
    );
  }

  /** The `count` of the i-th MENTIONS: its number of spans. */
  count(i: number): number {
    return (this.packed.to[i]! - this.packed.from[i]!) >> 2;
  }

  /** The i-th MENTIONS' `starts` or `ends`, joined with `separator`. */
  offsetsJoined(i: number, which: 'starts' | 'ends', separator: string): string {
    const p = this.packed;
    const a = p.from[i]! + (which === 'starts' ? 0 : 1);
    const count = this.count(i);
    let out = '';
    for (let k = 0, j = a; k < count; k++, j += 4) out += (k ? separator : '') + p.spans[j]!;
    return out;
  }

  /** `JSON.stringify(get(i).properties[which])` for its `starts` or `ends`. */
  offsetsJson(i: number, which: 'starts' | 'ends'): string {
    return '[' + this.offsetsJoined(i, which, ',') + ']';
  }

  /** Per item writer, what it made of each text and of each rule, made when first written. */
  private readonly written = new Map<(value: string | undefined) => string, { texts: (string | undefined)[]; rules: (string | undefined)[] }>();

  /**
   * The i-th MENTIONS' `texts` or `rules`, each written by `item` (called once per distinct
   * text or rule and kept: they repeat across MENTIONS), joined with `separator`.
   */
  stringsJoined(i: number, which: 'texts' | 'rules', separator: string, item: (value: string | undefined) => string): string {
    const cache = cacheOf(this.written, item, which, this);
    const values = which === 'texts' ? this.texts : this.rules;
    const p = this.packed;
    const a = p.from[i]! + (which === 'texts' ? 2 : 3);
    const count = this.count(i);
    let out = '';
    for (let k = 0, j = a; k < count; k++, j += 4) {
      const index = p.spans[j]!;
      let text = cache[index];
      if (text === undefined) {
        text = item(values[index]);
        cache[index] = text;
      }
      out += (k ? separator : '') + text;
    }
    return out;
  }

  /**
   * Drops what `stringsJoined` and `stringsWeight` kept (a copy of every text and rule per
   * writer): an exporter calls it when done, so the copies do not last the whole build.
   */
  releaseCaches(): void {
    this.written.clear();
    this.weights.clear();
    this.hexBytes = undefined;
  }

  /** Per weight function, its value for each text and each rule, worked out when first needed. */
  private readonly weights = new Map<(value: string | undefined) => number, { texts: (number | undefined)[]; rules: (number | undefined)[] }>();

  /** The sum of `weigh(text)` (or rule) over the i-th MENTIONS' texts (or rules); each distinct one is weighed once. */
  stringsWeight(i: number, which: 'texts' | 'rules', weigh: (value: string | undefined) => number): number {
    const cache = cacheOf(this.weights, weigh, which, this);
    const values = which === 'texts' ? this.texts : this.rules;
    const p = this.packed;
    const count = this.count(i);
    let sum = 0;
    for (let k = 0, j = p.from[i]! + (which === 'texts' ? 2 : 3); k < count; k++, j += 4) {
      const index = p.spans[j]!;
      let w = cache[index];
      if (w === undefined) {
        w = weigh(values[index]);
        cache[index] = w;
      }
      sum += w;
    }
    return sum;
  }

  /** The sum of `weigh(offset)` over the i-th MENTIONS' starts (or ends). */
  offsetsWeight(i: number, which: 'starts' | 'ends', weigh: (offset: number) => number): number {
    const p = this.packed;
    const count = this.count(i);
    let sum = 0;
    for (let k = 0, j = p.from[i]! + (which === 'starts' ? 0 : 1); k < count; k++, j += 4) sum += weigh(p.spans[j]!);
    return sum;
  }

  /**
   * The sum over the i-th MENTIONS' spans of the lengths of their start and end as text
   * (`String(offset).length`, as JSON writes an integer) and `textWeights[text]` +
   * `ruleWeights[rule]` (by the span's text and rule index): one pass where offsetsWeight and
   * stringsWeight make four, with a call per item.
   */
  spansWeight(i: number, textWeights: Int32Array, ruleWeights: Int32Array): number {
    const { from, to, spans } = this.packed;
    const end = from[i]! + ((to[i]! - from[i]!) >> 2) * 4;
    let sum = 0;
    for (let j = from[i]!; j < end; j += 4) {
      const start = spans[j]!;
      const stop = spans[j + 1]!;
      sum += (start >= 0 ? digitCount(start) : String(start).length) + (stop >= 0 ? digitCount(stop) : String(stop).length);
      sum += textWeights[spans[j + 2]!]! + ruleWeights[spans[j + 3]!]!;
    }
    return sum;
  }

  /** Whether two spans of the i-th MENTIONS have the same start, end and rule text (a missing rule reads as ''). */
  repeatsOccurrence(i: number): boolean {
    const p = this.packed;
    const a = p.from[i]!;
    const count = this.count(i);
    for (let k = 1; k < count; k++) {
      const jk = a + 4 * k;
      for (let l = 0; l < k; l++) {
        const jl = a + 4 * l;
        if (p.spans[jk] === p.spans[jl] && p.spans[jk + 1] === p.spans[jl + 1] && (this.rules[p.spans[jk + 3]!] ?? '') === (this.rules[p.spans[jl + 3]!] ?? '')) return true;
      }
    }
    return false;
  }

  private wellTypedMemo: boolean | undefined;

  /**
   * Whether every MENTIONS made from the store has only strings in `texts` and `rules`
   * (every span's text and rule index names a string), so its properties fit `string[]`
   * (offsets and counts are integers by construction). Worked out once.
   */
  wellTyped(): boolean {
    if (this.wellTypedMemo === undefined) {
      this.wellTypedMemo = this.texts.every((t) => typeof t === 'string') && this.rules.every((r) => typeof r === 'string') && this.spansNameValues();
    }
    return this.wellTypedMemo;
  }

  /** Whether every span's text and rule index is a place in `texts` and `rules`. */
  private spansNameValues(): boolean {
    // Locals only, in a loop run once per store: most of it runs before V8 optimises it.
    const { from, to, spans } = this.packed;
    const textCount = this.texts.length;
    const ruleCount = this.rules.length;
    for (let i = 0; i < from.length; i++) {
      // Whole spans only, as count(i) reads them.
      const end = from[i]! + ((to[i]! - from[i]!) >> 2) * 4;
      for (let j = from[i]!; j < end; j += 4) {
        const text = spans[j + 2]!;
        const rule = spans[j + 3]!;
        if (!(text >= 0 && text < textCount && rule >= 0 && rule < ruleCount)) return false;
      }
    }
    return true;
  }

  /** Marks in `texts` and `rules` (one flag per index) the texts and rules the i-th MENTIONS uses. */
  markStrings(i: number, texts: Uint8Array, rules: Uint8Array): void {
    const p = this.packed;
    const count = this.count(i);
    for (let k = 0, j = p.from[i]!; k < count; k++, j += 4) {
      texts[p.spans[j + 2]!] = 1;
      rules[p.spans[j + 3]!] = 1;
    }
  }

  /** The interned texts and rules that spans point at. */
  get textValues(): readonly string[] {
    return this.texts;
  }
  get ruleValues(): readonly string[] {
    return this.rules;
  }

  /** The article node ids and mentioned node ids that `start(i)` and `end(i)` pick from. */
  get startValues(): readonly string[] {
    return this.articleNodeIds;
  }
  get endValues(): readonly string[] {
    return this.nodeIds;
  }

  /** Where `start(i)` is in `startValues`, and `end(i)` in `endValues`. */
  startIndex(i: number): number {
    return this.packed.art[i]!;
  }
  endIndex(i: number): number {
    return this.packed.node[i]!;
  }

  /** Whether `id(i)` comes after `id(i - 1)` (0 < i < length), compared digit by digit without making them. */
  idFollows(i: number): boolean {
    const hex = this.packed.hex;
    for (let a = (i - 1) * 16, b = i * 16, end = b + 16; b < end; a++, b++) {
      const d = hex.charCodeAt(b) - hex.charCodeAt(a);
      if (d) return d > 0;
    }
    return false;
  }

  /**
   * The last MENTIONS of the run that starts at `i`: each one after `i` in it has an id after
   * the one before's and endpoints marked 1 in `fineStarts` and `fineEnds` (by their places in
   * startValues and endValues). `i` itself when the next one is not so.
   */
  lastFollowing(i: number, fineStarts: Uint8Array, fineEnds: Uint8Array): number {
    const { art, node } = this.packed;
    let m = i;
    while (m + 1 < art.length && fineStarts[art[m + 1]!] === 1 && fineEnds[node[m + 1]!] === 1 && this.idFollows(m + 1)) m++;
    return m;
  }

  /** Writes `id(i)` into `sink`. */
  writeId(i: number, sink: ByteSink): void {
    sink.bytes(MENTIONS_PREFIX_BYTES);
    // The digits as bytes, made on first use and dropped by releaseCaches: copied 4 bytes at a time.
    this.hexBytes ??= new DataView(new Uint8Array(Buffer.from(this.packed.hex, 'latin1')).buffer);
    sink.bytes16(this.hexBytes, i * 16);
  }

  private hexBytes: DataView | undefined;

  /** Writes `offsetsJoined(i, which, separator)` into `sink`, the separator given as its UTF-8 bytes. */
  writeOffsets(i: number, which: 'starts' | 'ends', separator: Uint8Array, sink: ByteSink): void {
    const p = this.packed;
    const count = this.count(i);
    for (let k = 0, j = p.from[i]! + (which === 'starts' ? 0 : 1); k < count; k++, j += 4) {
      if (k) sink.bytes(separator);
      sink.number(p.spans[j]!);
    }
  }

  /**
   * Writes the i-th MENTIONS' `texts` or `rules` into `sink`, each as `encoded` has it (made
   * over `textValues` or `ruleValues`), joined with `separator`'s bytes: `stringsJoined`
   * without a string per row.
   */
  writeStrings(i: number, which: 'texts' | 'rules', separator: Uint8Array, encoded: EncodedValues, sink: ByteSink): void {
    const p = this.packed;
    const count = this.count(i);
    for (let k = 0, j = p.from[i]! + (which === 'texts' ? 2 : 3); k < count; k++, j += 4) {
      if (k) sink.bytes(separator);
      sink.bytes(encoded.at(p.spans[j]!));
    }
  }

  /**
   * Writes the i-th MENTIONS' four lists in a row, as graph.json and graph.cypher lay them out:
   * starts, `glue.toEnds`, ends, `glue.toTexts`, texts, `glue.toRules`, rules, each list joined
   * with `separator` (the glue and separator as UTF-8 bytes, the strings as `texts`/`rules` have them).
   */
  writeLists(i: number, separator: Uint8Array, glue: MentionListGlue, texts: EncodedValues, rules: EncodedValues, sink: ByteSink): void {
    this.writeOffsets(i, 'starts', separator, sink);
    sink.bytes(glue.toEnds);
    this.writeOffsets(i, 'ends', separator, sink);
    sink.bytes(glue.toTexts);
    this.writeStrings(i, 'texts', separator, texts, sink);
    sink.bytes(glue.toRules);
    this.writeStrings(i, 'rules', separator, rules, sink);
  }

  /** The i-th MENTIONS (in id order) as a fresh relationship object. */
  get(i: number): GraphRelationship {
    const p = this.packed;
    const id = this.id(i);
    const a = p.from[i]!;
    const count = (p.to[i]! - a) >> 2;
    const starts = new Array<number>(count);
    const ends = new Array<number>(count);
    const texts = new Array<string>(count);
    const rules = new Array<string>(count);
    for (let k = 0, j = a; k < count; k++, j += 4) {
      starts[k] = p.spans[j]!;
      ends[k] = p.spans[j + 1]!;
      texts[k] = this.texts[p.spans[j + 2]!]!;
      rules[k] = this.rules[p.spans[j + 3]!]!;
    }
    return {
      id,
      type: 'MENTIONS',
      start: this.articleNodeIds[p.art[i]!]!,
      end: this.nodeIds[p.node[i]!]!,
      properties: { id, count, starts, ends, texts, rules },
    };
  }
}

const MENTIONS_PREFIX_BYTES = Buffer.from(MENTIONS_PREFIX, 'latin1');

/**
 * What an exporter writes for each value of a list (a text, a rule, a node id), as UTF-8,
 * made when first asked for: these repeat across rows, so each is rendered and encoded once.
 */
/** What stands between a MENTIONS' lists when writeLists writes them in a row (UTF-8 bytes). */
export interface MentionListGlue {
  toEnds: Uint8Array;
  toTexts: Uint8Array;
  toRules: Uint8Array;
}

export class EncodedValues {
  private readonly encoded: (Uint8Array | undefined)[];
  constructor(
    private readonly values: readonly (string | undefined)[],
    private readonly render: (value: string | undefined) => string,
  ) {
    this.encoded = unfilled(values.length);
  }

  at(index: number): Uint8Array {
    let bytes = this.encoded[index];
    if (bytes === undefined) {
      bytes = Buffer.from(this.render(this.values[index]), 'utf8');
      this.encoded[index] = bytes;
    }
    return bytes;
  }
}

/** A list item's JSON (null where the list holds nothing). */
const itemJson = (value: string | undefined): string => JSON.stringify(value) ?? 'null';

/**
 * The relationship list of a resolved graph: `others` (every relationship but MENTIONS,
 * sorted by id) with the store's MENTIONS in their place in id order.
 */
export function relationshipList(others: GraphRelationship[], store: MentionStore): RelationshipList {
  let split = 0;
  while (split < others.length && others[split]!.id < MENTIONS_PREFIX) split++;
  const m = store.length;
  const length = others.length + m;
  const at = (i: number): GraphRelationship | undefined => {
    if (i < 0) i += length;
    if (i < 0 || i >= length) return undefined;
    if (i < split) return others[i];
    if (i < split + m) return store.get(i - split);
    return others[i - m];
  };
  return {
    length,
    at,
    mentionStore: store,
    mentionIndex: (i) => (i >= split && i < split + m ? i - split : -1),
    idAt: (i) => (i < split ? others[i]!.id : i < split + m ? store.id(i - split) : others[i - m]!.id),
    propertiesJsonAt: (i) => (i >= split && i < split + m ? store.propertiesJson(i - split) : undefined),
    typeAt: (i) => (i < split ? others[i]!.type : i < split + m ? 'MENTIONS' : others[i - m]!.type),
    startAt: (i) => (i < split ? others[i]!.start : i < split + m ? store.start(i - split) : others[i - m]!.start),
    endAt: (i) => (i < split ? others[i]!.end : i < split + m ? store.end(i - split) : others[i - m]!.end),
    *[Symbol.iterator]() {
      for (let i = 0; i < split; i++) yield others[i]!;
      for (let i = 0; i < m; i++) yield store.get(i);
      for (let i = split; i < others.length; i++) yield others[i]!;
    },
  };
}

/** The per-text or per-rule cache kept for `key` (a writer or weight function), made on first use. */
function cacheOf<K, T>(caches: Map<K, { texts: (T | undefined)[]; rules: (T | undefined)[] }>, key: K, which: 'texts' | 'rules', store: { textValues: readonly unknown[]; ruleValues: readonly unknown[] }): (T | undefined)[] {
  let both = caches.get(key);
  if (!both) caches.set(key, (both = { texts: unfilled(store.textValues.length), rules: unfilled(store.ruleValues.length) }));
  return both[which];
}

/**
 * `length` undefineds in a packed array, for a cache by index filled at first use: an empty
 * array written at scattered indices turns into a dictionary, and every read a hash lookup.
 */
function unfilled<T>(length: number): (T | undefined)[] {
  const out: (T | undefined)[] = [];
  for (let i = 0; i < length; i++) out.push(undefined);
  return out;
}
