import { describe, expect, it } from 'vitest';
import { homeFromMediaName, homeFromPublisher } from '../src/ingest/home.js';
import { ingestText } from '../src/ingest/index.js';

describe('the home of a medium named after its division', () => {
  it('reads a province, a prefecture or a county by the name before 日报, 晚报, 融媒体中心…', () => {
    expect(homeFromMediaName('四川日报')).toBe('四川省');
    expect(homeFromMediaName('商丘日报')).toBe('商丘市');
    expect(homeFromMediaName('恩施晚报')).toBe('恩施土家族苗族自治州');
    expect(homeFromMediaName('睢阳区融媒体中心')).toBe('睢阳区');
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
