/**
 * The fast paths of ingest give exactly what the plain code they skip would give:
 * the character table of normaliseChars, the NFKC-free fold of chrome's probe, and the
 * Buffer decoding of valid UTF-8.
 */
import { describe, expect, it } from 'vitest';
import { normaliseChars } from '../src/normalise/chars.js';
import { probe } from '../src/normalise/chrome.js';
import { mappedSlice, type Mapped } from '../src/normalise/mapped.js';
import { decodeBytes } from '../src/ingest/decode.js';
import { displayWidth } from '../src/normalise/pdf.js';
import { fullwidthPunctuation } from '../src/normalise/spacing.js';

/** normaliseChars as it was before its lookup table: every unit through every test. */
function referenceChars(input: Mapped): { text: string; map: number[] } {
  const keep = new Set(['，', '：', '；', '！', '？', '（', '）']);
  const isSpace = (c: number) => c === 0x09 || c === 0x0b || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x1680;
  const isDropped = (c: number) =>
    (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f || (c >= 0x80 && c < 0xa0) ||
    (c >= 0x200b && c <= 0x200f) || c === 0x2060 || c === 0xfeff || c === 0xad || (c >= 0x202a && c <= 0x202e) || c === 0xfffe;
  const wantsNfkc = (cp: number, ch: string) =>
    cp >= 0xff01 && cp <= 0xff5e ? !keep.has(ch) : (cp >= 0xff5f && cp <= 0xffef) || (cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f);
  const { text, map } = input;
  let out = '';
  const outMap: number[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = text.slice(i, i + width);
    let replacement: string | null = null;
    if (c === 0x0d) replacement = text.charCodeAt(i + 1) === 0x0a ? '' : '\n';
    else if (c === 0x0c) replacement = '\n';
    else if (isSpace(c)) replacement = ' ';
    else if (isDropped(c)) replacement = '';
    else if (wantsNfkc(cp, ch) && ch.normalize('NFKC') !== ch) replacement = ch.normalize('NFKC');
    if (replacement === null) {
      out += ch;
      for (let k = 0; k < width; k++) outMap.push(map[i + k]!);
    } else {
      out += replacement;
      for (let k = 0; k < replacement.length; k++) outMap.push(map[i]!);
    }
    i += width;
  }
  return { text: out, map: outMap };
}

/** A deterministic pseudo-random generator (tests must not flake). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const POOL = ['会', '议', '，', '。', '：', 'Ａ', '１', '％', ' ', '\u3000', '\u00a0', '\t', '\r', '\n', '\r\n', '\u200b', '\ufeff', '⽂', '丽', '｡', 'a', 'é', 'e\u0301', '①', '…', '—', '“', '”', '·', '《', '》', '𠀋', '\ud800', '\udc00', '\u0085', '\u000c', 'ﾊ', '㈱', '\u2028', '\u1680', '﹐'];

function randomText(next: () => number, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += POOL[Math.floor(next() * POOL.length)]!;
  return s;
}

describe('normaliseChars lookup table', () => {
  it('gives what the unit-by-unit tests give, for every BMP unit in context', () => {
    for (let c = 0; c < 0x10000; c += 1) {
      const source = `x${String.fromCharCode(c)}y${String.fromCharCode(c)}`;
      const got = normaliseChars(mappedSlice(source));
      const want = referenceChars(mappedSlice(source));
      if (got.text !== want.text || Array.from(got.map).join() !== want.map.join()) {
        expect({ c, text: got.text, map: Array.from(got.map) }).toEqual({ c, ...want });
      }
    }
  });

  it('gives what the unit-by-unit tests give on mixed text, and returns unchanged text as it is', () => {
    const next = lcg(7);
    for (let k = 0; k < 2000; k++) {
      const source = randomText(next, 1 + Math.floor(next() * 40));
      const start = Math.floor(next() * 3);
      const m = mappedSlice(`${'前'.repeat(start)}${source}`, start);
      const got = normaliseChars(m);
      expect({ text: got.text, map: Array.from(got.map) }).toEqual(referenceChars(m));
    }
    const plain = mappedSlice('会议指出，要坚持ABC 123。');
    expect(normaliseChars(plain)).toBe(plain);
  });
});

describe('probe without NFKC', () => {
  const reference = (line: string) => line.normalize('NFKC').replace(/\s+/g, '');

  it('folds every BMP character as NFKC does', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const line of [ch, `a${ch}，${ch}`, `${ch}会 ${ch}`]) {
        if (probe(line) !== reference(line)) expect({ c, got: probe(line) }).toEqual({ c, got: reference(line) });
      }
    }
  });

  it('folds mixed lines as NFKC does', () => {
    const next = lcg(11);
    for (let k = 0; k < 5000; k++) {
      const line = randomText(next, Math.floor(next() * 30));
      expect(probe(line)).toBe(reference(line));
    }
    expect(probe('来源： 荆州日报 ＡＢＣ１２３')).toBe('来源:荆州日报ABC123');
  });
});

describe('UTF-8 decoding', () => {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const decode = (bytes: Uint8Array) => {
    const d = decodeBytes(bytes);
    return d.ok ? d.text : null;
  };

  it('decodes valid UTF-8 as the strict decoder does, a second BOM included', () => {
    for (const text of ['会议指出，要坚持。', 'plain ASCII\n', '𠀋 outside the BMP', '\ufeff\ufeff两个BOM', '\ufeff', 'a\ufeffb']) {
      const bytes = new TextEncoder().encode(text);
      const withoutFirstBom = bytes[0] === 0xef ? bytes.subarray(3) : bytes;
      expect(decode(bytes)).toBe(strict.decode(withoutFirstBom));
    }
  });

  it('decodes one-, two-, three- and four-byte characters of any mix', () => {
    const next = lcg(3);
    const pool = ['a', '\n', 'é', 'ß', '会', '，', '\uffff', '𠀋', '😀', '\u0800', '\u07ff', '\u{10ffff}'];
    for (let k = 0; k < 2000; k++) {
      let text = '';
      for (let n = Math.floor(next() * 50); n > 0; n--) text += pool[Math.floor(next() * pool.length)]!;
      if (!text.trim()) continue;
      const d = decodeBytes(new TextEncoder().encode(text));
      expect(d.ok && d.text).toBe(text);
    }
  });

  it('still treats invalid UTF-8 as before: a cut last character, surrogates, overlong forms', () => {
    const text = new TextEncoder().encode('会议指出');
    const d = decodeBytes(text.subarray(0, text.length - 1));
    expect(d.ok && d.text).toBe('会议指');
    expect(d.ok && d.messages[0]?.message).toBe('truncated UTF-8 character at the end (2 bytes dropped)');
    // Not UTF-8 (an encoded surrogate, an overlong form): GB18030 or binary, as before.
    const encoding = (bytes: number[]) => {
      const r = decodeBytes(new Uint8Array(bytes));
      return r.ok ? r.encoding : r.reason;
    };
    expect(encoding([0x61, 0xed, 0xa0, 0x80, 0x62])).toBe('binary file (neither UTF-8 nor GB18030 text)');
    expect(encoding([0x61, 0xc0, 0xaf, 0x62])).toBe('gb18030');
  });
});

describe('display width', () => {
  it('counts code points as for…of does, lone surrogates included', () => {
    const wide = (c: number) =>
      c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 || c === 0x2014 || c === 0x2026 || c === 0x201c || c === 0x201d);
    const reference = (line: string) => {
      let w = 0;
      for (const ch of line) w += wide(ch.codePointAt(0)!) ? 2 : 1;
      return w;
    };
    const next = lcg(5);
    for (let k = 0; k < 3000; k++) {
      const line = randomText(next, Math.floor(next() * 20)) + (next() < 0.2 ? '\ud840' : '');
      expect(displayWidth(line)).toBe(reference(line));
    }
  });
});

// The session-start fullwidthPunctuation, kept as the reference for its fast version.
const CJK = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
const CJK_PUNCT = /[，。、：；！？“”‘’（）《》〈〉【】「」『』—…·〔〕]/;
const DIGIT = /[0-9]/;
const isCjk = (ch: string | undefined) => !!ch && CJK.test(ch);
const OPEN_CLOSE: Record<string, string> = { '(': '（', ')': '）', ',': '，', ':': '：', ';': '；', '!': '！', '?': '？' };
const CLOSERS = /[”’）》」』】]/;

/** ASCII punctuation in Chinese context → full-width; same length, so the map stays. */
function referencePunctuation(text: string): string {
  const candidates = /[,:;!?()\n]/g;
  const changes = new Map<number, string>();
  const chinese = (ch: string | undefined) => !!ch && (isCjk(ch) || CJK_PUNCT.test(ch));
  const charAt = (i: number) => (i >= 0 && i < text.length ? charBefore(text, i) : undefined);
  const stack: number[] = [];
  const unmatchedOpen: number[] = [];
  for (let m = candidates.exec(text); m; m = candidates.exec(text)) {
    const i = m.index;
    const c = m[0];
    if (c === '\n') {
      unmatchedOpen.push(...stack);
      stack.length = 0;
    } else if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open === undefined) {
        if (isCjk(charAt(i - 1)) || CLOSERS.test(text[i - 1] ?? '')) changes.set(i, '）');
      } else if (CJK.test(text.slice(open + 1, i))) {
        changes.set(open, '（');
        changes.set(i, '）');
      }
    } else {
      const prev = charAt(i - 1);
      const next = text[i + 1];
      if (chinese(prev) && !(DIGIT.test(next ?? '') && DIGIT.test(prev ?? '')) && !(c === ':' && next === '/')) changes.set(i, OPEN_CLOSE[c]!);
      else if ((c === ',' || c === ';') && isCjk(next) && !DIGIT.test(prev ?? '') && !/[A-Za-z]/.test(prev ?? '')) changes.set(i, OPEN_CLOSE[c]!);
    }
  }
  unmatchedOpen.push(...stack);
  for (const open of unmatchedOpen) if (isCjk(text[open + 1])) changes.set(open, '（');
  if (!changes.size) return text;
  const parts: string[] = [];
  let last = 0;
  for (const i of [...changes.keys()].sort((a, b) => a - b)) {
    parts.push(text.slice(last, i), changes.get(i)!);
    last = i + 1;
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** The character (code point) that ends just before index `i + 1`, i.e. at `i` (a low surrogate pairs with its high one). */
function charBefore(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0xdc00 && c <= 0xdfff && i > 0) return text.slice(i - 1, i + 1);
  return text[i]!;
}

