import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng, mulberry32 } from '../scripts/lib/prng.js';
import { buildWorld, loadDivisions, holder, dayToDate, type World } from '../scripts/lib/world.js';
import { generateArticle } from '../scripts/lib/corpus.js';
import { generateCorpus } from '../scripts/lib/generate.js';

const divisions = loadDivisions();

describe('mulberry32', () => {
  it('matches the published mulberry32 (bryc/code, PRNGs.md) stream for stream', () => {
    // The reference, transcribed as published: the state is not truncated there, ours is.
    const reference = (a: number) => () => {
      let t = (a += 0x6d2b79f5);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    for (const seed of [1, 42, 0xdeadbeef]) {
      const ours = mulberry32(seed);
      const theirs = reference(seed);
      for (let i = 0; i < 10_000; i++) expect(ours()).toBe(theirs());
    }
  });
  it('draws integers within bounds', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const x = rng.int(3, 5);
      expect(x >= 3 && x <= 5).toBe(true);
    }
  });
});

describe('the synthetic world', () => {
  const world = buildWorld(42, divisions);

  it('uses the real gazetteer of 湖北省 when it is there', () => {
    if (!divisions) return expect(world.divisionSource).toBe('generated');
    expect(world.divisionSource).toBe('gazetteer');
    expect(world.province.name).toBe('湖北省');
    expect(world.cities.map((c) => c.division.name)).toContain('荆州市');
    expect(world.cities.find((c) => c.division.name === '荆州市')!.counties.map((c) => c.division.name)).toContain('公安县');
  });

  it('falls back to a generated province without the gazetteer', () => {
    const w = buildWorld(42, null);
    expect(w.divisionSource).toBe('generated');
    expect(w.cities.length).toBe(12);
    for (const c of w.cities) expect(c.division.name).toMatch(/^\p{Script=Han}{2}市$/u);
  });

  it('hands offices over: every city secretary post has several holders over 2014–2024', () => {
    for (const c of world.cities) expect(new Set(c.secretary.terms.map((t) => t.person)).size).toBeGreaterThan(1);
  });

  it('has same-name different people (one name in two cities)', () => {
    const cityOf = new Map<string, Set<string>>();
    for (const c of world.cities) {
      for (const s of [c.secretary, c.mayor, c.deputySecretary, c.congress, c.cppcc, ...c.standing, ...c.viceMayors]) {
        for (const t of s.terms) {
          if (!cityOf.has(t.person)) cityOf.set(t.person, new Set());
          cityOf.get(t.person)!.add(c.division.name);
        }
      }
    }
    expect([...cityOf.values()].some((cities) => cities.size > 1)).toBe(true);
  });
});

function cityOf(world: World, home: string) {
  return world.cities.find((c) => c.division.name === home)!;
}

describe('generated articles', () => {
  const world = buildWorld(7, divisions);
  const articles = Array.from({ length: 300 }, (_, i) => generateArticle(world, i));

  it('are a pure function of (seed, index)', () => {
    const again = buildWorld(7, divisions);
    expect(generateArticle(again, 123)).toEqual(articles[123]);
    expect(generateArticle(buildWorld(8, divisions), 123).content).not.toBe(articles[123]!.content);
  });

  it('come in the three sample formats', () => {
    const jekyll = articles.find((a) => a.format === 'jekyll')!;
    expect(jekyll.content).toMatch(/^---\nlayout: post\ntitle: ".+"\ndate: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0800\n/u);
    expect(jekyll.content).toContain('<p>本报讯(记者');
    const scraped = articles.find((a) => a.format === 'scraped')!;
    expect(scraped.content).toMatch(/^e线民生短信通道:1\d+违法和不良信息举报:0716-\d{7}\n/u);
    expect(scraped.content).toContain(`客户端 ${scraped.manifest.date}\n`);
    const pdf = articles.find((a) => a.format === 'pdf')!;
    const [title, , author] = pdf.content.split('\n');
    // Doubled PDF runs: undoing them gives the title back.
    let undone = '';
    for (let i = 1; i < title!.length; ) {
      let n = 4;
      while (n > 1 && title!.slice(i, i + n) !== title!.slice(i + n, i + 2 * n)) n--;
      undone += title!.slice(i, i + n);
      i += 2 * n;
    }
    expect(undone).toBe(pdf.manifest.title);
    expect(author).toMatch(/^□ 中共.+委政策研究室$/u);
    expect(Math.max(...pdf.content.split('\n').map((l) => [...l].length).slice(4))).toBeLessThanOrEqual(17);
  });

  it('name the secretary who held the office on the article date', () => {
    let checked = 0;
    for (const a of articles) {
      const m = /市委书记(\p{Script=Han}{2,4}?)出席会议并/u.exec(a.content);
      if (!m) continue;
      const city = cityOf(world, a.manifest.home);
      const day = (Date.parse(a.manifest.date) - Date.UTC(2014, 0, 1)) / 86400000;
      expect(dayToDate(day)).toBe(a.manifest.date);
      expect(m[1]).toBe(holder(city.secretary, day));
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('repeat officials across articles, as a real paper does', () => {
    const secretaries = articles.map((a) => /市委书记(\p{Script=Han}{2,4}?)(?:出席|宣布)/u.exec(a.content)?.[1]).filter(Boolean);
    expect(new Set(secretaries).size).toBeLessThan(secretaries.length / 3);
  });
});

describe('generateCorpus', () => {
  it('writes the same bytes for the same seed, and a smaller corpus is a prefix of a larger one', () => {
    const base = mkdtempSync(join(tmpdir(), 'gx-corpus-'));
    const a = generateCorpus({ articles: 40, seed: 3, out: join(base, 'a') });
    generateCorpus({ articles: 40, seed: 3, out: join(base, 'b') });
    generateCorpus({ articles: 10, seed: 3, out: join(base, 'c') });
    const files = readdirSync(join(base, 'a')).sort();
    expect(files.length).toBe(41);
    expect(files).toContain('manifest.jsonl');
    for (const f of files) expect(readFileSync(join(base, 'b', f))).toEqual(readFileSync(join(base, 'a', f)));
    for (const f of readdirSync(join(base, 'c')).filter((f) => f.endsWith('.txt'))) {
      expect(readFileSync(join(base, 'c', f))).toEqual(readFileSync(join(base, 'a', f)));
    }
    expect(a.bytes).toBe(files.filter((f) => f.endsWith('.txt')).reduce((n, f) => n + readFileSync(join(base, 'a', f)).length, 0));
    const manifest = readFileSync(join(base, 'a', 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string });
    expect(manifest.map((m) => m.path)).toEqual(files.filter((f) => f.endsWith('.txt')));
  });
});
