import { describe, expect, it } from 'vitest';
import { resolveCorpus, resolveWith } from '../src/resolve/index.js';
import { parseOverrides, emptyOverrides } from '../src/resolve/overrides.js';
import { nameKey, normaliseNumerals, officeNormalForm } from '../src/resolve/normalise.js';
import { checkGraph } from '../src/graph/schema.js';
import { getGazetteer } from '../src/gazetteer/index.js';
import type { Graph, GraphNode } from '../src/graph/model.js';
import { article } from './resolve.fixture.js';

const gaz = getGazetteer();

function people(graph: Graph, name: string): GraphNode[] {
  return graph.nodes.filter((n) => n.label === 'Person' && n.properties.name === name);
}
function byName(graph: Graph, label: string, name: string): GraphNode {
  const hits = graph.nodes.filter((n) => n.label === label && n.properties.name === name);
  expect(hits, `${label} ${name}`).toHaveLength(1);
  return hits[0]!;
}
function rel(graph: Graph, type: string, start: string, end: string) {
  return [...graph.relationships].find((r) => r.type === type && r.start === start && r.end === end);
}

const a1 = article(
  'a1.txt',
  { date: '2022-02-10' },
  '市委书记吴锦出席会议。市委副书记、市长周志红主持。',
  [
    { type: 'Person', name: '吴锦' },
    { type: 'Person', name: '周志红' },
    { type: 'Office', name: '荆州市委书记', forms: ['市委书记'] },
    { type: 'Office', name: '荆州市委副书记', forms: ['市委副书记'] },
    { type: 'Office', name: '荆州市市长', forms: ['市长'] },
  ],
  [
    { type: 'HOLDS', from: ['Person', '吴锦'], to: ['Office', '荆州市委书记'], sentence: '市委书记吴锦出席会议。' },
    { type: 'HOLDS', from: ['Person', '周志红'], to: ['Office', '荆州市委副书记'], sentence: '市委副书记、市长周志红主持。' },
    { type: 'HOLDS', from: ['Person', '周志红'], to: ['Office', '荆州市市长'], sentence: '市委副书记、市长周志红主持。' },
  ],
);
const a2 = article(
  'a2.txt',
  { date: '2022-06-01' },
  '中共荆州市委书记 吴 锦强调，荆州市长周志红要求。',
  [
    { type: 'Person', name: '吴锦', forms: ['吴 锦'] },
    { type: 'Person', name: '周志红' },
    { type: 'Office', name: '荆州市委书记', forms: ['中共荆州市委书记'] },
    { type: 'Office', name: '荆州市长' },
  ],
  [
    { type: 'HOLDS', from: ['Person', '吴锦'], to: ['Office', '荆州市委书记'], sentence: '中共荆州市委书记 吴 锦强调，' },
    { type: 'HOLDS', from: ['Person', '周志红'], to: ['Office', '荆州市长'], sentence: '荆州市长周志红要求。' },
  ],
);
const a3 = article('a3.txt', { date: '2021-12-30' }, '吴锦在调研时指出。', [{ type: 'Person', name: '吴锦' }]);

describe('name keys', () => {
  it('writes offices in full', () => {
    expect(officeNormalForm('荆州市长')).toBe('荆州市市长');
    expect(officeNormalForm('荆州市市长')).toBe('荆州市市长');
    expect(officeNormalForm('荆州副市长')).toBe('荆州市副市长');
    expect(officeNormalForm('沙市区长')).toBe('沙市区区长');
    expect(officeNormalForm('中共荆州市委员会书记')).toBe('荆州市委书记');
    expect(officeNormalForm('荆州市委书记')).toBe('荆州市委书记');
    expect(officeNormalForm('中共中央总书记')).toBe('中共中央总书记');
    expect(officeNormalForm('荆州市人民代表大会常务委员会主任')).toBe('荆州市人大常委会主任');
  });
  it('reads Chinese numerals below 万 as digits', () => {
    expect(normaliseNumerals('冲刺三千亿')).toBe('冲刺3000亿');
    expect(normaliseNumerals('十问十帮')).toBe('10问10帮');
    expect(normaliseNumerals('二〇二二年')).toBe('2022年');
    expect(nameKey('Campaign', '冲刺三千亿')).toBe(nameKey('Campaign', '冲刺3000亿'));
    expect(nameKey('Campaign', '“双优化”攻坚战')).toBe(nameKey('Campaign', '双优化攻坚战'));
  });
  it('shortens organisation and zone variants', () => {
    expect(nameKey('Organization', '中共荆州市委员会')).toBe('中共荆州市委');
    expect(nameKey('Organization', '中国共产党荆州市委员会')).toBe('中共荆州市委');
    expect(nameKey('AdminDivision', '荆州经开区')).toBe(nameKey('AdminDivision', '荆州开发区'));
    expect(nameKey('Person', '吴 锦')).toBe('吴锦');
  });
});