describe('punctuation in Chinese context, by code units', () => {
  it('gives what the string-by-string tests gave, surrogates and line ends included', () => {
    const pool = ['会', '，', '(', ')', ',', ':', ';', '!', '?', '\n', '1', 'a', '/', '”', '𠀋', '\ud840', '\udc00', '：', ' ', '丽'];
    const next = lcg(13);
    for (let k = 0; k < 20000; k++) {
      let text = '';
      for (let n = Math.floor(next() * 16); n > 0; n--) text += pool[Math.floor(next() * pool.length)]!;
      expect(fullwidthPunctuation(text)).toBe(referencePunctuation(text));
    }
  });

  it('gives the same with many changes in one text (the code units rewritten in place)', () => {
    const pool = ['会', '议', ',', ',', '(', ')', ':', ';', '!', '?', '\n', '1', 'a', '/', '”', '𠀋', '\ud840', '\udc00', ' '];
    const next = lcg(29);
    let many = 0;
    for (let k = 0; k < 3000; k++) {
      let text = '';
      for (let n = 40 + Math.floor(next() * 200); n > 0; n--) text += pool[Math.floor(next() * pool.length)]!;
      const want = referencePunctuation(text);
      if ([...want].filter((ch, i) => ch !== [...text][i]).length >= 16) many++;
      expect(fullwidthPunctuation(text)).toBe(want);
    }
    expect(many).toBeGreaterThan(500);
  });
});

