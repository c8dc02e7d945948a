/**
 * csv/: node and relationship files for `neo4j-admin database import full`, plus
 * csv/import.sh with the exact command.
 *
 * One node file per label (`nodes_Person.csv`, header `id:ID(Person),:LABEL,name,aliases:string[],…`)
 * and one relationship file per type and endpoint labels (`rels_HOLDS_Person_Office.csv`,
 * header `:START_ID(Person),:END_ID(Office),:TYPE,id,firstSeen:date,…`): ID groups per label,
 * so MENTIONS from Article to each label gets its own file. Column types come from
 * schema/graph.yaml; a property the schema does not declare gets a type inferred over all
 * elements (graphology's inferModel habit). Every value is quoted (`"` doubled inside);
 * newlines stay inside quotes (`--multiline-fields=true`). Arrays are joined with an array
 * delimiter chosen so that no element contains it (`;` unless some value does), and
 * import.sh passes that delimiter.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArrayGraph, Graph, GraphNode, NodeLabel, PropertyValue, RelationshipType } from '../graph/model.js';
import { NODE_LABELS, RELATIONSHIP_TYPES, endAt, startAt, typeAt } from '../graph/model.js';
import { EncodedValues, type MentionStore } from '../graph/mentions.js';
import { loadSchema, type PropertyType, type Schema } from '../graph/schema.js';
import { withWriter, type ByteSink } from '../graph/write.js';
import { PlainLists } from './lists.js';
import type { Exporter } from './types.js';

/** Folder inside the output folder. */
export const CSV_DIR = 'csv';
/** Array delimiters tried in order; the first that no array element contains wins. */
export const ARRAY_DELIMITERS = [';', '|', '¦', '\u001f'] as const;

/** A neo4j-admin header type. */
export type CsvType = 'string' | 'long' | 'double' | 'boolean' | 'date' | `${'string' | 'long' | 'double' | 'boolean' | 'date'}[]`;

const FROM_SCHEMA: Record<string, CsvType> = { string: 'string', int: 'long', float: 'double', boolean: 'boolean', date: 'date' };

/** The neo4j-admin type of a schema type: int → long, float → double, arrays alike. */
export function csvTypeOf(t: PropertyType): CsvType {
  const arr = t.endsWith('[]');
  const base = FROM_SCHEMA[arr ? t.slice(0, -2) : t]!;
  return (arr ? `${base}[]` : base) as CsvType;
}

/** The type of values never declared: the narrowest type every value fits. */
export function inferCsvType(values: PropertyValue[]): CsvType {
  let arr = false;
  const scalars: unknown[] = [];
  for (const v of values) {
    if (v === null) continue;
    if (Array.isArray(v)) {
      arr = true;
      scalars.push(...v);
    } else scalars.push(v);
  }
  let t: 'string' | 'long' | 'double' | 'boolean' = 'string';
  if (scalars.length && scalars.every((s) => typeof s === 'boolean')) t = 'boolean';
  else if (scalars.length && scalars.every((s) => typeof s === 'number' && Number.isSafeInteger(s))) t = 'long';
  else if (scalars.length && scalars.every((s) => typeof s === 'number')) t = 'double';
  return (arr ? `${t}[]` : t) as CsvType;
}

/** Any of ARRAY_DELIMITERS. */
const ANY_DELIMITER = new RegExp(`[${ARRAY_DELIMITERS.map((d) => d.replace(/[\\\]^-]/g, '\\$&')).join('')}]`);

/** Picks the array delimiter: the first candidate that appears in no array element. */
export function pickArrayDelimiter(graph: Graph): string {
  const used = new Set<string>();
  for (const n of graph.nodes) scanDelimiters(n.properties, used);
  for (const r of graph.relationships) scanDelimiters(r.properties, used);
  return delimiterFrom(used);
}

/**
 * Adds to `used` the candidate delimiters that occur in an array element of `properties`
 * (but in the lists `skip` says true for: their items are scanned as PlainLists' strings).
 */
