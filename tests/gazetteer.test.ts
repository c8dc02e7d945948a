import { describe, expect, it } from 'vitest';
import { getGazetteer } from '../src/gazetteer/index.js';

const g = getGazetteer();

describe('gazetteer lookups', () => {
  it('knows codes, levels and parents from GB/T 2260', () => {
    expect(g.byName('石首市')).toMatchObject({ name: '石首市', code: '421081', level: 'county', parent: '荆州市' });
    expect(g.byName('荆州市')).toMatchObject({ code: '421000', level: 'prefecture', parent: '湖北省' });
    expect(g.byName('湖北省')).toMatchObject({ code: '420000', level: 'province', parent: null });
    // Province-administered county-level cities hang off the province, not a bookkeeping group.
    expect(g.byName('天门市')).toMatchObject({ code: '429006', level: 'county', parent: '湖北省' });
  });

  it('maps short forms to the division they name', () => {
    expect(g.byName('荆州')?.name).toBe('荆州市');
    expect(g.byName('湖北')?.name).toBe('湖北省');
    expect(g.byName('恩施州')?.name).toBe('恩施土家族苗族自治州');
    expect(g.byName('恩施')?.name).toBe('恩施土家族苗族自治州');
    expect(g.byName('石首')?.name).toBe('石首市');
    expect(g.byName('广西')?.name).toBe('广西壮族自治区');
    expect(g.byName('荆')).toBeUndefined();
  });

  it('maps former names to the current division and records the year', () => {
    const d = g.byName('监利县');
    expect(d?.name).toBe('监利市');
    expect(d?.code).toBe('421088');
    expect(d?.formerNames).toContainEqual({ name: '监利县', until: 2020 });
    expect(g.formKind('监利县')).toBe('former');
  });

  it('gives parent chains and provinces', () => {
    expect(g.parentChain('沙市区').map((d) => d.name)).toEqual(['荆州市', '湖北省']);
    expect(g.parentChain('湖北省')).toEqual([]);
    expect(g.provinceOf('吉首市')?.name).toBe('湖南省');
    expect(g.provinceOf('湖北省')?.name).toBe('湖北省');
  });

  it('resolves repeated names relative to home', () => {
    const inShishou = g.resolve('东升镇', '石首市');
    expect(inShishou?.code).toBe('421081106');
    expect(inShishou?.parent).toBe('石首市');
    expect(g.resolve('东升镇', '荆州市')?.parent).toBe('石首市');
    // 荆州 is both 荆州市 and the stem of 荆州区: the prefecture wins.
    expect(g.resolve('荆州', '荆州市')?.name).toBe('荆州市');
    expect(g.resolve('城关镇', '荆州市')?.code?.startsWith('42')).toBe(true);
  });

  it('names functional zones by the general rule and by the known table', () => {
    expect(g.byName('宿松经开区')).toMatchObject({ name: '宿松经济开发区', level: 'zone', parent: '宿松县', code: null });
    expect(g.byName('十堰经开区')?.name).toBe('十堰经济技术开发区');
    expect(g.byName('荆州经开区')).toMatchObject({ name: '荆州开发区', parent: '荆州市' });
    expect(g.byName('荆州经济技术开发区')?.name).toBe('荆州开发区');
    expect(g.parentChain('团风经济开发区').map((d) => d.name)).toEqual(['团风县', '黄冈市', '湖北省']);
    expect(g.byName('江汉平原')).toBeUndefined();
  });
});

