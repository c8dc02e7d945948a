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
