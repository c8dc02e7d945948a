/**
 * A hand-made graph in the shape schema/graph.yaml describes: three dated articles, four
 * people, three offices with HOLDS evidence, a campaign and an event. Used by the timeline,
 * show and page tests, so they do not wait for the extractors.
 */
import type { Graph, GraphRelationship } from '../src/graph/model.js';

function evidence(items: [article: string, date: string, sentence: string][]): GraphRelationship['properties'] {
  const dates = items.map((i) => i[1]).sort();
  return {
    firstSeen: dates[0]!,
    lastSeen: dates[dates.length - 1]!,
    sources: ['荆州日报'],
    evidenceCount: items.length,
    evidenceArticles: items.map((i) => i[0]),
    evidenceSentences: items.map((i) => i[2]),
    evidenceStarts: items.map(() => 0),
    evidenceEnds: items.map((i) => i[2].length),
    evidenceDates: items.map((i) => i[1]),
    rules: items.map(() => 'holds-title-before-name'),
  };
}

export const S1 = '市委书记单红主持召开市委常委会会议。';
export const S2 = '市委书记吴锦出席会议并强调，全市上下要进一步凝聚共识。';
export const S3 = '中共荆州市委书记 吴 锦在调研时指出，要抓好项目建设。';
export const S4 = '市委副书记、市长欧阳明作政府工作报告。';
export const S5 = '县委副书记、县长曾强到闸口镇调研。';

export const fixtureGraph: Graph = {
  nodes: [
    { id: 'article:1', label: 'Article', properties: { id: 'article:1', path: 'data/articles/a1.txt', title: '市委常委会召开', date: '2021-03-01', source: '荆州日报', url: 'http://www.jzrb.com/a1.html' } },
    { id: 'article:2', label: 'Article', properties: { id: 'article:2', path: 'data/articles/a2.txt', title: '动员推进会召开', date: '2022-02-10', source: '荆州日报', url: '' } },
    { id: 'article:3', label: 'Article', properties: { id: 'article:3', path: 'data/articles/a3.txt', title: '吴锦调研项目建设 </script><b>', date: '2023-05-01', source: '荆州日报' } },
    { id: 'campaign:1', label: 'Campaign', properties: { id: 'campaign:1', name: '四大会战', aliases: [], articleCount: 1 } },
    { id: 'division:1', label: 'AdminDivision', properties: { id: 'division:1', name: '荆州市', level: 'prefecture', code: '421000', aliases: ['荆州'], articleCount: 3 } },
    { id: 'division:2', label: 'AdminDivision', properties: { id: 'division:2', name: '公安县', level: 'county', code: '421022', aliases: [], articleCount: 1 } },
    { id: 'event:1', label: 'Event', properties: { id: 'event:1', name: '全市动员推进会', date: '2022-02-09', aliases: [], articleCount: 1 } },
    { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: '荆州市委书记', title: '市委书记', jurisdiction: '荆州市', aliases: ['中共荆州市委书记'], articleCount: 3 } },
    { id: 'office:2', label: 'Office', properties: { id: 'office:2', name: '荆州市市长', title: '市长', jurisdiction: '荆州市', aliases: [], articleCount: 1 } },
    { id: 'office:3', label: 'Office', properties: { id: 'office:3', name: '公安县县长', title: '县长', jurisdiction: '公安县', aliases: [], articleCount: 1 } },
    { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '吴锦', pinyin: 'Wu Jin', disambiguator: '', aliases: [], articleCount: 2, firstSeen: '2022-02-10', lastSeen: '2023-05-01' } },
    { id: 'person:2', label: 'Person', properties: { id: 'person:2', name: '单红', disambiguator: '', aliases: [], articleCount: 1, firstSeen: '2021-03-01', lastSeen: '2021-03-01' } },
    { id: 'person:3', label: 'Person', properties: { id: 'person:3', name: '欧阳明', disambiguator: '', aliases: [], articleCount: 1, firstSeen: '2022-02-10', lastSeen: '2022-02-10' } },
    { id: 'person:4', label: 'Person', properties: { id: 'person:4', name: '曾强', disambiguator: '公安县', aliases: [], articleCount: 1, firstSeen: '2023-05-01', lastSeen: '2023-05-01' } },
  ],
  relationships: [
    { id: 'r1', type: 'HOLDS', start: 'person:1', end: 'office:1', properties: evidence([['article:3', '2023-05-01', S3], ['article:2', '2022-02-10', S2]]) },
    { id: 'r2', type: 'HOLDS', start: 'person:2', end: 'office:1', properties: evidence([['article:1', '2021-03-01', S1]]) },
    { id: 'r3', type: 'HOLDS', start: 'person:3', end: 'office:2', properties: evidence([['article:2', '2022-02-10', S4]]) },
    { id: 'r4', type: 'HOLDS', start: 'person:4', end: 'office:3', properties: evidence([['article:3', '2023-05-01', S5]]) },
    { id: 'r5', type: 'PROMOTES', start: 'person:1', end: 'campaign:1', properties: evidence([['article:2', '2022-02-10', S2]]) },
    { id: 'r6', type: 'ATTENDED', start: 'person:1', end: 'event:1', properties: evidence([['article:2', '2022-02-10', S2]]) },
    { id: 'r7', type: 'LOCATED_IN', start: 'division:2', end: 'division:1', properties: evidence([['article:3', '2023-05-01', S5]]) },
    { id: 'r8', type: 'MENTIONS', start: 'article:2', end: 'person:1', properties: { count: 1, starts: [4], ends: [6], texts: ['吴锦'], rules: ['person'] } },
  ],
};
