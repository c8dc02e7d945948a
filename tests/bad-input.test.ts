import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectInputs, ingestBytes, ingestFile, readManifestReport, type IngestOutcome } from '../src/ingest/index.js';
import { runPipeline } from '../src/pipeline.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'guanxi-bad-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, content: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const ok = (o: IngestOutcome) => {
  if (o.status !== 'ok') throw new Error(`${o.path}: ${o.status}: ${o.reason}`);
  return o.doc;
};

describe('bad input gets a clear message naming the reason', () => {
  it('empty file: skipped', async () => {
    expect(await ingestFile(file('empty.txt', ''))).toMatchObject({ status: 'skipped', reason: 'empty file' });
    expect(await ingestFile(file('blank.txt', '\ufeff \n\n'))).toMatchObject({ status: 'skipped', reason: 'empty file' });
  });

  it('binary file: skipped', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await ingestFile(file('image.png', png))).toMatchObject({ status: 'skipped', reason: 'binary file (NUL bytes)' });
    const noise = Uint8Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f));
    expect((await ingestFile(file('noise.bin', noise))).status).toBe('skipped');
  });

  it('GB18030 text: decoded, with an info message', async () => {
    const p = file('gbk.txt', iconv.encode('本报讯（记者张三）荆州市委书记吴锦出席会议。', 'gb18030'));
    const d = ok(await ingestFile(p));
    expect(d.meta.encoding).toBe('gb18030');
    expect(d.text).toBe('本报讯（记者张三）荆州市委书记吴锦出席会议。');
    expect(d.messages).toContainEqual({ level: 'info', message: 'decoded as GB18030', rule: 'ingest-decode' });
    expect(d.meta.byline).toEqual(['张三']);
  });

  it('UTF-16 with a byte-order mark, both byte orders; the BOM is not part of the source', async () => {
    const text = '市委书记吴锦出席会议。';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const d = ok(await ingestFile(file('le.txt', le)));
    expect(d).toMatchObject({ source: text, text, meta: { encoding: 'utf-16le' } });
    const be = Buffer.from(le);
    be.swap16();
    expect(ok(await ingestFile(file('be.txt', be))).meta.encoding).toBe('utf-16be');
    const bom8 = ok(await ingestFile(file('bom8.txt', '\ufeff' + text)));
    expect(bom8.source).toBe(text);
  });

  it('a UTF-8 file cut inside a character keeps what it has, with a warning', async () => {
    const bytes = Buffer.from('市委书记吴锦出席会议', 'utf8');
    const d = ok(await ingestFile(file('cut.txt', bytes.subarray(0, bytes.length - 1))));
    expect(d.text).toBe('市委书记吴锦出席会');
    expect(d.meta.encoding).toBe('utf-8');
    expect(d.messages).toContainEqual({ level: 'warning', message: 'truncated UTF-8 character at the end (2 bytes dropped)', rule: 'ingest-decode' });
  });

  it('broken YAML front matter: the body is kept, with a warning, and key: value lines still read', async () => {
    const p = file('broken.md', '---\ntitle: "未闭合的标题\ndate: 2022-02-10 08:54:01 +0800\ntags: [a, b\n---\n<p>市委书记吴锦出席会议。</p>\n');
    const d = ok(await ingestFile(p));
    expect(d.text).toContain('市委书记吴锦出席会议。');
    expect(d.text).not.toContain('date:');
    expect(d.meta.date).toBe('2022-02-10');
    expect(d.messages.some((m) => m.level === 'warning' && m.rule === 'ingest-front-matter' && m.message.startsWith('broken YAML front matter'))).toBe(true);
  });

  it('Windows line endings in a GB18030 Jekyll post', async () => {
    const post = '---\r\ntitle: "市委召开会议"\r\ndate: 2021-12-31 23:30:00 +0800\r\ntags: 荆州日报新闻\r\n---\r\n<p>市委书记吴锦出席会议。</p>\r\n<p>会议强调要抓项目。</p>\r\n';
    const d = ok(await ingestFile(file('crlf.txt', iconv.encode(post, 'gb18030'))));
    expect(d.text).toBe('市委召开会议\n市委书记吴锦出席会议。\n会议强调要抓项目。');
    expect(d.meta).toMatchObject({ title: '市委召开会议', date: '2021-12-31', source: '荆州日报', home: '荆州市', encoding: 'gb18030' });
  });

  it('unclosed HTML: text kept, markup dropped', async () => {
    const d = ok(await ingestFile(file('unclosed.html', '<html><body><div><p>市委书记吴锦出席会议。<p>会议强调要抓项目。<span class="x')));
    expect(d.text).toBe('市委书记吴锦出席会议。\n会议强调要抓项目。');
  });

  it('a 50 MB file is refused by size without being read', async () => {
    const p = join(dir, 'huge.txt');
    writeFileSync(p, '');
    truncateSync(p, 50 * 1024 * 1024); // sparse: no 50 MB written, none read
    const before = process.memoryUsage().rss;
    expect(await ingestFile(p)).toMatchObject({ status: 'skipped', reason: 'file too large (50 MB > 20 MB)' });
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
    expect(await ingestFile(p, { maxBytes: 1024 * 1024 })).toMatchObject({ reason: 'file too large (50 MB > 1 MB)' });
  });

  it('a directory with no articles, and a path that does not exist', async () => {
    const emptyDir = join(dir, 'nothing');
    mkdirSync(emptyDir);
    writeFileSync(join(emptyDir, 'manifest.jsonl'), '');
    writeFileSync(join(emptyDir, '.hidden'), 'x');
    const listing = await collectInputs([emptyDir, join(dir, 'missing.txt')]);
    expect(listing.files).toEqual([]);
    expect(listing.problems).toEqual([
      { path: emptyDir, status: 'failed', reason: `no articles found in ${emptyDir}` },
      { path: join(dir, 'missing.txt'), status: 'failed', reason: 'path does not exist' },
    ]);
  });

  it('a manifest line pointing at a missing file is a failed input; the rest goes on', async () => {
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'a.txt'), '市委书记吴锦出席会议。');
    writeFileSync(join(corpus, 'empty.txt'), '');
    writeFileSync(
      join(corpus, 'manifest.jsonl'),
      [
        JSON.stringify({ path: 'a.txt', url: 'http://www.shishou.gov.cn/2021-01/11/1.html', date: '2021-01-11', home: null, title: '标题' }),
        JSON.stringify({ path: 'gone.txt', date: '2020-01-01' }),
        'not json',
      ].join('\n'),
    );
    const report = await readManifestReport(join(corpus, 'manifest.jsonl'));
    expect(report.problems).toEqual([{ line: 3, reason: 'not valid JSON' }]);
    const outcomes = await runPipeline([corpus], {}, () => {});
    expect(outcomes.map((o) => [o.path.replace(corpus, 'C'), o.status, o.reason ?? null])).toEqual([
      ['C/gone.txt', 'failed', 'manifest entry points at a missing file (gone.txt)'],
      ['C/a.txt', 'ok', null],
      ['C/empty.txt', 'skipped', 'empty file'],
    ]);
    const a = outcomes[1]!.result!.article;
    // The manifest wins; its null home falls through to the URL's host.
    expect(a).toMatchObject({ title: '标题', date: '2021-01-11', home: '石首市', homeSource: 'url' });
    // A single file given on its own still finds the manifest beside it.
    const single = await runPipeline([join(corpus, 'a.txt')], {}, () => {});
    expect(single.find((o) => o.status === 'ok')!.result!.article).toMatchObject({ title: '标题', date: '2021-01-11' });
  });
});

