/**
 * The loader against a RECORDING session: a fake driver implementing the subset of
 * neo4j-driver the loader uses (verifyConnectivity, session().executeWrite(tx => tx.run()),
 * close). executeWrite retries like the real driver does on a transient error (a
 * `Neo.TransientError.*` code), so the tests see what the loader sends and counts.
 */
import { describe, expect, test } from 'vitest';
import { loadGraph, LoadError, resolveCredentials, redactUri, type DriverLike, type TxLike } from '../src/load/index.js';
import { planLoad, readGraphSchema, renderScript } from '../src/cypher/index.js';
import { NASTY, sampleGraph } from './integration/fixtures.js';
import type { Graph } from '../src/graph/model.js';

interface Call {
  query: string;
  params: Record<string, unknown>;
  attempt: number;
  committed: boolean;
}

/** Error shaped like a driver Neo4jError. */
function neo4jError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code, retriable: code.startsWith('Neo.TransientError') });
}

/**
 * A recording driver. `fail(call)` may throw to make the n-th tx.run fail. Counters: each
 * row of a MERGE statement counts as one node or relationship created, so sums are checkable.
 */
function recordingDriver(fail: (index: number, query: string) => Error | undefined = () => undefined) {
  const calls: Call[] = [];
  const events: string[] = [];
  let runs = 0;
  let openSessions = 0;
  const driver: DriverLike & { calls: Call[]; events: string[]; openSessions: () => number } = {
    calls,
    events,
    openSessions: () => openSessions,
    async verifyConnectivity(o) {
      events.push(`verify ${JSON.stringify(o ?? {})}`);
    },
    session(o) {
      openSessions++;
      events.push(`session ${o.database ?? '(default)'}`);
      return {
        async executeWrite(work, config) {
          for (let attempt = 1; ; attempt++) {
            const pending: Call[] = [];
            const tx: TxLike = {
              async run(query, params) {
                const index = runs++;
                const call: Call = { query, params, attempt, committed: false };
                calls.push(call);
                pending.push(call);
                const err = fail(index, query);
                if (err) throw err;
                const rows = Array.isArray(params.rows) ? params.rows.length : 0;
                const updates: Record<string, number> = query.includes('MERGE (n:')
                  ? { nodesCreated: rows, propertiesSet: rows * 2, labelsAdded: rows }
                  : query.includes('MERGE (a)-')
                    ? { relationshipsCreated: rows, propertiesSet: rows }
                    : query.startsWith('CREATE CONSTRAINT')
                      ? { constraintsAdded: 1 }
                      : query.startsWith('CREATE')
                        ? { indexesAdded: 1 }
                        : { propertiesSet: rows };
                return { summary: { counters: { updates: () => updates } } };
              },
            };
            try {
              const value = await work(tx);
              for (const c of pending) c.committed = true;
              events.push(`commit ${JSON.stringify(config?.metadata ?? {})}`);
              return value;
            } catch (err) {
              events.push(`rollback ${(err as { code?: string }).code}`);
              if (!(err as { retriable?: boolean }).retriable || attempt >= 3) throw err;
            }
          }
        },
        async close() {
          openSessions--;
        },
      };
    },
    async close() {
      events.push('driver closed');
    },
  };
  return driver;
}

const schema = readGraphSchema();
const quiet = { log: () => {}, schema };

function campaigns(n: number): Graph {
  return {
    nodes: Array.from({ length: n }, (_, i) => ({ id: `campaign:${String(i).padStart(4, '0')}`, label: 'Campaign' as const, properties: { name: `运动${i}` } })),
    relationships: [],
  };
}

