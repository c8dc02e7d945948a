/**
 * src/cypher: identifiers, string literals, the exact statements, rows and batches of a
 * load plan, and the graph.cypher script. Lint checks with Neo4j's analyser are in
 * tests/cypher-lint.test.ts.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cypherLiteral,
  cypherString,
  parseCypherString,
  quoteIdentifier,
  CypherIdentifierError,
  nodeStatement,
  relationshipStatement,
  recountStatement,
  schemaStatements,
  planLoad,
  cutBatches,
  renderScript,
  scriptChunks,
  writeScript,
  readGraphSchema,
} from '../src/cypher/index.js';
import { withWriter } from '../src/graph/write.js';
import { cypherExporter } from '../src/export/cypher.js';
import { NASTY, sampleGraph } from './integration/fixtures.js';

describe('quoteIdentifier', () => {
  test('backtick-quotes a schema name', () => {
    expect(quoteIdentifier('AdminDivision')).toBe('`AdminDivision`');
  });
  test.each(['Person`) DETACH DELETE (x', 'a b', '', '人物', '1abc', 'a-b'])('refuses %j', (name) => {
    expect(() => quoteIdentifier(name)).toThrow(CypherIdentifierError);
  });
});

describe('cypherString', () => {
  test('escapes exactly per the string-literal grammar', () => {
    expect(cypherString("O'Brien")).toBe("'O\\'Brien'");
    expect(cypherString('say "hi"')).toBe(`'say "hi"'`);
    expect(cypherString('C:\\x')).toBe("'C:\\\\x'");
    expect(cypherString('a\nb\r\tc')).toBe("'a\\nb\\r\\tc'");
    expect(cypherString('`}')).toBe("'`}'");
    expect(cypherString('荆州𠀀')).toBe("'荆州𠀀'");
    expect(cypherString('\u0000\u2028')).toBe("'\\u0000\\u2028'");
  });
  test.each(NASTY)('round-trips %j', (s) => {
    expect(parseCypherString(cypherString(s))).toBe(s);
    expect(cypherString(s)).not.toMatch(/\n/);
  });
  test('round-trips any string (property test)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const lit = cypherString(s);
        return parseCypherString(lit) === s && !/[\n\r]/.test(lit);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cypherLiteral', () => {
  test('writes maps, lists, ints, floats, booleans and null', () => {
    expect(cypherLiteral({ id: 'p:1', n: 3, f: 1.5, g: 2e-9, ok: true, none: null, xs: [1, 2], 'odd key': "it's" })).toBe(
      "{id: 'p:1', n: 3, f: 1.5, g: 2e-9, ok: true, none: null, xs: [1, 2], `odd key`: 'it\\'s'}",
    );
  });
  test('refuses NaN', () => {
    expect(() => cypherLiteral(Number.NaN)).toThrow(TypeError);
  });
});

const schema = readGraphSchema();

describe('statements', () => {
  test('node MERGE for Campaign, exactly', () => {
    expect(nodeStatement(schema, 'Campaign')).toBe(
      [
        'UNWIND $rows AS row',
        'MERGE (n:`Campaign` {`id`: row.`id`})',
        'SET n.`name` = coalesce(row.`name`, n.`name`),',
        '    n.`aliases` = coalesce(n.`aliases`, []) + [x IN coalesce(row.`aliases`, []) WHERE NOT x IN coalesce(n.`aliases`, [])],',
        '    n.`articleCount` = CASE WHEN n.`articleCount` IS NULL OR toInteger(row.`articleCount`) > n.`articleCount` THEN toInteger(row.`articleCount`) ELSE n.`articleCount` END',
      ].join('\n'),
    );
  });
  test('relationship MERGE for PART_OF, with date min/max, union and evidence merge', () => {
    expect(relationshipStatement(schema, 'PART_OF', 'Campaign', 'Campaign')).toBe(
      [
        'UNWIND $rows AS row',
        'MATCH (a:`Campaign` {`id`: row.start})',
        'MATCH (b:`Campaign` {`id`: row.end})',
        'MERGE (a)-[r:`PART_OF` {id: row.id}]->(b)',
        'SET r.`firstSeen` = CASE WHEN r.`firstSeen` IS NULL OR date(row.`firstSeen`) < r.`firstSeen` THEN date(row.`firstSeen`) ELSE r.`firstSeen` END,',
        '    r.`lastSeen` = CASE WHEN r.`lastSeen` IS NULL OR date(row.`lastSeen`) > r.`lastSeen` THEN date(row.`lastSeen`) ELSE r.`lastSeen` END,',
        '    r.`sources` = coalesce(r.`sources`, []) + [x IN coalesce(row.`sources`, []) WHERE NOT x IN coalesce(r.`sources`, [])]',
        'WITH r, row, coalesce(r.`evidenceArticles`, []) AS old0, coalesce(r.`evidenceSentences`, []) AS old1, coalesce(r.`evidenceStarts`, []) AS old2, coalesce(r.`evidenceEnds`, []) AS old3, coalesce(r.`evidenceDates`, []) AS old4, coalesce(r.`rules`, []) AS old5',
        'WITH r, row, old0, old1, old2, old3, old4, old5, [i IN range(0, size(coalesce(row.`evidenceArticles`, [])) - 1) WHERE NOT any(j IN range(0, size(old0) - 1) WHERE old0[j] = row.`evidenceArticles`[i] AND old2[j] = toInteger(row.`evidenceStarts`[i]) AND old3[j] = toInteger(row.`evidenceEnds`[i]) AND old5[j] = row.`rules`[i])] AS fresh',
        'SET r.`evidenceArticles` = old0 + [i IN fresh | row.`evidenceArticles`[i]],',
        '    r.`evidenceSentences` = old1 + [i IN fresh | row.`evidenceSentences`[i]],',
        '    r.`evidenceStarts` = old2 + [i IN fresh | toInteger(row.`evidenceStarts`[i])],',
        '    r.`evidenceEnds` = old3 + [i IN fresh | toInteger(row.`evidenceEnds`[i])],',
        '    r.`evidenceDates` = old4 + [i IN fresh | row.`evidenceDates`[i]],',
        '    r.`rules` = old5 + [i IN fresh | row.`rules`[i]],',
        '    r.`evidenceCount` = size(old0) + size(fresh)',
      ].join('\n'),
    );
  });
  test('MENTIONS merges occurrences (starts, ends, texts, rules) and recounts count', () => {
    const s = relationshipStatement(schema, 'MENTIONS', 'Article', 'Person');
    expect(s).toContain('WHERE NOT any(j IN range(0, size(old0) - 1) WHERE old0[j] = toInteger(row.`starts`[i]) AND old1[j] = toInteger(row.`ends`[i]) AND old3[j] = row.`rules`[i])] AS fresh');
    expect(s).toContain('r.`count` = size(old0) + size(fresh)');
  });
  test('refuses endpoints the schema does not allow', () => {
    expect(() => relationshipStatement(schema, 'HOLDS', 'Office', 'Person')).toThrow(/HOLDS does not go from Office to Person/);
  });
  test('recount from MENTIONS', () => {
    expect(recountStatement(schema, 'Person')).toBe(
      [
        'UNWIND $rows AS row',
        'MATCH (n:`Person` {`id`: row.`id`})',
        'WITH n, COUNT { (:`Article`)-[:`MENTIONS`]->(n) } AS mentioned',
    'SET n.`articleCount` = CASE WHEN mentioned > coalesce(n.`articleCount`, 0) THEN mentioned ELSE n.`articleCount` END',
      ].join('\n'),
    );
  });
  test('constraints and indexes come from the schema, IF NOT EXISTS', () => {
    const s = schemaStatements(schema);
    expect(s).toContain('CREATE CONSTRAINT `person_id_unique` IF NOT EXISTS FOR (n:`Person`) REQUIRE n.`id` IS UNIQUE');
    expect(s).toContain('CREATE CONSTRAINT `holds_id_unique` IF NOT EXISTS FOR ()-[r:`HOLDS`]-() REQUIRE r.`id` IS UNIQUE');
    expect(s).toContain('CREATE INDEX `admin_division_code` IF NOT EXISTS FOR (n:`AdminDivision`) ON (n.`code`)');
    expect(s).toContain('CREATE FULLTEXT INDEX `person_fulltext` IF NOT EXISTS FOR (n:`Person`) ON EACH [n.`name`, n.`aliases`]');
    expect(s.every((x) => x.includes('IF NOT EXISTS'))).toBe(true);
    expect(s.filter((x) => x.startsWith('CREATE CONSTRAINT'))).toHaveLength(
      Object.keys(schema.nodes).length + Object.keys(schema.relationships).length,
    );
  });
});

describe('planLoad', () => {
  test('a long list (a relationship seen in thousands of articles) keeps its first-seen items once each', () => {
    const g = sampleGraph();
    const ids = Array.from({ length: 3000 }, (_, i) => `a${i % 1200}`);
    g.relationships[0]!.properties.sources = ids;
    g.nodes[2]!.properties.aliases = ['王某', '王书记', ...Array.from({ length: 40 }, (_, i) => (i % 2 ? '王书记' : `王某${i}`))];
    const plan = planLoad(g, { schema });
    expect(plan.groups[3]!.batches.at(0)![0]!.sources).toEqual(Array.from({ length: 1200 }, (_, i) => `a${i}`));
    expect(plan.groups[1]!.batches.at(0)![0]!.aliases).toEqual(['王某', '王书记', ...Array.from({ length: 20 }, (_, i) => `王某${2 * i}`)]);
  });

  test('groups, rows and batches of a small graph', () => {
    const plan = planLoad(sampleGraph(), { schema });
    expect(plan.groups.map((g) => `${g.kind} ${g.name} ${g.rowCount}/${g.batches.length}`)).toEqual([
      'nodes Article 1/1',
      'nodes Person 1/1',
      'nodes Office 1/1',
      'relationships HOLDS (Person→Office) 1/1',
      'relationships MENTIONS (Article→Person) 1/1',
      'recount Person articleCount 1/1',
      'recount Office articleCount 1/1',
    ]);
    const person = plan.groups[1].batches.at(0)![0];
    expect(person).toEqual({ id: 'person:p1', name: '王某', aliases: ['王某', '王书记'], articleCount: 1, firstSeen: '2024-03-05', lastSeen: '2024-03-05' });
    const article = plan.groups[0].batches.at(0)![0];
    expect(article).toEqual({ id: 'article:a1', title: '市委常委会召开会议', date: '2024-03-05', byline: ['记者 张三'] });
    const holds = plan.groups[3].batches.at(0)![0];
    // the repeated evidence item is sent once; evidenceCount is not sent (the statement recounts it)
    expect(holds).toEqual({
      id: 'holds:h1',
      start: 'person:p1',
      end: 'office:o1',
      firstSeen: '2024-03-05',
      lastSeen: '2024-03-05',
      sources: ['a1'],
      evidenceArticles: ['a1', 'a1'],
      evidenceSentences: ['市委书记王某主持会议。', '王某强调'],
      evidenceStarts: [10, 40],
      evidenceEnds: [21, 44],
      evidenceDates: ['2024-03-05', '2024-03-05'],
      rules: ['people/title-name', 'people/title-name'],
    });
    expect(plan.messages).toEqual([]);
    expect(plan.schema.at(-1)).toBe('CALL db.awaitIndexes(300)');
  });

  test('batch boundaries follow batchSize', () => {
    const nodes = Array.from({ length: 1201 }, (_, i) => ({
      id: `campaign:${String(i).padStart(4, '0')}`,
      label: 'Campaign' as const,
      properties: { name: `运动${i}` },
    }));
    const plan = planLoad({ nodes, relationships: [] }, { schema, batchSize: 500 });
    expect(plan.groups).toHaveLength(1);
    expect([...plan.groups[0].batches].map((b) => b.length)).toEqual([500, 500, 201]);
    expect(plan.groups[0].batches.at(1)![0].id).toBe('campaign:0500');
    expect(plan.groups[0].batches.at(2)![200].id).toBe('campaign:1200');
  });

  test('a byte cap splits batches of long rows', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => ({ id: `campaign:${i}`, label: 'Campaign' as const, properties: { name: '长'.repeat(100) } }));
    // each row is {"id":"campaign:N","name":"长…"}: 29 bytes + 100 × 3 bytes = 329 bytes of UTF-8 JSON
    const plan = planLoad({ nodes, relationships: [] }, { schema, batchSize: 100, maxBatchBytes: 1000 });
    expect([...plan.groups[0].batches].map((b) => b.length)).toEqual([3, 3, 3, 1]);
  });

  test('rows built again on read (no row cache) give the same batches, script and messages', () => {
    const g = sampleGraph();
    const kept = planLoad(g, { schema, batchSize: 2 });
    const rebuilt = planLoad(g, { schema, batchSize: 2, rowCacheBytes: 0 });
    // Past the budget a group keeps nothing: rows are made from the graph for each read.
    const half = planLoad(g, { schema, batchSize: 2, rowCacheBytes: 200 });
    for (const p of [rebuilt, half]) {
      expect(p.groups.map((x) => [x.name, x.rowCount, x.batches.length, x.batches.offset(x.batches.length - 1)])).toEqual(
        kept.groups.map((x) => [x.name, x.rowCount, x.batches.length, x.batches.offset(x.batches.length - 1)]),
      );
      expect(p.groups.map((x) => [...x.batches])).toEqual(kept.groups.map((x) => [...x.batches]));
      expect(renderScript(p)).toBe(renderScript(kept));
      // What graph.cypher is written from: the same text, a batch's rows one at a time.
      expect([...scriptChunks(p)].join('')).toBe(renderScript(kept));
      expect(p.messages).toEqual(kept.messages);
    }
    expect(rebuilt.groups[0]!.batches.at(0)).not.toBe(rebuilt.groups[0]!.batches.at(0));
    expect(rebuilt.groups[0]!.batches.at(-1)).toEqual(kept.groups[0]!.batches.at(-1));
    expect(rebuilt.groups[0]!.batches.at(99)).toBeUndefined();
  });

  // Past 16 units a string is encoded first and checked after: ASCII ones by their bytes.
  const LONG_ASCII = [
    'article:000000_e9349aa7528d1dba.txt',
    "it's a longer ASCII value",
    'a longer value with a \\ backslash',
    'a longer value "quoted" twice',
    'a longer value ending in DEL\u007f',
    'a longer value with a newline\n',
    'a longer value, then a lone \ud800',
    'a longer value, then 县 and \u2028',
  ];
  test('literals kept from sizing (literalCacheBytes) write the same script and cut the same batches, any strings, any budget', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-kept-'));
    const text = fc.oneof(fc.constantFrom(...NASTY, '', 'x'.repeat(60), 'ab\ud800', '\udc00z', 'p-1.5e3', ...LONG_ASCII), fc.string({ minLength: 17, maxLength: 40 }), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.string());
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: text, aliases: fc.array(text, { maxLength: 4 }), articleCount: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0)) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 40, 300, 1e6),
        async (people, batchSize, literalCacheBytes) => {
          const g = { nodes: people.map((p, k) => ({ id: `person:${k}`, label: 'Person', properties: { id: `person:${k}`, ...p } })), relationships: [] };
          const plain = planLoad(g, { schema, batchSize, maxBatchBytes: 400, rowCacheBytes: 0 });
          const kept = planLoad(g, { schema, batchSize, maxBatchBytes: 400, rowCacheBytes: 0, literalCacheBytes });
          expect(kept.groups.map((x) => [x.name, x.batches.length, ...Array.from({ length: x.batches.length }, (_, i) => x.batches.offset(i))])).toEqual(
            plain.groups.map((x) => [x.name, x.batches.length, ...Array.from({ length: x.batches.length }, (_, i) => x.batches.offset(i))]),
          );
          const path = join(dir, `kept-${run++}.cypher`);
          await withWriter(path, async (w) => writeScript(kept, w.sink));
          // Compared as bytes: a lone surrogate is written as U+FFFD either way.
          expect((await readFile(path)).equals(Buffer.from(renderScript(plain), 'utf8'))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('a kept list of plain strings is one piece of the script, sized as its JSON', async () => {
    const person = (k: number) => ({ id: `person:${k}`, label: 'Person' as const, properties: { id: `person:${k}`, name: '吴锦', aliases: ['吴锦同志', '吴 锦', '2014-01-12'] } });
    const g = { nodes: [person(0), person(1)], relationships: [] };
    const rowBytes = Buffer.byteLength(JSON.stringify({ id: 'person:0', name: '吴锦', aliases: ['吴锦同志', '吴 锦', '2014-01-12'] }));
    for (const [maxBatchBytes, batches] of [
      [2 * rowBytes, 1],
      [2 * rowBytes - 1, 2],
    ] as const) {
      const kept = planLoad(g, { schema, batchSize: 10, maxBatchBytes, rowCacheBytes: 0, literalCacheBytes: 1e6 });
      expect(kept.groups[0]!.batches.length).toBe(batches);
      const dir = await mkdtemp(join(tmpdir(), 'guanxi-kept-list-'));
      const path = join(dir, 'kept.cypher');
      await withWriter(path, async (w) => writeScript(kept, w.sink));
      const script = await readFile(path, 'utf8');
      expect(script).toContain("aliases: ['吴锦同志', '吴 锦', '2014-01-12']");
      expect(script).toBe(renderScript(planLoad(g, { schema, batchSize: 10, maxBatchBytes, rowCacheBytes: 0 })));
    }
  });

  test('cutBatches: a row larger than the byte cap gets a batch of its own, order kept', () => {
    const rows = [{ id: 'a' }, { id: 'b', text: 'x'.repeat(100) }, { id: 'c' }, { id: 'd' }];
    expect(cutBatches(rows, 10, 40).map((b) => b.map((r) => r.id))).toEqual([['a'], ['b'], ['c', 'd']]);
  });

  test('values that do not fit the schema are dropped with a message naming the node', () => {
    const plan = planLoad(
      {
        nodes: [{ id: 'event:e1', label: 'Event', properties: { name: '全市大会', date: '三月五日', articleCount: 'x', color: 'red' } }],
        relationships: [{ id: 'holds:x', type: 'HOLDS', start: 'person:missing', end: 'event:e1', properties: {} }],
      },
      { schema },
    );
    expect(plan.groups[0].batches.at(0)![0]).toEqual({ id: 'event:e1', name: '全市大会' });
    expect(plan.messages).toEqual([
      { level: 'warning', message: 'node "event:e1" (Event): property date dropped. Expecting date but got "三月五日"', rule: 'cypher/property-type' },
      { level: 'warning', message: 'node "event:e1" (Event): property articleCount dropped. Expecting int but got "x"', rule: 'cypher/property-type' },
      { level: 'warning', message: 'node "event:e1" (Event): property color is not declared in schema/graph.yaml; not loaded', rule: 'cypher/undeclared-property' },
      { level: 'error', message: 'relationship "holds:x" (HOLDS): start "person:missing" is not a node of the graph; not loaded', rule: 'cypher/dangling-endpoint' },
    ]);
  });

  test('ragged evidence lists are filled, with a message', () => {
    const g = sampleGraph();
    g.relationships[0].properties.evidenceDates = ['2024-03-05'];
    const plan = planLoad({ nodes: g.nodes, relationships: [g.relationships[0]] }, { schema });
    expect(plan.groups.find((x) => x.kind === 'relationships')!.batches.at(0)![0].evidenceDates).toEqual(['2024-03-05', '']);
    expect(plan.messages.map((m) => m.rule)).toEqual(['cypher/ragged-lists']);
  });
});

describe('graph.cypher', () => {
  test('constraints first, then :param + statement per batch; values as escaped literals', () => {
    const g = sampleGraph();
    g.nodes[1].properties.name = NASTY[4];
    const text = renderScript(planLoad(g, { schema }));
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\/\/ generated by guanxi — do not edit/);
    const firstParam = lines.findIndex((l) => l.startsWith(':param'));
    const lastConstraint = lines.map((l) => l.startsWith('CREATE ')).lastIndexOf(true);
    expect(lastConstraint).toBeLessThan(firstParam);
    expect(lines).toContain(`:param {rows: [{id: 'office:o1', name: ${cypherString(NASTY[4])}, articleCount: 1}]};`);
    expect(lines.at(-2)).toBe(':param clear;');
    // a group's comment follows its first :param line, so every :param starts a statement
    const p = lines.findIndex((l) => l.startsWith(':param {rows:'));
    expect(lines.slice(p - 1, p + 3)).toEqual(['', lines[p], '// nodes Article: 1 rows in 1 batch', 'UNWIND $rows AS row']);
    lines.forEach((l, i) => {
      if (l.startsWith(':param')) expect(lines[i - 1] === '' || lines[i - 1].endsWith(';')).toBe(true);
    });
    // every :param line is one line, so cypher-shell reads it whole
    expect(lines.filter((l) => l.startsWith(':param {')).length).toBe(7);
  });

  test('the exporter writes out/graph.cypher', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-cypher-'));
    const written = await cypherExporter.write(sampleGraph(), dir);
    expect(written).toEqual([join(dir, 'graph.cypher')]);
    expect(await readFile(written[0], 'utf8')).toBe(renderScript(planLoad(sampleGraph(), { schema })));
  });
});
