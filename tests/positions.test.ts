import { describe, expect, it } from 'vitest';
import { MarkedPositions } from '../src/extract/positions.js';

describe('MarkedPositions', () => {
  it('gathers the positions of the marked characters, in order', () => {
    const table = new Uint8Array(0x10000);
    table['市'.charCodeAt(0)] = 1;
    table['县'.charCodeAt(0)] = 7; // any nonzero byte marks
    const marked = new MarkedPositions();
    const count = marked.gather('市委书记到新区和县城调研', table);
    expect(Array.from(marked.positions.subarray(0, count))).toEqual([0, 8]);
  });

  it('grows for a text longer than its buffer and finds nothing in a text without marks', () => {
    const table = new Uint8Array(0x10000);
    table['。'.charCodeAt(0)] = 1;
    const marked = new MarkedPositions();
    const text = '会议'.repeat(3000) + '。';
    expect(marked.gather(text, table)).toBe(1);
    expect(marked.positions[0]).toBe(6000);
    expect(marked.gather('没有句号', table)).toBe(0);
  });
});
