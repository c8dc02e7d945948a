import { describe, it, expect } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findOffices, officeTimeline, formatTimeline, officeKey, nearNames, timelineCommand } from '../src/commands/timeline.js';
import { writeJson } from '../src/export/json.js';
import { findPeople, personProfile, formatProfile, showCommand } from '../src/commands/show.js';
import { fixtureGraph, S1, S2, S3, S4 } from './timeline.fixture.js';

const names = (xs: { properties: Record<string, unknown> }[]) => xs.map((x) => x.properties.name);

describe('findOffices', () => {
  it('accepts the aliases people type', () => {
    expect(officeKey('荆州市市长')).toBe(officeKey('荆州市长'));
    expect(names(findOffices(fixtureGraph, '荆州市长'))).toEqual(['荆州市市长']);
    expect(names(findOffices(fixtureGraph, '荆州市市长'))).toEqual(['荆州市市长']);
    expect(names(findOffices(fixtureGraph, '中共荆州市委书记'))).toEqual(['荆州市委书记']);
    expect(names(findOffices(fixtureGraph, '荆州 市委书记'))).toEqual(['荆州市委书记']);
    expect(names(findOffices(fixtureGraph, '公安县长'))).toEqual(['公安县县长']);
  });
  it('matches a bare title in every jurisdiction', () => {
    expect(names(findOffices(fixtureGraph, '县长'))).toEqual(['公安县县长']);
  });
  it('finds nothing for an office not in the graph', () => {
    expect(findOffices(fixtureGraph, '荆州市人大常委会主任')).toEqual([]);
  });
});

describe('officeTimeline', () => {
  it('lists holders by firstSeen with pinyin, dates and evidence', () => {
    const t = officeTimeline(fixtureGraph, findOffices(fixtureGraph, '荆州市委书记')[0]!);
    expect(t.holders.map((h) => [h.name, h.pinyin, h.firstSeen, h.lastSeen, h.articles])).toEqual([
      ['单红', 'Shan Hong', '2021-03-01', '2021-03-01', 1],
      ['吴锦', 'Wu Jin', '2022-02-10', '2023-05-01', 2],
    ]);
    expect(t.holders[1]!.evidence.map((e) => [e.date, e.sentence, e.source])).toEqual([
      ['2022-02-10', S2, 'data/articles/a2.txt'],
      ['2023-05-01', S3, 'data/articles/a3.txt'],
    ]);
    expect(t.holders[0]!.evidence[0]!.source).toBe('http://www.jzrb.com/a1.html');
  });
  it('formats a readable block', () => {
    const text = formatTimeline(officeTimeline(fixtureGraph, findOffices(fixtureGraph, '荆州市长')[0]!));
    expect(text).toBe(
      '荆州市市长  (jurisdiction 荆州市)\n' +
        '  2022-02-10               欧阳明  Ouyang Ming   1 article\n' +
        `      2022-02-10  ${S4}   data/articles/a2.txt`,
    );
  });
});

describe('nearNames', () => {
  it('suggests offices that share characters or pinyin, never unrelated ones', () => {
    expect(nearNames('荆州市委副书记', ['荆州市委书记', '荆州市市长', '公安县县长'])).toEqual(['荆州市委书记', '荆州市市长']);
    expect(nearNames('wujing', ['吴锦', '单红'])).toEqual(['吴锦']);
    expect(nearNames('北京', ['吴锦', '单红'])).toEqual([]);
    // Spellings of one name count once; a shared initial-letter pattern (wj ⊂ jwj) is not a likeness.
    expect(nearNames('吴金', ['吴锦', '吴 锦', '荆文静'])).toEqual(['吴锦']);
  });
});

