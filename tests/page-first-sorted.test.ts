/** index.html's evidence on a partial page: `firstSorted` picks what a stable sort then a cut would (issue 6). */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { firstSorted } from '../src/export/html.js';

describe('firstSorted', () => {
  test('is the first k of a stable sort', () => {
    const compare = (a: { d: string }, b: { d: string }) => (a.d || '9999').localeCompare(b.d || '9999');
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', '2024-03-05', '2024-01-01', '2023-12-31', '9999', '2024-03-05T1'), { maxLength: 40 }), fc.nat(8), (dates, k) => {
        const items = dates.map((d, i) => ({ d, i }));
        expect(firstSorted(items, k, compare)).toEqual([...items].sort(compare).slice(0, k));
      }),
    );
  });
});