function scanDelimiters(properties: Record<string, PropertyValue>, used: Set<string>, skip?: (list: unknown) => boolean): void {
  // One regex test per list (its items joined: a delimiter is one character, so none is
  // made across items) finds the rare list holding any candidate; only those are checked
  // item by item. A regex call per item was most of the scan (~860k items per 10k articles).
  for (const k in properties) {
    const v = properties[k];
    if (!Array.isArray(v) || !holdsText(v) || skip?.(v)) continue;
    if (!ANY_DELIMITER.test(v.length === 1 ? String(v[0]) : v.join(''))) continue;
    for (const e of v as unknown[]) {
      const s = String(e);
      if (ANY_DELIMITER.test(s)) for (const d of ARRAY_DELIMITERS) if (s.includes(d)) used.add(d);
    }
  }
}

/** Whether a list has an item other than a number, boolean or null (whose text never holds a delimiter). */
function holdsText(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    const e = items[i];
    if (typeof e !== 'number' && typeof e !== 'boolean' && e !== null) return true;
  }
  return false;
}

function delimiterFrom(used: Set<string>): string {
  const d = ARRAY_DELIMITERS.find((c) => !used.has(c));
  if (!d) throw new Error(`csvExporter.write: every array delimiter (${ARRAY_DELIMITERS.map((c) => JSON.stringify(c)).join(', ')}) occurs inside some array value`);
  return d;
}

/** Quotes a field for CSV: always quoted, `"` doubled; null → empty field (no property). */
export function quote(s: string | null): string {
  if (s === null) return '';
  return '"' + (s.includes('"') ? s.replace(/"/g, '""') : s) + '"';
}

function field(v: PropertyValue | undefined, arrayDelimiter: string): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) {
    const items = v as unknown[];
    // join() alone writes null and undefined items as empty text, String() as 'null'/'undefined'.
    return quote(items.includes(null) || items.includes(undefined) ? items.map(String).join(arrayDelimiter) : items.join(arrayDelimiter));
  }
  return quote(String(v));
}

/** The fields of one element's property columns, each after a comma. */
function propertyFields(properties: Record<string, PropertyValue>, columnNames: string[], arrayDelimiter: string): string {
  let out = '';
  for (const c of columnNames) out += ',' + field(properties[c], arrayDelimiter);
  return out;
}

/** What inferCsvType needs to know of a property's values, gathered one element at a time. */
interface Inferred {
  arr: boolean;
  scalars: number;
  booleans: number;
  safeInts: number;
  numbers: number;
}

/**
 * The property columns of a set of elements (schema order first, undeclared ones after,
 * sorted), gathered as the elements stream past: `add` each element, then `columns()`.
 * Keeps a few counters per property, not the values (a relationship group can be millions).
 */
class ColumnModel {
  private readonly present = new Map<string, Inferred | null>();
  constructor(
    private readonly declared: Record<string, PropertyType>,
    private readonly skip: string[],
  ) {}

  add(properties: Record<string, PropertyValue>): void {
    for (const k in properties) {
      let inf = this.present.get(k);
      if (inf === undefined) {
        if (this.skip.includes(k)) continue;
        inf = k in this.declared ? null : { arr: false, scalars: 0, booleans: 0, safeInts: 0, numbers: 0 };
        this.present.set(k, inf);
      }
      if (inf === null) continue;
      const v = properties[k];
      if (v === null || v === undefined) continue;
      if (Array.isArray(v)) {
        inf.arr = true;
        for (const x of v) count(inf, x);
      } else count(inf, v);
    }
  }

