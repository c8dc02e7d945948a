import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { encodeArticleLine, encodeExtractionLine, encodeJsonValue } from '../src/output/json-line.js';
import { createExtractor } from '../src/extract/index.js';
import { extractStep, ingestStep } from '../src/pipeline.js';
import type { ArticleMeta, ExtractionResult } from '../src/types.js';

/** JSON.stringify's bytes, the reference. */
const reference = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const TRICKY = [
  '',
  'plain ascii',
  'quote " and backslash \\ and slash /',
  'controls \u0000\u0001\u0007\b\t\n\u000b\f\r\u000e\u001f and DEL \u007f',
  '市委书记出席会议并讲话',
  'é à ü ß ÷ ÿ Ā ʼ ߿ ࠀ',
  'emoji 😀 and 𠀀 outside the BMP',
  'lone high \ud800 then text',
  'lone low \udc00 then text',
  'high at the end \udbff',
  'low then high \udc00\ud800 reversed',
  '\ud83d\ude00\ud83d',
  '“全角引号”、《书名号》——破折号…省略号',
  '\u2028 line and paragraph \u2029 separators',
  '\ufeff BOM and \uffff noncharacter',
  '\n\n第一段\n第二段\n',
  '\n',
];
/** Each tricky string, and long ones (past the short-string loop) with it at the start, middle and end. */
const STRINGS = TRICKY.flatMap((s) => [s, s + '长'.repeat(60), '长'.repeat(60) + s + '长'.repeat(60), 'x'.repeat(80) + s]);

describe('encodeJsonValue gives JSON.stringify’s UTF-8 bytes', () => {
  it('for strings with quotes, backslashes, controls, lone surrogates, emoji and Chinese, short and long', () => {
    for (const s of STRINGS) expect(hex(encodeJsonValue(s)), JSON.stringify(s)).toBe(reference(s));
  });

  it('for numbers as JS prints them', () => {
    const numbers = [0, -0, 1, 9, 10, 99, 100, 12345, 2147483647, 2147483648, -1, -2147483648, 0.5, -0.25, 1e21, 1e-7, 123456789012345680000, Number.MAX_SAFE_INTEGER, Number.MIN_VALUE, Number.MAX_VALUE, NaN, Infinity, -Infinity];
    for (const n of numbers) expect(hex(encodeJsonValue(n)), String(n)).toBe(reference(n));
  });

  it('for nested values of any JSON shape, skipping what JSON.stringify skips', () => {
    const values: unknown[] = [
      null,
      true,
      false,
      [],
      {},
      [1, 'a', null, undefined, () => 1, Symbol('s'), [2, [3]], { b: 1 }],
      { a: 1, b: undefined, c: () => 0, d: Symbol('x'), e: [undefined], f: { g: null, h: '市' } },
      { 2: 'two', 1: 'one', b: 'b', a: 'a', '': 'empty key', 'k"\\\n': 'key to escape', 键: '中文键' },
      Object.assign(Object.create(null) as object, { made: 'without a prototype' }),
      { when: new Date(Date.UTC(2022, 1, 10)), map: new Map([[1, 2]]), boxed: new String('boxed'), bytes: Uint8Array.of(1, 2) },
      { custom: { toJSON: () => ({ replaced: true }) } },
      [, 1],
    ];
    for (const v of values) expect(hex(encodeJsonValue(v)), JSON.stringify(v)).toBe(reference(v));
  });

  it('leaves out a member whose toJSON gives undefined, and writes null for such an element', () => {
    const nothing = { toJSON: () => undefined };
    const values: unknown[] = [{ a: 1, b: nothing, c: 2 }, { b: nothing }, { b: nothing, c: [nothing, 1] }, [nothing], { d: { toJSON: () => '市' } }];
    for (const v of values) expect(hex(encodeJsonValue(v)), JSON.stringify(v)).toBe(reference(v));
  });

  it('throws for a BigInt, as JSON.stringify does', () => {
    expect(() => encodeJsonValue({ n: 1n })).toThrow(TypeError);
  });
});

