import { describe, expect, it } from 'vitest';
import peopleStage from '../src/extract/2-people.js';
import { isPlausibleName } from '../src/extract/people/names.js';
import { peopleLexicon } from '../src/extract/people/lexicon.js';
import { textDoc } from './helpers/text-doc.js';

// Given names that end in 和, 年, 月 or 男 (characters that mostly follow a name or a number):
// the name is read whole where nothing can continue the phrase after it.
const stage = peopleStage();
function run(text: string, home = '荆州市') {
  const d = textDoc(text, { home });
  stage(d);
  return {
    persons: d.mentions.filter((m) => m.type === 'Person').map((m) => [m.name, m.start, m.end, m.rule]),
    holds: d.relations.filter((r) => r.type === 'HOLDS').map((r) => [r.from.name, r.to.name]),
  };
}

describe('names ending in 和, 年, 月, 男', () => {
  it('reads 和 as the end of a name before a verb, not as a conjunction', () => {
    const r = run('县委书记刘顺和主持召开县委常委会扩大会议。', '公安县');
    expect(r.persons).toEqual([['刘顺和', 4, 7, 'person.title-name']]);
    expect(r.holds).toEqual([['刘顺和', '公安县委书记']]);
  });

  it('keeps 和 a conjunction before a second name or a title', () => {
    expect(run('市委书记吴锦和周志红一同调研。').persons).toEqual([['吴锦', 4, 6, 'person.title-name']]);
    const r = run('市委书记吴锦和市长周志红出席会议。');
    expect(r.persons).toEqual([
      ['吴锦', 4, 6, 'person.title-name'],
      ['周志红', 9, 12, 'person.title-name'],
    ]);
    expect(r.holds).toEqual([
      ['吴锦', '荆州市委书记'],
      ['周志红', '荆州市市长'],
    ]);
    expect(run('市委书记吴锦和同志们座谈。').persons).toEqual([['吴锦', 4, 6, 'person.title-name']]);
  });

  it('reads names ending in 月 and 男 before a verb', () => {
    expect(run('副市长王秋月出席会议并讲话。').persons).toEqual([['王秋月', 3, 6, 'person.title-name']]);
    expect(run('县委副书记李胜男主持会议。', '公安县').persons).toEqual([['李胜男', 5, 8, 'person.title-name']]);
  });

  it('keeps every name of a list when one of them ends in 和 or 年', () => {
    const r = run('市委常委田洪和、宋勇兴、陈延年、张锦波出席会议。');
    expect(r.persons).toEqual([
      ['田洪和', 4, 7, 'person.title-name'],
      ['宋勇兴', 8, 11, 'person.list'],
      ['陈延年', 12, 15, 'person.list'],
      ['张锦波', 16, 19, 'person.list'],
    ]);
    expect(r.holds.map((h) => h[1])).toEqual(['荆州市委常委', '荆州市委常委', '荆州市委常委', '荆州市委常委']);
  });

  it('accepts such a final only for a closed name of three characters', () => {
    const lex = peopleLexicon();
    expect(isPlausibleName('刘顺和', lex)).toBe(false);
    expect(isPlausibleName('刘顺和', lex, true)).toBe(true);
    expect(isPlausibleName('王秋月', lex, true)).toBe(true);
    // A one-character given name in 和 or 年 is a phrase (`周年`, `吴和`), closed or not.
    expect(isPlausibleName('周年', lex, true)).toBe(false);
    expect(isPlausibleName('吴和', lex, true)).toBe(false);
    // The other never-in-name characters stay out: `吴锦在` is 吴锦 and a preposition.
    expect(isPlausibleName('吴锦在', lex, true)).toBe(false);
  });
});

describe('one-character given names in 年 or 月', () => {
  it('reads 王月 after a title and 张年 closing a list with 等, so the whole list counts', () => {
    expect(run('市委书记王月出席会议。').persons).toEqual([['王月', 4, 6, 'person.title-name']]);
    const r = run('吴锦、周志红、黄镇、王水彬、陈新和、刘月明、张年等在主席台就座。');
    expect(r.persons.map((p) => p[0])).toEqual(['吴锦', '周志红', '黄镇', '王水彬', '陈新和', '刘月明', '张年']);
  });

  it('reads no name in time words of that shape', () => {
    expect(run('庆祝建党100周年、明年等活动。').persons).toEqual([]);
    expect(run('今年、明年和后年的工作。').persons).toEqual([]);
  });
});
