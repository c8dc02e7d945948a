import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MentionStore, MentionStoreBuilder } from '../src/graph/mentions.js';

// Hashes from few digits: many share their first 8 digits (the radix sort's key) or are equal.
const nearHash = fc.tuple(fc.constantFrom('00000000', 'ffffffff', '80000000', '7fffffff', '0000ffff'), fc.constantFrom('00000000', 'ffffffff', '80000000', '7fffffff', '00010000'));

describe('MentionStoreBuilder order', () => {
  it('sorts by the hash as an unsigned number; equal hashes keep the order they were added in', () => {
    fc.assert(
      fc.property(fc.array(nearHash, { minLength: 1, maxLength: 60 }), (parts) => {
        const builder = new MentionStoreBuilder();
        const hashes = parts.map(([a, b]) => a + b);
        hashes.forEach((h, k) => builder.add(0, 0, h, [k, k + 1, 0, 0]));
        const store = builder.build(['article:a'], ['person:1'], ['t'], ['r']);
        const expected = hashes.map((h, k) => ({ h, k })).sort((x, y) => (x.h < y.h ? -1 : x.h > y.h ? 1 : x.k - y.k));
        expect(Array.from({ length: store.length }, (_, i) => store.id(i))).toEqual(expected.map((e) => 'mentions:' + e.h));
        expect(Array.from({ length: store.length }, (_, i) => store.offsetsJson(i, 'starts'))).toEqual(expected.map((e) => `[${e.k}]`));
      }),
    );
  });

  it('addRun keeps the same spans as add with a copy of that run', () => {
    const source = Int32Array.from([9, 9, 9, 9, 1, 2, 0, 0, 3, 4, 0, 0, 9, 9, 9, 9]);
    const viaRun = new MentionStoreBuilder();
    const viaAdd = new MentionStoreBuilder();
    for (let k = 0; k < 3000; k++) {
      const hash = (k * 2654435761 >>> 0).toString(16).padStart(8, '0') + '00000000';
      viaRun.addRun(0, 0, hash, source, 4, 12);
      viaAdd.add(0, 0, hash, Array.from(source.subarray(4, 12)));
    }
    const a = viaRun.build(['article:a'], ['person:1'], ['t'], ['r']);
    const b = viaAdd.build(['article:a'], ['person:1'], ['t'], ['r']);
    expect(a.length).toBe(3000);
    for (let i = 0; i < a.length; i++) expect(a.propertiesJson(i)).toBe(b.propertiesJson(i));
    expect(a.propertiesJson(0)).toBe(`{"id":"${a.id(0)}","count":2,"starts":[1,3],"ends":[2,4],"texts":["t","t"],"rules":["r","r"]}`);
  });

  it('a size hint, too small or exact, gives the same store as none', () => {
    const source = Int32Array.from([1, 2, 0, 0, 3, 4, 0, 0]);
    const build = (builder: MentionStoreBuilder) => {
      for (let k = 0; k < 500; k++) builder.addRun(0, 0, (k * 2654435761 >>> 0).toString(16).padStart(8, '0') + 'abcdef01', source, 0, 8);
      return builder.build(['article:a'], ['person:1'], ['t'], ['r']);
    };
    const plain = build(new MentionStoreBuilder());
    for (const hinted of [build(new MentionStoreBuilder({ mentions: 3, spanValues: 5 })), build(new MentionStoreBuilder({ mentions: 500, spanValues: 4000 }))]) {
      expect(hinted.length).toBe(500);
      for (let i = 0; i < plain.length; i++) {
        expect(hinted.id(i)).toBe(plain.id(i));
        expect(hinted.propertiesJson(i)).toBe(plain.propertiesJson(i));
      }
    }
  });

  it('reads a hash with a char beyond ASCII as parseInt would (its low bits are no digit)', () => {
    const builder = new MentionStoreBuilder();
    // U+00B1 and U+00E1 share their low 7 bits with '1' and 'a'.
    builder.add(0, 0, '00000001\u00b1000000a', [0, 1, 0, 0]);
    builder.add(0, 0, '\u00e10000000a0000000', [0, 1, 0, 0]);
    builder.add(0, 0, '0000000000000002', [0, 1, 0, 0]);
    const store = builder.build(['article:a'], ['person:1'], ['t'], ['r']);
    expect([store.id(0), store.id(1), store.id(2)]).toEqual(['mentions:0000000000000002', 'mentions:00000000a0000000', 'mentions:0000000100000000']);
  });

  it('each MENTIONS keeps its own spans, of any count, once laid out in id order', () => {
    const builder = new MentionStoreBuilder({ mentions: 4, spanValues: 8 });
    const added: { id: string; starts: number[]; texts: string[] }[] = [];
    for (let k = 0; k < 300; k++) {
      const hash = ((k * 2654435761) >>> 0).toString(16).padStart(8, '0') + ((k * 40503) >>> 0).toString(16).padStart(8, '0');
      const spans: number[] = [];
      const starts: number[] = [];
      const texts: string[] = [];
      for (let s = 0; s < (k % 5) + 1; s++) {
        spans.push(k * 10 + s, k * 10 + s + 1, s % 2, 0);
        starts.push(k * 10 + s);
        texts.push(s % 2 ? 'b' : 'a');
      }
      builder.add(k % 3, k % 7, hash, spans);
      added.push({ id: 'mentions:' + hash, starts, texts });
    }
    const store = builder.build(['article:a', 'article:b', 'article:c'], ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'], ['a', 'b'], ['r']);
    const expected = [...added].sort((x, y) => (x.id < y.id ? -1 : 1));
    const copy = MentionStore.fromData(store.data());
    expect(store.wellTyped()).toBe(true);
    for (let i = 0; i < store.length; i++) {
      for (const s of [store, copy]) {
        const m = s.get(i);
        expect(m.id).toBe(expected[i]!.id);
        expect(m.properties.starts).toEqual(expected[i]!.starts);
        expect(m.properties.texts).toEqual(expected[i]!.texts);
      }
    }
  });
});
