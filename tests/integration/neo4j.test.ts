/**
 * The loader against a REAL Neo4j, when NEO4J_URI is set (with NEO4J_USERNAME,
 * NEO4J_PASSWORD and optionally NEO4J_DATABASE), e.g. after `docker compose up -d`:
 *
 *   NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=… npx vitest run tests/integration
 *
 * It deletes every node with a guanxi label in that database before each test. Without
 * NEO4J_URI the suite is skipped and says so.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGraph, LoadError, type DriverLike } from '../../src/load/index.js';
import { openDriver } from '../../src/load/driver.js';
import { readGraphSchema } from '../../src/cypher/index.js';
import type { Graph } from '../../src/graph/model.js';
import { NASTY, sampleGraph } from './fixtures.js';

const URI = process.env.NEO4J_URI;
const DATABASE = process.env.NEO4J_DATABASE || undefined;
if (!URI) {
  console.log('tests/integration/neo4j.test.ts: skipped — set NEO4J_URI (and NEO4J_USERNAME, NEO4J_PASSWORD) to run against a real Neo4j');
}

const LABELS = Object.keys(readGraphSchema().nodes);
const quiet = { log: () => {} };

function driver(): Promise<DriverLike> {
  return openDriver(URI!, process.env.NEO4J_USERNAME || 'neo4j', process.env.NEO4J_PASSWORD || undefined);
}

/** Runs one query and returns its records as plain objects (temporal values as strings). */
async function query(text: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  const d = await driver();
  const session = d.session({ database: DATABASE });
  try {
    const records = await session.executeWrite(async (tx) => (await tx.run(text, params)).records ?? []);
    return records.map((r) => plain(r.toObject()) as Record<string, unknown>);
  } finally {
    await session.close();
    await d.close();
  }
}

function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('year' in o && 'month' in o && 'day' in o && typeof o.toString === 'function') return String(o);
    if ('properties' in o && ('labels' in o || 'type' in o)) return plain(o.properties);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, plain(x)]));
  }
  return v;
}

/** Every node and relationship of ours, with properties, sorted: two equal snapshots are the same graph. */
async function snapshot(): Promise<unknown> {
  const nodes = await query('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN labels(n) AS labels, properties(n) AS p ORDER BY n.id', { labels: LABELS });
  const rels = await query(
    'MATCH (a)-[r]->(b) WHERE any(l IN labels(a) WHERE l IN $labels) RETURN type(r) AS type, a.id AS start, b.id AS end, properties(r) AS p ORDER BY r.id',
    { labels: LABELS },
  );
  return { nodes, rels };
}

async function counts(): Promise<{ nodes: number; rels: number; distinctRels: number }> {
  const [row] = await query(
    'MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) WITH count(n) AS nodes ' +
      'OPTIONAL MATCH (a)-[r]->() WHERE any(l IN labels(a) WHERE l IN $labels) RETURN nodes, count(r) AS rels, count(DISTINCT r.id) AS distinctRels',
    { labels: LABELS },
  );
  return row as { nodes: number; rels: number; distinctRels: number };
}

/** Two halves of a corpus as the resolver would build them (article a1; article a2), and the whole. */
function halves(): { first: Graph; second: Graph; whole: Graph } {
  const first = sampleGraph();
  const a2 = { id: 'article:a2', label: 'Article' as const, properties: { id: 'article:a2', title: '全市大会', date: '2024-05-01' } };
  const office = first.nodes[1];
  const m2 = { id: 'mentions:m2', type: 'MENTIONS' as const, start: 'article:a2', end: 'person:p1', properties: { id: 'mentions:m2', count: 1, starts: [3], ends: [5], texts: ['王某'], rules: ['people/title-name'] } };
  const evidence2 = { evidenceArticles: ['a2'], evidenceSentences: ['王某出席'], evidenceStarts: [3], evidenceEnds: [8], evidenceDates: ['2024-05-01'], rules: ['people/title-name'] };
  const second: Graph = {
    nodes: [
      a2,
      office,
      { id: 'person:p1', label: 'Person', properties: { id: 'person:p1', name: '王某', aliases: ['王某', '王同志'], articleCount: 1, firstSeen: '2024-05-01', lastSeen: '2024-05-01' } },
    ],
    relationships: [
      { id: 'holds:h1', type: 'HOLDS', start: 'person:p1', end: 'office:o1', properties: { id: 'holds:h1', firstSeen: '2024-05-01', lastSeen: '2024-05-01', sources: ['a2'], evidenceCount: 1, ...evidence2 } },
      m2,
    ],
  };
  const whole: Graph = {
    nodes: [
      first.nodes[0],
      a2,
      office,
      { id: 'person:p1', label: 'Person', properties: { id: 'person:p1', name: '王某', aliases: ['王某', '王书记', '王同志'], articleCount: 2, firstSeen: '2024-03-05', lastSeen: '2024-05-01' } },
    ],
    relationships: [
      {
        id: 'holds:h1',
        type: 'HOLDS',
        start: 'person:p1',
        end: 'office:o1',
        properties: {
          id: 'holds:h1',
          firstSeen: '2024-03-05',
          lastSeen: '2024-05-01',
          sources: ['a1', 'a2'],
          evidenceCount: 3,
          evidenceArticles: ['a1', 'a1', 'a2'],
          evidenceSentences: ['市委书记王某主持会议。', '王某强调', '王某出席'],
          evidenceStarts: [10, 40, 3],
          evidenceEnds: [21, 44, 8],
          evidenceDates: ['2024-03-05', '2024-03-05', '2024-05-01'],
          rules: ['people/title-name', 'people/title-name', 'people/title-name'],
        },
      },
      first.relationships[1],
      m2,
    ],
  };
  return { first, second, whole };
}

