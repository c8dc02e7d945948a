/**
 * A map from pairs of non-negative int32 numbers to non-negative int32 values, in typed arrays
 * (open addressing, linear probing). The resolver groups relation facts by (type and start
 * node, end node): one number for the three would pass 2^31 in a large corpus, and a Map keyed
 * by such numbers boxes each one and hashes it as a double.
 *
 * Example: `t.set(3, 7, 0); t.get(3, 7)` → 0; `t.get(7, 3)` → -1.
 */
export class PairTable {
  private firsts: Int32Array;
  private seconds: Int32Array;
  /** -1 marks an empty slot. */
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(expected = 0) {
    let size = 1024;
    while (size < expected * 2) size *= 2;
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The value of (a, b), -1 for none. */
  get(a: number, b: number): number {
    const mask = this.mask;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const v = this.values[slot]!;
      if (v < 0 || (this.firsts[slot] === a && this.seconds[slot] === b)) return v;
    }
  }

  /** Sets the value of (a, b); `value` ≥ 0. */
  set(a: number, b: number, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const mask = this.mask;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const v = this.values[slot]!;
      if (v < 0) {
        this.firsts[slot] = a;
        this.seconds[slot] = b;
        this.values[slot] = value;
        this.count++;
        return;
      }
      if (this.firsts[slot] === a && this.seconds[slot] === b) {
        this.values[slot] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    const size = values.length * 2;
    this.firsts = new Int32Array(size);
    this.seconds = new Int32Array(size);
    this.values = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.count = 0;
    for (let slot = 0; slot < values.length; slot++) if (values[slot]! >= 0) this.set(firsts[slot]!, seconds[slot]!, values[slot]!);
  }
}

/** A slot from the pair's two numbers, mixed so that neighbouring pairs spread over the table. */
function slotOf(a: number, b: number, mask: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  return (h ^ (h >>> 15)) & mask;
}