describe('gazetteer.find', () => {
  it('finds leftmost-longest occurrences with forms and offsets', () => {
    const text = '湖北省荆州市沙市区岑河镇，监利县和宿松经开区';
    const found = g.find(text, 0, text.length, '荆州市').map((m) => [m.start, m.end, m.form, m.division.name]);
    expect(found).toEqual([
      [0, 3, '湖北省', '湖北省'],
      [3, 6, '荆州市', '荆州市'],
      [6, 9, '沙市区', '沙市区'],
      [9, 12, '岑河镇', '岑河镇'],
      [13, 16, '监利县', '监利市'],
      [17, 22, '宿松经开区', '宿松经济开发区'],
    ]);
  });

  it('respects from/to', () => {
    const text = '石首市东升镇';
    expect(g.find(text, 3).map((m) => m.division.name)).toEqual(['东升镇']);
    expect(g.find(text, 0, 3).map((m) => m.division.name)).toEqual(['石首市']);
  });

  it('gives the match that starts at a position, as find would', () => {
    const text = '湖北省荆州市沙市区岑河镇，监利县和宿松经开区';
    const at = (start: number, to?: number) => {
      const m = g.matchAt(text, start, to, '荆州市');
      return m && [m.start, m.end, m.form, m.division.name, m.kind];
    };
    expect(at(3)).toEqual([3, 6, '荆州市', '荆州市', 'name']);
    expect(at(13)).toEqual([13, 16, '监利县', '监利市', 'former']);
    // A zone suffix extends its host's name.
    expect(at(17)).toEqual([17, 22, '宿松经开区', '宿松经济开发区', 'zone']);
    expect(at(17, 21)).toEqual([17, 19, '宿松', '宿松县', 'short']);
    // Inside a name, or at a position where none starts.
    expect(at(4)).toBeNull();
    expect(at(12)).toBeNull();
    expect(at(3, 5)).toEqual([3, 5, '荆州', '荆州市', 'short']);
    expect(at(3, 4)).toBeNull();
    for (const start of [0, 3, 6, 9, 13, 17]) {
      expect(g.matchAt(text, start, text.length, '荆州市')).toEqual(g.find(text, start, text.length, '荆州市').find((m) => m.start === start));
    }
  });

  it('tells whether a range names a division', () => {
    expect(g.hasMatch('全市经济工作会议', 0, 8, '荆州市')).toBe(false);
    expect(g.hasMatch('荆州市经济工作会议', 0, 9, '荆州市')).toBe(true);
    expect(g.hasMatch('荆州市经济工作会议', 1, 9, '荆州市')).toBe(false);
    expect(g.hasMatch('石首市东升镇', 3)).toBe(true);
    expect(g.hasMatch('石首市东升镇', 1, 5)).toBe(false);
  });

  it('picks among same-named divisions by home, then level, then code', () => {
    // Two county-level 通州: ambiguous without a home, each home's own with one.
    expect(g.resolve('通州')).toBeUndefined();
    expect(g.resolve('通州', '南通市')?.code).toBe('320612');
    expect(g.resolve('通州', '北京市')?.code).toBe('110112');
    expect(g.candidates('通州').map((d) => d.code)).toEqual(['110112', '320612']);
    // A prefecture outranks the counties of the same short form.
    expect(g.resolve('朝阳')?.name).toBe('朝阳市');
    expect(g.candidates('朝阳').slice(0, 4).map((d) => d.code)).toEqual(['211300', '110105', '211321', '220104']);
  });

  it('lists every division', () => {
    const all = g.all();
    expect(all.length).toBeGreaterThan(40000);
    expect(all.filter((d) => d.level === 'province').length).toBe(34);
  });
});

describe('parentsOf', () => {
  it('is parentChain without a copy: the same parents, shared', () => {
    const d = g.byName('沙市区')!;
    expect(g.parentsOf(d)).toEqual(g.parentChain(d));
    expect(g.parentsOf(d)).toBe(g.parentsOf(d));
  });
});

describe('find', () => {
  it('says how each match names its division, as formKind does', () => {
    const text = '荆州市委书记来到石首、监利县和宿松经开区';
    const found = g.find(text, 0, text.length, '荆州市').map((m) => [m.form, m.kind]);
    expect(found).toEqual([
      ['荆州市', 'name'],
      ['石首', 'short'],
      ['监利县', 'former'],
      ['宿松经开区', 'zone'],
    ]);
    for (const [form, kind] of found) expect(g.formKind(form!)).toBe(kind);
  });
});

describe('gazetteer divisions read from the file', () => {
  it('have their fields in one order, empty lists for no short forms or former names, and parent links', () => {
    const township = g.resolve('东升镇', '石首市')!;
    expect(JSON.stringify(township)).toBe('{"name":"东升镇","code":"421081106","level":"township","parent":"石首市","aliases":[],"formerNames":[]}');
    expect(g.parentChain(township).map((d) => d.name)).toEqual(['石首市', '荆州市', '湖北省']);
    const renamed = g.byName('监利市')!;
    expect(renamed.aliases).toEqual(['监利']);
    expect(renamed.formerNames).toEqual([{ name: '监利县', until: 2020 }]);
  });
});
