import { describe, expect, it } from 'vitest';
import { clusterPeople, type PersonOccurrence } from '../src/resolve/people.js';
import { emptyOverrides, type EntityReference, type Overrides } from '../src/resolve/overrides.js';

const ref = (key: string, disambiguator: string): EntityReference => ({ label: 'Person', key, disambiguator, text: `${key}@${disambiguator}`, where: 'different[0]' });

/** Overrides about `key` that change nothing (no such jurisdictions): clusterPeople takes its general way. */
function inertOverrides(key: string): Overrides {
  const o = emptyOverrides('test.yaml');
  o.different.push([ref(key, '不存在甲'), ref(key, '不存在乙')]);
  return o;
}

const occ = (article: string, jurisdictions: string[] = []): PersonOccurrence => ({ article, jurisdictions, coMentioned: new Set(['王敏']) });

describe('clusterPeople: the one-jurisdiction way gives what the general rules give', () => {
  const cases: Record<string, PersonOccurrence[]> = {
    'one bare mention': [occ('a')],
    'bare mentions in several articles': [occ('a'), occ('a'), occ('b'), occ('c')],
    'one jurisdiction in one article': [occ('a', ['荆州市'])],
    'one jurisdiction in several articles': [occ('a', ['荆州市']), occ('b', ['荆州市']), occ('b', ['荆州市'])],
    'one jurisdiction and one bare mention': [occ('a', ['荆州市']), occ('b')],
    'one jurisdiction and bare mentions': [occ('a'), occ('b', ['荆州市']), occ('c'), occ('c', ['荆州市'])],
    'articles out of order': [occ('c', ['荆州市']), occ('a', ['荆州市']), occ('b'), occ('a', ['荆州市'])],
  };
  for (const [name, occs] of Object.entries(cases)) {
    it(name, () => {
      const general = clusterPeople('王敏', occs, inertOverrides('王敏'), null);
      const fast = clusterPeople('王敏', occs, emptyOverrides(), null);
      expect(fast).toEqual(general);
    });
  }

  it('leaves several jurisdictions to the general rules', () => {
    const occs = [occ('a', ['荆州市']), occ('b', ['襄阳市']), occ('c')];
    expect(clusterPeople('王敏', occs, emptyOverrides(), null)).toEqual(clusterPeople('王敏', occs, inertOverrides('王敏'), null));
  });
});
