import { describe, expect, it } from 'vitest';
import { homeFromMediaName, homeFromPublisher, homeFromTitle } from '../src/ingest/home.js';
import { ingestText } from '../src/ingest/index.js';
import { bracketedMedium } from '../src/ingest/meta.js';

describe('the home of a medium named after its division', () => {
  it('reads a province, a prefecture or a county by the name before 日报, 晚报, 融媒体中心…', () => {
    expect(homeFromMediaName('四川日报')).toBe('四川省');
    expect(homeFromMediaName('商丘日报')).toBe('商丘市');
    expect(homeFromMediaName('恩施晚报')).toBe('恩施土家族苗族自治州');
    expect(homeFromMediaName('睢阳区融媒体中心')).toBe('睢阳区');
    expect(homeFromMediaName('监利市人民政府网')).toBe('监利市');
    // The higher level wins where a prefecture and a county share the form.
    expect(homeFromMediaName('长沙晚报')).toBe('长沙市');
    // A county-level city the province governs directly, by its short form.
    expect(homeFromMediaName('天门日报')).toBe('天门市');
  });

  it('gives none for national papers, short forms of districts and unknown names', () => {
    expect(homeFromMediaName('人民日报')).toBeNull();
    expect(homeFromMediaName('光明日报')).toBeNull();
    expect(homeFromMediaName('楚天都市报')).toBeNull();
    expect(homeFromMediaName('睢阳融媒体中心')).toBeNull();
    expect(homeFromMediaName('荆州')).toBeNull();
  });

  it('is asked after the publisher table, which knows papers named otherwise', () => {
    expect(homeFromPublisher('三峡日报')).toBe('宜昌市');
    expect(homeFromPublisher('商丘日报')).toBe('商丘市');
  });

  it('gives an article from such a paper its home, so that 省委书记 is that province\'s', () => {
    const outcome = ingestText('四川省委常委会召开会议\n来源：四川日报 2023-07-11\n7月10日，省委书记王晓晖主持召开会议。\n', 'sc.txt', {});
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect([outcome.doc.meta.source, outcome.doc.meta.home, outcome.doc.meta.homeSource]).toEqual(['四川日报', '四川省', 'publisher']);
  });
});

describe('the home of a headline about a division', () => {
  it('reads the division that opens the headline with one of its bodies or a meeting verb', () => {
    expect(homeFromTitle('孝感市委理论学习中心组举行专题学习会')).toBe('孝感市');
    expect(homeFromTitle('湖南省岳阳市平江县召开经济工作会议')).toBe('平江县');
    expect(homeFromTitle('十堰市委书记王清华在郧阳区调研时强调')).toBe('十堰市');
    expect(homeFromTitle('恩施州召开州委常委会会议')).toBe('恩施土家族苗族自治州');
  });

  it('gives none to a headline that opens otherwise', () => {
    expect(homeFromTitle('荆门市与比亚迪签约')).toBeNull();
    expect(homeFromTitle('乡村振兴跑出加速度')).toBeNull();
    expect(homeFromTitle(null)).toBeNull();
  });

  it('comes after every other source, so that a paper\'s own home wins', () => {
    const text = '孝感市委理论学习中心组举行专题学习会\n市委书记吴海涛主持。\n';
    const alone = ingestText(text, 'xg.txt', {});
    const withCli = ingestText(text, 'xg.txt', { home: '荆州市' });
    const withPaper = ingestText(text.replace('\n', '\n来源：荆州日报\n'), 'xg.txt', {});
    const homes = [alone, withCli, withPaper].map((o) => (o.status === 'ok' ? [o.doc.meta.home, o.doc.meta.homeSource] : o.status));
    expect(homes).toEqual([
      ['孝感市', 'title'],
      ['孝感市', 'title'],
      ['荆州市', 'publisher'],
    ]);
  });
});

describe('an e-paper masthead', () => {
  it('gives the paper, the issue date and the home; the headline is the next line', () => {
    const text = '荆州日报 2021年9月3日 第01版\n全市重点项目建设推进会召开\n本报讯（记者 刘 畅）9月2日，全市重点项目建设推进会召开。\n';
    const outcome = ingestText(text, 'jz.txt', {});
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    const { title, date, source, home, homeSource } = outcome.doc.meta;
    expect({ title, date, source, home, homeSource }).toEqual({
      title: '全市重点项目建设推进会召开',
      date: '2021-09-03',
      source: '荆州日报',
      home: '荆州市',
      homeSource: 'publisher',
    });
  });

  it('is not read in a sentence that only starts like one', () => {
    const outcome = ingestText('荆州日报2021年9月3日报道了这次会议的情况和全市重点项目的进展。\n', 'x.txt', {});
    expect(outcome.status === 'ok' ? [outcome.doc.meta.source, outcome.doc.meta.date] : outcome.status).toEqual([null, null]);
  });
});

describe('a medium in brackets before the headline', () => {
  it('is the source, and the headline goes without it', () => {
    const outcome = ingestText('【荆州日报】松滋市召开全市经济工作会议\n松滋市委书记刘慧涛出席会议并讲话。\n', 'sz.txt', {});
    expect(outcome.status === 'ok' ? [outcome.doc.meta.title, outcome.doc.meta.source, outcome.doc.meta.home] : outcome.status).toEqual([
      '松滋市召开全市经济工作会议',
      '荆州日报',
      '荆州市',
    ]);
  });

  it('leaves brackets that hold no medium in the headline', () => {
    expect(bracketedMedium('【聚焦两会】代表委员热议发展')).toBeNull();
    expect(bracketedMedium('【荆州日报】')).toBeNull();
  });
});
