import { describe, expect, it } from 'vitest';
import { toExtraction } from '../src/extract/output.js';
import { rebuiltText } from './helpers/rebuilt-text.js';
import type { Doc } from '../src/types.js';

describe('toExtraction', () => {
  // Source with markup and a spaced name; the text is what ingest would make of it.
  const source = '<p>市委书记吴 锦出席会议。</p>';
  const { text, offsets } = rebuiltText(source, [['市委书记吴', 3], ['锦出席会议。', 9]]);
  const doc: Doc = {
    meta: { id: 'a.txt', path: 'a.txt', title: null, date: '2022-02-10', source: null, url: null, home: '荆州市', homeSource: 'cli', lang: 'zh', byline: [], encoding: 'utf-8' },
    source,
    text,
    offsets,
    mentions: [
      { type: 'Person', name: '吴锦', start: 4, end: 6, rule: 'person.title-name' },
      { type: 'Office', name: '荆州市委书记', start: 0, end: 4, rule: 'office.title-chain', properties: { title: '市委书记' } },
      { type: 'Person', name: '吴锦', start: 4, end: 6, rule: 'person.repeat' },
    ],
    relations: [
      { type: 'HOLDS', from: { type: 'Person', name: '吴锦' }, to: { type: 'Office', name: '荆州市委书记' }, evidence: [{ start: 0, end: 11, rule: 'office.title-chain' }] },
    ],
    messages: [{ level: 'info', message: 'spaced name joined', start: 4, end: 6, rule: 'normalise-spacing' }],
  };
  const out = toExtraction(doc);
  /** `doc` over plain text (its own source, each character at its own offset), with these mentions and relations. */
  const plainDoc = (text: string, mentions: Doc['mentions'], relations: Doc['relations'] = []): Doc => ({
    ...doc,
    source: text,
    text,
    offsets: Int32Array.from({ length: text.length + 1 }, (_, i) => i),
    mentions,
    relations,
    messages: [],
  });

  it('maps mentions back into the original source, one per span', () => {
    expect(out.entities.map((e) => [e.type, e.name, e.mentions])).toEqual([
      ['Person', '吴锦', [{ start: 7, end: 10, text: '吴 锦', rule: 'person.title-name' }]],
      ['Office', '荆州市委书记', [{ start: 3, end: 7, text: '市委书记', rule: 'office.title-chain' }]],
    ]);
    expect(out.entities[1]!.properties).toEqual({ title: '市委书记' });
  });

  it('gives each relation its sentence, source offsets, rule and the article date', () => {
    expect(out.relations[0]!.evidence).toEqual([{ sentence: '市委书记吴锦出席会议。', start: 3, end: 15, rule: 'office.title-chain', date: '2022-02-10' }]);
    expect(source.slice(3, 15)).toBe('市委书记吴 锦出席会议。');
  });

  it('maps message places too', () => {
    expect(out.messages).toEqual([{ level: 'info', message: 'spaced name joined', start: 7, end: 10, rule: 'normalise-spacing' }]);
  });

  it('keeps one mention per span for a name repeated many times, each found by two rules', () => {
    // 20 sentences naming 吴锦: every span is found twice (title-name, then repeat), and the
    // 16th and later spans are checked against a set instead of the list.
    const sentence = '吴锦出席会议。';
    const manyText = sentence.repeat(20);
    const many = plainDoc(
      manyText,
      Array.from({ length: 20 }, (_, i) => [
        { type: 'Person' as const, name: '吴锦', start: i * sentence.length, end: i * sentence.length + 2, rule: 'person.title-name' },
        { type: 'Person' as const, name: '吴锦', start: i * sentence.length, end: i * sentence.length + 2, rule: 'person.repeat' },
      ]).flat(),
    );
    const [person] = toExtraction(many).entities;
    expect(person!.mentions).toHaveLength(20);
    expect(person!.mentions[17]).toEqual({ start: 119, end: 121, text: '吴锦', rule: 'person.title-name' });
    expect(new Set(person!.mentions.map((m) => m.start)).size).toBe(20);
    // Past 16 kept spans, two spans of one start but different ends are both kept, each once.
    const twoEnds = toExtraction({
      ...many,
      mentions: Array.from({ length: 20 }, (_, i) => [
        { type: 'Person' as const, name: '吴锦', start: i * sentence.length, end: i * sentence.length + 2, rule: 'a' },
        { type: 'Person' as const, name: '吴锦', start: i * sentence.length, end: i * sentence.length + 1, rule: 'b' },
        { type: 'Person' as const, name: '吴锦', start: i * sentence.length, end: i * sentence.length + 1, rule: 'c' },
      ]).flat(),
    }).entities[0]!;
    expect(twoEnds.mentions).toHaveLength(40);
    expect(twoEnds.mentions.slice(36).map((m) => [m.start, m.end, m.rule])).toEqual([[126, 128, 'a'], [126, 127, 'b'], [133, 135, 'a'], [133, 134, 'b']]);
  });

  it('orders entities by type then first mention, and merges relations by type and both ends', () => {
    const text = '荆州市石首市吴锦周志红出席会议。';
    const mixed = plainDoc(
      text,
      // Two stages' runs, each by start: people, then divisions.
      [
        { type: 'Person', name: '吴锦', start: 6, end: 8, rule: 'p' },
        { type: 'Person', name: '周志红', start: 8, end: 11, rule: 'p' },
        { type: 'AdminDivision', name: '荆州市', start: 0, end: 3, rule: 'd' },
        { type: 'AdminDivision', name: '石首市', start: 3, end: 6, rule: 'd' },
      ],
      [
        { type: 'LOCATED_IN', from: { type: 'AdminDivision', name: '石首市' }, to: { type: 'AdminDivision', name: '荆州市' }, evidence: [{ start: 0, end: 0, rule: 'gazetteer' }] },
        { type: 'ATTENDED', from: { type: 'Person', name: '吴锦' }, to: { type: 'AdminDivision', name: '荆州市' }, evidence: [{ start: 6, end: 16, rule: 'a' }] },
        { type: 'LOCATED_IN', from: { type: 'AdminDivision', name: '石首市' }, to: { type: 'AdminDivision', name: '荆州市' }, evidence: [{ start: 0, end: 0, rule: 'gazetteer' }] },
        { type: 'ATTENDED', from: { type: 'Person', name: '吴锦' }, to: { type: 'AdminDivision', name: '石首市' }, evidence: [{ start: 6, end: 16, rule: 'a' }] },
        { type: 'ATTENDED', from: { type: 'Person', name: '吴锦' }, to: { type: 'AdminDivision', name: '荆州市' }, evidence: [{ start: 6, end: 16, rule: 'a' }, { start: 0, end: 16, rule: 'b' }] },
      ],
    );
    const out = toExtraction(mixed);
    expect(out.entities.map((e) => e.name)).toEqual(['吴锦', '周志红', '荆州市', '石首市']);
    expect(out.relations.map((r) => [r.type, r.from.name, r.to.name, r.evidence.map((e) => [e.start, e.end, e.rule])])).toEqual([
      ['LOCATED_IN', '石首市', '荆州市', [[0, 0, 'gazetteer']]],
      ['ATTENDED', '吴锦', '荆州市', [[6, 16, 'a'], [0, 16, 'b']]],
      ['ATTENDED', '吴锦', '石首市', [[6, 16, 'a']]],
    ]);
  });

  it('reads mentions by start, longest first, and keeps the earlier stage\'s rule for a span found twice', () => {
    const text = '石首市东升镇';
    const runs = plainDoc(text, [
      { type: 'AdminDivision', name: '石首市', start: 0, end: 2, rule: 'first' },
      { type: 'AdminDivision', name: '东升镇', start: 3, end: 6, rule: 'first' },
      { type: 'AdminDivision', name: '石首市', start: 0, end: 3, rule: 'second' },
      { type: 'AdminDivision', name: '东升镇', start: 3, end: 6, rule: 'second' },
    ]);
    const [shishou, dongsheng] = toExtraction(runs).entities;
    expect(shishou!.mentions.map((m) => [m.start, m.end, m.rule])).toEqual([[0, 3, 'second'], [0, 2, 'first']]);
    expect(dongsheng!.mentions.map((m) => m.rule)).toEqual(['first']);
    expect(toExtraction({ ...runs, mentions: [] }).entities).toEqual([]);
  });

  it('gives an entity the set properties of its mentions, first value kept, without changing the mentions', () => {
    const firstProps = { title: '市委书记', jurisdiction: null };
    const laterProps = { title: '书记', jurisdiction: '荆州市', level: 'prefecture' };
    const named: Doc = {
      ...doc,
      mentions: [
        { type: 'Office', name: '荆州市委书记', start: 0, end: 4, rule: 'a', properties: firstProps },
        { type: 'Office', name: '荆州市委书记', start: 0, end: 2, rule: 'b', properties: laterProps },
        { type: 'Person', name: '吴锦', start: 4, end: 6, rule: 'c', properties: { pinyin: 'Wu Jin' } },
        { type: 'Person', name: '吴锦', start: 4, end: 5, rule: 'd', properties: { pinyin: 'Wu', title: '书记' } },
      ],
      relations: [],
      messages: [],
    };
    for (let round = 0; round < 2; round++) {
      const [person, office] = toExtraction(named).entities;
      expect(Object.entries(office!.properties)).toEqual([['title', '市委书记'], ['jurisdiction', '荆州市'], ['level', 'prefecture']]);
      expect(Object.entries(person!.properties)).toEqual([['pinyin', 'Wu Jin'], ['title', '书记']]);
    }
    expect(firstProps).toEqual({ title: '市委书记', jurisdiction: null });
    expect(named.mentions[2]!.properties).toEqual({ pinyin: 'Wu Jin' });
  });
});
