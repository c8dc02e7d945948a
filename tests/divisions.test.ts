import { describe, expect, it } from 'vitest';
import divisionsStage, { chainRelations } from '../src/extract/1-divisions.js';
import { getGazetteer } from '../src/gazetteer/index.js';
import { textDoc } from './helpers/text-doc.js';
import type { Doc } from '../src/types.js';

function doc(text: string, home: string | null): Doc {
  return textDoc(text, { home });
}

const stage = divisionsStage();
function run(text: string, home: string | null = '荆州市') {
  const d = doc(text, home);
  stage(d);
  return {
    mentions: d.mentions.map((m) => [m.name, m.start, m.end, m.rule]),
    names: d.mentions.map((m) => m.name),
    located: d.relations.map((r) => [r.from.name, r.to.name]),
    doc: d,
  };
}

describe('AdminDivision mentions', () => {
  it('finds full names with levels and codes, the township read inside the county before it', () => {
    const r = run('石首市东升镇仙鹤纸业项目');
    expect(r.mentions).toEqual([
      ['石首市', 0, 3, 'division.gazetteer'],
      ['东升镇', 3, 6, 'division.gazetteer'],
    ]);
    expect(r.doc.mentions[0]!.properties).toEqual({ level: 'county', code: '421081' });
    expect(r.doc.mentions[1]!.properties).toEqual({ level: 'township', code: '421081106' });
    expect(r.located).toEqual([
      ['石首市', '荆州市'],
      ['荆州市', '湖北省'],
      ['东升镇', '石首市'],
    ]);
    expect(r.doc.relations[0]!.evidence).toEqual([{ start: 0, end: 0, rule: 'gazetteer' }]);
  });

  it('reads short forms and former names under their current name, keeping the text span', () => {
    expect(run('工业兴,则荆州兴').mentions).toEqual([['荆州市', 5, 7, 'division.short']]);
    expect(run('2016年监利县县长').mentions).toEqual([['监利市', 5, 8, 'division.former']]);
  });

  it('names zones by the general rule and by the known table', () => {
    expect(run('宿松经开区党工委', '宿松县').mentions).toEqual([['宿松经济开发区', 0, 5, 'division.zone']]);
    expect(run('代表团来荆州经开区考察').mentions).toEqual([['荆州开发区', 4, 9, 'division.zone']]);
    expect(run('县委常委、经开区党工委书记', '宿松县').mentions).toEqual([['宿松经济开发区', 5, 8, 'division.zone-home']]);
    // The plain word 开发区 and a zone word after 各 are generic.
    expect(run('各经开区要加快开发区建设', '宿松县').mentions).toEqual([]);
  });

  it('does not read home words, police, lakes, regions or company names as divisions', () => {
    expect(run('我市全市市委市政府').mentions).toEqual([]);
    expect(run('市公安局荆州分局').names).toEqual([]);
    expect(run('公安干警').names).toEqual([]);
    expect(run('洪湖碧波万顷').names).toEqual([]);
    expect(run('江汉平原和长江经济带').names).toEqual([]);
    expect(run('安徽鸿路钢结构(集团)股份有限公司在我县投资', '团风县').names).toEqual([]);
    expect(run('咬定青山、长江岸线、主席台前、各位来宾').names).toEqual([]);
    // A short form with a company head (公司, 集团) at most 16 characters of its clause after it names the company.
    expect(run('石首仙鹤纸业有限公司投资').names).toEqual([]);
    expect(run('石首集团').names).toEqual([]);
    expect(run('石首一二三四五六七八九十一二三四五六公司').names).toEqual([]);
    expect(run('石首一二三四五六七八九十一二三四五六七公司').names).toEqual(['石首市']);
    expect(run('石首一二三四五，公司').names).toEqual(['石首市']);
    expect(run('代县长和县委').names).toEqual([]);
    expect(run('祝全市人民幸福安康，长治久安。吴忠华同志出席。').names).toEqual([]);
    expect(run('建设相应城市配套，确保康复', '湖北省').names).toEqual([]);
    expect(run('洞庭湖北面、黄河南岸、长江西岸、泰山东麓').names).toEqual([]);
    expect(run('在湖北部分地区，与河南交界').names).toEqual(['湖北省', '河南省']);
  });

  it('reads 荆州区域性 as 荆州 + 区域 and a place name after a bare title as a person', () => {
    expect(run('建设荆州区域性中心城市').mentions).toEqual([['荆州市', 2, 4, 'division.short']]);
    expect(run('副市长洪湖主持会议').names).toEqual([]);
    expect(run('荆州区委书记').names).toEqual(['荆州区']);
    expect(run('黄石林主持会议，江陵生、王敏出席。').names).toEqual([]);
    // At the very end of the text, or before a character that is not Han, it is the place.
    expect(run('来自黄石').names).toEqual(['黄石市']);
    expect(run('黄石1号主持').names).toEqual(['黄石市']);
    expect(run('黄冈人说，荆州城的江陵县').names).toEqual(['黄冈市', '荆州市', '江陵县']);
  });

  it('accepts a county short form near home or under a named prefecture, not far away', () => {
    expect(run('北与麻城市接壤,东与罗田连界', '团风县').names).toEqual(['麻城市', '罗田县']);
    expect(run('在湘西州领导陪同下,先后到吉首、凤凰等县市', '恩施土家族苗族自治州').names).toEqual([
      '湘西土家族苗族自治州',
      '吉首市',
      '凤凰县',
    ]);
    expect(run('先后到吉首、凤凰等县市', '荆州市').names).toEqual([]);
  });

  it('prefers the same-named township under home and drops far townships', () => {
    const r = run('狮子口镇', '公安县');
    expect(r.doc.mentions[0]!.properties).toEqual({ level: 'township', code: '421022111' });
    expect(run('东华门街道', '荆州市').names).toEqual([]);
    expect(run('北京市东华门街道', '荆州市').names).toEqual(['北京市', '东华门街道']);
  });

  it('infers a local anchor when the article has no home', () => {
    expect(run('宿松县委宣传部。推动宿松经济社会稳步发展', null).names).toEqual(['宿松县', '宿松县']);
  });

  it('warns about a home the gazetteer does not know and falls back to the text', () => {
    const r = run('宿松县委宣传部。推动宿松经济社会稳步发展', '宿松');
    expect(r.names).toEqual(['宿松县', '宿松县']);
    const r2 = run('宿松县委宣传部', '不存在县');
    expect(r2.doc.messages).toEqual([
      {
        level: 'warning',
        message: 'divisions: home jurisdiction "不存在县" is not in the gazetteer; short forms are read against the division the text names most',
        rule: 'division.home-unknown',
      },
    ]);
  });

  it('keeps offsets right after a character outside the BMP', () => {
    const r = run('𠀀荆州市');
    expect(r.mentions).toEqual([['荆州市', 2, 5, 'division.gazetteer']]);
  });
});

describe('chainRelations', () => {
  it('walks each named division up to its province once, and keeps same-named divisions apart', () => {
    const g = getGazetteer();
    const [a, b] = g.candidates('城关镇').filter((d) => d.parent === '和林格尔县' || d.parent === '清水河县');
    const edges = chainRelations([a!, b!, a!, g.byName('呼和浩特市')!]).map((r) => `${r.from.name}>${r.to.name}`);
    expect(edges.sort()).toEqual(['和林格尔县>呼和浩特市', '呼和浩特市>内蒙古自治区', '城关镇>和林格尔县', '城关镇>清水河县', '清水河县>呼和浩特市'].sort());
  });
});