describe.skipIf(!URI)('against a real Neo4j', () => {
  beforeEach(async () => {
    await query('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n', { labels: LABELS });
  });

  test('load, then load again: same counts, nothing created the second time', async () => {
    const g = sampleGraph();
    const first = await loadGraph(g, { uri: URI!, database: DATABASE, ...quiet });
    expect(first.nodesCreated).toBe(g.nodes.length);
    expect(first.relationshipsCreated).toBe(g.relationships.length);
    const before = await snapshot();
    const again = await loadGraph(g, { uri: URI!, database: DATABASE, ...quiet });
    expect(again.nodesCreated).toBe(0);
    expect(again.relationshipsCreated).toBe(0);
    expect(await snapshot()).toEqual(before);
    expect(await counts()).toEqual({ nodes: 3, rels: 2, distinctRels: 2 });
  });

  test('types: dates are date values, offsets integers, evidence merged item by item', async () => {
    await loadGraph(sampleGraph(), { uri: URI!, database: DATABASE, ...quiet });
    const [row] = await query(
      'MATCH (:Person {id: "person:p1"})-[h:HOLDS]->() RETURN valueType(h.firstSeen) AS t, valueType(h.evidenceStarts) AS s, h.evidenceCount AS n, h.evidenceStarts AS starts',
    );
    expect(row).toEqual({ t: 'DATE NOT NULL', s: 'LIST<INTEGER NOT NULL> NOT NULL', n: 2, starts: [10, 40] });
  });

  test('loading two halves gives the graph loading the whole gives', async () => {
    const { first, second, whole } = halves();
    await loadGraph(first, { uri: URI!, database: DATABASE, ...quiet });
    await loadGraph(second, { uri: URI!, database: DATABASE, ...quiet });
    const inHalves = await snapshot();
    await query('MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n', { labels: LABELS });
    await loadGraph(whole, { uri: URI!, database: DATABASE, ...quiet });
    expect(inHalves).toEqual(await snapshot());
    const [p] = await query('MATCH (p:Person {id: "person:p1"}) RETURN p.articleCount AS n, p.firstSeen AS f, p.lastSeen AS l');
    expect(p).toEqual({ n: 2, f: '2024-03-05', l: '2024-05-01' });
  });

  test('a load killed halfway and run again completes with no duplicates', async () => {
    const g = sampleGraph();
    const real = await driver();
    let runs = 0;
    const dying: DriverLike = {
      verifyConnectivity: (o) => real.verifyConnectivity(o),
      close: () => real.close(),
      session: (o) => {
        const s = real.session(o);
        return {
          close: () => s.close(),
          executeWrite: (work, config) =>
            s.executeWrite(async (tx) => {
              if (String(config?.metadata?.group ?? '').startsWith('HOLDS') && runs++ === 0) throw new Error('killed');
              return work(tx);
            }, config),
        };
      },
    };
    await expect(loadGraph(g, { uri: URI!, database: DATABASE, driver: dying, ...quiet })).rejects.toBeInstanceOf(LoadError);
    expect((await counts()).rels).toBe(0);
    await loadGraph(g, { uri: URI!, database: DATABASE, ...quiet });
    expect(await counts()).toEqual({ nodes: 3, rels: 2, distinctRels: 2 });
  });

  test('injection strings are stored verbatim', async () => {
    const g = sampleGraph();
    g.nodes[2].properties.aliases = NASTY;
    g.nodes[1].properties.name = NASTY[4];
    await loadGraph(g, { uri: URI!, database: DATABASE, ...quiet });
    const [row] = await query('MATCH (p:Person {id: "person:p1"})-[:HOLDS]->(o:Office) RETURN p.aliases AS aliases, o.name AS office');
    expect(row).toEqual({ aliases: NASTY, office: NASTY[4] });
    expect(await counts()).toEqual({ nodes: 3, rels: 2, distinctRels: 2 });
  });

  test('the example queries run and return what the graph holds', async () => {
    await loadGraph(sampleGraph(), { uri: URI!, database: DATABASE, ...quiet });
    const run = async (file: string) => {
      const text = readFileSync(join(import.meta.dirname, '..', '..', 'queries', file), 'utf8');
      const paramLine = /^:param (\{.*\});$/m.exec(text)?.[1];
      const params = paramLine ? ((await query(`RETURN ${paramLine} AS p`))[0].p as Record<string, unknown>) : {};
      const statement = text.split('\n').filter((l) => !l.startsWith(':param') && !l.startsWith('//')).join('\n').replace(/;\s*$/, '');
      return query(statement, params);
    };
    expect(await run('office-holders.cypher')).toEqual([{ person: '王某', office: '荆州市委书记', firstSeen: '2024-03-05', lastSeen: '2024-03-05', evidence: 2 }]);
    expect((await run('evidence.cypher')).map((r) => [r.sentence, r.article, r.startOffset])).toEqual([
      ['市委书记王某主持会议。', '市委常委会召开会议', 10],
      ['王某强调', '市委常委会召开会议', 40],
    ]);
    expect(await run('shared-meetings.cypher')).toEqual([]);
    expect(await run('campaigns.cypher')).toEqual([]);
    expect(await run('projects-by-county.cypher')).toEqual([]);
  });
});
