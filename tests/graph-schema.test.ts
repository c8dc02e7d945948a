import { describe, expect, it } from 'vitest';
import { NODE_LABELS, RELATIONSHIP_TYPES, type Graph } from '../src/graph/model.js';
import {
  checkGraph,
  constraintDefinitions,
  GraphValidationError,
  indexDefinitions,
  loadSchema,
  parseSchema,
  SchemaError,
  validateGraph,
  valueFits,
} from '../src/graph/schema.js';
import fc from 'fast-check';

describe('schema/graph.yaml', () => {
  const schema = loadSchema();

  it('declares exactly the labels and relationship types of the code model', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual([...NODE_LABELS].sort());
    expect(Object.keys(schema.relationships).sort()).toEqual([...RELATIONSHIP_TYPES].sort());
  });

  it('gives every label an id key and every relationship evidence or offsets', () => {
    for (const label of NODE_LABELS) expect(schema.nodes[label].key).toBe('id');
    expect(schema.relationships.HOLDS.from).toEqual(['Person']);
    expect(schema.relationships.HOLDS.to).toEqual(['Office']);
    expect(schema.relationships.HOLDS.properties.firstSeen).toBe('date');
    expect(schema.relationships.HOLDS.properties.evidenceSentences).toBe('string[]');
    expect(schema.relationships.MENTIONS.properties.starts).toBe('int[]');
  });

  it('derives one uniqueness constraint per label and the declared indexes', () => {
    const constraints = constraintDefinitions(schema);
    expect(constraints).toHaveLength(NODE_LABELS.length);
    expect(constraints).toContainEqual({ name: 'admin_division_id_unique', label: 'AdminDivision', property: 'id' });
    const indexes = indexDefinitions(schema);
    expect(indexes).toContainEqual({ name: 'person_name', kind: 'range', label: 'Person', properties: ['name'] });
    expect(indexes).toContainEqual({ name: 'person_fulltext', kind: 'fulltext', label: 'Person', properties: ['name', 'aliases'] });
    expect(new Set(indexes.map((i) => i.name)).size).toBe(indexes.length);
  });

  it('rejects an unknown property type naming the file and key', () => {
    const text = 'nodes:\n  Article:\n    key: id\n    properties:\n      id: text\nrelationships: {}\n';
    expect(() => parseSchema(text, 'bad.yaml')).toThrow(SchemaError);
    expect(() => parseSchema(text, 'bad.yaml')).toThrow(/bad\.yaml: nodes\.Article\.properties\.id: unknown type/);
  });
});

describe('validateGraph', () => {
  const good: Graph = {
    nodes: [
      { id: 'office:1', label: 'Office', properties: { id: 'office:1', name: '荆州市市长' } },
      { id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '周志红', firstSeen: '2022-02-10', aliases: [] } },
    ],
    relationships: [
      {
        id: 'holds:1',
        type: 'HOLDS',
        start: 'person:1',
        end: 'office:1',
        properties: { id: 'holds:1', evidenceCount: 1, evidenceStarts: [3], sources: ['a.txt'] },
      },
    ],
  };

  it('accepts a conforming graph', () => {
    expect(checkGraph(good)).toEqual([]);
    expect(() => validateGraph(good)).not.toThrow();
  });

  it('names the node and property of a wrongly typed value', () => {
    const bad: Graph = structuredClone(good);
    bad.nodes[1].properties.firstSeen = '2022年2月10日';
    bad.nodes[1].properties.nickname = '锦';
    expect(checkGraph(bad)).toEqual([
      'node "person:1" (Person): property firstSeen. Expecting date but got "2022年2月10日"',
      'node "person:1" (Person): property nickname is not declared in schema/graph.yaml',
    ]);
    expect(() => validateGraph(bad)).toThrow(GraphValidationError);
  });

  it('checks dates and lists of dates as YYYY-MM-DD with ASCII digits', () => {
    const bad: Graph = structuredClone(good);
    bad.relationships[0].properties.firstSeen = '２０２２-02-10';
    bad.relationships[0].properties.lastSeen = '2022-2-10';
    bad.relationships[0].properties.sources = ['a.txt', null];
    bad.relationships[0].properties.evidenceStarts = [3, 1.5];
    expect(checkGraph(bad)).toEqual([
      'relationship "holds:1" (HOLDS): property evidenceStarts. Expecting int[] but got [3,1.5]',
      'relationship "holds:1" (HOLDS): property sources. Expecting string[] but got ["a.txt",null]',
      'relationship "holds:1" (HOLDS): property firstSeen. Expecting date but got "２０２２-02-10"',
      'relationship "holds:1" (HOLDS): property lastSeen. Expecting date but got "2022-2-10"',
    ]);
    expect(valueFits(['2022-02-10', '2022-02-1x'], 'date[]')).toBe(false);
    expect(valueFits(['2022-02-10', null], 'date[]')).toBe(false);
    const date = /^\d{4}-\d{2}-\d{2}$/;
    const text = fc.oneof(fc.string(), fc.stringMatching(/^[0-9-]{8,12}$/), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
    fc.assert(fc.property(text, (s) => valueFits(s, 'date') === date.test(s) && valueFits([s, '2020-01-01'], 'date[]') === date.test(s)), { numRuns: 2000 });
  });

  it('names a relationship with a dangling or wrongly labelled endpoint', () => {
    const bad: Graph = structuredClone(good);
    bad.relationships[0].start = 'office:1';
    bad.relationships[0].end = 'person:9';
    expect(checkGraph(bad)).toEqual([
      'relationship "holds:1" (HOLDS): start is a Office. Expecting one of Person',
      'relationship "holds:1" (HOLDS): end "person:9" is not a node of the graph',
    ]);
  });
});