describe('show', () => {
  it('finds people by name and by pinyin', () => {
    expect(names(findPeople(fixtureGraph, '吴锦'))).toEqual(['吴锦']);
    expect(names(findPeople(fixtureGraph, 'Wu Jin'))).toEqual(['吴锦']);
    expect(names(findPeople(fixtureGraph, 'ouyangming'))).toEqual(['欧阳明']);
    expect(names(findPeople(fixtureGraph, '吴金'))).toEqual([]);
  });
  it('gives offices, campaigns and events with dates and evidence', () => {
    const p = personProfile(fixtureGraph, findPeople(fixtureGraph, '吴锦')[0]!);
    expect(p.offices.map((o) => [o.name, o.firstSeen, o.lastSeen, o.evidence.length])).toEqual([['荆州市委书记', '2022-02-10', '2023-05-01', 2]]);
    expect(p.campaigns.map((c) => c.name)).toEqual(['四大会战']);
    expect(p.events.map((e) => [e.name, e.date])).toEqual([['全市动员推进会', '2022-02-09']]);
    const text = formatProfile(p);
    expect(text.split('\n').slice(0, 4)).toEqual([
      '吴锦  Wu Jin  (2 articles, 2022-02-10 – 2023-05-01)',
      '  Offices',
      '    荆州市委书记   2022-02-10 – 2023-05-01',
      `        2022-02-10  ${S2}   data/articles/a2.txt`,
    ]);
    expect(text).toContain('  Events attended\n    全市动员推进会   2022-02-09');
  });
  it('shows the disambiguator of a same-name person', () => {
    expect(formatProfile(personProfile(fixtureGraph, findPeople(fixtureGraph, '曾强')[0]!)).split('\n')[0]).toBe(
      '曾强（公安县）  Zeng Qiang  (1 article, 2023-05-01)',
    );
  });
});

describe('commands', () => {
  async function outDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-timeline-'));
    await writeJson(fixtureGraph, dir);
    return dir;
  }
  function capture() {
    const out: string[] = [];
    const err: string[] = [];
    const o = process.stdout.write.bind(process.stdout);
    const e = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((c: string) => (out.push(c), true)) as typeof process.stdout.write;
    process.stderr.write = ((c: string) => (err.push(c), true)) as typeof process.stderr.write;
    return { out, err, restore: () => ((process.stdout.write = o), (process.stderr.write = e)) };
  }
  it('timeline prints holders and exits 0; an unknown office exits 1 with suggestions', async () => {
    const dir = await outDir();
    const c = capture();
    let ok: number, missing: number;
    try {
      ok = await timelineCommand(['荆州市委书记', '--out', dir]);
      missing = await timelineCommand(['荆州市委副书记', '--out', dir]);
    } finally {
      c.restore();
    }
    expect(ok).toBe(0);
    expect(c.out.join('')).toContain(`单红  Shan Hong   1 article\n      2021-03-01  ${S1}`);
    expect(missing).toBe(1);
    expect(c.err.join('')).toBe(`guanxi: no office matches '荆州市委副书记' in ${join(dir, 'graph.json')}. Did you mean: 荆州市委书记, 荆州市市长?\n`);
  });
  it('show --json gives the profile; a missing graph is a usage error', async () => {
    const dir = await outDir();
    const c = capture();
    let code: number;
    try {
      code = await showCommand(['wujin', '--out', dir, '--json']);
    } finally {
      c.restore();
    }
    expect(code).toBe(0);
    expect(JSON.parse(c.out.join(''))[0].offices[0].name).toBe('荆州市委书记');
    await expect(showCommand(['吴锦', '--out', join(dir, 'nothing')])).rejects.toThrow(/nothing: no such file or folder. Run 'guanxi build' first/);
  });
});

describe('commands with guanxi.yaml', () => {
  it('read the build folder named by the config file when --out is not given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-timeline-config-'));
    await writeJson(fixtureGraph, join(dir, 'built'));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(dir, 'guanxi.yaml'), `out: ${join(dir, 'built')}\n`);
    const out: string[] = [];
    const o = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((c: string) => (out.push(c), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await timelineCommand(['荆州市长', '--config', join(dir, 'guanxi.yaml')]);
    } finally {
      process.stdout.write = o;
    }
    expect(code).toBe(0);
    expect(out.join('')).toContain('欧阳明  Ouyang Ming');
  });
});