describe('resolveCorpus', () => {
  it('merges spelling variants of a person and an office, with tenure dates', async () => {
    const { graph, merges } = await resolveCorpus([a2, a1, a3], { overrides: emptyOverrides() });
    expect(checkGraph(graph)).toEqual([]);
    const wu = people(graph, '吴锦');
    expect(wu).toHaveLength(1);
    expect(wu[0]!.properties).toMatchObject({ pinyin: 'Wu Jin', articleCount: 3, firstSeen: '2021-12-30', lastSeen: '2022-06-01', context: ['荆州市'] });
    expect(wu[0]!.properties.aliases).toBeUndefined();
    const zhou = byName(graph, 'Person', '周志红');
    const mayor = byName(graph, 'Office', '荆州市市长');
    expect(mayor.properties).toMatchObject({ jurisdiction: '荆州市', title: '市长' });
    expect(mayor.properties.aliases).toContain('荆州市长');
    const deputy = byName(graph, 'Office', '荆州市委副书记');
    expect(deputy.properties.title).toBe('市委副书记');
    const holds = rel(graph, 'HOLDS', zhou.id, mayor.id)!;
    expect(holds.properties).toMatchObject({
      firstSeen: '2022-02-10',
      lastSeen: '2022-06-01',
      sources: ['a1.txt', 'a2.txt'],
      evidenceCount: 2,
      evidenceArticles: ['a1.txt', 'a2.txt'],
      evidenceSentences: ['市委副书记、市长周志红主持。', '荆州市长周志红要求。'],
      evidenceStarts: [11, 15],
      evidenceDates: ['2022-02-10', '2022-06-01'],
    });
    expect(rel(graph, 'HOLDS', zhou.id, deputy.id)).toBeDefined();
    const secretary = byName(graph, 'Office', '荆州市委书记');
    expect(rel(graph, 'HOLDS', wu[0]!.id, secretary.id)!.properties.evidenceCount).toBe(2);
    const wuMerge = merges.find((m) => m.id === wu[0]!.id)!;
    expect(wuMerge.articles).toEqual(['a1.txt', 'a2.txt', 'a3.txt']);
    expect(wuMerge.reason).toContain('person.single-candidate');
    expect(merges.find((m) => m.id === mayor.id)!.names).toEqual(['荆州市市长', '荆州市长'].sort());
  });

  it('writes article nodes and MENTIONS with offsets into the original text', async () => {
    const { graph } = await resolveCorpus([a2], { overrides: emptyOverrides() });
    const art = graph.nodes.find((n) => n.id === 'article:a2.txt')!;
    expect(art.properties).toMatchObject({ date: '2022-06-01', home: '荆州市', source: '荆州日报', path: 'articles/a2.txt' });
    const wu = people(graph, '吴锦')[0]!;
    const m = rel(graph, 'MENTIONS', 'article:a2.txt', wu.id)!;
    expect(m.properties).toMatchObject({ count: 1, starts: [9], ends: [12], texts: ['吴 锦'] });
  });

  it('keeps same-name people with unrelated jurisdictions apart, and sends bare mentions to review', async () => {
    const shishou = article('s1.txt', { date: '2020-01-01', home: '石首市' }, '石首市委书记王敏讲话。', [
      { type: 'Person', name: '王敏' },
      { type: 'Office', name: '石首市委书记' },
    ], [{ type: 'HOLDS', from: ['Person', '王敏'], to: ['Office', '石首市委书记'], sentence: '石首市委书记王敏讲话。' }]);
    const xiangyang = article('x1.txt', { date: '2021-03-03', home: '襄阳市', source: '襄阳日报', byline: ['王敏'] }, '记者王敏报道。', [
      { type: 'Person', name: '王敏' },
    ]);
    const bare = article('b1.txt', { date: '2021-05-05' }, '王敏参加了活动。', [{ type: 'Person', name: '王敏' }]);
    const { graph, review } = await resolveCorpus([bare, xiangyang, shishou], { overrides: emptyOverrides() });
    const wang = people(graph, '王敏');
    expect(wang.map((n) => n.properties.disambiguator).sort()).toEqual(['待确认', '石首市', '襄阳市'].sort());
    expect(checkGraph(graph)).toEqual([]);
    const kinds = review.map((r) => r.kind).sort();
    expect((await resolveCorpus([bare, xiangyang, shishou], { overrides: emptyOverrides() })).stats).toEqual({
      articles: 3,
      occurrences: 4,
      entities: 4,
      ambiguousNames: 1,
      merges: {},
      review: { 'ambiguous-mention': 1, split: 1 },
      messages: 0,
    });
    expect(kinds).toEqual(['ambiguous-mention', 'split']);
    const amb = review.find((r) => r.kind === 'ambiguous-mention')!;
    expect(amb.articles).toEqual(['b1.txt']);
    expect(amb.articleCount).toBe(1);
    expect(amb.candidates).toHaveLength(3);
    expect(review.find((r) => r.kind === 'split')!.suggestion).toBe('same: [[Person:王敏@石首市, Person:王敏@襄阳市]]');
    // The suggestion, pasted into the override file, settles the split on the next run.
    const settled = await resolveCorpus([bare, xiangyang, shishou], { overrides: parseOverrides(review.find((r) => r.kind === 'split')!.suggestion!, 'data/resolve.yaml') });
    expect(people(settled.graph, '王敏').map((n) => n.properties.disambiguator ?? '').sort()).toEqual(['']);
    expect(settled.review).toEqual([]);
  });

  it('merges a county office holder with the same name at the enclosing city', async () => {
    const county = article('c1.txt', { date: '2016-01-01' }, '石首市市长李强说。', [
      { type: 'Person', name: '李强' },
      { type: 'Office', name: '石首市市长' },
    ], [{ type: 'HOLDS', from: ['Person', '李强'], to: ['Office', '石首市市长'], sentence: '石首市市长李强说。' }]);
    const city = article('c2.txt', { date: '2020-01-01' }, '荆州市副市长李强说。', [
      { type: 'Person', name: '李强' },
      { type: 'Office', name: '荆州市副市长' },
    ], [{ type: 'HOLDS', from: ['Person', '李强'], to: ['Office', '荆州市副市长'], sentence: '荆州市副市长李强说。' }]);
    const { graph, review } = await resolveCorpus([county, city], { overrides: emptyOverrides() });
    const li = people(graph, '李强');
    expect(li).toHaveLength(1);
    expect(li[0]!.properties.context).toEqual(['石首市', '荆州市'].sort());
    expect(li[0]!.properties.disambiguator).toBeUndefined();
    expect(review).toEqual([]);
  });

  it('applies overrides: different splits, same joins, aliases rename', async () => {
    const county = article('c1.txt', { date: '2016-01-01' }, '石首市市长李强说。', [
      { type: 'Person', name: '李强' },
      { type: 'Office', name: '石首市市长' },
    ], [{ type: 'HOLDS', from: ['Person', '李强'], to: ['Office', '石首市市长'], sentence: '石首市市长李强说。' }]);
    const city = article('c2.txt', { date: '2020-01-01' }, '荆州市副市长李强说。全面打响四场会战。', [
      { type: 'Person', name: '李强' },
      { type: 'Office', name: '荆州市副市长' },
      { type: 'Campaign', name: '四场会战' },
    ], [{ type: 'HOLDS', from: ['Person', '李强'], to: ['Office', '荆州市副市长'], sentence: '荆州市副市长李强说。' }]);
    const yaml = [
      'different:',
      '  - [Person:李强@石首市, Person:李强@荆州市]',
      'same:',
      '  - [Persn:李强, Person:李强@石首市]',
      '  - [李强]',
      'aliases:',
      '  Campaign:',
      '    四大会战: [四场会战]',
      'extra: 1',
    ].join('\n');
    const overrides = parseOverrides(yaml, 'data/resolve.yaml');
    expect(overrides.messages).toEqual([
      'data/resolve.yaml: extra: unknown key. Expecting one of same, different, aliases',
      'data/resolve.yaml: same[0]: unknown label "Persn". Expecting one of Person, Office, AdminDivision, Campaign, Project, Organization, Event',
      'data/resolve.yaml: same[1]: expecting a pair [A, B] but got ["李强"]',
    ]);
    const { graph, messages } = await resolveCorpus([county, city], { overrides });
    expect(people(graph, '李强').map((n) => n.properties.disambiguator).sort()).toEqual(['石首市', '荆州市'].sort());
    const campaign = graph.nodes.find((n) => n.label === 'Campaign')!;
    expect(campaign.properties.name).toBe('四场会战');
    expect(messages).toContain('data/resolve.yaml: extra: unknown key. Expecting one of same, different, aliases');
  });

  it('joins two people the user says are one', async () => {
    const s = article('s1.txt', { date: '2020-01-01' }, '石首市委书记王敏讲话。', [
      { type: 'Person', name: '王敏' },
      { type: 'Office', name: '石首市委书记' },
    ], [{ type: 'HOLDS', from: ['Person', '王敏'], to: ['Office', '石首市委书记'], sentence: '石首市委书记王敏讲话。' }]);
    const h = article('h1.txt', { date: '2022-01-01' }, '洪湖市委书记王敏讲话。', [
      { type: 'Person', name: '王敏' },
      { type: 'Office', name: '洪湖市委书记' },
    ], [{ type: 'HOLDS', from: ['Person', '王敏'], to: ['Office', '洪湖市委书记'], sentence: '洪湖市委书记王敏讲话。' }]);
    expect(people((await resolveCorpus([s, h], { overrides: emptyOverrides() })).graph, '王敏')).toHaveLength(2);
    const overrides = parseOverrides('same:\n  - [Person:王敏@石首市, Person:王敏@洪湖市]\n', 'r.yaml');
    const { graph, merges, messages } = await resolveCorpus([s, h], { overrides });
    const wang = people(graph, '王敏');
    expect(wang).toHaveLength(1);
    expect(wang[0]!.properties.firstSeen).toBe('2020-01-01');
    expect(merges.find((m) => m.id === wang[0]!.id)!.articles).toEqual(['h1.txt', 's1.txt']);
    expect(messages).toEqual([]);
    const typo = parseOverrides('same:\n  - [Person:王敏@石首县, Person:王敏@洪湖市]\n', 'r.yaml');
    expect((await resolveCorpus([s, h], { overrides: typo })).messages).toEqual(['r.yaml: same[0]: Person:王敏@石首县 matches no entity in this corpus']);
  });

  it('merges division and campaign aliases, keeping former names', async () => {
    const old = article('d1.txt', { date: '2016-05-01' }, '监利县推进“冲刺三千亿”。荆州经开区签约。', [
      { type: 'AdminDivision', name: '监利县' },
      { type: 'AdminDivision', name: '荆州经开区' },
      { type: 'Campaign', name: '冲刺三千亿' },
    ]);
    const now = article('d2.txt', { date: '2022-05-01' }, '监利市推进冲刺3000亿，打好“双优化”攻坚战。荆州开发区签约。', [
      { type: 'AdminDivision', name: '监利市' },
      { type: 'AdminDivision', name: '荆州开发区' },
      { type: 'Campaign', name: '冲刺3000亿' },
      { type: 'Campaign', name: '“双优化”攻坚战' },
    ]);
    const later = article('d3.txt', { date: '2023-01-01' }, '双优化攻坚战继续。', [{ type: 'Campaign', name: '双优化攻坚战' }]);
    const { graph } = await resolveCorpus([later, now, old], { overrides: emptyOverrides() });
    expect(checkGraph(graph)).toEqual([]);
    const jianli = byName(graph, 'AdminDivision', '监利市');
    expect(jianli.properties.formerNames).toContain('监利县');
    expect(jianli.properties.aliases).toContain('监利县');
    expect(jianli.properties.articleCount).toBe(2);
    expect(byName(graph, 'AdminDivision', '荆州开发区').properties.articleCount).toBe(2);
    expect(byName(graph, 'Campaign', '冲刺3000亿').properties.aliases).toContain('冲刺三千亿');
    expect(byName(graph, 'Campaign', '双优化攻坚战').properties.articleCount).toBe(2);
    expect(graph.nodes.filter((n) => n.label === 'Campaign')).toHaveLength(2);
  });

  it('gives the same ids whatever the input order, and a sorted graph', async () => {
    const one = resolveWith([a1, a2, a3], emptyOverrides(), gaz);
    const two = resolveWith([a3, a2, a1], emptyOverrides(), gaz);
    const plain = (g: Graph) => JSON.stringify({ nodes: g.nodes, relationships: [...g.relationships] });
    expect(plain(two.graph)).toBe(plain(one.graph));
    const ids = one.graph.nodes.map((n) => n.id);
    expect(ids).toEqual([...ids].sort());
    // A run over part of the corpus gives the same ids to what it shares.
    const part = resolveWith([a1], emptyOverrides(), gaz);
    for (const n of part.graph.nodes) if (n.label !== 'Article') expect(ids).toContain(n.id);
  });

  it('dates offices by their own time: 监利县县长 stays, its holder is the same person as 监利市市长', async () => {
    const before = article('j1.txt', { date: '2016-05-01' }, '监利县县长赵刚讲话。', [
      { type: 'Person', name: '赵刚' },
      { type: 'Office', name: '监利县县长' },
    ], [{ type: 'HOLDS', from: ['Person', '赵刚'], to: ['Office', '监利县县长'], sentence: '监利县县长赵刚讲话。' }]);
    const after = article('j2.txt', { date: '2021-05-01' }, '监利市市长赵刚讲话。公安县狮子口镇党委书记钱明到会。', [
      { type: 'Person', name: '赵刚' },
      { type: 'Person', name: '钱明' },
      { type: 'Office', name: '监利市市长' },
      { type: 'Office', name: '公安县狮子口镇党委书记' },
    ], [
      { type: 'HOLDS', from: ['Person', '赵刚'], to: ['Office', '监利市市长'], sentence: '监利市市长赵刚讲话。' },
      { type: 'HOLDS', from: ['Person', '钱明'], to: ['Office', '公安县狮子口镇党委书记'], sentence: '公安县狮子口镇党委书记钱明到会。' },
    ]);
    const { graph, review } = await resolveCorpus([before, after], { overrides: emptyOverrides() });
    expect(byName(graph, 'Office', '监利县县长').properties).toMatchObject({ jurisdiction: '监利县', title: '县长' });
    expect(byName(graph, 'Office', '监利市市长').properties).toMatchObject({ jurisdiction: '监利市', title: '市长' });
    expect(byName(graph, 'Office', '公安县狮子口镇党委书记').properties).toMatchObject({ jurisdiction: '公安县狮子口镇', title: '党委书记' });
    const placed = article('j3.txt', { date: '2021-06-01' }, '恩施州委书记周平讲话。', [
      { type: 'Person', name: '周平' },
      { type: 'Office', name: '恩施州委书记', properties: { jurisdiction: '恩施土家族苗族自治州' } },
    ], [{ type: 'HOLDS', from: ['Person', '周平'], to: ['Office', '恩施州委书记'], sentence: '恩施州委书记周平讲话。' }]);
    const third = await resolveCorpus([placed], { overrides: emptyOverrides() });
    expect(byName(third.graph, 'Office', '恩施州委书记').properties).toMatchObject({ jurisdiction: '恩施州', title: '州委书记' });
    const governor = article('j4.txt', { date: '2021-06-01' }, '恩施州州长刘芳讲话。', [
      { type: 'Person', name: '刘芳' },
      { type: 'Office', name: '恩施州州长' },
    ], [{ type: 'HOLDS', from: ['Person', '刘芳'], to: ['Office', '恩施州州长'], sentence: '恩施州州长刘芳讲话。' }]);
    const fourth = await resolveCorpus([governor], { overrides: emptyOverrides() });
    expect(byName(fourth.graph, 'Office', '恩施州州长').properties).toMatchObject({ jurisdiction: '恩施州', title: '州长' });
    expect(byName(third.graph, 'Person', '周平').properties.context).toEqual(['恩施土家族苗族自治州']);
    expect(byName(graph, 'Person', '赵刚').properties).toMatchObject({ context: ['监利市'], firstSeen: '2016-05-01', lastSeen: '2021-05-01' });
    expect(byName(graph, 'Person', '钱明').properties.context).toEqual(['狮子口镇']);
    expect(review).toEqual([]);
  });

  it('flags a merge bridged through an enclosing jurisdiction for review', async () => {
    const mk = (id: string, office: string) =>
      article(id, { date: '2022-01-01' }, `${office}孙伟讲话。`, [
        { type: 'Person', name: '孙伟' },
        { type: 'Office', name: office },
      ], [{ type: 'HOLDS', from: ['Person', '孙伟'], to: ['Office', office], sentence: `${office}孙伟讲话。` }]);
    const { graph, review } = await resolveCorpus([mk('p1.txt', '湖北省副省长'), mk('p2.txt', '石首市市长'), mk('p3.txt', '襄阳市市长')], { overrides: emptyOverrides() });
    const sun = people(graph, '孙伟');
    expect(sun).toHaveLength(1);
    expect(sun[0]!.properties.context).toEqual(['湖北省', '石首市', '襄阳市'].sort());
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({ kind: 'bridged-merge', name: '孙伟', candidates: [sun[0]!.id], articles: ['p1.txt', 'p2.txt', 'p3.txt'] });
  });

  it('leaves out an entity without a usable name, and its relations, with a message', async () => {
    const r = article('n1.txt', { date: '2022-01-01' }, '吴锦说。', [{ type: 'Person', name: '吴锦' }]);
    r.entities.push({ type: 'Office', name: ' “” ', properties: {}, mentions: [] });
    r.relations.push({ type: 'HOLDS', from: { type: 'Person', name: '吴锦' }, to: { type: 'Office', name: ' “” ' }, properties: {}, evidence: [] });
    const { graph, messages } = await resolveCorpus([r], { overrides: emptyOverrides() });
    expect(messages).toEqual(['resolve: n1.txt: Office " “” " has no usable type or name; left out']);
    expect(graph.nodes.map((n) => n.label).sort()).toEqual(['Article', 'Person']);
    expect([...graph.relationships].map((x) => x.type)).toEqual(['MENTIONS']);
  });

  it('drops a relationship whose endpoints do not fit the schema, with a message', async () => {
    const bad = article('e1.txt', { date: '2022-01-01' }, '吴锦推进四大会战。', [
      { type: 'Person', name: '吴锦' },
      { type: 'Campaign', name: '四大会战' },
    ], [{ type: 'LOCATED_IN', from: ['Person', '吴锦'], to: ['Campaign', '四大会战'], sentence: '吴锦推进四大会战。' }]);
    const { graph, messages } = await resolveCorpus([bad], { overrides: emptyOverrides() });
    expect([...graph.relationships].filter((r) => r.type === 'LOCATED_IN')).toEqual([]);
    expect(messages).toEqual(['resolve: e1.txt: LOCATED_IN Person 吴锦 → Campaign 四大会战 does not fit schema/graph.yaml; dropped']);
  });
});
