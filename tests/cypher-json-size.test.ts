/**
 * jsonByteLength sizes the load plan's rows for its batch cuts (graph.cypher's batch
 * boundaries): it must give exactly `Buffer.byteLength(JSON.stringify(value))`.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonByteLength, jsonStringByteLength } from '../src/cypher/json-size.js';
import { planLoad, readGraphSchema } from '../src/cypher/index.js';

const measured = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

describe('jsonByteLength', () => {
  it('agrees with JSON.stringify on hand-picked values', () => {
    for (const v of [
      '',
      '荆州市委书记 吴锦',
      'a"b\\c\n\t\u0001\u001f\u007f',
      '😀\ud800x\udc00',
      '\ud83d',
      0,
      -0,
      -12,
      1.5,
      1e21,
      -1e-7,
      Number.MAX_SAFE_INTEGER,
      NaN,
      Infinity,
      true,
      false,
      null,
      [],
      [1, 'a', null, undefined, () => 1],
      {},
      { a: undefined, b: 1, 'ké"y': ['x'] },
      { id: 'mentions:00a1', start: 'article:1', starts: [5, 90], texts: ['吴锦', '吴锦'] },
      new Date(0),
      { nested: { toJSON: () => 'x' } },
    ]) {
      expect(jsonByteLength(v), JSON.stringify(v)).toBe(measured(v));
    }
  });
  it('agrees with JSON.stringify on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => jsonStringByteLength(s) === measured(s)), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => jsonStringByteLength(s) === measured(s)), { numRuns: 1000 });
    // Long ones too: past 32 code units plain strings are measured another way.
    fc.assert(fc.property(fc.string({ unit: 'binary', minLength: 30, maxLength: 120 }), (s) => jsonStringByteLength(s) === measured(s)), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', minLength: 30, maxLength: 120 }), (s) => jsonStringByteLength(s) === measured(s)), { numRuns: 1000 });
    expect(jsonStringByteLength('荆'.repeat(40))).toBe(122);
  });
  it('agrees with JSON.stringify on rows of any shape', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => jsonByteLength(v) === measured(v)), { numRuns: 2000 });
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.oneof(fc.double(), fc.integer(), fc.array(fc.string({ unit: 'binary' })))), (v) => jsonByteLength(v) === measured(v)), { numRuns: 2000 });
  });
});

describe('planLoad evidence rows', () => {
  /** The evidence lists as the plan made them before issue 6: items keyed by their identity's JSON. */
  function reference(props: Record<string, unknown[]>, lists: { name: string; type: string }[], identity: string[]) {
    const scalar = (v: unknown, type: string) =>
      type === 'int'
        ? (typeof v === 'string' && v.trim() !== '' ? Number(v) : v) as unknown
        : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    const coerce = (v: unknown, type: string) => {
      if (v === null || v === undefined) return type === 'int' ? -1 : '';
      const c = scalar(v, type);
      if (type === 'int') return typeof c === 'number' && Number.isFinite(c) ? Math.trunc(c) : -1;
      return c ?? '';
    };
    const n = (props[lists[0]!.name] ?? []).length;
    const out: Record<string, unknown[]> = Object.fromEntries(lists.map((l) => [l.name, []]));
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const item = lists.map((l) => coerce((props[l.name] ?? [])[i], l.type));
      const key = JSON.stringify(identity.map((name) => item[lists.findIndex((l) => l.name === name)]));
      if (seen.has(key)) continue;
      seen.add(key);
      lists.forEach((l, k) => out[l.name]!.push(item[k]));
    }
    return out;
  }
  const schema = readGraphSchema();
  const lists = [
    { name: 'evidenceArticles', type: 'string' },
    { name: 'evidenceSentences', type: 'string' },
    { name: 'evidenceStarts', type: 'int' },
    { name: 'evidenceEnds', type: 'int' },
    { name: 'evidenceDates', type: 'string' },
    { name: 'rules', type: 'string' },
  ];
  const identity = ['evidenceArticles', 'evidenceStarts', 'evidenceEnds', 'rules'];
  const few = <T>(arb: fc.Arbitrary<T>) => fc.constantFrom(0, 1, 2).chain((k) => fc.array(arb, { minLength: k, maxLength: k }));
  const item = fc.record({
    evidenceArticles: fc.oneof(fc.constantFrom('a', 'b', '1'), fc.constant(1)),
    evidenceSentences: fc.constantFrom('s', 't'),
    evidenceStarts: fc.oneof(fc.constantFrom(0, -0, 1, 2.5, -1), fc.constantFrom('1', 'x', '')),
    evidenceEnds: fc.constantFrom(3, 4),
    evidenceDates: fc.constantFrom('2020-01-01', ''),
    rules: fc.constantFrom('r1', 'r2'),
  });
  it('keep each identity once, as the JSON-keyed version did (few and many items, ragged lists)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(item, { maxLength: 12 }), fc.array(item, { minLength: 17, maxLength: 60 })), few(fc.constantFrom(0, 1, 2)), (items, cut) => {
        const props: Record<string, unknown[]> = {};
        for (const l of lists) props[l.name] = items.map((it) => it[l.name as keyof typeof it]);
        // Some lists shorter than the first: filled.
        for (const k of cut) props[lists[k + 2]!.name]!.length = Math.floor(items.length / 2);
        const graph = {
          nodes: [
            { id: 'office:1', label: 'Office' as const, properties: { id: 'office:1', name: 'o' } },
            { id: 'person:1', label: 'Person' as const, properties: { id: 'person:1', name: 'p' } },
          ],
          relationships: [{ id: 'holds:1', type: 'HOLDS' as const, start: 'person:1', end: 'office:1', properties: { id: 'holds:1', ...props } as never }],
        };
        const row = planLoad(graph, { schema }).groups.find((g) => g.target === 'HOLDS')!.batches.at(0)![0]!;
        const want = reference(props, lists, identity);
        for (const l of lists) expect(row[l.name]).toEqual(want[l.name]);
      }),
      { numRuns: 500 },
    );
  });
});
