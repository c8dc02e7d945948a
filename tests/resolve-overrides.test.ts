import { describe, expect, it } from 'vitest';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseOverrides, readOverrides, OverrideFileError } from '../src/resolve/overrides.js';
import { resolveCorpus } from '../src/resolve/index.js';

describe('override file', () => {
  it('data/resolve.yaml is empty as committed, and its examples are valid once uncommented', async () => {
    const text = await readFile('data/resolve.yaml', 'utf8');
    expect(parseOverrides(text, 'data/resolve.yaml')).toMatchObject({ same: [], different: [], messages: [] });
    const examples = text
      .slice(text.indexOf('# same:'))
      .split('\n')
      .map((l) => l.replace(/^# ?/, ''))
      .join('\n');
    const o = parseOverrides(examples, 'examples');
    expect(o.messages).toEqual([]);
    expect(o.same).toHaveLength(3);
    expect(o.different).toHaveLength(2);
    expect(o.same[1]![0]).toMatchObject({ label: 'Person', key: '王敏', disambiguator: null });
    expect(o.same[1]![1]).toMatchObject({ label: 'Person', key: '王敏', disambiguator: '石首市' });
    expect(o.aliases.get('Project')!.get('某某工业园')).toBe('某某产业园');
  });

  it('reports YAML syntax errors with file and line, and a missing --resolve file as an error', async () => {
    const o = parseOverrides('same:\n  - [Person:王敏\n', 'bad.yaml');
    expect(o.messages).toHaveLength(1);
    expect(o.messages[0]).toMatch(/^bad\.yaml:\d+: /);
    await expect(readOverrides('/nonexistent/resolve.yaml', true)).rejects.toThrow(OverrideFileError);
    await expect(readOverrides('/nonexistent/resolve.yaml', false)).resolves.toMatchObject({ messages: [] });
  });

  it('checks every entry: labels, pairs, disambiguators and alias lists', () => {
    const o = parseOverrides(
      ['different:', '  - [Campaign:甲行动@荆州市, Campaign:乙行动]', '  - [Person:王敏, Office:王敏]', 'aliases:', '  Campaign:', '    甲行动: 7', '  Persons: {}'].join('\n'),
      'r.yaml',
    );
    expect(o.messages).toEqual([
      'r.yaml: different[0]: only Person references take @disambiguator, not "Campaign:甲行动@荆州市"',
      'r.yaml: different[1]: Person:王敏 and Office:王敏 have different labels',
      'r.yaml: aliases.Campaign.甲行动: expecting a list of names but got 7',
      'r.yaml: aliases.Persons: unknown label. Expecting one of Person, Office, AdminDivision, Campaign, Project, Organization, Event',
    ]);
  });

  it('is read from --resolve FILE by resolveCorpus', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-resolve-'));
    const file = join(dir, 'r.yaml');
    await writeFile(file, 'aliases:\n  Person:\n    吴锦: [吴金]\n');
    const result = {
      article: { id: 'a.txt', path: 'a.txt', title: null, date: '2022-01-01', source: null, url: null, home: '荆州市', lang: 'zh', byline: [] },
      entities: [
        { type: 'Person' as const, name: '吴金', properties: {}, mentions: [{ start: 0, end: 2, text: '吴金', rule: 'p' }] },
        { type: 'Person' as const, name: '吴锦', properties: {}, mentions: [{ start: 3, end: 5, text: '吴锦', rule: 'p' }] },
      ],
      relations: [],
      messages: [],
    };
    const { graph } = await resolveCorpus([result], { overridesPath: file });
    const people = graph.nodes.filter((n) => n.label === 'Person');
    expect(people.map((n) => [n.properties.name, n.properties.aliases])).toEqual([['吴锦', ['吴金']]]);
  });
});
