/**
 * The exporter conformance suite: one awkward graph, every exporter of the registry, and
 * each output read back and compared with the graph it came from.
 */
import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Graph, GraphNode, PropertyValue } from '../src/graph/model.js';
import { EXPORTERS, writeExports } from '../src/export/index.js';
import { readGraph } from '../src/graph/read.js';
import { readCsvGraph, parseCsv, pickArrayDelimiter } from '../src/export/csv.js';
import { GraphValidationError, loadSchema } from '../src/graph/schema.js';
import { relationshipId } from '../src/graph/ids.js';

const AWKWARD = `王'敏"\`\\,;}|\n第二行 𠀀😀`;

function awkwardGraph(): Graph {
  const person: GraphNode = {
    id: 'person:00awkward',
    label: 'Person',
    properties: {
      id: 'person:00awkward',
      name: AWKWARD,
      pinyin: 'Wang Min',
      disambiguator: '石首市',
      aliases: ['a;b', 'c|d', '吴 锦', '"quoted"', 'line\nbreak', '𠀀'],
      context: ['石首市'],
      articleCount: 2,
      firstSeen: '2016-03-01',
      lastSeen: '2023-05-01',
    },
  };
  const office: GraphNode = {
    id: 'office:01',
    label: 'Office',
    properties: { id: 'office:01', name: '石首市委书记', title: '市委书记', jurisdiction: '石首市', aliases: ['石首市委书记'], articleCount: 1 },
  };
  const article: GraphNode = {
    id: 'article:a,1.txt',
    label: 'Article',
    properties: { id: 'article:a,1.txt', path: 'articles/a,1.txt', title: '标题 "引号" </script> \u2028', date: '2016-03-01', lang: 'zh', byline: ['记者;甲'] },
  };
  const campaign: GraphNode = { id: 'campaign:02', label: 'Campaign', properties: { id: 'campaign:02', name: '冲刺3000亿', aliases: ['冲刺三千亿'], articleCount: 1 } };
  const holds = relationshipId('HOLDS', person.id, office.id);
  const mentions = relationshipId('MENTIONS', article.id, person.id);
  const promotes = relationshipId('PROMOTES', person.id, campaign.id);
  const nodes = [article, campaign, office, person].sort((a, b) => (a.id < b.id ? -1 : 1));
  const relationships = [
    {
      id: holds,
      type: 'HOLDS' as const,
      start: person.id,
      end: office.id,
      properties: {
        id: holds,
        firstSeen: '2016-03-01',
        lastSeen: '2023-05-01',
        sources: ['a,1.txt', 'b.txt'],
        evidenceCount: 2,
        evidenceArticles: ['a,1.txt', 'b.txt'],
        evidenceSentences: [`石首市委书记${AWKWARD}讲话。`, '第二句；含分号;和|竖线'],
        evidenceStarts: [0, 17],
        evidenceEnds: [12, 40],
        evidenceDates: ['2016-03-01', '2023-05-01'],
        rules: ['office.title-before', 'office.title-chain'],
      },
    },
    {
      id: mentions,
      type: 'MENTIONS' as const,
      start: article.id,
      end: person.id,
      properties: { id: mentions, count: 2, starts: [6, 30], ends: [8, 33], texts: ['王敏', '王 敏'], rules: ['person.name', 'person.name'] },
    },
    {
      id: promotes,
      type: 'PROMOTES' as const,
      start: person.id,
      end: campaign.id,
      properties: {
        id: promotes,
        firstSeen: '2016-03-01',
        lastSeen: '2016-03-01',
        sources: ['a,1.txt'],
        evidenceCount: 1,
        evidenceArticles: ['a,1.txt'],
        evidenceSentences: ['要打好冲刺三千亿。'],
        evidenceStarts: [40],
        evidenceEnds: [49],
        evidenceDates: ['2016-03-01'],
        rules: ['promotes.speaker'],
      },
    },
  ].sort((a, b) => (a.id < b.id ? -1 : 1));
  return { nodes, relationships };
}

