/**
 * Every statement the graph.cypher file or the loader can produce, and every example query
 * in queries/, passes Neo4j's own analyser (@neo4j-cypher/language-support `lintCypherQuery`:
 * the parser plus the semantic analysis Neo4j runs) with no diagnostics at all, against a
 * database schema made of our labels, types and properties and Neo4j's real function and
 * procedure signatures (the package's recorded `testData.mockSchema`).
 */
import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintCypherQuery, testData, type DbSchema } from '@neo4j-cypher/language-support';
import {
  AWAIT_INDEXES,
  hasRecount,
  nodeStatement,
  planLoad,
  readGraphSchema,
  recountStatement,
  relationshipStatement,
  renderScript,
  schemaStatements,
} from '../src/cypher/index.js';
import { NASTY, sampleGraph } from './integration/fixtures.js';

const schema = readGraphSchema();
const db: DbSchema = {
  labels: Object.keys(schema.nodes),
  relationshipTypes: Object.keys(schema.relationships),
  // `start` and `end` are keys of the `$rows` maps, which the analyser checks like property keys
  propertyKeys: [
    'start',
    'end',
    ...new Set([
      ...Object.values(schema.nodes).flatMap((n) => Object.keys(n.properties)),
      ...Object.values(schema.relationships).flatMap((r) => Object.keys(r.properties)),
    ]),
  ],
  graphSchema: Object.entries(schema.relationships).flatMap(([relType, r]) =>
    r.from.flatMap((from) => r.to.map((to) => ({ from, to, relType }))),
  ),
  functions: testData.mockSchema.functions,
  procedures: testData.mockSchema.procedures,
  parameters: { rows: [], office: '', from: '', to: '', type: null },
};

/**
 * The diagnostics of one query. It yields to the event loop first: the analyser is
 * synchronous and slow (0.5–3 s a statement), and vitest runs tests back to back on
 * microtasks, so without a macrotask break the worker never answers the runner's RPC.
 */
async function diagnostics(query: string): Promise<string[]> {
  await new Promise((r) => setImmediate(r));
  return lintCypherQuery(query, db).diagnostics.map((d) => `${d.severity === 1 ? 'error' : 'warning'}: ${d.message}`);
}

/** Every distinct statement shape: schema, one MERGE per label, per type × endpoints, recounts where planned. */
/** The analyser runs 0.5–3 s a statement on an idle machine and several times that on a busy one. */
const LINT_TIMEOUT = 300_000;

function allShapes(): string[] {
  const out = [...schemaStatements(schema), AWAIT_INDEXES];
  for (const label of Object.keys(schema.nodes)) {
    out.push(nodeStatement(schema, label));
    if (hasRecount(schema, label)) out.push(recountStatement(schema, label));
  }
  for (const [type, r] of Object.entries(schema.relationships)) {
    for (const from of r.from) for (const to of r.to) out.push(relationshipStatement(schema, type, from, to));
  }
  return out;
}

describe('lintCypherQuery', () => {
  test('catches a broken statement and an unknown function (the check can fail)', async () => {
    expect(await diagnostics('UNWIND $rows AS row MERGE (n:`Person` {id: row.id}) SET n.name =')).not.toEqual([]);
    expect(await diagnostics('UNWIND $rows AS row MERGE (n:`Person` {id: row.id}) SET n.firstSeen = dat(row.firstSeen)')).not.toEqual([]);
    expect(await diagnostics('MATCH (n:`Persn`) RETURN n')).not.toEqual([]);
  }, LINT_TIMEOUT);

  test.each(allShapes().map((s) => [s.split('\n').slice(0, 4).join(' ').slice(0, 110), s]))('%s', async (_name, statement) => {
    expect(await diagnostics(statement)).toEqual([]);
  }, LINT_TIMEOUT);

  test('a whole graph.cypher with injection strings in every text field', async () => {
    const g = sampleGraph();
    g.nodes[0].properties.title = NASTY.join('|');
    g.nodes[1].properties.name = NASTY[4];
    g.nodes[2].properties.aliases = NASTY;
    g.relationships[0].properties.evidenceSentences = [NASTY[2], NASTY[5], NASTY[7]];
    const script = renderScript(planLoad(g, { schema }));
    expect(script).toContain(NASTY[6]);
    // Every :param line is linted on its own (that is where the escaped values are, and the
    // analyser parses it in milliseconds); every statement after one must be one of the
    // shapes linted above, so the script holds no Cypher that was not checked.
    const [preamble, ...chunks] = script.split(/\n(?=:param )/);
    expect(await diagnostics(preamble)).toEqual([]);
    const shapes = new Set(allShapes());
    expect(chunks.filter((c) => c.startsWith(':param {rows:'))).toHaveLength(7);
    for (const chunk of chunks) {
      const [paramLine, ...rest] = chunk.split('\n');
      expect(await diagnostics(paramLine), paramLine.slice(0, 200)).toEqual([]);
      const statement = rest.filter((l) => !l.startsWith('//')).join('\n').trim();
      if (paramLine === ':param clear;') expect(statement).toBe('');
      else expect(shapes.has(statement.replace(/;$/, '')), statement.slice(0, 120)).toBe(true);
    }
  }, LINT_TIMEOUT);
});

const queriesDir = join(import.meta.dirname, '..', 'queries');
describe('queries/', () => {
  const files = readdirSync(queriesDir).filter((f) => f.endsWith('.cypher')).sort();
  test('there are example queries for each question', () => {
    expect(files).toEqual(['campaigns.cypher', 'evidence.cypher', 'office-holders.cypher', 'projects-by-county.cypher', 'shared-meetings.cypher']);
  });
  test.each(files)('%s', async (file) => {
    expect(await diagnostics(readFileSync(join(queriesDir, file), 'utf8'))).toEqual([]);
  }, LINT_TIMEOUT);
});
