import { describe, expect, it } from 'vitest';
import peopleStage from '../src/extract/2-people.js';
import { textDoc } from './helpers/text-doc.js';

// A title whose level the home has no division for (`区委副书记` in a prefecture's paper, or an
// article with no home) takes the place an explicit title gave that level earlier in the paragraph.
const stage = peopleStage();
function holds(text: string, home: string | null) {
  const d = textDoc(text, { home });
  stage(d);
  return d.relations.filter((r) => r.type === 'HOLDS').map((r) => [r.from.name, r.to.name]);
}

describe('a level the home cannot answer, named by a title earlier in the paragraph', () => {
  it('gives the bare 区委 and 区长 of the next sentence the district of the title before', () => {
    const text = '沙市区区委书记向丽主持召开学习会。区委副书记、区长张明熙，区人大常委会主任刘红出席。';
    expect(holds(text, '荆州市')).toEqual([
      ['向丽', '沙市区委书记'],
      ['张明熙', '沙市区委副书记'],
      ['张明熙', '沙市区区长'],
      ['刘红', '沙市区人大常委会主任'],
    ]);
  });

  it('does the same with no home at all', () => {
    expect(holds('沙市区区委书记向丽主持会议。区长张明熙出席。', null)).toEqual([
      ['向丽', '沙市区委书记'],
      ['张明熙', '沙市区区长'],
    ]);
  });

  it('crosses a paragraph only where every earlier title named the same place', () => {
    expect(holds('沙市区区委书记向丽主持会议。\n区长张明熙出席。', null)).toEqual([
      ['向丽', '沙市区委书记'],
      ['张明熙', '沙市区区长'],
    ]);
    const two = '沙市区区委书记向丽、荆州区区委书记王强出席。\n区长张明熙主持。';
    expect(holds(two, null)).toEqual([
      ['向丽', '沙市区委书记'],
      ['王强', '荆州区委书记'],
    ]);
    // In the same paragraph the nearest title before decides.
    expect(holds('沙市区区委书记向丽、荆州区区委书记王强出席。区长张明熙主持。', null)).toEqual([
      ['向丽', '沙市区委书记'],
      ['王强', '荆州区委书记'],
      ['张明熙', '荆州区区长'],
    ]);
  });

  it('gives no earlier place to a title glued to a place the gazetteer does not know', () => {
    const text = '五峰土家族自治县湾潭镇党委书记张三出席。\n花果山镇镇党委书记李四表示，要抓好落实。';
    // The unknown town is named as written; the earlier 湾潭镇 is not taken.
    expect(holds(text, null)).toEqual([
      ['张三', '五峰土家族自治县湾潭镇党委书记'],
      ['李四', '花果山镇镇党委书记'],
    ]);
  });

  it('gives no earlier place to a level marker glued to the text before it', () => {
    // A doubled place (as some PDF text has it) and a doubled suffix: no office, rather than 磨市镇's.
    const text = '长阳土家族自治县磨市镇党委书记张三出席。\n当阳市当阳市庙前镇镇党委书记王立山表示，要抓好落实。';
    expect(holds(text, null)).toEqual([['张三', '长阳土家族自治县磨市镇党委书记']]);
  });

  it('takes no place from a division that only names a venue', () => {
    expect(holds('项目签约仪式在当阳市举行。市委书记王源宣布项目开工。', null)).toEqual([]);
  });

  it('leaves a level the home answers to the home', () => {
    expect(holds('石首市市长李四出席。市委书记王五主持会议。', '荆州市')).toEqual([
      ['李四', '石首市市长'],
      ['王五', '荆州市委书记'],
    ]);
  });
});