describe('loadGraph with a recording session', () => {
  test('sends schema, then nodes, then relationships, then recounts: the exact Cypher and parameters', async () => {
    const driver = recordingDriver();
    const summary = await loadGraph(sampleGraph(), { uri: 'bolt://localhost:7687', database: 'news', driver, ...quiet });
    const plan = planLoad(sampleGraph(), { schema });
    expect(driver.events[0]).toBe('verify {"database":"news"}');
    expect(driver.calls.map((c) => c.query)).toEqual([...plan.schema, ...plan.groups.map((g) => g.statement)]);
    expect(driver.calls.slice(0, plan.schema.length).every((c) => JSON.stringify(c.params) === '{}')).toBe(true);
    const holds = driver.calls.find((c) => c.query.includes('MERGE (a)-[r:`HOLDS`'))!;
    expect(holds.params).toEqual({ rows: plan.groups[3].batches.at(0) });
    expect(driver.events.filter((e) => e.startsWith('session'))).toEqual(Array(driver.calls.length).fill('session news'));
    expect(driver.events.at(-1)).toBe('driver closed');
    expect(driver.openSessions()).toBe(0);
    expect(summary).toMatchObject({
      nodesCreated: 3,
      relationshipsCreated: 2,
      constraintsAdded: 14,
      transactions: driver.calls.length,
      retries: 0,
      uri: 'bolt://localhost:7687',
      database: 'news',
      batchSize: 1000,
      concurrency: 4,
    });
    expect(summary.groups.map((g) => `${g.name}: ${g.rows} rows, ${g.nodesCreated + g.relationshipsCreated} created`)).toEqual([
      'Article: 1 rows, 1 created',
      'Person: 1 rows, 1 created',
      'Office: 1 rows, 1 created',
      'HOLDS (Person→Office): 1 rows, 1 created',
      'MENTIONS (Article→Person): 1 rows, 1 created',
      'Person articleCount: 1 rows, 0 created',
      'Office articleCount: 1 rows, 0 created',
    ]);
  });

  test('batch boundaries: 2 500 nodes in batches of 1 000 are three transactions of 1 000, 1 000, 500', async () => {
    const driver = recordingDriver();
    const lines: string[] = [];
    await loadGraph(campaigns(2500), { uri: 'neo4j://db:7687', driver, batchSize: 1000, concurrency: 1, log: (l) => lines.push(l), schema });
    const merges = driver.calls.filter((c) => c.query.includes('MERGE (n:`Campaign`'));
    expect(merges.map((c) => (c.params.rows as unknown[]).length)).toEqual([1000, 1000, 500]);
    expect((merges[1].params.rows as Array<{ id: string }>)[0].id).toBe('campaign:1000');
    expect(lines.filter((l) => l.includes('Campaign:'))).toEqual([
      'guanxi: neo4j: Campaign: 1000/2500 nodes',
      'guanxi: neo4j: Campaign: 2000/2500 nodes',
      'guanxi: neo4j: Campaign: 2500/2500 nodes (2500 created)',
    ]);
    expect(lines[0]).toBe('guanxi: neo4j: connected to neo4j://db:7687; batches of 1000, 1 writer');
  });

  test('a transient error is retried by the transaction function and counted once', async () => {
    let failed = false;
    const driver = recordingDriver((_i, q) => {
      if (!failed && q.includes('MERGE (a)-[r:`HOLDS`')) {
        failed = true;
        return neo4jError('Neo.TransientError.Transaction.DeadlockDetected', 'deadlock');
      }
      return undefined;
    });
    const summary = await loadGraph(sampleGraph(), { uri: 'bolt://x', driver, ...quiet });
    const holds = driver.calls.filter((c) => c.query.includes('MERGE (a)-[r:`HOLDS`'));
    expect(holds.map((c) => [c.attempt, c.committed])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(holds[0].params).toEqual(holds[1].params);
    expect(summary.retries).toBe(1);
    expect(summary.relationshipsCreated).toBe(2);
  });

  test('when the third node batch fails: a clear error naming label and batch, nothing after it, exit code 2, and a re-run completes', async () => {
    const graph = campaigns(250);
    let merges = 0;
    const broken = recordingDriver((_i, q) => {
      if (q.includes('MERGE (n:`Campaign`') && ++merges === 3) return neo4jError('Neo.ClientError.Statement.SemanticError', 'Cannot merge node using null property value for id');
      return undefined;
    });
    const err = await loadGraph(graph, { uri: 'bolt://x', driver: broken, batchSize: 100, concurrency: 1, ...quiet }).catch((e) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toBe(
      'Neo4j load stopped at Campaign batch 3/3 (rows 201–250): Cannot merge node using null property value for id ' +
        '(Neo.ClientError.Statement.SemanticError). That batch was rolled back and no later batch started; ' +
        'run the same load again to finish it (loads are idempotent)',
    );
    const committed = broken.calls.filter((c) => c.committed && c.query.includes('MERGE (n:'));
    expect(committed.map((c) => (c.params.rows as unknown[]).length)).toEqual([100, 100]);
    expect(broken.calls.at(-1)!.committed).toBe(false);
    expect(broken.events.at(-1)).toBe('driver closed');
    expect(broken.openSessions()).toBe(0);
    // the re-run sends every batch again (MERGE makes the first two no-ops on a real server)
    const healthy = recordingDriver();
    const summary = await loadGraph(graph, { uri: 'bolt://x', driver: healthy, batchSize: 100, concurrency: 1, ...quiet });
    expect(healthy.calls.filter((c) => c.query.includes('MERGE (n:')).map((c) => (c.params.rows as unknown[]).length)).toEqual([100, 100, 50]);
    expect(summary.nodesCreated).toBe(250);
  });

  test('after a failed relationship batch no later batch of any group starts', async () => {
    const g = sampleGraph();
    const driver = recordingDriver((_i, q) => (q.includes('MERGE (a)-[r:`HOLDS`') ? neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed', 'already exists') : undefined));
    const err = await loadGraph(g, { uri: 'bolt://x', driver, concurrency: 1, ...quiet }).catch((e) => e);
    expect(err.message).toMatch(/^Neo4j load stopped at HOLDS \(Person→Office\) batch 1\/1 \(rows 1–1\): already exists/);
    expect(driver.calls.some((c) => c.query.includes('MERGE (a)-[r:`MENTIONS`'))).toBe(false);
    expect(driver.calls.some((c) => c.query.includes('COUNT {'))).toBe(false);
  });

  test('relationship batches of one type never overlap; node batches run in parallel', async () => {
    const nodes = campaigns(40).nodes;
    const relationships = Array.from({ length: 39 }, (_, i) => ({
      id: `part_of:${String(i).padStart(3, '0')}`,
      type: 'PART_OF' as const,
      start: nodes[i + 1].id,
      end: nodes[0].id,
      properties: { evidenceArticles: ['a'], evidenceStarts: [i], evidenceEnds: [i + 1] },
    }));
    let active = 0;
    let maxActiveRels = 0;
    let maxActiveNodes = 0;
    const driver = recordingDriver();
    const realSession = driver.session.bind(driver);
    driver.session = (o) => {
      const s = realSession(o);
      return {
        close: s.close,
        executeWrite: async (work, config) => {
          const isRel = String(config?.metadata?.group ?? '').startsWith('PART_OF');
          active++;
          if (isRel) maxActiveRels = Math.max(maxActiveRels, active);
          else maxActiveNodes = Math.max(maxActiveNodes, active);
          await new Promise((r) => setTimeout(r, 5));
          try {
            return await s.executeWrite(work, config);
          } finally {
            active--;
          }
        },
      };
    };
    await loadGraph({ nodes, relationships }, { uri: 'bolt://x', driver, batchSize: 5, concurrency: 4, ...quiet });
    expect(driver.calls.filter((c) => c.query.includes('MERGE (a)-[r:`PART_OF`'))).toHaveLength(8);
    expect(maxActiveRels).toBe(1);
    expect(maxActiveNodes).toBe(4);
  });

  test('injection strings travel as parameter values, never as query text', async () => {
    const g = sampleGraph();
    g.nodes[1].properties.name = NASTY[4];
    g.nodes[2].properties.aliases = NASTY;
    const driver = recordingDriver();
    await loadGraph(g, { uri: 'bolt://x', driver, ...quiet });
    for (const c of driver.calls) for (const s of NASTY.filter((x) => x !== '$rows')) expect(c.query).not.toContain(s);
    const person = driver.calls.find((c) => c.query.includes('MERGE (n:`Person`'))!;
    expect((person.params.rows as Array<{ aliases: string[] }>)[0].aliases).toEqual(NASTY);
    // and the file export carries the same value, escaped
    expect(renderScript(planLoad(g, { schema }))).toContain("name: '\\'}]) MATCH (n) DETACH DELETE n //'");
  });

  test('bad options are LoadErrors before anything connects', async () => {
    const driver = recordingDriver();
    await expect(loadGraph(sampleGraph(), { uri: 'http://localhost:7474', driver, ...quiet })).rejects.toThrow(
      '--neo4j http://localhost:7474: not a Neo4j URI. Expecting bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://',
    );
    await expect(loadGraph(sampleGraph(), { uri: 'bolt://x', batchSize: 0, driver, ...quiet })).rejects.toThrow('--batch-size must be a positive integer, not 0');
    expect(driver.events).toEqual([]);
  });

  test('a refused login is one line naming the user, never the password', async () => {
    const driver = recordingDriver();
    driver.verifyConnectivity = async () => {
      throw neo4jError('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized due to authentication failure.');
    };
    const err = await loadGraph(sampleGraph(), { uri: 'neo4j+s://abc.databases.neo4j.io', driver, username: 'reader', ...quiet }).catch((e) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.message).toBe(
      "Neo4j at neo4j+s://abc.databases.neo4j.io refused the credentials of user 'reader' (Neo.ClientError.Security.Unauthorized). " +
        'Set NEO4J_USERNAME and NEO4J_PASSWORD, or neo4j.username/password in guanxi.yaml',
    );
    expect(driver.calls).toEqual([]);
    expect(driver.events.at(-1)).toBe('driver closed');
  });
});

describe('credentials', () => {
  test('options, then environment, then guanxi.yaml; user neo4j by default', async () => {
    expect(await resolveCredentials({ uri: 'bolt://x', env: { NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p' }, configPath: undefined })).toEqual({ username: 'u', password: 'p' });
    expect(await resolveCredentials({ uri: 'bolt://x', username: 'o', password: 'q', env: { NEO4J_USERNAME: 'u', NEO4J_PASSWORD: 'p' } })).toEqual({ username: 'o', password: 'q' });
  });
  test('redactUri drops user info', () => {
    expect(redactUri('bolt://neo4j:secret@localhost:7687')).toBe('bolt://localhost:7687');
    expect(redactUri('neo4j+s://abc.databases.neo4j.io')).toBe('neo4j+s://abc.databases.neo4j.io');
  });
});