describe('the resolver emits what the schema declares', () => {
  it('every label and relationship type, with declared properties only', async () => {
    const { resolveCorpus } = await import('../src/resolve/index.js');
    const { emptyOverrides } = await import('../src/resolve/overrides.js');
    const { article } = await import('./resolve.fixture.js');
    const text = '市委书记吴锦出席荆州市委经济工作会议，推进“四大会战”中的工业突围战，调研石首市东升镇百亿元纸业项目和荆州日报。';
    const result = article(
      'm1.txt',
      { date: '2021-12-30' },
      text,
      [
        { type: 'Person', name: '吴锦' },
        { type: 'Office', name: '荆州市委书记', forms: ['市委书记'] },
        { type: 'Event', name: '荆州市委经济工作会议', properties: { date: '2021-12-30', ordinal: 3 } },
        { type: 'Campaign', name: '四大会战' },
        { type: 'Campaign', name: '工业突围战' },
        { type: 'AdminDivision', name: '石首市', properties: { level: 'county', code: '421081' } },
        { type: 'AdminDivision', name: '东升镇', properties: { level: 'township', code: 421081106 } },
        { type: 'Project', name: '纸业项目', properties: { investment: '百亿元', confidence: 0.5 } },
        { type: 'Organization', name: '荆州日报' },
      ],
      [
        { type: 'HOLDS', from: ['Person', '吴锦'], to: ['Office', '荆州市委书记'], sentence: '市委书记吴锦出席荆州市委经济工作会议，' },
        { type: 'ATTENDED', from: ['Person', '吴锦'], to: ['Event', '荆州市委经济工作会议'], sentence: '市委书记吴锦出席荆州市委经济工作会议，' },
        { type: 'PROMOTES', from: ['Person', '吴锦'], to: ['Campaign', '四大会战'], sentence: '推进“四大会战”中的工业突围战，' },
        { type: 'PART_OF', from: ['Campaign', '工业突围战'], to: ['Campaign', '四大会战'], sentence: '推进“四大会战”中的工业突围战，' },
        { type: 'LOCATED_IN', from: ['Project', '纸业项目'], to: ['AdminDivision', '东升镇'], sentence: '调研石首市东升镇百亿元纸业项目和荆州日报。' },
        { type: 'LOCATED_IN', from: ['AdminDivision', '东升镇'], to: ['AdminDivision', '石首市'] },
      ],
    );
    const { graph } = await resolveCorpus([result], { overrides: emptyOverrides() });
    expect(checkGraph(graph)).toEqual([]);
    expect([...new Set(graph.nodes.map((n) => n.label))].sort()).toEqual([...NODE_LABELS].sort());
    expect([...new Set([...graph.relationships].map((r) => r.type))].sort()).toEqual([...RELATIONSHIP_TYPES].sort());
    const project = graph.nodes.find((n) => n.label === 'Project')!;
    expect(project.properties).toMatchObject({ name: '纸业项目', investment: '百亿元' });
    expect(project.properties.confidence).toBeUndefined();
    expect(graph.nodes.find((n) => n.label === 'Event')!.properties.date).toBe('2021-12-30');
    expect(graph.nodes.find((n) => n.properties.name === '东升镇')!.properties.code).toBe('421081106');
    const gazetteerFact = [...graph.relationships].find((r) => r.type === 'LOCATED_IN' && r.properties.rules?.toString() === 'gazetteer')!;
    expect(gazetteerFact.properties).toMatchObject({ evidenceSentences: ['〔GB/T 2260 行政区划〕'], evidenceStarts: [0], evidenceEnds: [0] });
  });
});
