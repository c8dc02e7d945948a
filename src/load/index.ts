/**
 * The Neo4j loader: sends a graph's load plan (src/cypher/plan.ts) to a server.
 *
 * Order: verify connectivity (one clear line and exit code 2 when the server is down or
 * refuses the credentials), constraints and indexes, nodes per label, relationships per
 * type, then the `articleCount` recounts. Each batch is one `session.executeWrite`
 * transaction function, so the driver retries transient errors (deadlocks, leader
 * changes) and a failed batch is rolled back whole. Node batches run in parallel
 * (`concurrency`): they touch distinct nodes. The batches of one relationship type run one
 * after another, because two writers MERGEing relationships of one type lock the same
 * endpoint nodes and would deadlock each other; different types run in parallel.
 *
 * After the first failed batch nothing new starts; the error names the group and batch.
 * Every statement MERGEs, so running the same load again completes it without duplicates.
 *
 * Example: `await loadGraph(graph, {uri: 'neo4j://localhost:7687'})` →
 * `{nodesCreated: 1204, relationshipsCreated: 3310, propertiesSet: 20417, …}`.
 */
import pLimit from 'p-limit';
import type { Graph } from '../graph/model.js';
import { loadConfig } from '../config.js';
import { DEFAULT_BATCH_SIZE, planLoad, type LoadPlan, type PlanMessage, type StatementGroup } from '../cypher/index.js';
import type { CypherSchema } from '../cypher/schema.js';
import { openDriver, URI_SCHEMES } from './driver.js';
import type { DriverLike } from './types.js';

export type { DriverLike, SessionLike, TxLike, ResultLike } from './types.js';

/** Default parallel writers: node batches and relationship types in flight at once. */
export const DEFAULT_CONCURRENCY = 4;

export interface LoadOptions {
  /** bolt://, neo4j:// (routing) or neo4j+s:// (Aura) URI. */
  uri: string;
  /** Database name; default: the server's default database. */
  database?: string;
  /** Rows per transaction (default {@link DEFAULT_BATCH_SIZE}). */
  batchSize?: number;
  /** Parallel writers (default {@link DEFAULT_CONCURRENCY}). */
  concurrency?: number;
  /** guanxi.yaml to read `neo4j.username` / `neo4j.password` from (default ./guanxi.yaml if present). */
  configPath?: string;
  /** Overrides NEO4J_USERNAME / guanxi.yaml. */
  username?: string;
  /** Overrides NEO4J_PASSWORD / guanxi.yaml. Never printed. */
  password?: string;
  /** A driver to use instead of opening one (tests pass a recording fake). */
  driver?: DriverLike;
  /** Progress and planning messages; default: stderr. */
  log?: (line: string) => void;
  /** The schema to plan with (default schema/graph.yaml). */
  schema?: CypherSchema;
  /** Environment to read credentials from (default process.env). */
  env?: Record<string, string | undefined>;
}

/** What one statement group did. */
export interface GroupSummary {
  kind: StatementGroup['kind'];
  name: string;
  rows: number;
  batches: number;
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  ms: number;
}

/** What a load did, from the driver's update counters; written into out/report.json. */
export interface LoadSummary {
  nodesCreated: number;
  relationshipsCreated: number;
  propertiesSet: number;
  labelsAdded: number;
  constraintsAdded: number;
  indexesAdded: number;
  /** Transactions committed (schema statements included). */
  transactions: number;
  /** Transaction functions the driver ran again after a transient error. */
  retries: number;
  batchSize: number;
  concurrency: number;
  /** The URI without any user info, and the database (null: the server's default). */
  uri: string;
  database: string | null;
  groups: GroupSummary[];
  /** Planning messages: properties dropped, relationships with missing endpoints. */
  messages: PlanMessage[];
  durationMs: number;
}

/** A load that could not start or did not finish; `exitCode` is what the CLI exits with (2). */
export class LoadError extends Error {
  override name = 'LoadError';
  readonly exitCode = 2;
}

/** The URI with any `user:password@` removed, for messages. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z0-9+]+:\/\/)[^@/]*@/i, '$1');
}

function checkOptions(options: LoadOptions): { batchSize: number; concurrency: number } {
  const scheme = /^([a-z0-9+]+):\/\//i.exec(options.uri)?.[1]?.toLowerCase();
  if (!scheme || !(URI_SCHEMES as readonly string[]).includes(scheme)) {
    throw new LoadError(`--neo4j ${redactUri(options.uri)}: not a Neo4j URI. Expecting ${URI_SCHEMES.map((s) => s + '://').join(', ')}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new LoadError(`--batch-size must be a positive integer, not ${options.batchSize}`);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new LoadError(`--concurrency must be a positive integer, not ${options.concurrency}`);
  return { batchSize, concurrency };
}

/** Username and password: options, then NEO4J_USERNAME / NEO4J_PASSWORD, then guanxi.yaml; user `neo4j` by default. */
export async function resolveCredentials(options: LoadOptions): Promise<{ username: string; password: string | undefined }> {
  const env = options.env ?? process.env;
  let username = options.username ?? env.NEO4J_USERNAME;
  let password = options.password ?? env.NEO4J_PASSWORD;
  if (username === undefined || password === undefined) {
    const config = await loadConfig(options.configPath);
    username ??= config.neo4j?.username;
    password ??= config.neo4j?.password;
  }
  return { username: username || 'neo4j', password: password === '' ? undefined : password };
}

