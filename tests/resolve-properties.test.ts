import { describe, expect, it } from 'vitest';
import { resolveCorpus } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { article } from './resolve.fixture.js';

/** The properties of the Project node of three articles that each say something else of it. */
async function projectProperties(said: Array<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const articles = said.map((properties, i) =>
    article(`p${i}.txt`, { date: `2021-0${i + 1}-01` }, '引江济汉工程进展顺利。', [{ type: 'Project', name: '引江济汉工程', properties }]),
  );
  const { graph } = await resolveCorpus(articles, { overrides: emptyOverrides() });
  const project = graph.nodes.filter((n) => n.label === 'Project');
  expect(project).toHaveLength(1);
  return project[0]!.properties;
}

describe('entity properties that change between articles', () => {
  it('keep what the earliest article says of each, whatever the values', async () => {
    const p = await projectProperties([{ stage: '规划' }, { investment: 5, stage: '开工' }, { stage: '竣工', investment: '8亿元' }]);
    expect(p).toMatchObject({ stage: '规划', investment: '5' });
  });

  it('skip values the schema does not declare in that form, and take them from a later article', async () => {
    const p = await projectProperties([{ stage: { phase: 2 }, investment: null }, { stage: '开工', investment: Number.NaN }, { investment: '8亿元', stage: '竣工' }]);
    expect(p).toMatchObject({ stage: '开工', investment: '8亿元' });
  });
});

describe('node properties', () => {
  it('are the declared ones in a fixed order, with no empty list and nothing undeclared', async () => {
    const articles = [
      article('a.txt', { date: '2021-03-01' }, '吴锦出席引江济汉工程开工仪式。', [
        { type: 'Person', name: '吴锦', properties: { title: '书记', context: ['荆州市'] } },
        { type: 'Project', name: '引江济汉工程', properties: { stage: '开工', aliases: ['引江济汉'], colour: '蓝' } },
      ]),
    ];
    const { graph } = await resolveCorpus(articles, { overrides: emptyOverrides() });
    const person = graph.nodes.find((n) => n.label === 'Person')!;
    // No context (no office held) and no other name: those lists are left out, as is the undeclared title.
    expect(Object.keys(person.properties)).toEqual(['id', 'name', 'pinyin', 'firstSeen', 'lastSeen', 'articleCount']);
    expect(person.properties).toMatchObject({ name: '吴锦', pinyin: 'Wu Jin', firstSeen: '2021-03-01', lastSeen: '2021-03-01', articleCount: 1 });
    const project = graph.nodes.find((n) => n.label === 'Project')!;
    expect(Object.keys(project.properties)).toEqual(['id', 'name', 'stage', 'articleCount']);
  });
});

describe('mention texts', () => {
  it('give aliases and MENTIONS texts whether a text repeats the one before or not', async () => {
    const articles = [
      article('a.txt', { date: '2021-03-01' }, '吴锦书记讲话。吴书记指出，吴书记强调。', [{ type: 'Person', name: '吴锦', forms: ['吴锦', '吴书记'] }]),
      article('b.txt', { date: '2021-03-02' }, '吴书记调研。吴锦同志、锦书记到场。', [{ type: 'Person', name: '吴锦', forms: ['吴书记', '锦书记', '吴锦'] }]),
    ];
    const { graph } = await resolveCorpus(articles, { overrides: emptyOverrides() });
    const person = graph.nodes.find((n) => n.label === 'Person')!;
    expect(person.properties.aliases).toEqual(['吴书记', '锦书记']);
    const texts = [...graph.relationships].filter((r) => r.type === 'MENTIONS').map((r) => r.properties.texts);
    expect(texts.sort()).toEqual([
      ['吴书记', '吴锦', '锦书记'],
      ['吴锦', '吴书记', '吴书记'],
    ]);
  });
});
