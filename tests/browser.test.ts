/**
 * The graph page in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Skipped (and says so) when /usr/bin/chromium is absent; .ci/run installs it.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { htmlExporter } from '../src/export/html.js';
import type { Graph } from '../src/graph/model.js';
import { buildCommand } from '../src/commands/build.js';
import { fixtureGraph, S1, S2, S3 } from './timeline.fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.log(`browser tests skipped: ${CHROMIUM} not found (apt-get install -y chromium)`);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!haveChromium)('graph page in Chromium', () => {
  let context: BrowserContext;
  let profile: string;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    profile = await mkdtemp(join(tmpdir(), 'guanxi-chromium-'));
    // A fresh profile per run: playwright wants it as launchPersistentContext's first argument.
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1400, height: 860 } });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  async function open(html: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => document.querySelectorAll('#filters label').length > 0);
    return page;
  }

  it('finds a person by pinyin, shows offices, dates and sentences, and the office timeline', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-page-'));
    const [html] = await htmlExporter.write(fixtureGraph, dir);
    const page = await open(html!);

    await page.fill('#search', 'wujin');
    await expect.poll(() => page.locator('#results li').allInnerTexts()).toEqual([expect.stringMatching(/^吴锦\s*Wu Jin · Person$/)]);
    await page.click('#results li');
    const details = page.locator('#details');
    await expect.poll(() => details.locator('h2').innerText()).toMatch(/^吴锦\s*Wu Jin$/);
    const office = details.locator('.rel[data-type="HOLDS"]');
    expect(await office.locator('a.node').innerText()).toBe('荆州市委书记');
    expect(await office.locator('.dates').innerText()).toBe('2022-02-10 – 2023-05-01');
    const sentences = (await office.locator('.evidence li').allInnerTexts()).map((t) => t.replace(/^(\d{4}-\d\d-\d\d)\s*/, '$1 '));
    expect(sentences).toEqual([
      expect.stringContaining(`2022-02-10 ${S2}`),
      expect.stringContaining(`2023-05-01 ${S3}`),
    ]);
    // The article link is relative to the page's folder; the title with </script> is shown as text.
    expect(await office.locator('.evidence a.src').first().getAttribute('href')).toBe(relative(dir, resolve('data/articles/a2.txt')));
    expect(await office.locator('.evidence a.src').nth(1).innerText()).toBe('↗ 吴锦调研项目建设 </script><b>');

    // Office alias in the search box.
    await page.fill('#search', '荆州市长');
    await expect.poll(() => page.locator('#results li').first().innerText()).toMatch(/^荆州市市长/);

    // Timeline: holders by first date.
    await office.locator('button.link').click();
    await expect.poll(() => page.locator('#timeline h2').innerText()).toBe('荆州市委书记');
    expect(await page.locator('#timeline .holder .who').allInnerTexts()).toEqual([expect.stringMatching(/^单红\s*Shan Hong$/), expect.stringMatching(/^吴锦\s*Wu Jin$/)]);
    expect(await page.locator('#timeline .tenure').first().innerText()).toContain(S1);

    // Label filter: hiding Person removes people from the search results.
    await page.click('.tabs button[data-view="graph"]');
    await page.click('#filters label:has([data-label="Person"])');
    await page.fill('#search', '吴锦');
    await expect.poll(() => page.locator('#results li').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).guanxi.search('吴锦').length)).toBe(0);

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 60_000);

  it('keeps a large graph readable: the most connected nodes first, a neighbourhood on demand', async () => {
    // 300 offices, each with one holder; office i also has i % 3 more holders, so degrees differ.
    const nodes: Graph['nodes'] = [];
    const relationships: Graph['relationships'] = [];
    let people = 0;
    for (let i = 0; i < 300; i++) {
      nodes.push({ id: `office:${i}`, label: 'Office', properties: { name: `第${i}办公室主任` } });
      for (let k = 0; k <= i % 3; k++) {
        const p = `person:${people++}`;
        nodes.push({ id: p, label: 'Person', properties: { name: `测试${people}号` } });
        relationships.push({ id: `h${people}`, type: 'HOLDS', start: p, end: `office:${i}`, properties: { firstSeen: '2020-01-01', lastSeen: '2020-01-01' } });
      }
    }
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-page-large-'));
    const [html] = await htmlExporter.write({ nodes, relationships }, dir);
    const page = await open(html!);
    expect(await page.locator('#stats').innerText()).toMatch(/^the 200 most connected of 900 nodes/);
    // Office 1 has two holders: degree 2, but the overview's 200 are all degree-3 offices.
    await page.fill('#search', '第1办公室主任');
    await page.locator('#results li').first().click();
    await expect.poll(() => page.locator('#stats').innerText()).toBe('Neighbourhood of 第1办公室主任: 3 nodes · back to the overview');
    expect(await page.locator('#details .rel[data-type="HOLDS"] a.node').allInnerTexts()).toEqual(['测试2号', '测试3号']);
    await page.click('#overview');
    await expect.poll(() => page.locator('#stats').innerText()).toMatch(/^the 200 most connected of 900 nodes/);
    expect(errors).toEqual([]);
  }, 60_000);

  it('builds the five samples and shows 吴锦 with his office, dates and the sentence that says so', async () => {
    const out = await mkdtemp(join(tmpdir(), 'guanxi-build-'));
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write; // keep the build's summary out of the test log
    try {
      await buildCommand(['data/articles', '--out', out, '--quiet']);
    } finally {
      process.stderr.write = write;
    }
    const html = join(out, 'index.html');
    expect(existsSync(html)).toBe(true);
    const page = await open(html);
    await page.fill('#search', '吴锦');
    await page.locator('#results li', { hasText: '吴锦' }).first().click();
    const office = page.locator('#details .rel[data-type="HOLDS"]').first();
    await expect.poll(() => office.count()).toBe(1);
    expect(await office.locator('a.node').innerText()).toContain('书记');
    expect(await office.locator('.dates').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(await office.locator('.evidence li').first().innerText()).toMatch(/^\d{4}-\d{2}-\d{2}\s*.*书记.*吴\s*锦/);
    await mkdir('docs', { recursive: true });
    await page.waitForTimeout(600); // let the zoom animation settle before the picture
    // The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1), so a test run
    // leaves the work tree clean; every run still takes and checks a screenshot.
    const shot = process.env.UPDATE_SCREENSHOT ? 'docs/screenshot.png' : join(profile!, 'screenshot.png');
    await page.screenshot({ path: shot });
    console.log(`browser test: screenshot saved to ${shot}`);
    expect((await readFile(shot)).length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 120_000);
});
