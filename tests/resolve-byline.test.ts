import { describe, expect, it } from 'vitest';
import { resolveCorpus } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import { article } from './resolve.fixture.js';

/** The disambiguators of the Person nodes named `name`. */
async function disambiguators(bylines: string[][]): Promise<string[]> {
  const shishou = article('s1.txt', { date: '2020-01-01', home: '石首市' }, '石首市委书记王敏讲话。', [
    { type: 'Person', name: '王敏' },
    { type: 'Office', name: '石首市委书记' },
  ], [{ type: 'HOLDS', from: ['Person', '王敏'], to: ['Office', '石首市委书记'], sentence: '石首市委书记王敏讲话。' }]);
  const reports = bylines.map((byline, i) =>
    article(`x${i}.txt`, { date: '2021-03-03', home: '襄阳市', source: '襄阳日报', byline }, '记者王敏报道。', [{ type: 'Person', name: '王敏' }]),
  );
  const { graph } = await resolveCorpus([...reports, shishou], { overrides: emptyOverrides() });
  return graph.nodes
    .filter((n) => n.label === 'Person')
    .map((n) => String(n.properties.disambiguator ?? ''))
    .sort();
}

describe('byline names', () => {
  it('place the person they write in the paper’s home, found by name as written or by key', async () => {
    // As written: the reporter 王敏 of 襄阳日报 is not the 石首市 party secretary.
    expect(await disambiguators([['王敏']])).toEqual(['石首市', '襄阳市']);
    // Written with a space, the byline still finds 王敏 by key; also after articles whose byline is found as written.
    expect(await disambiguators([['王 敏']])).toEqual(['石首市', '襄阳市']);
    expect(await disambiguators([['王敏'], ['王敏'], ['王 敏']])).toEqual(['石首市', '襄阳市']);
  });

  it('give no place when they name nobody of the article', async () => {
    // 李华 is not in the text: 王敏 of the report has no jurisdiction and joins the only one known.
    expect(await disambiguators([['李华']])).toEqual(['']);
  });
});