/** A Cypher literal reader (maps, lists, strings, numbers, booleans, null), independent of src/cypher. */
function parseCypherLiteral(src: string, at = 0): [unknown, number] {
  const ws = () => {
    while (/\s/.test(src[at] ?? '')) at++;
  };
  ws();
  const c = src[at];
  if (c === '{') {
    at++;
    const out: Record<string, unknown> = {};
    ws();
    if (src[at] === '}') return [out, at + 1];
    for (;;) {
      ws();
      let key: string;
      if (src[at] === '`') {
        const end = src.indexOf('`', at + 1);
        key = src.slice(at + 1, end);
        at = end + 1;
      } else {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(at))!;
        key = m[0];
        at += key.length;
      }
      ws();
      expect(src[at]).toBe(':');
      const [v, next] = parseCypherLiteral(src, at + 1);
      out[key] = v;
      at = next;
      ws();
      if (src[at] === ',') at++;
      else if (src[at] === '}') return [out, at + 1];
      else throw new Error(`bad map at ${at}: ${src.slice(at, at + 20)}`);
    }
  }
  if (c === '[') {
    at++;
    const out: unknown[] = [];
    ws();
    if (src[at] === ']') return [out, at + 1];
    for (;;) {
      const [v, next] = parseCypherLiteral(src, at);
      out.push(v);
      at = next;
      ws();
      if (src[at] === ',') at++;
      else if (src[at] === ']') return [out, at + 1];
      else throw new Error(`bad list at ${at}`);
    }
  }
  if (c === "'" || c === '"') {
    let s = '';
    at++;
    for (;;) {
      const ch = src[at]!;
      if (ch === c) return [s, at + 1];
      if (ch === '\\') {
        const e = src[at + 1]!;
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', "'": "'", '"': '"', '\\': '\\' };
        if (e === 'u') {
          s += String.fromCharCode(parseInt(src.slice(at + 2, at + 6), 16));
          at += 6;
        } else if (e === 'U') {
          s += String.fromCodePoint(parseInt(src.slice(at + 2, at + 10), 16));
          at += 10;
        } else {
          s += simple[e] ?? e;
          at += 2;
        }
        continue;
      }
      s += ch;
      at++;
    }
  }
  const m = /^(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/.exec(src.slice(at));
  if (!m) throw new Error(`bad literal at ${at}: ${src.slice(at, at + 20)}`);
  const t = m[0];
  return [t === 'true' ? true : t === 'false' ? false : t === 'null' ? null : Number(t), at + t.length];
}

/** Every original property that an output kept must have come through unchanged. */
function expectSubset(kept: Record<string, unknown>, original: Record<string, PropertyValue>, where: string) {
  for (const [k, v] of Object.entries(kept)) {
    if (k in original) expect(v, `${where}.${k}`).toEqual(original[k]);
  }
}

