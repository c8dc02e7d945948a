import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLineWriter } from '../src/parallel/lines.js';

/** Writes `lines` one call each (awaiting every write, as the build does) and returns the writer's count and the file read back. */
async function writeAll(name: string, lines: string[]): Promise<{ count: number; text: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'gx-lines-')), name);
  const w = await openLineWriter(path);
  for (const line of lines) await w.write(line);
  const count = w.lines;
  await w.close();
  return { count, text: readFileSync(path, 'utf8') };
}

describe('openLineWriter', () => {
  it('writes one line per call, only under the real name once closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-lines-'));
    const path = join(dir, 'articles.jsonl');
    const w = await openLineWriter(path);
    await w.write(JSON.stringify({ id: '000.txt', text: '市委书记吴锦出席会议' }));
    await w.write(JSON.stringify({ id: '001.txt', text: '𠀀 outside the BMP' }));
    expect(existsSync(path)).toBe(false);
    expect(w.lines).toBe(2);
    await w.close();
    expect(readFileSync(path, 'utf8')).toBe('{"id":"000.txt","text":"市委书记吴锦出席会议"}\n{"id":"001.txt","text":"𠀀 outside the BMP"}\n');
    expect(readdirSync(dir)).toEqual(['articles.jsonl']);
  });

  it('keeps order and every byte through backpressure (lines larger than the stream buffer)', async () => {
    const expected = Array.from({ length: 200 }, (_, i) => JSON.stringify({ i, text: '荆州'.repeat(20_000 + i) }));
    const { text } = await writeAll('big.jsonl', expected);
    expect(text).toBe(expected.map((l) => l + '\n').join(''));
  });

  it('leaves nothing behind when aborted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-lines-'));
    const w = await openLineWriter(join(dir, 'x.jsonl'));
    await w.write('{}');
    await w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
  it('keeps order across many blocks written in the background, mixed with lines longer than a block', async () => {
    const expected = Array.from({ length: 60_000 }, (_, i) =>
      i % 20_000 === 7 ? JSON.stringify({ i, text: '宜昌'.repeat(300_000) }) : JSON.stringify({ i, text: '市委书记出席会议'.repeat(i % 13) }),
    );
    const { count, text } = await writeAll('many.jsonl', expected);
    expect(count).toBe(60_000);
    expect(text).toBe(expected.map((l) => l + '\n').join(''));
  });

  it('refuses a write made while the previous one still waits for a block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-lines-'));
    const w = await openLineWriter(join(dir, 'x.jsonl'));
    const big = 'x'.repeat(400_000);
    await w.write(big);
    const first = w.write(big); // needs a flush: waits
    await expect(w.write('{}')).rejects.toThrow(/before the previous write resolved/);
    await first;
    await w.abort();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes lines as UTF-8 bytes too, mixed with text, across blocks and past a block', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-lines-'));
    const path = join(dir, 'mixed.jsonl');
    const w = await openLineWriter(path);
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const line = JSON.stringify({ i, text: i === 1500 ? '襄阳'.repeat(400_000) : '市委书记出席会议😀'.repeat(i % 97) });
      expected.push(line);
      await w.write(i % 3 ? new TextEncoder().encode(line) : line);
    }
    expect(w.lines).toBe(3000);
    await w.close();
    expect(readFileSync(path, 'utf8')).toBe(expected.map((l) => l + '\n').join(''));
  });
});