  columns(): Array<[string, CsvType]> {
    const out: Array<[string, CsvType]> = [];
    for (const k of Object.keys(this.declared)) if (this.present.has(k)) out.push([k, csvTypeOf(this.declared[k]!)]);
    for (const k of [...this.present.keys()].filter((k) => !(k in this.declared)).sort()) {
      const inf = this.present.get(k)!;
      let t: 'string' | 'long' | 'double' | 'boolean' = 'string';
      if (inf.scalars && inf.booleans === inf.scalars) t = 'boolean';
      else if (inf.scalars && inf.safeInts === inf.scalars) t = 'long';
      else if (inf.scalars && inf.numbers === inf.scalars) t = 'double';
      out.push([k, (inf.arr ? `${t}[]` : t) as CsvType]);
    }
    return out;
  }
}

function count(inf: Inferred, x: unknown): void {
  inf.scalars++;
  if (typeof x === 'boolean') inf.booleans++;
  else if (typeof x === 'number') {
    inf.numbers++;
    if (Number.isSafeInteger(x)) inf.safeInts++;
  }
}

/** The property columns of a set of elements: schema order first, undeclared ones after, sorted. */
function columns(elements: Iterable<{ properties: Record<string, PropertyValue> }>, declared: Record<string, PropertyType>, skip: string[]): Array<[string, CsvType]> {
  const model = new ColumnModel(declared, skip);
  for (const e of elements) model.add(e.properties);
  return model.columns();
}

function header(name: string, type: CsvType): string {
  return type === 'string' ? name : `${name}:${type}`;
}

