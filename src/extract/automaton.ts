/**
 * Aho–Corasick automaton: one pass over a text finds every occurrence of every key of a
 * lexicon (titles, surnames, division names, campaign cues). Lexicons compile once into
 * an automaton; extractors never run one regex per lexicon entry.
 *
 * Example: `new Automaton([['市委书记', 'party-secretary'], ['书记', 'secretary']]).findAll('市委书记吴锦')`
 * gives both matches, `{start: 0, end: 4, key: '市委书记'}` and `{start: 2, end: 4, key: '书记'}`.
 */

export interface AutomatonMatch<V> {
  start: number;
  end: number;
  key: string;
  value: V;
}

/**
 * The trie's transitions, flat: the root's in a dense table indexed by character code (most
 * characters of a text are read at the root), every other node's in one open-addressing
 * hash table of (node, character) → node. Scanning an article does one typed-array probe
 * per character where a `Map` per node cost a hash lookup and pointer chase.
 */
const EMPTY = -1;
/** Size of the first-pair filter in bits (128 KB): few false positives for the gazetteer's pairs. */
const PAIR_BITS = 1 << 20;

function pairBit(a: number, b: number): number {
  return pairHash(a, b) >>> 12;
}

export class Automaton<V> {
  private keys: string[] = [];
  private values: V[] = [];
  /** Per node: fail link, output (key index or -1), dictionary suffix link (-1: none), depth. */
  private fail: Int32Array;
  private output: Int32Array;
  private dictLink: Int32Array;
  private depth: Int32Array;
  /** The root's transitions by character code; null for small automata (built per article: 256 KB each would cost more than it saves). */
  private root: Int32Array | null;
  /** One bit per character code: does any key start with it? Most characters of a text start none. */
  private starts = new Uint32Array(2048);
  /**
   * For large automata, one bit per hashed pair of first two characters of the keys, and one
   * bit per character code that is a whole key. At the root, a character that starts no
   * key's first pair and is no key itself is skipped without touching the trie: in running
   * text most characters start some division's name (70% for the gazetteer) but few start
   * the first two characters of one, and the trie's probes miss the cache.
   */
  private pairs: Uint32Array | null = null;
  private singles = new Uint32Array(2048);
  private hashNode: Int32Array;
  private hashChar: Uint16Array;
  private hashTo: Int32Array;
  private mask: number;

  /** findAll's matcher when the automaton was built to find keys from their ends (see SuffixScanner). */
  private fromEnds: SuffixScanner<V> | null = null;