describe('UTF-8 decoding, text check folded into the decoding loop', () => {
  it('refuses or accepts exactly as the character scan does', () => {
    const bad = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000e', '\u001f', '\u007f', '\u0080', '\u009f', '\ufffd', '\ue000', '\uf8ff'];
    const good = ['\t', '\n', '\f', '\r', ' ', '~', '\u00a0', '\u07ff', '\u0800', '\ud7ff', '\uf900', '\ufffc', '\ufffe', '𠀋', '会'];
    const base = '会议指出，要坚持。'.repeat(20);
    for (const ch of good) {
      const d = decodeBytes(new TextEncoder().encode(base + ch + base));
      expect(d.ok && d.text).toBe(base + ch + base);
    }
    for (const ch of bad) {
      // One bad character among many is tolerated (≤ 2%); many are not; a NUL never is.
      const one = decodeBytes(new TextEncoder().encode(base + ch + base));
      const many = decodeBytes(new TextEncoder().encode(ch.repeat(50) + base));
      expect({ ch, one: one.ok, many: many.ok }).toEqual({ ch, one: ch !== '\u0000', many: false });
    }
  });
});

describe('reused map arrays', () => {
  it('leave earlier results alone: normalising other pages in between changes nothing', async () => {
    const { normaliseBody } = await import('../src/normalise/index.js');
    const pages = [
      '<html><body><p>市委书记吴锦出席会议，并讲话。</p><p>会议强调&nbsp;要坚持。</p></body></html>',
      '首页 > 头条 > 正文\n吴 锦出席会议,并讲话。\nＡＢＣ１２３\u3000全角。\n',
      `<div>${'长文本，'.repeat(5000)}</div><p>结束。</p>`,
    ];
    const first = pages.map((p) => normaliseBody(p, 0));
    const snapshot = first.map((n) => ({ text: n.text, offsets: Array.from(n.offsets) }));
    for (const p of [...pages].reverse()) normaliseBody(p, 0);
    expect(first.map((n) => ({ text: n.text, offsets: Array.from(n.offsets) }))).toEqual(snapshot);
    expect(pages.map((p) => Array.from(normaliseBody(p, 0).offsets))).toEqual(snapshot.map((s) => s.offsets));
  });
});