describe('encodeArticleLine and encodeExtractionLine', () => {
  it('give JSON.stringify’s bytes for literal input with tricky strings everywhere', () => {
    const meta: ArticleMeta = { id: '1.txt', path: 'in/1.txt', title: STRINGS[3]!, date: null, source: '日报', url: null, home: '某市', homeSource: 'manifest', lang: 'zh', byline: ['记者 \ud800', '编辑"'], encoding: 'utf-8' };
    for (const text of STRINGS) expect(hex(encodeArticleLine(meta, text))).toBe(reference({ ...meta, text }));
    const result: ExtractionResult = {
      article: { ...meta, homeSource: undefined },
      entities: STRINGS.map((s, i) => ({
        type: 'Person',
        name: s,
        properties: i % 2 ? {} : { title: s, n: i, list: [s, i / 3] },
        mentions: [
          { start: i, end: i + 1000, text: s, rule: 'person.title-name' },
          { start: 0, end: 2147483648, text: '', rule: s },
        ],
      })),
      relations: STRINGS.map((s, i) => ({
        type: 'HOLDS',
        from: { type: 'Person', name: s },
        to: { type: 'Office', name: '市长' },
        properties: { source: s },
        evidence: [{ sentence: s, start: i, end: i + 7, rule: 'holds.title', date: i % 2 ? null : '2022-02-10' }],
      })),
      messages: [
        { level: 'warning', message: STRINGS[8]!, rule: 'x' },
        { level: 'info', message: 'm', rule: 'y', start: 1, end: 2 },
      ],
    };
    expect(hex(encodeExtractionLine(result))).toBe(reference(result));
    // Relations of one sentence (written once, then copied), the same text as another string, and one of another kind.
    const shared = '市长张三、副市长李四出席“会议”\n并讲话';
    const again = [...shared].join('');
    result.relations = ['甲', '乙', '丙', '丁'].map((name, i) => ({
      type: 'HOLDS',
      from: { type: 'Person', name },
      to: { type: 'Office', name: '市长' },
      properties: {},
      evidence: [
        { sentence: i === 2 ? again : shared, start: 0, end: 20, rule: 'holds.list', date: null },
        { sentence: i === 3 ? (7 as unknown as string) : shared, start: 30, end: 40, rule: 'holds.list', date: null },
      ],
    }));
    expect(hex(encodeExtractionLine(result))).toBe(reference(result));
  });

  it('write results whose parts are not of the expected kinds as JSON.stringify does', () => {
    const nothing = { toJSON: () => undefined };
    const mention = { start: 1, end: 2, text: '市', rule: 'r' };
    const evidence = { sentence: '句子', start: 1, end: 2, rule: 'r', date: null };
    const entity = { type: 'Person', name: '张三', properties: {}, mentions: [mention] };
    const relation = { type: 'HOLDS', from: { type: 'Person', name: '张三' }, to: { type: 'Office', name: '市长' }, properties: {}, evidence: [evidence] };
    const article = { id: 'x' };
    const odd: unknown[] = [
      { article, entities: [{ ...entity, name: 7 }, { ...entity, properties: undefined }, { ...entity, properties: nothing }, 'a string', null, nothing], relations: [], messages: [] },
      { article, entities: [{ ...entity, mentions: [{ ...mention, rule: undefined }, null, [1], { ...mention, end: '2' }, nothing, mention] }], relations: [], messages: [] },
      { article, entities: [], relations: [{ ...relation, from: nothing }, { ...relation, to: undefined }, { ...relation, properties: nothing }, 3], messages: [] },
      { article, entities: [], relations: [{ ...relation, evidence: [{ ...evidence, date: undefined }, { ...evidence, date: 5 }, { ...evidence, sentence: null }, evidence, evidence] }], messages: [] },
      { article: nothing, entities: [entity], relations: [relation], messages: [] },
      { article: undefined, entities: [entity], relations: [relation], messages: nothing },
      { article, entities: 'none', relations: [relation], messages: [] },
    ];
    for (const result of odd) expect(hex(encodeExtractionLine(result as ExtractionResult)), JSON.stringify(result)).toBe(reference(result));
  });

  it('write the article a line of its own', () => {
    // Many lines in a row (past a block of the encoder): each keeps its bytes.
    const meta = { id: 'a' } as unknown as ArticleMeta;
    const lines = Array.from({ length: 400 }, (_, i) => encodeArticleLine(meta, '荆州'.repeat(1000 + i)));
    lines.forEach((line, i) => expect(Buffer.from(line).toString()).toBe(JSON.stringify({ id: 'a', text: '荆州'.repeat(1000 + i) })));
  });

  it('write texts larger than a block, with line breaks only and with other escapes', () => {
    const meta = { id: 'big' } as unknown as ArticleMeta;
    for (const text of ['荆州市\n'.repeat(700_000), 'a"b\\\n荆州\t'.repeat(300_000), 'x'.repeat(3_000_000)]) {
      expect(hex(encodeArticleLine(meta, text))).toBe(reference({ id: 'big', text }));
    }
  });

  it('give JSON.stringify’s bytes for every article of the samples', () => {
    const extract = createExtractor();
    const files = readdirSync('data/articles').filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const path = join('data/articles', f);
      const step = ingestStep(path, {});
      if ('status' in step) throw new Error(`${path}: ${step.reason}`);
      const { meta, text } = step;
      const outcome = extractStep(path, step, extract, {});
      expect(hex(encodeArticleLine(meta, text)), f).toBe(reference({ ...meta, text }));
      expect(hex(encodeExtractionLine(outcome.result!)), f).toBe(reference(outcome.result));
    }
  });
});