describe('property: ingest never crashes and its offsets always map into the source', () => {
  const samples = ['000_5a8de6c8868ad61b.txt', '001_f0a28563a02e8bb2.txt', '002_7c54d73f11e2c79f.txt', '003_18502e2dabe3669c.txt', '004_6696fd7191fe5db3.txt'].map((f) =>
    readFileSync(join('data/articles', f)),
  );

  function check(bytes: Uint8Array) {
    const o = ingestBytes(bytes, 'prop.txt');
    if (o.status !== 'ok') {
      expect(o.reason.length).toBeGreaterThan(0);
      return;
    }
    const { source, text, offsets } = o.doc;
    expect(offsets.length).toBe(text.length + 1);
    for (let i = 0; i < text.length; i++) {
      const at = offsets[i]!;
      expect(at >= 0 && at < source.length).toBe(true);
      // Ideographs are never rewritten, only copied (entities, NFKC folds, full-width
      // punctuation and line breaks stand for other characters): one mapped onto an ideograph
      // of the source is that ideograph.
      if (/[\u4e00-\u9fff]/.test(source[at]!)) expect(text[i]).toBe(source[at]);
    }
    expect(offsets[text.length]! <= source.length).toBe(true);
  }

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => check(bytes)), { numRuns: 300 });
  });

  it('random text with CJK, markup, spaces and non-BMP characters', () => {
    const piece = fc.constantFrom('市委书记', '吴 锦', '<p>', '</p>', '&nbsp;', '&#20108;', '，', ',', '。', '\n', '\n\n', ' ', '\u3000', '𠀋', '---\n', 'title: x\n', '冲刺冲刺', '(记者', ')', '相关新闻', 'Ｇ２０', '——', '□');
    fc.assert(fc.property(fc.array(piece, { maxLength: 200 }), (parts) => check(Buffer.from(parts.join(''), 'utf8'))), { numRuns: 300 });
  });

  it('cuts, duplications and insertions in the five samples', () => {
    const edit = fc.record({
      sample: fc.integer({ min: 0, max: samples.length - 1 }),
      cuts: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 400 }), fc.constantFrom('cut', 'dup', 'insert')), { maxLength: 6 }),
      insert: fc.uint8Array({ maxLength: 40 }),
    });
    fc.assert(
      fc.property(edit, ({ sample, cuts, insert }) => {
        let bytes = Buffer.from(samples[sample]!);
        for (const [at, len, op] of cuts) {
          const s = at % (bytes.length + 1);
          const e = Math.min(bytes.length, s + len);
          if (op === 'cut') bytes = Buffer.concat([bytes.subarray(0, s), bytes.subarray(e)]);
          else if (op === 'dup') bytes = Buffer.concat([bytes.subarray(0, e), bytes.subarray(s, e), bytes.subarray(e)]);
          else bytes = Buffer.concat([bytes.subarray(0, s), insert, bytes.subarray(s)]);
        }
        check(bytes);
      }),
      { numRuns: 150 },
    );
  });
});
