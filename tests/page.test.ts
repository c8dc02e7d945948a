import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { htmlExporter, pageData, renderPage, scriptSafeJson } from '../src/export/html.js';
import type { Graph } from '../src/graph/model.js';
import { fixtureGraph, S2, S3 } from './timeline.fixture.js';

describe('pageData', () => {
  const data = pageData(fixtureGraph, 'out');

  it('embeds the data as scriptSafeJson writes it, though the page is made piece by piece', () => {
    const html = renderPage(data);
    const marker = 'id="guanxi-data">';
    const start = html.indexOf(marker) + marker.length;
    // article:3's title holds </script>: escaped, so the first </script> after the marker ends the data.
    expect(html.slice(start, html.indexOf('</script>', start))).toBe(scriptSafeJson(data));
  });

  it('embeds many nodes and relationships as scriptSafeJson writes them, several to a piece', () => {
    // 37 of each: pieces of several elements, the last one short; unsafe characters in some.
    const many = {
      ...data,
      nodes: Array.from({ length: 37 }, (_, i) => ({ ...data.nodes[i % data.nodes.length]!, id: `person:${i}`, name: i % 5 ? `吴锦${i}` : `</script>\u2028${i}` })),
      edges: Array.from({ length: 37 }, (_, i) => ({ ...data.edges[i % data.edges.length]!, id: `holds:${i}` })),
    };
    const html = renderPage(many);
    const marker = 'id="guanxi-data">';
    const start = html.indexOf(marker) + marker.length;
    expect(html.slice(start, html.indexOf('</script>', start))).toBe(scriptSafeJson(many));
  });

  it('shows the most connected nodes of a graph over the limit, their relationships and a few sentences each, and says so', () => {
    const part = pageData(fixtureGraph, 'out', '关系 guanxi', { nodes: 3, evidence: 1 });
    // Degrees without MENTIONS: person:1 3, office:1 2, then 1 each (campaign:1 first by id).
    expect(part.nodes.map((n) => n.id)).toEqual(['campaign:1', 'office:1', 'person:1']);
    expect(part.edges.map((e) => e.id)).toEqual(['r1', 'r5']);
    // Articles are not on it: the evidence carries the article's link itself.
    expect(part.edges[0]!.ev).toEqual([{ a: 'article:2', d: '2022-02-10', s: S2, href: '../data/articles/a2.txt' }]);
    expect(part.span).toBe('3 articles, 2021-03-01 – 2023-05-01; this page shows the 3 most connected of 14 nodes (graph.json has them all)');
    expect(pageData(fixtureGraph, 'out', '关系 guanxi', { nodes: 14, evidence: 1 })).toEqual(data);
  });
  const node = (id: string) => data.nodes.find((n) => n.id === id)!;

  it('gives people pinyin and search keys in Chinese, pinyin and initials', () => {
    expect(node('person:1')).toMatchObject({ name: '吴锦', pinyin: 'Wu Jin', deg: 3 });
    expect(node('person:1').keys).toEqual(['吴锦', 'wujin', 'wj']);
    expect(node('person:3').pinyin).toBe('Ouyang Ming');
  });
  it('lets offices be found by the spellings people type', () => {
    expect(node('office:2').keys).toEqual(['荆州市市长', '荆州市长']);
    expect(node('office:1').keys).toContain('中共荆州市委书记');
  });
  it('links articles by url, else by a path relative to the page', () => {
    expect(node('article:1').href).toBe('http://www.jzrb.com/a1.html');
    expect(node('article:2').href).toBe('../data/articles/a2.txt');
    expect(pageData(fixtureGraph, 'build/site').nodes.find((n) => n.id === 'article:3')!.href).toBe('../../data/articles/a3.txt');
  });
  it('carries evidence oldest first with article and date', () => {
    const holds = data.edges.find((e) => e.id === 'r1')!;
    expect(holds).toMatchObject({ type: 'HOLDS', s: 'person:1', t: 'office:1', f: '2022-02-10', l: '2023-05-01' });
    expect(holds.ev).toEqual([
      { a: 'article:2', d: '2022-02-10', s: S2 },
      { a: 'article:3', d: '2023-05-01', s: S3 },
    ]);
  });
  it('finds the article of evidence named by file name or path', () => {
    const g: Graph = {
      nodes: [
        { id: 'article:x.txt', label: 'Article', properties: { path: 'data/articles/x.txt', date: '2022-02-10' } },
        { id: 'p', label: 'Person', properties: { name: '吴锦' } },
        { id: 'o', label: 'Office', properties: { name: '荆州市委书记' } },
      ],
      relationships: [
        { id: 'h', type: 'HOLDS', start: 'p', end: 'o', properties: { evidenceArticles: ['x.txt', 'data/articles/x.txt'], evidenceSentences: [S2, S3], evidenceDates: ['2022-02-10', ''] } },
      ],
    };
    expect(pageData(g).edges[0]!.ev.map((e) => e.a)).toEqual(['article:x.txt', 'article:x.txt']);
  });
  it('summarises what the graph covers and skips MENTIONS in degrees', () => {
    expect(data.span).toBe('3 articles, 2021-03-01 – 2023-05-01');
    expect(node('article:2').deg).toBe(0);
  });
});

describe('escaping', () => {
  it('never lets data close the script element or break the script', () => {
    const json = scriptSafeJson({ t: '</script><script>alert(1)</script>', u: 'a\u2028b\u2029c', c: '<!--' });
    expect(json).not.toMatch(/<|\u2028|\u2029/);
    expect(JSON.parse(json)).toEqual({ t: '</script><script>alert(1)</script>', u: 'a\u2028b\u2029c', c: '<!--' });
  });
  it('renders one self-contained page with no external resources', () => {
    const evil: Graph = {
      nodes: [{ id: 'p', label: 'Person', properties: { name: '</script><img src=x onerror=alert(1)>\u2028' } }],
      relationships: [],
    };
    const html = renderPage(pageData(evil));
    // Exactly the three script elements the page has: data, Cytoscape, app.
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link[^>]*\bhref=|@import|https?:\/\/(?!www\.w3\.org|js\.cytoscape\.org)[a-z0-9.-]+\/[^"'\s]*\.(js|css)/i);
    expect(html).toContain('id="guanxi-data"');
    const payload = html.slice(html.indexOf('id="guanxi-data">') + 'id="guanxi-data">'.length, html.indexOf('</script>'));
    expect(JSON.parse(payload).nodes[0].name).toBe('</script><img src=x onerror=alert(1)>\u2028');
  });
});

describe('htmlExporter', () => {
  it('writes index.html into the output folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-page-'));
    expect(htmlExporter.name).toBe('html');
    expect(await htmlExporter.write(fixtureGraph, dir)).toEqual([join(dir, 'index.html')]);
    const html = await readFile(join(dir, 'index.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('guanxi · 3 articles, 2021-03-01 – 2023-05-01');
    expect(html.length).toBeGreaterThan(400_000); // Cytoscape is inlined, not linked
  });
});
