/**
 * Positions of the characters a table marks (a nonzero byte per UTF-16 code unit), gathered in
 * one pass without a branch per character: a test per character mispredicts at every marked one,
 * and the scans that use this (the cue scan, the repeated-name search) mark few characters.
 */
export class MarkedPositions {
  /** After gather(): the positions, in order, in [0, count). Reused from text to text. */
  positions = new Int32Array(4096);

  /** Fills `positions` with every i where table[text.charCodeAt(i)] is not 0; returns how many. */
  gather(text: string, table: Uint8Array): number {
    const length = text.length;
    if (this.positions.length < length) this.positions = new Int32Array(length * 2);
    const positions = this.positions;
    let count = 0;
    for (let i = 0; i < length; i++) {
      positions[count] = i;
      // 1 where the byte is not 0, else 0.
      count += (table[text.charCodeAt(i)]! + 0xff) >>> 8;
    }
    return count;
  }
}
