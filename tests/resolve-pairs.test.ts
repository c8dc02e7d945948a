import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PairTable } from '../src/resolve/pairs.js';

describe('PairTable', () => {
  it('answers as a Map keyed by both numbers would, through growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3000), fc.nat(50), fc.nat(1_000_000)), { maxLength: 3000 }), (ops) => {
        const table = new PairTable();
        const map = new Map<string, number>();
        for (const [a, b, v] of ops) {
          table.set(a, b, v);
          map.set(`${a},${b}`, v);
        }
        expect(table.size).toBe(map.size);
        for (const [a, b] of ops) expect(table.get(a, b)).toBe(map.get(`${a},${b}`));
        expect(table.get(3001, 0)).toBe(-1);
        expect(table.get(0, 2 ** 31 - 1)).toBe(-1);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps numbers up to 2^31 - 1 apart', () => {
    const table = new PairTable();
    table.set(2 ** 31 - 1, 0, 1);
    table.set(0, 2 ** 31 - 1, 2);
    expect([table.get(2 ** 31 - 1, 0), table.get(0, 2 ** 31 - 1), table.get(0, 0)]).toEqual([1, 2, -1]);
  });
});