function codeOf(err: unknown): string {
  return String((err as { code?: unknown })?.code ?? (err as Error)?.name ?? 'Error');
}

/** One line about an error, with the password (if it ever appears) blanked out. */
function oneLine(err: unknown, password: string | undefined): string {
  let text = String((err as Error)?.message ?? err).split('\n')[0].trim();
  if (password) text = text.split(password).join('***');
  return text;
}

/** Turns a failed connectivity check into one line a user can act on. */
function connectError(err: unknown, uri: string, database: string | undefined, username: string, password: string | undefined): LoadError {
  const code = codeOf(err);
  const where = `Neo4j at ${redactUri(uri)}`;
  if (/Unauthorized|AuthenticationRateLimit|Security/.test(code)) {
    return new LoadError(
      `${where} refused the credentials of user '${username}' (${code}). Set NEO4J_USERNAME and NEO4J_PASSWORD, or neo4j.username/password in guanxi.yaml`,
    );
  }
  if (/DatabaseNotFound/.test(code)) return new LoadError(`${where} has no database '${database}' (${code})`);
  // The driver's texts run to several sentences (encryption hints, routing tables): keep the cause.
  const text = oneLine(err, password);
  const cause = /Caused by: (.*)$/.exec(text)?.[1] ?? text.split(/\. /)[0];
  return new LoadError(`cannot reach ${where}: ${cause} (${code}). Is the server running? (docker compose up -d)`);
}

interface Totals {
  updates: Record<string, number>;
  transactions: number;
  retries: number;
}

function add(totals: Totals, updates: Record<string, number>): void {
  for (const [k, v] of Object.entries(updates)) totals.updates[k] = (totals.updates[k] ?? 0) + Number(v);
}

/**
 * Runs one statement with one parameter map in a transaction function; counters are
 * added only once the transaction has committed, so a retried attempt is not counted twice.
 */
async function runInTransaction(
  driver: DriverLike,
  database: string | undefined,
  query: string,
  params: Record<string, unknown>,
  metadata: Record<string, unknown>,
  totals: Totals,
): Promise<Record<string, number>> {
  const session = driver.session({ database });
  let attempts = 0;
  try {
    const updates = await session.executeWrite(
      async (tx) => {
        attempts++;
        const result = await tx.run(query, params);
        return result.summary.counters.updates();
      },
      { metadata: { app: 'guanxi', ...metadata } },
    );
    add(totals, updates);
    totals.transactions++;
    return updates;
  } finally {
    totals.retries += Math.max(0, attempts - 1);
    await session.close();
  }
}

/** Loads `graph` into Neo4j; throws a LoadError (exit code 2) naming what failed. */
export async function loadGraph(graph: Graph, options: LoadOptions): Promise<LoadSummary> {
  const t0 = performance.now();
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const { batchSize, concurrency } = checkOptions(options);
  const plan = planLoad(graph, { batchSize, schema: options.schema });
  for (const m of plan.messages) log(`guanxi: neo4j: ${m.level}: ${m.message} [${m.rule}]`);

  const { username, password } = options.driver ? { username: options.username ?? 'neo4j', password: undefined } : await resolveCredentials(options);
  const driver = options.driver ?? (await openDriver(options.uri, username, password));
  const database = options.database;
  const totals: Totals = { updates: {}, transactions: 0, retries: 0 };
  const groups: GroupSummary[] = [];
  try {
    try {
      await driver.verifyConnectivity(database ? { database } : undefined);
    } catch (err) {
      throw connectError(err, options.uri, database, username, password);
    }
    log(`guanxi: neo4j: connected to ${redactUri(options.uri)}${database ? ` (database ${database})` : ''}; batches of ${batchSize}, ${concurrency} writer${concurrency === 1 ? '' : 's'}`);
    for (const [i, statement] of plan.schema.entries()) {
      try {
        await runInTransaction(driver, database, statement, {}, { step: 'schema', statement: i + 1 }, totals);
      } catch (err) {
        throw new LoadError(`Neo4j load stopped at schema statement ${i + 1}/${plan.schema.length} (${statement.split(' ').slice(0, 4).join(' ')} …): ${oneLine(err, password)} (${codeOf(err)})`);
      }
    }
    await runPhase(plan, 'nodes', { driver, database, concurrency, totals, groups, log, password });
    await runPhase(plan, 'relationships', { driver, database, concurrency, totals, groups, log, password });
    await runPhase(plan, 'recount', { driver, database, concurrency, totals, groups, log, password });
  } finally {
    await driver.close();
  }
  const u = totals.updates;
  const summary: LoadSummary = {
    nodesCreated: u.nodesCreated ?? 0,
    relationshipsCreated: u.relationshipsCreated ?? 0,
    propertiesSet: u.propertiesSet ?? 0,
    labelsAdded: u.labelsAdded ?? 0,
    constraintsAdded: u.constraintsAdded ?? 0,
    indexesAdded: u.indexesAdded ?? 0,
    transactions: totals.transactions,
    retries: totals.retries,
    batchSize,
    concurrency,
    uri: redactUri(options.uri),
    database: database ?? null,
    groups,
    messages: plan.messages,
    durationMs: Math.round(performance.now() - t0),
  };
  log(
    `guanxi: neo4j: loaded: ${summary.nodesCreated} nodes and ${summary.relationshipsCreated} relationships created, ` +
      `${summary.propertiesSet} properties set, in ${summary.transactions} transactions (${summary.retries} retried), ${(summary.durationMs / 1000).toFixed(1)} s`,
  );
  return summary;
}

