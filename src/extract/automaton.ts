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

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Index into `keys` of the pattern ending here, or -1. */
  output: number;
  /** Next node on the fail chain that has an output (dictionary suffix link), or -1. */
  dictLink: number;
  depth: number;
}

export class Automaton<V> {
  private nodes: Node[] = [];
  private keys: string[] = [];
  private values: V[] = [];

  constructor(entries: Iterable<readonly [string, V]>) {
    this.nodes.push({ next: new Map(), fail: 0, output: -1, dictLink: -1, depth: 0 });
    for (const [key, value] of entries) this.add(key, value);
    this.build();
  }

  get size(): number {
    return this.keys.length;
  }

  private add(key: string, value: V): void {
    if (!key) return;
    let cur = 0;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      let nxt = this.nodes[cur]!.next.get(c);
      if (nxt === undefined) {
        nxt = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, output: -1, dictLink: -1, depth: this.nodes[cur]!.depth + 1 });
        this.nodes[cur]!.next.set(c, nxt);
      }
      cur = nxt;
    }
    const node = this.nodes[cur]!;
    if (node.output === -1) {
      node.output = this.keys.length;
      this.keys.push(key);
      this.values.push(value);
    } else {
      // Last entry wins for a duplicate key, as in a Map.
      this.values[node.output] = value;
    }
  }

  private build(): void {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) {
      this.nodes[child]!.fail = 0;
      queue.push(child);
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const u = queue[qi]!;
      const node = this.nodes[u]!;
      for (const [c, v] of node.next) {
        let f = node.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        const child = this.nodes[v]!;
        child.fail = target !== undefined && target !== v ? target : 0;
        const fn = this.nodes[child.fail]!;
        child.dictLink = fn.output !== -1 ? child.fail : fn.dictLink;
        queue.push(v);
      }
    }
  }

  /** Every match of every key, ordered by end then by length (longest last). */
  findAll(text: string, from = 0, to = text.length): AutomatonMatch<V>[] {
    const out: AutomatonMatch<V>[] = [];
    const nodes = this.nodes;
    let cur = 0;
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      let nxt = nodes[cur]!.next.get(c);
      while (nxt === undefined && cur !== 0) {
        cur = nodes[cur]!.fail;
        nxt = nodes[cur]!.next.get(c);
      }
      cur = nxt ?? 0;
      let n = nodes[cur]!.output !== -1 ? cur : nodes[cur]!.dictLink;
      if (n === -1 || n === 0) continue;
      // The outputs come longest first; the contract is shortest first. Push, then reverse
      // the run in place (no array per character: this loop runs over every character).
      const first = out.length;
      while (n !== -1 && n !== 0) {
        const node = nodes[n]!;
        const k = node.output;
        out.push({ start: i + 1 - node.depth, end: i + 1, key: this.keys[k]!, value: this.values[k]! });
        n = node.dictLink;
      }
      for (let a = first, b = out.length - 1; a < b; a++, b--) {
        const t = out[a]!;
        out[a] = out[b]!;
        out[b] = t;
      }
    }
    return out;
  }

  /**
   * Leftmost-longest matches that do not overlap: at each position the longest key that
   * starts there wins, and scanning resumes after it.
   */
  findLongest(text: string, from = 0, to = text.length): AutomatonMatch<V>[] {
    const all = this.findAll(text, from, to);
    const bestAt = new Map<number, AutomatonMatch<V>>();
    for (const m of all) {
      const prev = bestAt.get(m.start);
      if (!prev || m.end > prev.end) bestAt.set(m.start, m);
    }
    const starts = [...bestAt.keys()].sort((a, b) => a - b);
    const out: AutomatonMatch<V>[] = [];
    let pos = from;
    for (const s of starts) {
      if (s < pos) continue;
      const m = bestAt.get(s)!;
      out.push(m);
      pos = m.end;
    }
    return out;
  }

  /** The longest key that starts exactly at `index`, or null. */
  longestAt(text: string, index: number): AutomatonMatch<V> | null {
    let cur = 0;
    let best: AutomatonMatch<V> | null = null;
    for (let i = index; i < text.length; i++) {
      const nxt = this.nodes[cur]!.next.get(text.charCodeAt(i));
      if (nxt === undefined) break;
      cur = nxt;
      const k = this.nodes[cur]!.output;
      if (k !== -1) best = { start: index, end: i + 1, key: this.keys[k]!, value: this.values[k]! };
    }
    return best;
  }

  /** The longest key that ends exactly at `end` (scanning backwards is done by trying each start). */
  longestEndingAt(text: string, end: number, maxLength = 32): AutomatonMatch<V> | null {
    for (let start = Math.max(0, end - maxLength); start < end; start++) {
      const m = this.exactAt(text, start, end);
      if (m) return m;
    }
    return null;
  }

  /** The key equal to `text.slice(start, end)`, or null. */
  exactAt(text: string, start: number, end: number): AutomatonMatch<V> | null {
    let cur = 0;
    for (let i = start; i < end; i++) {
      const nxt = this.nodes[cur]!.next.get(text.charCodeAt(i));
      if (nxt === undefined) return null;
      cur = nxt;
    }
    const k = this.nodes[cur]!.output;
    return k === -1 ? null : { start, end, key: this.keys[k]!, value: this.values[k]! };
  }

  /** The value stored under exactly `key`, or undefined. */
  get(key: string): V | undefined {
    return this.exactAt(key, 0, key.length)?.value;
  }
}