describe('reading files into the reused buffer', () => {
  it('reads small, exactly-buffer-sized and bigger files whole, as ingestBytes sees their bytes', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { ingestBytes, ingestFileSync } = await import('../src/ingest/index.js');
    const dir = mkdtempSync(join(tmpdir(), 'guanxi-read-'));
    try {
      const line = '市委书记吴锦出席会议，并讲话。\n';
      const bytesOfLine = Buffer.byteLength(line);
      // 2^18 bytes is the reused buffer: below it, exactly it (padded with ASCII), and above it.
      const sizes = [bytesOfLine, 1 << 18, (1 << 18) + 1, 3 << 18];
      for (const size of sizes) {
        const body = line.repeat(Math.floor(size / bytesOfLine));
        const text = body + 'x'.repeat(size - Buffer.byteLength(body));
        const bytes = Buffer.from(text);
        expect(bytes.length).toBe(size);
        const path = join(dir, `a${size}.txt`);
        writeFileSync(path, bytes);
        const read = ingestFileSync(path);
        const direct = ingestBytes(new Uint8Array(bytes), path);
        expect(read.status).toBe('ok');
        if (read.status !== 'ok' || direct.status !== 'ok') continue;
        expect(read.doc.source).toBe(text);
        expect(read.doc.text).toBe(direct.doc.text);
        expect(Array.from(read.doc.offsets)).toEqual(Array.from(direct.doc.offsets));
      }
      // A limit below the buffer: a file at the limit is read, one byte over is refused by its size.
      const atLimit = join(dir, 'limit.txt');
      writeFileSync(atLimit, '会议召开。'.repeat(70)); // 1050 bytes
      expect(ingestFileSync(atLimit, { maxBytes: 1050 }).status).toBe('ok');
      expect(ingestFileSync(atLimit, { maxBytes: 1049 })).toMatchObject({ status: 'skipped', reason: 'file too large (0.0 MB > 0.0 MB)' });
      // A limit above the buffer, a file between the two: read whole.
      const between = join(dir, 'between.txt');
      writeFileSync(between, '会议召开。'.repeat(60_000)); // 900 000 bytes
      const outcome = ingestFileSync(between, { maxBytes: 1_000_000 });
      expect(outcome.status === 'ok' && outcome.doc.source.length).toBe(300_000);
      expect(ingestFileSync(between, { maxBytes: 899_999 })).toMatchObject({ status: 'skipped', reason: 'file too large (0.9 MB > 0.9 MB)' });
      expect(ingestFileSync(dir)).toMatchObject({ status: 'failed', reason: 'is a directory' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDF checks by code unit', () => {
  it('undoubleLine repairs doubled runs and refuses near misses as before', async () => {
    const { undoubleLine } = await import('../src/normalise/pdf.js');
    const line = '以策略精以策略精准保准保障战障战略实施略实施';
    expect(undoubleLine(line)?.map(([s, e]) => line.slice(s, e))).toEqual(['以策略精', '准保', '障战', '略实施']);
    const dashed = '——全市全市冲刺冲刺决战决战';
    expect(undoubleLine(dashed)?.map(([s, e]) => dashed.slice(s, e))).toEqual(['——', '全市', '冲刺', '决战']);
    // The first character comes back, but not as a copy of what precedes it.
    expect(undoubleLine('会议强调会要抓项目会议强调')).toBeNull();
    // The first repeat lies beyond the first half.
    expect(undoubleLine('会议强调要抓项目好会议')).toBeNull();
    expect(undoubleLine('会议会议')).toBeNull();
    expect(undoubleLine('𠀋𠀋会议会议召开召开')?.length).toBe(3);
  });

  it('isHardWrapped counts long and open lines as before', async () => {
    const { isHardWrapped } = await import('../src/normalise/pdf.js');
    const wrapped = Array.from({ length: 10 }, (_, i) => `省委书记应勇出席会议并讲话第${i}行`);
    expect(isHardWrapped(wrapped)).toBe(true);
    expect(isHardWrapped(wrapped.slice(0, 7))).toBe(false);
    expect(isHardWrapped(wrapped.map((l) => `${l}。`))).toBe(false);
    expect(isHardWrapped(wrapped.map((l) => l.repeat(6)))).toBe(false);
    expect(isHardWrapped([...wrapped, '短', '短行', ...wrapped.map((l) => `${l}。`).slice(0, 9)])).toBe(true);
  });
});

describe('tags, blank lines, image names and folds by code unit', () => {
  it('htmlToText reads tag names as its pattern did: any case, any \\s after the name, names cut at 40 units, <!', async () => {
    const { htmlToText } = await import('../src/normalise/html.js');
    const cases: Array<[string, string, number[]]> = [
      ["<p>\u4f1a\u8bae</p>", "\n\u4f1a\u8bae\n", [0, 3, 4, 5]],
      ["<P\u3000class=a>\u4f1a\u8bae<BR/>\u53ec\u5f00", "\n\u4f1a\u8bae\n\u53ec\u5f00", [0, 11, 12, 13, 18, 19]],
      ["</ p>\u4f1a\u8bae", "</ p>\u4f1a\u8bae", [0, 1, 2, 3, 4, 5, 6]],
      ["<!DOCTYPE html><p>\u4f1a\u8bae", "\n\u4f1a\u8bae", [15, 18, 19]],
      ["<abcdefghijabcdefghijabcdefghijabcdefghijk>\u4f1a\u8bae", "\u4f1a\u8bae", [43, 44]],
      ["<abcdefghijabcdefghijabcdefghijabcdefg>\u4f1a\u8bae<br", "\u4f1a\u8bae\n", [39, 40, 41]],
      ["<a1b>\u4f1a\u8bae</a1b>", "\u4f1a\u8bae", [5, 6]],
      ["<1p>\u4f1a\u8bae", "<1p>\u4f1a\u8bae", [0, 1, 2, 3, 4, 5]],
      ["<p\u00a0x>\u4f1a\u8bae<p\u2028>\u53ec\u5f00", "\n\u4f1a\u8bae\n\u53ec\u5f00", [0, 5, 6, 7, 11, 12]],
      ["<div\ufeff>\u4f1a\u8bae</div\u3001>", "\n\u4f1a\u8bae</div\u3001>", [0, 6, 7, 8, 9, 10, 11, 12, 13, 14]],
      ["\u4f1a\u8bae<script>x<p>y</script>\u7ed3\u675f", "\u4f1a\u8bae\u7ed3\u675f", [0, 1, 24, 25]],
      ["<p/>\u4f1a\u8bae<br\t/>\u53ec\u5f00</p\n>", "\n\u4f1a\u8bae\n\u53ec\u5f00\n", [0, 4, 5, 6, 12, 13, 14]],
    ];
    for (const [html, text, map] of cases) {
      const m = htmlToText(mappedSlice(html));
      expect([m.text, Array.from(m.map)]).toEqual([text, map]);
    }
  });

  it('classifyLines and probe: blank lines, image file names, copyright, long folds as before', async () => {
    const { classifyLines } = await import('../src/normalise/chrome.js');
    const lines = ["", " \u3000", "\u2028", "photo.JPG", "\u56fe\u7247\uff0e\uff50\uff4e\uff47", "\u4f1a\u8bae\u53ec\u5f00\u3002photo.gif", "\u7248\u6743\u6240\u6709 \u8f6c\u8f7d\u8bf7\u6ce8\u660e", "\u672c\u7f51\u7ad9\u7248\u6743\u6240\u6709\uff0c\u672a\u7ecf\u6388\u6743\u7981\u6b62\u8f6c\u8f7d", "\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\uff08\u4f1a\u8bae", "\uff21\uff22\uff23\uff0c\u4f1a\u8bae\uff1a\u53ec\u5f00\uff1b\uff21\uff22\uff23\uff0c\u4f1a\u8bae\uff1a\u53ec\u5f00\uff1b\uff21\uff22\uff23\uff0c\u4f1a\u8bae\uff1a\u53ec\u5f00\uff1b\uff21\uff22\uff23\uff0c\u4f1a\u8bae\uff1a\u53ec\u5f00\uff1b\uff21\uff22\uff23\uff0c\u4f1a\u8bae\uff1a\u53ec\u5f00\uff1b", "\u6458\u8981\uff1a\u4f1a\u8bae\u53ec\u5f00"];
    expect(classifyLines(lines).map((v) => v.rule)).toEqual(["blank", "blank", "blank", "chrome-image-file", "chrome-image-file", "chrome-image-file", "chrome-cue", "chrome-cue", "article", "article", "chrome-summary"]);
    expect(lines.map((l) => probe(l))).toEqual(["", "", "", "photo.JPG", "\u56fe\u7247.png", "\u4f1a\u8bae\u53ec\u5f00\u3002photo.gif", "\u7248\u6743\u6240\u6709\u8f6c\u8f7d\u8bf7\u6ce8\u660e", "\u672c\u7f51\u7ad9\u7248\u6743\u6240\u6709,\u672a\u7ecf\u6388\u6743\u7981\u6b62\u8f6c\u8f7d", "((((((((((((((((((((((((((((((((((((((((\u4f1a\u8bae", "ABC,\u4f1a\u8bae:\u53ec\u5f00;ABC,\u4f1a\u8bae:\u53ec\u5f00;ABC,\u4f1a\u8bae:\u53ec\u5f00;ABC,\u4f1a\u8bae:\u53ec\u5f00;ABC,\u4f1a\u8bae:\u53ec\u5f00;", "\u6458\u8981:\u4f1a\u8bae\u53ec\u5f00"]);
  });

  it('tidySpaces shapes tokens by code point as before', async () => {
    const { tidySpaces } = await import('../src/normalise/spacing.js');
    const lines = ['书记 吴 锦出席', '𠀋 𠂇 会议', 'a 吴 b', 'Ｇ２０ 峰会 召开', '刚 刚 过 去 的 2021 年 ，'];
    expect(lines.map((t) => tidySpaces(mappedSlice(t), 0, t.length).text)).toEqual(["书记 吴 锦出席", "𠀋𠂇会议", "a 吴 b", "Ｇ２０ 峰会 召开", "刚刚过去的2021年，"]);
  });
});

describe('plain sentence lines classified without folding', () => {
  it('give the verdicts the folded probe gives: image names, summary cues at the start, copyright, spaces and NFKC left to the full path', async () => {
    const { classifyLines } = await import('../src/normalise/chrome.js');
    const lines = [
      '市委书记吴锦出席会议并讲话，强调要抓好项目建设。',
      '图片说明。这是一张照片文件名photo.jpg',
      '图片说明。这是一张照片文件名photo．ｊｐｇ',
      '图片说明，这是一张照片的文件名称写在这里。ｇ',
      '摘要：本文介绍了会议的主要内容和精神。',
      '摘要:本文介绍了会议的主要内容和精神。',
      '本网站版权所有，未经授权不得转载。违者必究',
      '本网站版 权所有，未经授权不得转载。违者必究',
      '会议强调㏒要抓好项目建设，推动高质量发展。',
      '会议强调要抓好项目建设推动高质量发展',
      '会议强调要抓好项目建设推动高质量发展'.repeat(6),
      '首页新闻正文会议强调。',
      '当前位置：首页 > 新闻 > 正文',
    ];
    expect(classifyLines(lines).map((v) => v.rule)).toEqual([
      'article', 'chrome-image-file', 'chrome-image-file', 'article', 'chrome-summary', 'chrome-summary', 'chrome-copyright',
      'chrome-copyright', 'article', 'chrome-nav', 'article', 'article', 'chrome-breadcrumb',
    ]);
  });
});

describe('line bounds in the reused array', () => {
  it('hold pages of many lines (the array grows) and leave later pages right', async () => {
    const { normaliseBody } = await import('../src/normalise/index.js');
    const many = Array.from({ length: 5000 }, (_, i) => `第${i}段会议召开，市委书记出席。`).join('\n\n');
    const big = normaliseBody(many, 0);
    expect(big.text).toBe(many.replace(/\n\n/g, '\n'));
    expect(big.lines.length).toBe(9999);
    for (let k = 0; k < big.text.length; k += 97) expect(many[big.offsets[k]!]).toBe(big.text[k]);
    const small = normaliseBody('会议召开。\n  市委书记出席。  \n', 0);
    expect(small.text).toBe('会议召开。\n市委书记出席。');
    expect(Array.from(small.offsets)).toEqual([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
});

describe('date lines folded only when they may be a weekday banner', () => {
  it('finds banners opening with a digit or whitespace, and dates on date lines, as before', async () => {
    const { dateFromLines } = await import('../src/ingest/meta.js');
    const line = (text: string, rule = 'article') => ({ text, kind: (rule === 'article' ? 'article' : 'chrome') as 'article' | 'chrome', rule });
    expect(dateFromLines([line('2021年8月18日 星期三'), line('会议召开。')])).toEqual({ date: null, banner: '2021-08-18' });
    expect(dateFromLines([line('\u3000 2021年8月18日星期三'), line('会议召开。')])).toEqual({ date: null, banner: '2021-08-18' });
    expect(dateFromLines([line('【2021年8月18日星期三'), line('会议召开。')])).toEqual({ date: null, banner: null });
    expect(dateFromLines([line('[2021 - 08 - 18]', 'chrome-date-line')])).toEqual({ date: '2021-08-18', banner: null });
    expect(dateFromLines([line('发布时间：2021-08-18 来源：荆州日报')])).toEqual({ date: '2021-08-18', banner: null });
  });
});

describe('line shapes read in the pass that finds the lines', () => {
  it('give each trimmed line the shape unitsShape gives its text, blank and space-padded lines included', async () => {
    const { normaliseBody } = await import('../src/normalise/index.js');
    const { unitsShape } = await import('../src/normalise/chrome.js');
    const body = '  来源：荆州日报  \n\n   \n（记者 李天然）摄\n**加粗**_x_\n 12:30 发布时间 \n首页 > 新闻 > 正文\n';
    const { lines } = normaliseBody(body, 0);
    expect(lines.map((l) => l.text)).toEqual(['来源：荆州日报', '', '', '（记者 李天然）摄', '**加粗**_x_', '12:30 发布时间', '首页 > 新闻 > 正文', '']);
    for (const l of lines) expect(l.shape).toBe(unitsShape(Uint16Array.from(l.text, (ch) => ch.charCodeAt(0)), 0, l.text.length));
    expect(lines[1]).toEqual({ text: '', kind: 'blank', rule: 'blank', shape: 0 });
  });
});

describe('tag names of the usual tags', () => {
  it('are read in any case as the lower-case name, other names as before', async () => {
    const { htmlToText } = await import('../src/normalise/html.js');
    const page = '<P>一</P><Br/>二<DIV class="x">三</DIV><Span>四</Span><SCRIPT>var x;</SCRIPT><H2>五</H2><Section>六</Section><X-Tag>七</X-Tag>';
    // `<X-Tag>` is no tag (a name ends at \s, / or >): kept as text, as ever.
    expect(htmlToText(mappedSlice(page)).text).toBe('\n一\n\n二\n三\n四\n五\n\n六\n<X-Tag>七</X-Tag>');
  });
});

describe('calendar dates without a Date', () => {
  it('know leap years and month lengths', async () => {
    const { isoDate } = await import('../src/ingest/frontmatter.js');
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2000, 2, 29)).toBe('2000-02-29');
    expect(isoDate(2100, 2, 29)).toBeNull();
    expect(isoDate(2023, 2, 29)).toBeNull();
    expect(isoDate(2023, 4, 31)).toBeNull();
    expect(isoDate(2023, 12, 31)).toBe('2023-12-31');
    expect(isoDate(1899, 1, 1)).toBeNull();
  });
});

describe('run-together names split by costs', () => {
  it('prefer three-character names, take compound surnames, and refuse what does not split', async () => {
    const { splitNames } = await import('../src/ingest/meta.js');
    expect(splitNames('李天然夏雨彬')).toEqual(['李天然', '夏雨彬']);
    expect(splitNames('欧阳明月张华')).toEqual(['欧阳明月', '张华']);
    expect(splitNames('李天然a')).toBeNull();
    expect(splitNames('李')).toBeNull();
  });
});