/** Writes the CSV files and import.sh; returns their paths. */
export async function writeCsv(graph: Graph, outDir: string, schema: Schema = loadSchema(), lists?: PlainLists): Promise<string[]> {
  const dir = join(outDir, CSV_DIR);
  // One pass over the relationships (MENTIONS are made on read, so each pass costs) sorts
  // them into files by position, gathers each file's columns and the delimiters in use.
  const used = new Set<string>();
  const labelOf = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const groups = new Map<string, { positions: number[]; model: ColumnModel; mentions: boolean }>();
  const rels = graph.relationships;
  // A resolver's MENTIONS are read from its store (not made) when the schema declares all
  // their properties: the columns then need only which properties are there (the same on
  // every MENTIONS), and the delimiters only the texts and rules their spans use.
  const store = rels.mentionStore && rels.mentionIndex && MENTION_PROPERTIES.every((k) => k in schema.relationships.MENTIONS.properties) ? rels.mentionStore : undefined;
  const usedTexts = new Uint8Array(store ? store.textValues.length : 0);
  const usedRules = new Uint8Array(store ? store.ruleValues.length : 0);
  type Group = { positions: number[]; model: ColumnModel; mentions: boolean };
  const groupOf = (type: RelationshipType, startLabel: NodeLabel | undefined, endLabel: NodeLabel | undefined): Group => {
    const g = `${type}\u0000${startLabel}\u0000${endLabel}`;
    let group = groups.get(g);
    if (!group) {
      group = { positions: [], model: new ColumnModel(schema.relationships[type].properties, []), mentions: false };
      groups.set(g, group);
    }
    return group;
  };
  // A store's MENTIONS find their file by their endpoints' places in the store: no key text
  // or id lookups per MENTIONS.
  const mentionGroups = new Map<number, Group>();
  const startLabels: (NodeLabel | undefined)[] = store ? store.startValues.map((id) => labelOf.get(id)) : [];
  const endLabels: (NodeLabel | undefined)[] = store ? store.endValues.map((id) => labelOf.get(id)) : [];
  const labelNumber = new Map<NodeLabel | undefined, number>();
  const numberOf = (label: NodeLabel | undefined) => labelNumber.get(label) ?? labelNumber.set(label, labelNumber.size).get(label)!;
  const startNumbers = startLabels.map(numberOf);
  const endNumbers = endLabels.map(numberOf);
  for (let position = 0; position < rels.length; position++) {
    const mention = store ? rels.mentionIndex!(position) : -1;
    let group: Group;
    if (mention >= 0) {
      const startNumber = startNumbers[store!.startIndex(mention)];
      const endNumber = endNumbers[store!.endIndex(mention)];
      if (startNumber === undefined || endNumber === undefined) group = groupOf('MENTIONS', labelOf.get(store!.start(mention)), labelOf.get(store!.end(mention)));
      else {
        const pair = startNumber * 65536 + endNumber;
        group = mentionGroups.get(pair) ?? mentionGroups.set(pair, groupOf('MENTIONS', startLabels[store!.startIndex(mention)], endLabels[store!.endIndex(mention)])).get(pair)!;
      }
    } else group = groupOf(typeAt(rels, position), labelOf.get(startAt(rels, position)), labelOf.get(endAt(rels, position)));
    group.positions.push(position);
    if (mention >= 0) {
      if (!group.mentions) group.model.add(store!.get(mention).properties);
      group.mentions = true;
      store!.markStrings(mention, usedTexts, usedRules);
    } else {
      const r = rels.at(position)!;
      group.model.add(r.properties);
      scanDelimiters(r.properties, used, lists && ((v) => lists.find(position, v) >= 0));
    }
  }
  // The kept lists' items: each distinct string once.
  if (lists) scanDelimiters({ items: lists.strings }, used);
  if (store) {
    // As scanDelimiters would see them: list items (offsets are digits, never a delimiter).
    const texts = store.textValues.filter((_, i) => usedTexts[i]);
    const rules = store.ruleValues.filter((_, i) => usedRules[i]);
    scanDelimiters({ texts, rules }, used);
  }
  for (const n of graph.nodes) scanDelimiters(n.properties, used);
  const delim = delimiterFrom(used);
  const delimBytes = utf8(delim);
  const written: string[] = [];
  const nodeFiles: string[] = [];
  const relFiles: string[] = [];
  const byLabel = new Map<NodeLabel, GraphNode[]>();
  for (const n of graph.nodes) {
    const list = byLabel.get(n.label);
    if (list) list.push(n);
    else byLabel.set(n.label, [n]);
  }
  for (const label of NODE_LABELS) {
    const nodes = byLabel.get(label);
    if (!nodes) continue;
    const key = schema.nodes[label].key;
    const cols = columns(nodes, schema.nodes[label].properties, [key]);
    const file = `nodes_${label}.csv`;
    written.push(
      await withWriter(join(dir, file), async (w) => {
        await w.write([`${key}:ID(${label})`, ':LABEL', ...cols.map(([c, t]) => header(c, t))].join(',') + '\n');
        const names = cols.map(([c]) => c);
        const quotedLabel = quote(label);
        // Rows go straight into the writer's block, one by one.
        for (const n of nodes) w.sink.text(quote(n.id) + ',' + quotedLabel + propertyFields(n.properties, names, delim) + '\n');
      }),
    );
    nodeFiles.push(file);
  }

  const order = (g: string) => {
    const [t, s, e] = g.split('\u0000') as [RelationshipType, NodeLabel, NodeLabel];
    return [RELATIONSHIP_TYPES.indexOf(t), NODE_LABELS.indexOf(s), NODE_LABELS.indexOf(e)];
  };
  const sortedGroups = [...groups.keys()].sort((a, b) => {
    const x = order(a);
    const y = order(b);
    return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
  });
  for (const g of sortedGroups) {
    const { positions, model } = groups.get(g)!;
    const [type, from, to] = g.split('\u0000') as [RelationshipType, NodeLabel, NodeLabel];
    const cols = model.columns();
    const file = `rels_${type}_${from}_${to}.csv`;
    written.push(
      await withWriter(join(dir, file), async (w) => {
        await w.write([`:START_ID(${from})`, `:END_ID(${to})`, ':TYPE', ...cols.map(([c, t]) => header(c, t))].join(',') + '\n');
        const names = cols.map(([c]) => c);
        const quotedType = quote(type);
        const sink = w.sink;
        const writeMention = groups.get(g)!.mentions ? mentionRowWriter(store!, quotedType, names, delim) : undefined;
        for (const p of positions) {
          const mention = writeMention ? rels.mentionIndex!(p) : -1;
          if (mention >= 0) {
            writeMention!(mention, sink);
          } else {
            const r = rels.at(p)!;
            let line = quote(r.start) + ',' + quote(r.end) + ',' + quotedType;
            for (const c of names) {
              const v = r.properties[c];
              const list = lists && Array.isArray(v) ? lists.find(p, v) : -1;
              if (list < 0) {
                line += ',' + field(v, delim);
                continue;
              }
              // Plain items hold no quote to double.
              sink.text(line);
              line = '';
              lists!.write(list, OPEN_FIELD, delimBytes, CLOSE_FIELD, sink);
            }
            sink.text(line + '\n');
          }
        }
      }),
    );
    relFiles.push(file);
  }
  written.push(await withWriter(join(dir, 'import.sh'), (w) => w.write(importScript(nodeFiles, relFiles, delim))));
  return written;
}

