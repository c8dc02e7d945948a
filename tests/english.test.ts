import { describe, expect, it } from 'vitest';
import englishStage from '../src/extract/english/index.js';
import { createExtractor } from '../src/extract/index.js';
import { textDoc } from './helpers/text-doc.js';
import type { Doc } from '../src/types.js';

function englishDoc(text: string, home: string | null = null): Doc {
  return textDoc(text, { id: 'en.txt', path: 'en.txt', date: '2022-02-10', home, homeSource: null, lang: 'en' });
}

describe('English extractor', () => {
  const text =
    'Wu Jin, Party Secretary of Jingzhou, chaired the meeting in Shishou on Monday. ' +
    'Mayor Zhou Zhihong said Jingzhou would host the delegation. Ouyang Jinxu spoke last.';
  const doc = englishDoc(text, '荆州市'); // a bare `Mayor` is the home jurisdiction's
  englishStage()(doc);
  const pick = (type: string) => doc.mentions.filter((m) => m.type === type).map((m) => [m.name, text.slice(m.start, m.end), m.rule]);

  it('finds pinyin names that compromise misses, compound surnames included', () => {
    expect(pick('Person')).toEqual([
      ['Wu Jin', 'Wu Jin', 'en.person.pinyin'],
      ['Zhou Zhihong', 'Zhou Zhihong', 'en.person.pinyin'],
      ['Ouyang Jinxu', 'Ouyang Jinxu', 'en.person.pinyin'],
    ]);
    expect(doc.mentions.find((m) => m.name === 'Ouyang Jinxu')?.properties).toEqual({ pinyin: 'ouyang jinxu' });
  });

  it('matches places to the gazetteer through pinyin', () => {
    expect(pick('AdminDivision')).toEqual([
      ['荆州市', 'Jingzhou', 'en.division.pinyin'],
      ['石首市', 'Shishou', 'en.division.pinyin'],
      ['荆州市', 'Jingzhou', 'en.division.pinyin'],
    ]);
  });

  it('turns English titles into the Chinese canonical offices, held by the named person', () => {
    expect(pick('Office')).toEqual([
      ['荆州市委书记', 'Party Secretary of Jingzhou', 'en.office.title'],
      ['荆州市市长', 'Mayor', 'en.office.title'],
    ]);
    expect(doc.relations.map((r) => [r.type, r.from.name, r.to.name, text.slice(r.evidence[0]!.start, r.evidence[0]!.end)])).toEqual([
      ['HOLDS', 'Wu Jin', '荆州市委书记', 'Wu Jin, Party Secretary of Jingzhou, chaired the meeting in Shishou on Monday.'],
      ['HOLDS', 'Zhou Zhihong', '荆州市市长', 'Mayor Zhou Zhihong said Jingzhou would host the delegation.'],
    ]);
  });

  it('is only used for English: a Chinese doc never goes through compromise', () => {
    const zh = englishDoc('Mayor Zhou Zhihong said so.');
    zh.meta.lang = 'zh';
    createExtractor()(zh);
    expect(zh.mentions.filter((m) => m.rule.startsWith('en.'))).toEqual([]);
  });
});
