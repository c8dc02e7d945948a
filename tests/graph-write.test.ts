/**
 * The exporters' file writer (issue 6: chunks encoded into one reused block, written
 * synchronously) must write exactly the UTF-8 of what it was given, whatever the chunk sizes
 * and characters (multi-byte, surrogate pairs, lone surrogates), and keep the file under its
 * final name only when closed. The MENTIONS store keeps its ids' digits as added and sorts
 * by them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { digitCount, openWriter, withWriter } from '../src/graph/write.js';
import { MentionStoreBuilder } from '../src/graph/mentions.js';

const dir = mkdtempSync(join(tmpdir(), 'guanxi-write-'));

describe('openWriter', () => {
  it('writes the UTF-8 of the chunks, across block boundaries', async () => {
    const pieces = ['a', '吴锦', '\ud83d\ude00', '\ud800', 'x\udc00y', '"\n'];
    const chunks: string[] = [];
    // Small chunks past a block, one chunk bigger than a block, then small ones again.
    for (let i = 0; i < 200000; i++) chunks.push(pieces[i % pieces.length]!.repeat(1 + (i % 7)));
    chunks.push('镇'.repeat(500000));
    for (let i = 0; i < 1000; i++) chunks.push(pieces[i % pieces.length]!);
    const path = join(dir, 'big.txt');
    await withWriter(path, async (w) => {
      for (const c of chunks) await w.write(c);
    });
    expect(readFileSync(path).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
  });

  it('agrees with Buffer.from on any strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { maxLength: 30 }), async (chunks) => {
        const path = join(dir, 'prop.txt');
        await withWriter(path, async (w) => {
          for (const c of chunks) await w.write(c);
        });
        expect(readFileSync(path).equals(Buffer.from(chunks.join(''), 'utf8'))).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('writes bytes of any length in order with text, across block boundaries', async () => {
    const path = join(dir, 'bytes.bin');
    const expected: Buffer[] = [];
    await withWriter(path, async (w) => {
      for (let i = 0; i < 40000; i++) {
        // Lengths 0..40 (short pieces copied by a loop, longer by set()), and a text now and then.
        const piece = Buffer.from(String.fromCharCode(...Array.from({ length: i % 41 }, (_, k) => 97 + ((i + k) % 26))));
        w.sink.bytes(i % 3 ? piece : new Uint8Array(piece));
        expected.push(piece);
        if (i % 97 === 0) {
          w.sink.text('镇,');
          expected.push(Buffer.from('镇,'));
        }
      }
    });
    expect(readFileSync(path).equals(Buffer.concat(expected))).toBe(true);
  });

  it('shows the file only when closed, and leaves nothing after abort', async () => {
    const path = join(dir, 'atomic.txt');
    const w = await openWriter(path);
    await w.write('half');
    expect(existsSync(path)).toBe(false);
    await w.close();
    expect(readFileSync(path, 'utf8')).toBe('half');
    const failed = join(dir, 'failed.txt');
    await expect(
      withWriter(failed, async (w2) => {
        await w2.write('x');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(existsSync(failed)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('failed.txt'))).toEqual([]);
  });
});

describe('openWriter sink', () => {
  it('writes text, bytes, numbers and id digits in order, across block boundaries', async () => {
    const hex = new DataView(new Uint8Array(Buffer.from('0123456789abcdef', 'latin1')).buffer);
    const numbers = [0, 9, 10, 99, 100, 123456789, 2147483647, 2147483648, -1, -0, 1.5, NaN, Infinity, 1e21];
    const big = Buffer.from('镇'.repeat(400000), 'utf8');
    const expected: Buffer[] = [];
    const path = join(dir, 'sink.txt');
    await withWriter(path, async (w) => {
      for (let i = 0; i < 60000; i++) {
        const text = i % 3 ? '吴锦,' : 'a\ud800"';
        await w.write(text);
        expected.push(Buffer.from(text, 'utf8'));
        const bytes = Buffer.from(`[${i}]`.repeat(1 + (i % 5)), 'utf8');
        w.sink.bytes(bytes);
        expected.push(bytes);
        const n = numbers[i % numbers.length]!;
        w.sink.number(n);
        expected.push(Buffer.from(String(n), 'latin1'));
        w.sink.bytes16(hex, 0);
        expected.push(Buffer.from('0123456789abcdef', 'latin1'));
        if (i === 30000) {
          w.sink.bytes(big);
          expected.push(big);
        }
      }
    });
    expect(readFileSync(path).equals(Buffer.concat(expected))).toBe(true);
  });
});

describe('digitCount', () => {
  it('counts the decimal digits of non-negative 31-bit integers, at every power of ten', () => {
    const values = [0, 2147483647];
    for (let p = 10; p <= 1e9; p *= 10) values.push(p - 1, p, p + 1);
    for (const v of values) expect(digitCount(v)).toBe(String(v).length);
    fc.assert(fc.property(fc.integer({ min: 0, max: 2147483647 }), (v) => digitCount(v) === String(v).length));
  });
});

describe('MentionStoreBuilder ids', () => {
  it('keeps the hex digits as added and sorts by them', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[0-9a-f]{16}$/), { minLength: 1, maxLength: 40 }), (hashes) => {
        const builder = new MentionStoreBuilder();
        hashes.forEach((h, k) => builder.add(0, 0, h, [k, k + 1, 0, 0]));
        const store = builder.build(['article:a'], ['person:1'], ['t'], ['r']);
        const ids = Array.from({ length: store.length }, (_, i) => store.id(i));
        expect(ids).toEqual(hashes.map((h) => 'mentions:' + h).sort());
      }),
    );
  });

  it('reads a hash that is not 16 lower-case hex digits as parseInt would', () => {
    const builder = new MentionStoreBuilder();
    builder.add(0, 0, 'ABCDEF01zz000001', [0, 1, 0, 0]);
    builder.add(0, 0, '0000000000000001', [0, 1, 0, 0]);
    const store = builder.build(['article:a'], ['person:1'], ['t'], ['r']);
    expect([store.id(0), store.id(1)]).toEqual(['mentions:0000000000000001', 'mentions:abcdef0100000000']);
  });

  it('writeId writes the bytes of id(i), across the block boundary, and idFollows compares them', async () => {
    const builder = new MentionStoreBuilder();
    // 25 bytes an id and a newline: 20000 of them fill more than one output block.
    for (let k = 0; k < 20000; k++) builder.add(0, 0, ((k * 2654435761) >>> 0).toString(16).padStart(8, '0') + (k % 3 ? '00000000' : 'ffffffff'), [k, k + 1, 0, 0]);
    const store = builder.build(['article:a'], ['person:1'], ['t'], ['r']);
    const path = join(dir, 'ids.txt');
    const ids: string[] = [];
    await withWriter(path, async (w) => {
      for (let i = 0; i < store.length; i++) {
        store.writeId(i, w.sink);
        w.sink.byte(10);
        ids.push(store.id(i));
      }
    });
    expect(readFileSync(path, 'latin1')).toBe(ids.map((id) => id + '\n').join(''));
    expect(ids.every((id) => /^mentions:[0-9a-f]{16}$/.test(id))).toBe(true);
    for (let i = 1; i < store.length; i++) expect(store.idFollows(i)).toBe(ids[i]! > ids[i - 1]!);
  });
});