describe('exporter conformance (every format in the registry, one awkward graph)', () => {
  const graph = awkwardGraph();
  let out = '';
  let written: Record<string, string> = {};

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'guanxi-export-'));
    written = await writeExports(graph, out);
  });

  it('runs every registered exporter', () => {
    expect(Object.keys(EXPORTERS)).toEqual(['json', 'csv', 'graphml', 'cypher', 'html']);
    expect(Object.keys(written).sort()).toEqual(Object.keys(EXPORTERS).sort());
  });

  it('json: APOC JSON lines that read back to the same graph', async () => {
    const text = await readFile(join(out, 'graph.json'), 'utf8');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({ type: 'node', id: 'article:a,1.txt', labels: ['Article'], properties: graph.nodes[0]!.properties });
    const rel = lines.find((l) => l.label === 'HOLDS');
    expect(rel).toMatchObject({ type: 'relationship', start: { id: 'person:00awkward', labels: ['Person'] }, end: { id: 'office:01', labels: ['Office'] } });
    expect(await readGraph(out)).toEqual(graph);
  });

  it('csv: neo4j-admin files that read back to the same graph, delimiter avoiding ; and |', async () => {
    expect(pickArrayDelimiter(graph)).toBe('¦');
    const script = await readFile(join(out, 'csv', 'import.sh'), 'utf8');
    expect(script).toContain("--array-delimiter='¦'");
    expect(script).toContain('--nodes=nodes_Person.csv');
    expect(script).toContain('--relationships=rels_HOLDS_Person_Office.csv');
    const person = parseCsv(await readFile(join(out, 'csv', 'nodes_Person.csv'), 'utf8'));
    expect(person[0]).toEqual(['id:ID(Person)', ':LABEL', 'name', 'pinyin', 'disambiguator', 'aliases:string[]', 'context:string[]', 'articleCount:long', 'firstSeen:date', 'lastSeen:date']);
    expect(person[1]![2]).toBe(AWKWARD);
    const holds = parseCsv(await readFile(join(out, 'csv', 'rels_HOLDS_Person_Office.csv'), 'utf8'));
    expect(holds[0]!.slice(0, 5)).toEqual([':START_ID(Person)', ':END_ID(Office)', ':TYPE', 'id', 'firstSeen:date']);
    expect(await readCsvGraph(join(out, 'csv'))).toEqual(graph);
  });

  it('graphml: typed keys, parsed back by graphology-graphml to the same nodes, edges and attributes', async () => {
    const xml = await readFile(join(out, 'graph.graphml'), 'utf8');
    expect(xml).toContain('<key id="v_articleCount" for="node" attr.name="articleCount" attr.type="long"/>');
    expect(xml).toContain('<key id="e_evidenceStarts" for="edge" attr.name="evidenceStarts" attr.type="string"/>');
    const g = parseGraphml(MultiDirectedGraph, xml);
    const schema = loadSchema();
    const back: Graph = { nodes: [], relationships: [] };
    g.forEachNode((id, attrs) => {
      const { label, ...rest } = attrs;
      const declared = schema.nodes[label as GraphNode['label']].properties;
      const props: Record<string, PropertyValue> = { id };
      for (const [k, v] of Object.entries(rest)) props[k] = declared[k]?.endsWith('[]') ? JSON.parse(v as string) : v;
      back.nodes.push({ id, label, properties: props });
    });
    g.forEachEdge((id, attrs, source, target) => {
      const { label, ...rest } = attrs;
      const declared = schema.relationships[label as 'HOLDS'].properties;
      const props: Record<string, PropertyValue> = { id };
      for (const [k, v] of Object.entries(rest)) props[k] = declared[k]?.endsWith('[]') ? JSON.parse(v as string) : v;
      back.relationships.push({ id, type: label, start: source, end: target, properties: props });
    });
    const sortById = <T extends { id: string }>(xs: T[]) => xs.sort((a, b) => (a.id < b.id ? -1 : 1));
    sortById(back.nodes);
    sortById(back.relationships);
    expect(back).toEqual(graph);
  });

  it('cypher: every node and relationship in the parameter rows, values unchanged', async () => {
    const script = await readFile(written.cypher!, 'utf8');
    const nodes = new Map<string, { label: string; row: Record<string, unknown> }>();
    const rels = new Map<string, { type: string; row: Record<string, unknown> }>();
    // Each `:param {rows: …}` batch is classified by the statement that consumes it
    // (MERGE (n:`Label` …) or MERGE (a)-[r:`TYPE` …]); other batches (recounts) are skipped.
    const lines = script.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith(':param {')) continue;
      let statement = '';
      for (let j = i + 1; j < lines.length && !lines[j]!.startsWith(':param'); j++) {
        statement += lines[j] + '\n';
        if (lines[j]!.trimEnd().endsWith(';')) break;
      }
      const node = /^MERGE \(n:`(\w+)`/m.exec(statement);
      const rel = /MERGE \(a\)-\[r:`(\w+)`/.exec(statement);
      if (!node && !rel) continue;
      const [params] = parseCypherLiteral(lines[i]!.slice(':param'.length).replace(/;\s*$/, '')) as [{ rows: Array<Record<string, unknown>> }];
      for (const row of params.rows) {
        if (node) nodes.set(String(row.id), { label: node[1]!, row });
        else rels.set(String(row.id), { type: rel![1]!, row });
      }
    }
    for (const n of graph.nodes) {
      const got = nodes.get(n.id);
      expect(got, n.id).toBeDefined();
      expect(got!.label).toBe(n.label);
      expectSubset(got!.row, n.properties, n.id);
    }
    expect(nodes.get('person:00awkward')!.row.name).toBe(AWKWARD);
    for (const r of graph.relationships) {
      const got = rels.get(r.id);
      expect(got, r.id).toBeDefined();
      expect(got!.type).toBe(r.type);
      expect(got!.row.start).toBe(r.start);
      expect(got!.row.end).toBe(r.end);
      expectSubset(got!.row, r.properties, r.id);
    }
  });

  it('html: the embedded graph data holds every node and edge, names intact', async () => {
    const page = await readFile(written.html!, 'utf8');
    const m = /<script type="application\/json" id="guanxi-data">([\s\S]*?)<\/script>/.exec(page);
    expect(m).not.toBeNull();
    expect(m![1]).not.toContain('</script>');
    const data = JSON.parse(m![1]!) as { nodes: Array<{ id: string; label: string; name: string; props: Record<string, unknown> }>; edges: Array<{ id: string; type: string; s: string; t: string }> };
    for (const n of graph.nodes) {
      const got = data.nodes.find((x) => x.id === n.id);
      expect(got, n.id).toBeDefined();
      expect(got!.label).toBe(n.label);
      expectSubset(got!.props, n.properties, n.id);
    }
    expect(data.nodes.find((x) => x.id === 'person:00awkward')!.name).toBe(AWKWARD);
    for (const r of [...graph.relationships].filter((x) => x.type !== 'MENTIONS')) {
      const got = data.edges.find((x) => x.id === r.id);
      expect(got, r.id).toBeDefined();
      expect([got!.type, got!.s, got!.t]).toEqual([r.type, r.start, r.end]);
    }
  });

  it('writes byte-identical files when run again', async () => {
    const again = await mkdtemp(join(tmpdir(), 'guanxi-export-'));
    await writeExports(awkwardGraph(), again);
    const list = async (dir: string): Promise<string[]> => {
      const out: string[] = [];
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) out.push(...(await list(join(dir, e.name))).map((f) => join(e.name, f)));
        else out.push(e.name);
      }
      return out.sort();
    };
    const files = await list(out);
    expect(await list(again)).toEqual(files);
    for (const f of files) expect((await readFile(join(again, f))).equals(await readFile(join(out, f))), f).toBe(true);
  });

  it('refuses a graph that breaks the schema, naming node and property', async () => {
    const bad = awkwardGraph();
    bad.nodes.find((n) => n.label === 'Person')!.properties.articleCount = 'two';
    const dir = await mkdtemp(join(tmpdir(), 'guanxi-export-'));
    await expect(writeExports(bad, dir)).rejects.toThrow(GraphValidationError);
    await expect(writeExports(bad, dir)).rejects.toThrow('node "person:00awkward" (Person): property articleCount. Expecting int but got "two"');
    expect(await readdir(dir)).toEqual([]);
  });
});