  /**
   * `findFromEnds`: findAll walks back from the characters where a key can end instead of
   * forward from where one can start (same matches): cheaper for lexicons whose keys start
   * with common characters but end with few (titles: 市委副书记, 县长, 主任).
   */
  constructor(entries: Iterable<readonly [string, V]>, options: { findFromEnds?: boolean } = {}) {
    // Built straight into typed arrays: a Map per node cost the gazetteer's 100k nodes a
    // quarter second and much garbage at every start (and in every worker).
    const list: Array<readonly [string, V]> = [];
    let capacity = 1;
    for (const entry of entries) {
      if (!entry[0]) continue;
      list.push(entry);
      capacity += entry[0].length;
    }
    if (options.findFromEnds) this.fromEnds = new SuffixScanner(list);
    let size = 16;
    while (size < capacity * 2) size <<= 1;
    this.mask = size - 1;
    this.hashNode = new Int32Array(size).fill(EMPTY);
    this.hashChar = new Uint16Array(size);
    this.hashTo = new Int32Array(size);
    this.root = null;
    const output = new Int32Array(capacity).fill(-1);
    const depth = new Int32Array(capacity);
    // Children as linked lists (first child, next sibling) for the breadth-first pass.
    const firstChild = new Int32Array(capacity).fill(EMPTY);
    const nextSibling = new Int32Array(capacity).fill(EMPTY);
    const charOf = new Uint16Array(capacity);
    let n = 1;
    let rootChildren = 0;
    for (const [key, value] of list) {
      let cur = 0;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        let nxt = this.step(cur, c);
        if (nxt === EMPTY) {
          nxt = n++;
          depth[nxt] = depth[cur]! + 1;
          charOf[nxt] = c;
          nextSibling[nxt] = firstChild[cur]!;
          firstChild[cur] = nxt;
          this.insert(cur, c, nxt);
          if (cur === 0) {
            rootChildren++;
            this.starts[c >>> 5]! |= 1 << (c & 31);
          }
        }
        cur = nxt;
      }
      if (key.length === 1) this.singles[key.charCodeAt(0) >>> 5]! |= 1 << (key.charCodeAt(0) & 31);
      if (output[cur] === -1) {
        output[cur] = this.keys.length;
        this.keys.push(key);
        this.values.push(value);
      } else {
        // Last entry wins for a duplicate key, as in a Map.
        this.values[output[cur]!] = value;
      }
    }
    this.output = output.slice(0, n);
    this.depth = depth.slice(0, n);
    this.fail = new Int32Array(n);
    this.dictLink = new Int32Array(n).fill(-1);
    if (rootChildren >= 64) {
      const root = new Int32Array(65536).fill(EMPTY);
      for (let v = firstChild[0]!; v !== EMPTY; v = nextSibling[v]!) root[charOf[v]!] = v;
      this.root = root;
      const pairs = new Uint32Array(PAIR_BITS >>> 5);
      for (let v = firstChild[0]!; v !== EMPTY; v = nextSibling[v]!) {
        for (let w = firstChild[v]!; w !== EMPTY; w = nextSibling[w]!) {
          const bit = pairBit(charOf[v]!, charOf[w]!);
          pairs[bit >>> 5]! |= 1 << (bit & 31);
        }
      }
      this.pairs = pairs;
    }
    // Breadth first: a node's fail link points at a shallower node, already done.
    const queue = new Int32Array(n);
    let tail = 0;
    for (let v = firstChild[0]!; v !== EMPTY; v = nextSibling[v]!) queue[tail++] = v;
    for (let qi = 0; qi < tail; qi++) {
      const u = queue[qi]!;
      for (let v = firstChild[u]!; v !== EMPTY; v = nextSibling[v]!) {
        const c = charOf[v]!;
        let f = this.fail[u]!;
        let target = this.step(f, c);
        while (target === EMPTY && f !== 0) {
          f = this.fail[f]!;
          target = this.step(f, c);
        }
        const fv = target !== EMPTY && target !== v ? target : 0;
        this.fail[v] = fv;
        this.dictLink[v] = this.output[fv] !== -1 ? fv : this.dictLink[fv]!;
        queue[tail++] = v;
      }
    }
  }

  get size(): number {
    return this.keys.length;
  }

  private insert(node: number, c: number, to: number): void {
    let h = slot(node, c) & this.mask;
    while (this.hashNode[h] !== EMPTY) h = (h + 1) & this.mask;
    this.hashNode[h] = node;
    this.hashChar[h] = c;
    this.hashTo[h] = to;
  }

  /** The child of `node` on character `c`, or -1. */
  private step(node: number, c: number): number {
    if (node === 0 && this.root) return this.root[c]!;
    const hashNode = this.hashNode;
    const mask = this.mask;
    let h = slot(node, c) & mask;
    for (;;) {
      const k = hashNode[h]!;
      if (k === EMPTY) return EMPTY;
      if (k === node && this.hashChar[h] === c) return this.hashTo[h]!;
      h = (h + 1) & mask;
    }
  }

  /** The state after reading `c` in state `cur`: the child, else the failure links' first child on `c`, else the root. */
  private advance(cur: number, c: number): number {
    let nxt = this.step(cur, c);
    while (nxt === EMPTY && cur !== 0) {
      cur = this.fail[cur]!;
      nxt = this.step(cur, c);
    }
    return nxt === EMPTY ? 0 : nxt;
  }

  /** Every match of every key, ordered by end then by length (longest last). */
  findAll(text: string, from = 0, to = text.length): AutomatonMatch<V>[] {
    if (this.fromEnds !== null) return this.fromEnds.findAll(text, from, to);
    const out: AutomatonMatch<V>[] = [];
    const { output, dictLink, depth, starts, pairs, singles } = this;
    let cur = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (cur === 0) {
        if ((starts[c >>> 5]! & (1 << (c & 31))) === 0) continue;
        // From the root, a character whose pair with the next starts no key leaves the
        // automaton where reading the next character alone would (the root), unless it is
        // a one-character key itself.
        if (pairs !== null && (singles[c >>> 5]! & (1 << (c & 31))) === 0) {
          if (i + 1 >= to) continue;
          const bit = pairBit(c, text.charCodeAt(i + 1));
          if ((pairs[bit >>> 5]! & (1 << (bit & 31))) === 0) continue;
        }
      }
      cur = this.advance(cur, c);
      let n = output[cur] !== -1 ? cur : dictLink[cur]!;
      if (n <= 0) continue;
      // The outputs come longest first; the contract is shortest first. Push, then reverse
      // the run in place (no array per character: this loop runs over every character).
      const first = out.length;
      while (n > 0) {
        const k = output[n]!;
        out.push({ start: i + 1 - depth[n]!, end: i + 1, key: this.keys[k]!, value: this.values[k]! });
        n = dictLink[n]!;
      }
      for (let a = first, b = out.length - 1; a < b; a++, b--) {
        const t = out[a]!;
        out[a] = out[b]!;
        out[b] = t;
      }
    }
    return out;
  }

  /** The end of the last match inside `[from, to)` (the largest end of any key found there), or -1; allocates nothing. */
  lastMatchEnd(text: string, from = 0, to = text.length): number {
    const { output, dictLink, starts } = this;
    let cur = 0;
    let last = -1;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (cur === 0 && (starts[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      cur = this.advance(cur, c);
      if (output[cur] !== -1 || dictLink[cur]! > 0) last = i + 1;
    }
    return last;
  }

  /** Is there any match inside `[from, to)`? Stops at the first; allocates nothing. */
  hasMatch(text: string, from = 0, to = text.length): boolean {
    const { output, dictLink, starts } = this;
    let cur = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (cur === 0 && (starts[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      cur = this.advance(cur, c);
      if (output[cur] !== -1 || dictLink[cur]! > 0) return true;
    }
    return false;
  }

  /**
   * True when `text[from, to)` is a sequence of keys, one after another (an empty span is
   * not). Dynamic programming over the span's positions as the matches come (by end, so
   * every position a key starts at is settled before the key is read); no list of matches.
   */
  covers(text: string, from = 0, to = text.length): boolean {
    if (to <= from) return false;
    const n = to - from;
    if (coverScratch.length <= n) coverScratch = new Uint8Array(2 * (n + 1));
    const reached = coverScratch;
    // A loop, not fill(): the spans are a few characters, and the builtin's call costs more.
    reached[0] = 1;
    for (let k = 1; k <= n; k++) reached[k] = 0;
    const { output, dictLink, depth, starts } = this;
    let cur = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (cur === 0 && (starts[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      cur = this.advance(cur, c);
      const end = i + 1 - from;
      for (let m = output[cur] !== -1 ? cur : dictLink[cur]!; m > 0; m = dictLink[m]!) {
        if (reached[end - depth[m]!] === 1) {
          reached[end] = 1;
          break;
        }
      }
    }
    return reached[n] === 1;
  }

  /**
   * Leftmost-longest matches that do not overlap: at each position the longest key that
   * starts there wins, and scanning resumes after it.
   */
  findLongest(text: string, from = 0, to = text.length): AutomatonMatch<V>[] {
    return pickLeftmostLongest(this.findAll(text, from, to));
  }


  /** The longest key that starts exactly at `index`, or null. */
  longestAt(text: string, index: number): AutomatonMatch<V> | null {
    let cur = 0;
    let best: AutomatonMatch<V> | null = null;
    for (let i = index; i < text.length; i++) {
      const nxt = this.step(cur, text.charCodeAt(i));
      if (nxt === EMPTY) break;
      cur = nxt;
      const k = this.output[cur]!;
      if (k !== -1) best = { start: index, end: i + 1, key: this.keys[k]!, value: this.values[k]! };
    }
    return best;
  }

  /**
   * The longest key (of at most `maxLength` characters) that ends exactly at `end`. Walks a
   * trie of the reversed keys backwards from `end`: one step per character, where trying
   * every start cost up to maxLength² steps (the project and event finders call this for
   * every candidate name).
   */
  longestEndingAt(text: string, end: number, maxLength = 32): AutomatonMatch<V> | null {
    const reversed = (this.reversed ??= new ReversedTrie(this.keys));
    const stop = Math.max(0, end - maxLength);
    const table = reversed.table;
    let cur = 0;
    let best = -1;
    let bestStart = end;
    for (let i = end - 1; i >= stop; i--) {
      const at = reversed.slotOf(cur, text.charCodeAt(i));
      if (at === EMPTY) break;
      cur = table[at + 2]!;
      if (table[at + 3] !== -1) {
        best = table[at + 3]!;
        bestStart = i;
      }
    }
    return best === -1 ? null : { start: bestStart, end, key: this.keys[best]!, value: this.values[best]! };
  }

  private reversed?: ReversedTrie;

  /** The key equal to `text.slice(start, end)`, or null. */
  exactAt(text: string, start: number, end: number): AutomatonMatch<V> | null {
    let cur = 0;
    for (let i = start; i < end; i++) {
      const nxt = this.step(cur, text.charCodeAt(i));
      if (nxt === EMPTY) return null;
      cur = nxt;
    }
    const k = this.output[cur]!;
    return k === -1 ? null : { start, end, key: this.keys[k]!, value: this.values[k]! };
  }

  /** The value stored under exactly `key`, or undefined. */
  get(key: string): V | undefined {
    return this.exactAt(key, 0, key.length)?.value;
  }
}

/** Which positions of its span `covers` has reached; shared (a typed array per call cost more than the test). */
let coverScratch = new Uint8Array(64);

/**
 * The trie of every key read backwards, for longestEndingAt and SuffixScanner: transitions in
 * one open-addressing hash table of (node, character) → node, as the forward trie's (a Map per
 * node cost a hash lookup and a pointer chase per step). A slot is four numbers side by side —
 * parent node, character, child node, the child's key index (-1: none) — so a step reads one
 * cache line: in a real run the other stages evict the table between articles, and with the
 * four in separate arrays every step of a walk cost up to four misses (the gazetteer scan was
 * 4x slower cold than warm). The table grows to keep at most half its slots used.
 */
class ReversedTrie {
  /** Slot i is table[4i … 4i+3]: parent (EMPTY: free slot), character, child, child's key index. */
  table: Int32Array;
  /** Slot count - 1 (a power of two). */
  mask: number;
  /** Key index per node (-1: no key ends there). */
  readonly output: Int32Array;
  private used = 0;

  constructor(keys: readonly string[]) {
    // A trie has at least a node per key: start with twice that many slots.
    let slots = 1024;
    while (slots < 2 * keys.length) slots <<= 1;
    this.mask = slots - 1;
    this.table = new Int32Array(4 * slots).fill(EMPTY);
    let capacity = 1;
    for (const key of keys) capacity += key.length;
    const output = new Int32Array(capacity).fill(-1);
    let n = 1;
    keys.forEach((key, k) => {
      let cur = 0;
      let slot = -1;
      for (let i = key.length - 1; i >= 0; i--) {
        const c = key.charCodeAt(i);
        slot = this.slotOf(cur, c);
        if (slot === EMPTY) slot = this.insert(cur, c, n++);
        cur = this.table[slot + 2]!;
      }
      output[cur] = k;
      if (slot !== EMPTY) this.table[slot + 3] = k;
    });
    this.output = output.slice(0, n);
  }

  private insert(node: number, c: number, child: number): number {
    if (2 * (this.used + 1) > this.mask + 1) this.grow();
    this.used++;
    const slot = this.freeSlot(node, c);
    const table = this.table;
    table[slot] = node;
    table[slot + 1] = c;
    table[slot + 2] = child;
    table[slot + 3] = -1;
    return slot;
  }

  /** The free slot where (node, c) goes (its start index in table). */
  private freeSlot(node: number, c: number): number {
    let h = slot(node, c) & this.mask;
    while (this.table[4 * h] !== EMPTY) h = (h + 1) & this.mask;
    return 4 * h;
  }

  private grow(): void {
    const old = this.table;
    this.mask = 2 * (this.mask + 1) - 1;
    this.table = new Int32Array(4 * (this.mask + 1)).fill(EMPTY);
    for (let i = 0; i < old.length; i += 4) {
      if (old[i] === EMPTY) continue;
      const to = this.freeSlot(old[i]!, old[i + 1]!);
      for (let j = 0; j < 4; j++) this.table[to + j] = old[i + j]!;
    }
  }

  /**
   * The slot of the child of `node` on character `c` (its start index in `table`: the child
   * is table[slot + 2], its key index table[slot + 3]), or EMPTY. The same probe as
   * Automaton's, written out again: a shared transition-table object cost this walk ~10% (measured).
   */
  slotOf(node: number, c: number): number {
    const table = this.table;
    const mask = this.mask;
    let h = slot(node, c) & mask;
    for (;;) {
      const k = table[4 * h]!;
      if (k === EMPTY) return EMPTY;
      if (k === node && table[4 * h + 1] === c) return 4 * h;
      h = (h + 1) & mask;
    }
  }
}

/** Size of SuffixScanner's last-pair filter in bits (16 KB: stays in the first-level cache). */
const LAST_PAIR_BITS = 1 << 17;

function lastPairBit(before: number, last: number): number {
  return pairHash(before, last) >>> 15;
}

/** Size of SuffixScanner's two-character-key filter in bits (4 KB). */
const PAIR_KEY_BITS = 1 << 15;

function pairKeyBit(first: number, second: number): number {
  return pairHash(first, second) >>> 17;
}

/** Size of SuffixScanner's last-three filter in bits (32 KB). */
const LAST_TRIPLE_BITS = 1 << 18;

function lastTripleBit(a: number, b: number, c: number): number {
  return (Math.imul(a, 0x27d4eb2f) ^ pairHash(b, c)) >>> 14;
}

/**
 * `findAll` of an Automaton of the same keys, found from the other end: at each character
 * that ends some key (by a bit per character, then a bit per hashed pair of a key's last two
 * characters), the trie of the reversed keys is walked backwards, and every key ending there
 * comes out, shortest first. For the gazetteer's 36k names this is the cheaper way round: in
 * running text ~70% of characters start some name and ~7% start a name's first two
 * characters, but only ~2.5% end a name's last two (a name ends in one of a few hundred
 * characters, 市县区镇乡村…), so the big trie (megabytes, mostly cache misses) is walked a
 * third as often, and the filters are 24 KB instead of 390 KB. It keeps no fail links.
 */
export class SuffixScanner<V> {
  private keys: string[] = [];
  private values: V[] = [];
  private suffixes: SuffixTable;
  /** One bit per character code: does some key end in it? */
  private lastChars = new Uint32Array(2048);
  /** One bit per character code that is a whole key (no pair to check). */
  private singles = new Uint32Array(2048);
  private hasSingles = false;
  /** One bit per hashed pair of a key's last two characters. */
  private lastPairs = new Uint32Array(LAST_PAIR_BITS >>> 5);
  /**
   * Where the pair passes, the walk is still wasted two times in three (the pair ends a
   * longer key, 城市 in 城市建设): one bit per hashed two-character key, and one per hashed
   * last three characters of a longer key, rule most of those out before the walk.
   */
  private pairKeys = new Uint32Array(PAIR_KEY_BITS >>> 5);
  private lastTriples = new Uint32Array(LAST_TRIPLE_BITS >>> 5);

  constructor(entries: Iterable<readonly [string, V]>) {
    // As Automaton: empty keys are skipped; a duplicate key keeps its first place and its last value.
    const index = new Map<string, number>();
    for (const [key, value] of entries) {
      if (!key) continue;
      const k = index.get(key);
      if (k !== undefined) {
        this.values[k] = value;
        continue;
      }
      index.set(key, this.keys.length);
      this.keys.push(key);
      this.values.push(value);
      const last = key.charCodeAt(key.length - 1);
      this.lastChars[last >>> 5]! |= 1 << (last & 31);
      if (key.length === 1) {
        this.singles[last >>> 5]! |= 1 << (last & 31);
        this.hasSingles = true;
      } else {
        const before = key.charCodeAt(key.length - 2);
        const bit = lastPairBit(before, last);
        this.lastPairs[bit >>> 5]! |= 1 << (bit & 31);
        if (key.length === 2) {
          const pair = pairKeyBit(before, last);
          this.pairKeys[pair >>> 5]! |= 1 << (pair & 31);
        } else {
          const triple = lastTripleBit(key.charCodeAt(key.length - 3), before, last);
          this.lastTriples[triple >>> 5]! |= 1 << (triple & 31);
        }
      }
    }
    this.suffixes = new SuffixTable(this.keys);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The length of the longest key (0 without keys): a match starting at i ends by i + maxKeyLength. */
  get maxKeyLength(): number {
    return this.suffixes.maxLength;
  }

  /** Every match of every key inside `[from, to)`, ordered by end then by length (longest last), as Automaton.findAll. */
  findAll(text: string, from = 0, to = text.length): AutomatonMatch<V>[] {
    if (this.hasSingles) return this.findAllWithSingles(text, from, to);
    const out: AutomatonMatch<V>[] = [];
    const { lastPairs, pairKeys, lastTriples } = this;
    // Without one-character keys (the gazetteer has none) every key ends in a pair, and the
    // pair filter alone passes ~5% of characters: reading the last-character bits too ruled
    // out only a third of those, for a second load on every character.
    // (Before `from` the characters are taken as 0: a key starting there is not reported anyway.)
    let before = 0;
    let beforeThat = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const bit = lastPairBit(before, c);
      const b = before;
      const a = beforeThat;
      beforeThat = before;
      before = c;
      if (((lastPairs[bit >>> 5]! >>> (bit & 31)) & 1) === 0) continue;
      const pair = pairKeyBit(b, c);
      const triple = lastTripleBit(a, b, c);
      if ((((pairKeys[pair >>> 5]! >>> (pair & 31)) | (lastTriples[triple >>> 5]! >>> (triple & 31))) & 1) === 0) continue;
      collectEndingAt(this.suffixes, this.keys, this.values, text, from, i, b, c, false, out);
    }
    return out;
  }

  /** findAll for keys that include one-character ones: those are tested by a bit per character. */
  private findAllWithSingles(text: string, from: number, to: number): AutomatonMatch<V>[] {
    const out: AutomatonMatch<V>[] = [];
    const { lastChars, singles, lastPairs, pairKeys, lastTriples } = this;
    // Both filters are read for every character and tested together: a third of the
    // characters end some key, too many for a branch on that alone to be predicted.
    let before = 0;
    let beforeThat = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const bit = lastPairBit(before, c);
      const b = before;
      const a = beforeThat;
      beforeThat = before;
      before = c;
      const word = c >>> 5;
      const shift = c & 31;
      const ends = (lastChars[word]! >>> shift) & (lastPairs[bit >>> 5]! >>> (bit & 31));
      const single = ((singles[word]! >>> shift) & 1) === 1;
      if ((ends & 1) === 0 && !single) continue;
      if (!single) {
        const pair = pairKeyBit(b, c);
        const triple = lastTripleBit(a, b, c);
        if ((((pairKeys[pair >>> 5]! >>> (pair & 31)) | (lastTriples[triple >>> 5]! >>> (triple & 31))) & 1) === 0) continue;
      }
      collectEndingAt(this.suffixes, this.keys, this.values, text, from, i, b, c, single, out);
    }
    return out;
  }

}

/**
 * Adds to `out` every key of `table` that ends at `i` (and starts at or after `from`), shortest
 * first: `before` and `last` are the text's characters at i - 1 (0 at `from`) and i; `single`
 * says a one-character key ends there. The text's suffixes ending at i are hashed backwards,
 * one character at a time (no memory but the text's), and only the lengths of keys ending in
 * this pair are looked up: the probes do not depend on each other, where a trie walk's steps
 * each waited for the last (a likely cache miss apiece).
 * Kept out of findAll's loop, and too large for the optimiser to inline into it: inlined (as
 * it was, or as a smaller function) the per-character loop ran ~25% slower (measured).
 */
function collectEndingAt<V>(
  table: SuffixTable,
  keys: readonly string[],
  values: readonly V[],
  text: string,
  from: number,
  i: number,
  before: number,
  last: number,
  single: boolean,
  out: AutomatonMatch<V>[],
): void {
  let lengths = table.lengthsByPair[lengthPairIndex(before, last)]! | (single ? 2 : 0);
  const { slots, chars, mask, maxLength } = table;
  const limit = Math.min(maxLength, i - from + 1);
  let h = 0;
  for (let length = 1; length <= limit && lengths !== 0; length++) {
    const start = i + 1 - length;
    h = (Math.imul(h, SUFFIX_HASH_BASE) + text.charCodeAt(start)) | 0;
    const lengthBit = length < 31 ? 1 << length : LONG_LENGTHS;
    if ((lengths & lengthBit) === 0) continue;
    if (length < 31) lengths &= ~lengthBit;
    const code = suffixCode(h, length);
    for (let s = (Math.imul(code, 0x85ebca6b) >>> 0) & mask; ; s = (s + 1) & mask) {
      const k = slots[4 * s + 1]!;
      if (k === -1) break;
      if (slots[4 * s] !== code) continue;
      const at = slots[4 * s + 2]!;
      if (slots[4 * s + 3] !== length) continue;
      let same = true;
      for (let t = 0; t < length; t++) {
        if (chars[at + t] !== text.charCodeAt(start + t)) {
          same = false;
          break;
        }
      }
      if (same) {
        out.push({ start, end: i + 1, key: keys[k]!, value: values[k]! });
        break;
      }
    }
  }
}

/** The multiplier of SuffixScanner's backward rolling hash of a text's suffixes. */
const SUFFIX_HASH_BASE = 0x01000193;

/** The length bit standing for every length from 31 up (the keys' lengths are a bitmask per pair). */
const LONG_LENGTHS = 1 << 31;

/** The rolling hash of a suffix mixed with its length: the code a SuffixTable slot holds. */
function suffixCode(hash: number, length: number): number {
  return hash ^ Math.imul(length, 0x9e3779b1);
}

/** Entries in SuffixTable's lengths-per-pair table (128 KB). */
const LENGTH_PAIR_BITS = 15;

function lengthPairIndex(before: number, last: number): number {
  return pairHash(before, last) >>> (32 - LENGTH_PAIR_BITS);
}

/**
 * Every key by the hash of its characters read backwards (as SuffixScanner hashes the text's
 * suffixes), in one open-addressing table: slot s is slots[4s … 4s+3] = the code (hash mixed
 * with length), the key index (-1: free), where its characters start in `chars`, its length.
 * Beside it, per hashed pair of last characters, the bitmask of the lengths of keys ending so.
 */
class SuffixTable {
  readonly slots: Int32Array;
  readonly mask: number;
  /** Every key's characters, one after another (a compare touches one place, not a string). */
  readonly chars: Uint16Array;
  readonly lengthsByPair = new Uint32Array(1 << LENGTH_PAIR_BITS);
  readonly maxLength: number;

  constructor(keys: readonly string[]) {
    let count = 1024;
    while (count < 2 * keys.length) count <<= 1;
    this.mask = count - 1;
    const slots = (this.slots = new Int32Array(4 * count).fill(-1));
    let total = 0;
    let maxLength = 0;
    for (const key of keys) {
      total += key.length;
      maxLength = Math.max(maxLength, key.length);
    }
    this.maxLength = maxLength;
    const chars = (this.chars = new Uint16Array(total));
    let at = 0;
    keys.forEach((key, k) => {
      const length = key.length;
      let h = 0;
      for (let t = length - 1; t >= 0; t--) h = (Math.imul(h, SUFFIX_HASH_BASE) + key.charCodeAt(t)) | 0;
      const code = suffixCode(h, length);
      let s = (Math.imul(code, 0x85ebca6b) >>> 0) & this.mask;
      while (slots[4 * s + 1] !== -1) s = (s + 1) & this.mask;
      slots[4 * s] = code;
      slots[4 * s + 1] = k;
      slots[4 * s + 2] = at;
      slots[4 * s + 3] = length;
      for (let t = 0; t < length; t++) chars[at + t] = key.charCodeAt(t);
      at += length;
      if (length >= 2) {
        const pair = lengthPairIndex(key.charCodeAt(length - 2), key.charCodeAt(length - 1));
        this.lengthsByPair[pair]! |= length < 31 ? 1 << length : LONG_LENGTHS;
      }
    });
  }
}

/**
 * One bit per character code (2048 words): the first character of each of `words`. Null when
 * a word is empty (an empty word starts everywhere: no character can be ruled out).
 */
export function firstCharBits(words: readonly string[]): Uint32Array | null {
  const bits = new Uint32Array(2048);
  for (const word of words) {
    if (!word) return null;
    const c = word.charCodeAt(0);
    bits[c >>> 5]! |= 1 << (c & 31);
  }
  return bits;
}

/**
 * One bit per character code (2048 words): the last character of each of `words`. Null when
 * a word is empty (an empty word ends everywhere: no character can be ruled out).
 */
export function lastCharBits(words: readonly string[]): Uint32Array | null {
  const bits = new Uint32Array(2048);
  for (const word of words) {
    if (!word) return null;
    const c = word.charCodeAt(word.length - 1);
    bits[c >>> 5]! |= 1 << (c & 31);
  }
  return bits;
}

/**
 * A 32-bit hash of two numbers: a trie transition (node, character), or a pair of characters
 * for the pair filters (which keep its top bits).
 */
export function pairHash(a: number, b: number): number {
  return (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca6b)) >>> 0;
}

/** The hash slot of the transition (node, c), before masking. */
const slot = pairHash;

/**
 * `new Automaton(keys).findLongest(text)` for a handful of keys found in this very article
 * (the names to look for again): every occurrence by `indexOf`, then the same leftmost-
 * longest choice. Building an automaton per article cost more than the search itself.
 */
export function findLongestOf(text: string, keys: Iterable<string>): Array<{ start: number; end: number; key: string }> {
  const all: Array<{ start: number; end: number; key: string }> = [];
  for (const key of new Set(keys)) {
    if (!key) continue;
    for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) all.push({ start: i, end: i + key.length, key });
  }
  return pickLeftmostLongest(all);
}

/**
 * Leftmost-longest, not overlapping: at each start the longest match wins, and the next
 * kept match starts at or after its end. Sorts `matches` in place (by start, longest first:
 * the first match of each start is the one that can win).
 */
export function pickLeftmostLongest<M extends { start: number; end: number }>(matches: M[]): M[] {
  if (matches.length < 2) return matches;
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: M[] = [];
  let pos = 0;
  for (const m of matches) {
    if (m.start < pos) continue;
    out.push(m);
    pos = m.end;
  }
  return out;
}
