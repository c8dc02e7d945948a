import { describe, expect, it } from 'vitest';
import organizationsStage from '../src/extract/3-organizations.js';
import { textDoc } from './helpers/text-doc.js';
import type { Doc } from '../src/types.js';

function run(text: string, home = '荆州市', source: string | null = null) {
  const d: Doc = textDoc(text, { source, home });
  organizationsStage()(d);
  return {
    orgs: d.mentions.map((m) => [m.name, m.start, m.end, m.rule]),
    located: d.relations.map((r) => [r.type, r.from.name, r.to.name]),
  };
}

describe('Organization', () => {
  it('names the party organs after 委 (政法委 and 政策研究室 share their first character), not a title', () => {
    expect(run('市委组织部、市委政法委和市委政策研究室负责人，市委书记出席。').orgs).toEqual([
      ['中共荆州市委组织部', 0, 5, 'org.party-organ'],
      ['中共荆州市委政法委', 6, 11, 'org.party-organ'],
      ['中共荆州市委政策研究室', 12, 19, 'org.party-organ'],
    ]);
  });

  it('keeps one LOCATED_IN per body and jurisdiction, in the order first named, citing each sentence once', () => {
    const d: Doc = textDoc('省委、市委、县委高度重视。市委部署，市委要求。', { home: '江陵县' });
    organizationsStage()(d);
    expect(d.relations.map((r) => [r.from.name, r.to.name, r.evidence.map((e) => [e.start, e.end])])).toEqual([
      ['中共湖北省委', '湖北省', [[0, 13]]],
      ['中共荆州市委', '荆州市', [[0, 13], [13, 23]]],
      ['中共江陵县委', '江陵县', [[0, 13]]],
    ]);
  });

  it('names the bodies of the home jurisdiction and of the province, with LOCATED_IN', () => {
    const r = run('坚决贯彻落实党中央决策部署和省委工作要求，市委、市政府高度重视。');
    expect(r.orgs).toEqual([
      ['中共中央', 6, 9, 'org.central'],
      ['中共湖北省委', 14, 16, 'org.party-committee'],
      ['中共荆州市委', 21, 23, 'org.party-committee'],
      ['荆州市人民政府', 24, 27, 'org.government'],
    ]);
    expect(r.located).toEqual([
      ['LOCATED_IN', '中共湖北省委', '湖北省'],
      ['LOCATED_IN', '中共荆州市委', '荆州市'],
      ['LOCATED_IN', '荆州市人民政府', '荆州市'],
    ]);
  });

  it('reads bureaus, courts and a bank after the level marker, and no body inside an office', () => {
    const r = run('市发改委、市自然资源和规划局、市农商行负责人发言。市法院、市检察院负责同志出席。市委书记吴锦讲话。');
    expect(r.orgs.map((o) => o[0])).toEqual([
      '荆州市发改委',
      '荆州市自然资源和规划局',
      '荆州市农商行',
      '荆州市中级人民法院',
      '荆州市人民检察院',
    ]);
  });

  it('reads companies, universities and media, cutting the words before them', () => {
    const r = run('甲方代表湖北能源集团股份有限公司签约。长江大学、国网荆州供电公司参加。来源:秦楚网');
    expect(r.orgs.map((o) => o[0])).toEqual(['湖北能源集团股份有限公司', '长江大学', '国网荆州供电公司', '秦楚网']);
  });

  it('keeps explicit places and party prefixes', () => {
    const r = run('中共洪湖市委书记张远梅，江陵县人民政府与国家能源局。', '荆州市');
    expect(r.orgs.map((o) => o[0])).toEqual(['中共洪湖市委', '江陵县人民政府', '国家能源局']);
  });
});

describe('Organization before a title', () => {
  it('names a body by its formal full name before a title, not by its short one', () => {
    const r = run('张建慧当选为商丘市人民政府市长。市政府秘书长蔡绪安出席。', '商丘市');
    expect(r.orgs.map((o) => o[0])).toEqual(['商丘市人民政府']);
  });

  it('reads no 人民法院 of a prefecture', () => {
    expect(run('市人民法院、市中级人民法院负责同志参加。').orgs.map((o) => o[0])).toEqual(['荆州市中级人民法院']);
  });
});

describe('Organization names and places', () => {
  it('keeps a place inside a company name and drops a county written before it', () => {
    const r = run('中储粮监利直属库有限公司开工。我市在公安县荆州伟胜科技股份有限公司举行仪式。', '荆州市');
    expect(r.orgs.map((o) => o[0])).toEqual(['中储粮监利直属库有限公司', '荆州伟胜科技股份有限公司']);
  });

  it('names bodies of a renamed home by the old name, located in the division', () => {
    const r = run('监利县委、县政府十分注重项目引进。', '监利县');
    expect(r.orgs.map((o) => o[0])).toEqual(['中共监利县委', '监利县人民政府']);
    expect(r.located).toEqual([
      ['LOCATED_IN', '中共监利县委', '监利市'],
      ['LOCATED_IN', '监利县人民政府', '监利市'],
    ]);
  });
});

describe('a clause is no bureau', () => {
  it('makes no organisation of `恩施州召开州委…`, a place, a verb and a body', () => {
    expect(run('恩施州召开州委常委会会议', '恩施土家族苗族自治州').orgs).toEqual([]);
  });
});

describe('a site speaking of itself', () => {
  it('makes no medium of 本网讯, and keeps a named one', () => {
    expect(run('本网讯 2月20日，会议召开。', '公安县').orgs).toEqual([]);
    expect(run('荆州网讯 2月20日，会议召开。', '荆州市').orgs).toEqual([['荆州网', 0, 3, 'org.media']]);
  });
});