/** The properties of a MENTIONS made from the store (see MentionStore.get). */
const MENTION_PROPERTIES = ['id', 'count', 'starts', 'ends', 'texts', 'rules'];

/** A list item's text inside a quoted field: `"` doubled (quote() of the joined list, item by item). */
const quotedItem = (value: string | undefined): string => {
  const s = String(value);
  return s.includes('"') ? s.replace(/"/g, '""') : s;
};

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const OPEN_FIELD = utf8(',"');
const CLOSE_FIELD = utf8('"');

/**
 * Writes the CSV line propertyFields would give the store's i-th MENTIONS as an object, as
 * bytes: endpoint ids, texts and rules quoted and encoded once each, offsets as digits.
 */
function mentionRowWriter(store: MentionStore, quotedType: string, columnNames: string[], arrayDelimiter: string): (i: number, sink: ByteSink) => void {
  // Each endpoint encoded with the separator or type after it: fewer, larger copies per line.
  const starts = new EncodedValues(store.startValues, (id) => quote(id!) + ',');
  const ends = new EncodedValues(store.endValues, (id) => quote(id!) + ',' + quotedType);
  const texts = new EncodedValues(store.textValues, quotedItem);
  const rules = new EncodedValues(store.ruleValues, quotedItem);
  const comma = utf8(',');
  const openField = utf8(',"');
  const closeField = utf8('"');
  const separator = utf8(arrayDelimiter);
  const newline = utf8('\n');
  return (i, sink) => {
    sink.bytes(starts.at(store.startIndex(i)));
    sink.bytes(ends.at(store.endIndex(i)));
    for (const c of columnNames) {
      switch (c) {
        case 'id':
          // `mentions:` and hex digits: no quote to double.
          sink.bytes(openField);
          store.writeId(i, sink);
          sink.bytes(closeField);
          break;
        case 'count':
          sink.bytes(openField);
          sink.number(store.count(i));
          sink.bytes(closeField);
          break;
        case 'starts':
        case 'ends':
          sink.bytes(openField);
          store.writeOffsets(i, c, separator, sink);
          sink.bytes(closeField);
          break;
        case 'texts':
        case 'rules':
          sink.bytes(openField);
          store.writeStrings(i, c, separator, c === 'texts' ? texts : rules, sink);
          sink.bytes(closeField);
          break;
        default:
          sink.bytes(comma);
      }
    }
    sink.bytes(newline);
  };
}

function shellQuote(s: string): string {
  if (s === '\u001f') return "$'\\x1f'";
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The shell script that imports the folder into an empty database (default `neo4j`). */
export function importScript(nodeFiles: string[], relFiles: string[], arrayDelimiter: string): string {
  return [
    '#!/bin/sh',
    '# Generated by guanxi build — do not edit. Imports this folder into an EMPTY database',
    '# with neo4j-admin (Neo4j 5): stop the database first, then run',
    '#   sh out/csv/import.sh [DATABASE]      (default: neo4j)',
    '# To replace an existing database add --overwrite-destination=true to the command.',
    '# Values are quoted CSV, may span lines, and arrays are joined with the delimiter below.',
    'set -e',
    'cd "$(dirname "$0")"',
    'neo4j-admin database import full \\',
    '  --id-type=string \\',
    `  --array-delimiter=${shellQuote(arrayDelimiter)} \\`,
    '  --multiline-fields=true \\',
    ...nodeFiles.map((f) => `  --nodes=${f} \\`),
    ...relFiles.map((f) => `  --relationships=${f} \\`),
    '  "${1:-neo4j}"',
    '',
  ].join('\n');
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes); an unquoted empty field is null. */
export function parseCsv(text: string): Array<Array<string | null>> {
  const rows: Array<Array<string | null>> = [];
  let row: Array<string | null> = [];
  let i = 0;
  while (i < text.length) {
    let value: string | null;
    if (text[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error('parseCsv: unterminated quoted field');
        s += text.slice(i, q);
        if (text[q + 1] === '"') {
          s += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      value = s;
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') j++;
      value = j === i ? null : text.slice(i, j);
      i = j;
    }
    row.push(value);
    if (text[i] === ',') i++;
    else {
      rows.push(row);
      row = [];
      if (text[i] === '\n') i++;
    }
  }
  return rows;
}

function convert(raw: string | null, type: string, delim: string): PropertyValue | undefined {
  if (raw === null) return undefined;
  const arr = type.endsWith('[]');
  const base = arr ? type.slice(0, -2) : type;
  const one = (s: string): string | number | boolean => (base === 'long' || base === 'double' ? Number(s) : base === 'boolean' ? s === 'true' : s);
  if (arr) return raw.split(delim).map(one) as string[] | number[];
  return one(raw);
}

/**
 * Reads a csv/ folder back into a Graph the way neo4j-admin would (types from the
 * headers, the array delimiter from import.sh): the exporter conformance tests use it.
 */
export async function readCsvGraph(dir: string): Promise<ArrayGraph> {
  const script = await readFile(join(dir, 'import.sh'), 'utf8');
  const m = /--array-delimiter=(\$'\\x1f'|'((?:[^']|'\\'')*)')/.exec(script);
  const delim = !m ? ';' : m[1] === "$'\\x1f'" ? '\u001f' : m[2]!.replace(/'\\''/g, "'");
  const graph: ArrayGraph = { nodes: [], relationships: [] };
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
    const [head, ...rows] = parseCsv(await readFile(join(dir, file), 'utf8'));
    const cols = head!.map((h) => {
      const [name, type = 'string'] = h!.split(':') as [string, string?];
      return { name, type };
    });
    for (const row of rows) {
      const props: Record<string, PropertyValue> = {};
      let id = '';
      let label = '';
      let start = '';
      let end = '';
      row.forEach((raw, i) => {
        const { name, type } = cols[i]!;
        if (type.startsWith('ID(')) {
          id = raw!;
          props[name] = raw!;
        } else if (type === 'LABEL') label = raw!;
        else if (type === 'TYPE') label = raw!;
        else if (type.startsWith('START_ID(')) start = raw!;
        else if (type.startsWith('END_ID(')) end = raw!;
        else {
          const v = convert(raw, type, delim);
          if (v !== undefined) props[name] = v;
        }
      });
      if (file.startsWith('nodes_')) graph.nodes.push({ id, label: label as NodeLabel, properties: props });
      else graph.relationships.push({ id: String(props.id), type: label as RelationshipType, start, end, properties: props });
    }
  }
  graph.nodes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  graph.relationships.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return graph;
}

export const csvExporter: Exporter = {
  name: 'csv',
  output: CSV_DIR,
  async write(graph, outDir, options) {
    return writeCsv(graph, outDir, loadSchema(), options?.lists ?? PlainLists.of(graph.relationships));
  },
};