interface PhaseContext {
  driver: DriverLike;
  database: string | undefined;
  concurrency: number;
  totals: Totals;
  groups: GroupSummary[];
  log: (line: string) => void;
  password: string | undefined;
}

/**
 * Runs the groups of one kind. Nodes and recounts: every batch is a task. Relationships:
 * one task per type, running its batches in order. At most `concurrency` tasks at once;
 * after a failure no task starts another batch, and the first error is thrown.
 */
async function runPhase(plan: LoadPlan, kind: StatementGroup['kind'], ctx: PhaseContext): Promise<void> {
  const groups = plan.groups.filter((g) => g.kind === kind);
  if (!groups.length) return;
  const limit = pLimit(ctx.concurrency);
  let failure: LoadError | undefined;
  const state = new Map<StatementGroup, { done: number; rows: number; summary: GroupSummary; t0: number }>();
  for (const g of groups) {
    const summary: GroupSummary = { kind: g.kind, name: g.name, rows: g.rowCount, batches: g.batches.length, nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0, ms: 0 };
    ctx.groups.push(summary);
    state.set(g, { done: 0, rows: 0, summary, t0: performance.now() });
  }

  const runBatch = async (g: StatementGroup, i: number): Promise<void> => {
    if (failure) return;
    const rows = g.batches.at(i)!;
    const s = state.get(g)!;
    try {
      const updates = await runInTransaction(ctx.driver, ctx.database, g.statement, { rows }, { group: g.name, batch: i + 1 }, ctx.totals);
      s.summary.nodesCreated += updates.nodesCreated ?? 0;
      s.summary.relationshipsCreated += updates.relationshipsCreated ?? 0;
      s.summary.propertiesSet += updates.propertiesSet ?? 0;
    } catch (err) {
      const first = g.batches.offset(i);
      failure ??= new LoadError(
        `Neo4j load stopped at ${g.name} batch ${i + 1}/${g.batches.length} (rows ${first + 1}–${first + rows.length}): ` +
          `${oneLine(err, ctx.password)} (${codeOf(err)}). That batch was rolled back and no later batch started; ` +
          `run the same load again to finish it (loads are idempotent)`,
      );
      return;
    }
    s.done++;
    s.rows += rows.length;
    if (s.done === g.batches.length) s.summary.ms = Math.round(performance.now() - s.t0);
    const what = g.kind === 'nodes' ? 'nodes' : g.kind === 'relationships' ? 'relationships' : 'nodes recounted';
    ctx.log(`guanxi: neo4j: ${g.name}: ${s.rows}/${g.rowCount} ${what}${s.done === g.batches.length ? ` (${s.summary.nodesCreated + s.summary.relationshipsCreated} created)` : ''}`);
  };

  const tasks: Array<Promise<void>> = [];
  if (kind === 'relationships') {
    const byType = new Map<string, StatementGroup[]>();
    for (const g of groups) (byType.get(g.target) ?? byType.set(g.target, []).get(g.target)!).push(g);
    for (const typeGroups of byType.values()) {
      tasks.push(
        limit(async () => {
          for (const g of typeGroups) for (let i = 0; i < g.batches.length && !failure; i++) await runBatch(g, i);
        }),
      );
    }
  } else {
    for (const g of groups) for (let i = 0; i < g.batches.length; i++) tasks.push(limit(() => runBatch(g, i)));
  }
  await Promise.all(tasks);
  if (failure) throw failure;
}
