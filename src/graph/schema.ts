/**
 * Loads schema/graph.yaml, the single source of truth of the graph model, and derives from
 * it what other modules need: the Neo4j uniqueness constraints and indexes (the Cypher
 * module turns these definitions into statements) and a validator that every graph passes
 * before any export or load.
 *
 * Example: `loadSchema().nodes.Person` gives `{key: 'id', properties: {name: 'string', …},
 * indexes: ['name'], fulltext: ['name', 'aliases']}`; `constraintDefinitions(schema)` gives
 * `{name: 'person_id_unique', label: 'Person', property: 'id'}` among others.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { NODE_LABELS, RELATIONSHIP_TYPES, type Graph, type NodeLabel, type PropertyValue, type RelationshipType } from './model.js';

/** Scalar property types a schema may declare. */
export const SCALAR_TYPES = ['string', 'int', 'float', 'boolean', 'date'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];
/** A declared property type: a scalar or an array of one (`string[]`). */
export type PropertyType = ScalarType | `${ScalarType}[]`;

/** One node label: its key property, typed properties and indexed properties. */
export interface NodeSchema {
  key: string;
  properties: Record<string, PropertyType>;
  /** Properties with a range index. */
  indexes: string[];
  /** Properties in the label's full-text index (empty: no full-text index). */
  fulltext: string[];
}

/** One relationship type: allowed endpoint labels and typed properties. */
export interface RelationshipSchema {
  from: NodeLabel[];
  to: NodeLabel[];
  properties: Record<string, PropertyType>;
}

export interface Schema {
  version: number;
  nodes: Record<NodeLabel, NodeSchema>;
  relationships: Record<RelationshipType, RelationshipSchema>;
}

/** A uniqueness constraint on a label's key property. */
export interface ConstraintDefinition {
  name: string;
  label: NodeLabel;
  property: string;
}

/** A range index (one property) or a full-text index (several) on a label. */
export interface IndexDefinition {
  name: string;
  kind: 'range' | 'fulltext';
  label: NodeLabel;
  properties: string[];
}

/** A schema file that does not describe a usable model. */
export class SchemaError extends Error {
  override name = 'SchemaError';
}

/** A graph that does not conform to the schema; `violations` lists every problem found. */
export class GraphValidationError extends Error {
  override name = 'GraphValidationError';
  constructor(public readonly violations: string[]) {
    super(
      `validateGraph: ${violations.length} schema violation${violations.length === 1 ? '' : 's'}: ` +
        violations.slice(0, 10).join('; ') +
        (violations.length > 10 ? `; … and ${violations.length - 10} more` : ''),
    );
  }
}

/** Finds schema/graph.yaml from this module, in src/graph/ (tests) or dist/src/graph/ (built). */
export function defaultSchemaPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'schema', 'graph.yaml');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return resolve('schema', 'graph.yaml');
}

const cache = new Map<string, Schema>();

/** Reads and checks schema/graph.yaml (or `path`); the result is cached per path. */
export function loadSchema(path: string = defaultSchemaPath()): Schema {
  const cached = cache.get(path);
  if (cached) return cached;
  const schema = parseSchema(readFileSync(path, 'utf8'), path);
  cache.set(path, schema);
  return schema;
}

function isPropertyType(t: unknown): t is PropertyType {
  if (typeof t !== 'string') return false;
  const base = t.endsWith('[]') ? t.slice(0, -2) : t;
  return (SCALAR_TYPES as readonly string[]).includes(base);
}

function readProperties(raw: unknown, where: string, file: string): Record<string, PropertyType> {
  if (!raw || typeof raw !== 'object') throw new SchemaError(`loadSchema: ${file}: ${where}.properties must be a map`);
  const out: Record<string, PropertyType> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (!isPropertyType(v)) {
      throw new SchemaError(`loadSchema: ${file}: ${where}.properties.${k}: unknown type. Expecting one of ${SCALAR_TYPES.join(', ')} (or an array of one, e.g. string[]) but got ${JSON.stringify(v)}`);
    }
    out[k] = internalised(v);
  }
  return out;
}

/**
 * `text` as V8's internalised copy (an object's own key is one). The YAML parser's strings are
 * not, so every `type === 'string'` on a declared type (exporters, the resolver, the checks
 * below, per value) compared them character by character instead of by identity.
 */
function internalised<T extends string>(text: T): T {
  return Object.keys({ [text]: true })[0] as T;
}

function readLabels(raw: unknown, where: string, file: string): NodeLabel[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new SchemaError(`loadSchema: ${file}: ${where} must be a non-empty list of labels`);
  for (const l of raw) {
    if (!(NODE_LABELS as readonly string[]).includes(l)) throw new SchemaError(`loadSchema: ${file}: ${where}: unknown label ${JSON.stringify(l)}`);
  }
  return raw as NodeLabel[];
}

/** Parses schema text; `file` names it in errors. Labels and types must be those of src/graph/model.ts. */
export function parseSchema(text: string, file = 'schema/graph.yaml'): Schema {
  const doc = parse(text) as { version?: number; nodes?: Record<string, any>; relationships?: Record<string, any> };
  if (!doc || typeof doc !== 'object' || !doc.nodes || !doc.relationships) {
    throw new SchemaError(`loadSchema: ${file}: expecting top-level keys nodes and relationships`);
  }
  const nodes = {} as Record<NodeLabel, NodeSchema>;
  for (const [label, raw] of Object.entries(doc.nodes)) {
    if (!(NODE_LABELS as readonly string[]).includes(label)) throw new SchemaError(`loadSchema: ${file}: nodes.${label}: label not in NODE_LABELS (src/graph/model.ts)`);
    const properties = readProperties(raw?.properties, `nodes.${label}`, file);
    const key = String(raw?.key ?? '');
    if (!(key in properties)) throw new SchemaError(`loadSchema: ${file}: nodes.${label}.key ${JSON.stringify(key)} is not one of its properties`);
    const indexes: string[] = Array.isArray(raw.indexes) ? raw.indexes.map(String) : [];
    const fulltext: string[] = Array.isArray(raw.fulltext) ? raw.fulltext.map(String) : [];
    for (const p of [...indexes, ...fulltext]) {
      if (!(p in properties)) throw new SchemaError(`loadSchema: ${file}: nodes.${label}: index on undeclared property ${p}`);
    }
    nodes[label as NodeLabel] = { key, properties, indexes, fulltext };
  }
  const relationships = {} as Record<RelationshipType, RelationshipSchema>;
  for (const [type, raw] of Object.entries(doc.relationships)) {
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) {
      throw new SchemaError(`loadSchema: ${file}: relationships.${type}: type not in RELATIONSHIP_TYPES (src/graph/model.ts)`);
    }
    relationships[type as RelationshipType] = {
      from: readLabels(raw?.from, `relationships.${type}.from`, file),
      to: readLabels(raw?.to, `relationships.${type}.to`, file),
      properties: readProperties(raw?.properties, `relationships.${type}`, file),
    };
  }
  for (const l of NODE_LABELS) if (!nodes[l]) throw new SchemaError(`loadSchema: ${file}: label ${l} of NODE_LABELS is not declared under nodes`);
  for (const t of RELATIONSHIP_TYPES) if (!relationships[t]) throw new SchemaError(`loadSchema: ${file}: type ${t} of RELATIONSHIP_TYPES is not declared under relationships`);
  return { version: Number(doc.version ?? 1), nodes, relationships };
}

function snake(label: string): string {
  return label.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** One uniqueness constraint per label on its key, named `<label>_<key>_unique`. */
export function constraintDefinitions(schema: Schema = loadSchema()): ConstraintDefinition[] {
  return NODE_LABELS.map((label) => ({ name: `${snake(label)}_${schema.nodes[label].key}_unique`, label, property: schema.nodes[label].key }));
}

/** Range indexes (`<label>_<prop>`) and one full-text index per label that declares one (`<label>_fulltext`). */
export function indexDefinitions(schema: Schema = loadSchema()): IndexDefinition[] {
  const out: IndexDefinition[] = [];
  for (const label of NODE_LABELS) {
    const n = schema.nodes[label];
    for (const p of n.indexes) {
      if (p === n.key) continue; // the uniqueness constraint already indexes the key
      out.push({ name: `${snake(label)}_${p}`, kind: 'range', label, properties: [p] });
    }
    if (n.fulltext.length) out.push({ name: `${snake(label)}_fulltext`, kind: 'fulltext', label, properties: [...n.fulltext] });
  }
  return out;
}

/** Whether `value` fits `type`; null fits every type (Neo4j drops null properties). */
export function valueFits(value: PropertyValue | undefined, type: PropertyType): boolean {
  if (value === null || value === undefined) return true;
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) return false;
    const base = type.slice(0, -2) as ScalarType;
    return (value as unknown[]).every((v) => v !== null && scalarFits(v, base));
  }
  return !Array.isArray(value) && scalarFits(value, type as ScalarType);
}

function scalarFits(v: unknown, type: ScalarType): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'int':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'float':
      return typeof v === 'number' && Number.isFinite(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'date':
      return typeof v === 'string' && isDate(v);
  }
}

/** Whether `s` is `YYYY-MM-DD` (ASCII digits), read by character codes: a graph holds a date per evidence item. */
function isDate(s: string): boolean {
  if (s.length !== 10 || s.charCodeAt(4) !== 0x2d || s.charCodeAt(7) !== 0x2d) return false;
  for (const i of DATE_DIGITS) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Where `YYYY-MM-DD` has its digits. */
const DATE_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9];

/**
 * Lists every way `graph` breaks `schema`: unknown labels/types/properties, wrong property
 * types, missing or duplicate ids, dangling or wrongly-labelled endpoints, unsorted ids.
 */
export function checkGraph(graph: Graph, schema: Schema = loadSchema()): string[] {
  const problems: string[] = [];
  const labelOf = new Map<string, NodeLabel>();
  let prev = '';
  // `where` is only spelled out for an element with a problem: building it for every one of
  // them (a JSON.stringify each) was most of validation's time on a clean graph.
  for (const node of graph.nodes) {
    const where = () => `node ${JSON.stringify(node.id)} (${node.label})`;
    const ns = schema.nodes[node.label];
    if (!ns) {
      problems.push(`${where()}: label not in schema`);
      continue;
    }
    if (labelOf.has(node.id)) problems.push(`${where()}: duplicate id`);
    if (node.id <= prev && prev !== '') problems.push(`${where()}: nodes not sorted by id`);
    prev = node.id;
    labelOf.set(node.id, node.label);
    if (node.properties[ns.key] !== node.id) problems.push(`${where()}: key property ${ns.key} must equal the node id`);
    checkProperties(node.properties, ns.properties, where, problems);
  }
  // Ids in strictly increasing order cannot repeat, so a sorted list (the resolver's: millions
  // of relationships, MENTIONS made on read) is checked without a set of every id. Only when
  // the order breaks somewhere are the relationships checked again with the set.
  const relProblems: string[] = [];
  if (!checkRelationships(graph, schema, labelOf, null, relProblems)) {
    relProblems.length = 0;
    checkRelationships(graph, schema, labelOf, new Set<string>(), relProblems);
  }
  for (const p of relProblems) problems.push(p);
  return problems;
}

/** Checks the relationships; false when their ids are not strictly increasing. */
function checkRelationships(graph: Graph, schema: Schema, labelOf: Map<string, NodeLabel>, relIds: Set<string> | null, problems: string[]): boolean {
  let prev = '';
  let sorted = true;
  const rels = graph.relationships;
  // A resolver's MENTIONS, read from its store, have properties that fit the schema when the
  // store is well typed and MENTIONS declares them so: only their id, type and endpoints are
  // checked, without making them.
  const store = rels.mentionStore && rels.mentionIndex && rels.idAt && mentionsFit(schema) && rels.mentionStore.wellTyped() ? rels.mentionStore : undefined;
  // On the first pass (no id set) the store's MENTIONS that follow one checked in full are
  // checked by the store in one run (MentionStore.lastFollowing: ids compared by their digits,
  // endpoints by their verdicts marked once per node); `prev` then lags behind, and
  // `prevMention` says which MENTIONS came last.
  let prevMention = -1;
  const mentionsTo = store && schema.relationships.MENTIONS;
  const fineStarts = store && !relIds ? endpointVerdicts(store.startValues, labelOf, mentionsTo!.from) : undefined;
  const fineEnds = store && !relIds ? endpointVerdicts(store.endValues, labelOf, mentionsTo!.to) : undefined;
  for (let i = 0; i < rels.length; i++) {
    const mention = store ? rels.mentionIndex!(i) : -1;
    if (prevMention >= 0) {
      prev = store!.id(prevMention);
      prevMention = -1;
    }
    // A store's MENTIONS is read field by field: no object per relationship.
    const rel = mention >= 0 ? null : rels.at(i)!;
    const id = rel ? rel.id : rels.idAt!(i);
    const type = rel ? rel.type : 'MENTIONS';
    const start = rel ? rel.start : store!.start(mention);
    const end = rel ? rel.end : store!.end(mention);
    const rs = schema.relationships[type];
    if (!rs) {
      problems.push(`${relationshipWhere(id, type)}: type not in schema`);
      continue;
    }
    if (relIds?.has(id)) problems.push(`${relationshipWhere(id, type)}: duplicate id`);
    if (id <= prev && prev !== '') {
      problems.push(`${relationshipWhere(id, type)}: relationships not sorted by id`);
      sorted = false;
      if (!relIds) return false;
    }
    prev = id;
    relIds?.add(id);
    const s = labelOf.get(start);
    const e = labelOf.get(end);
    if (!s) problems.push(`${relationshipWhere(id, type)}: start ${JSON.stringify(start)} is not a node of the graph`);
    else if (!rs.from.includes(s)) problems.push(`${relationshipWhere(id, type)}: start is a ${s}. Expecting one of ${rs.from.join(', ')}`);
    if (!e) problems.push(`${relationshipWhere(id, type)}: end ${JSON.stringify(end)} is not a node of the graph`);
    else if (!rs.to.includes(e)) problems.push(`${relationshipWhere(id, type)}: end is a ${e}. Expecting one of ${rs.to.join(', ')}`);
    if (rel?.properties) checkProperties(rel.properties, rs.properties, () => relationshipWhere(id, type), problems);
    if (mention >= 0 && fineStarts) {
      // The store's MENTIONS are one block of the list: a run is skipped here when the list
      // has its last one where the block puts it.
      const last = store!.lastFollowing(mention, fineStarts, fineEnds!);
      if (last > mention && rels.mentionIndex!(i + last - mention) === last) {
        i += last - mention;
        prevMention = last;
      } else prevMention = mention;
    }
  }
  return sorted || relIds !== null;
}

/** Per index of `ids`, 1 when that node is in `labelOf` with one of `labels` (a MENTIONS endpoint with no problem), else 0. */
function endpointVerdicts(ids: readonly string[], labelOf: Map<string, NodeLabel>, labels: readonly NodeLabel[]): Uint8Array {
  const fine = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const label = labelOf.get(ids[i]!);
    if (label && labels.includes(label)) fine[i] = 1;
  }
  return fine;
}

/** How a problem names a relationship (spelled out only for one that has a problem). */
const relationshipWhere = (id: string, type: string): string => `relationship ${JSON.stringify(id)} (${type})`;

/** The declared types of what a MENTIONS made from the store holds (see MentionStore.get). */
const MENTION_TYPES: Record<string, PropertyType> = { id: 'string', count: 'int', starts: 'int[]', ends: 'int[]', texts: 'string[]', rules: 'string[]' };

/** Whether the schema declares every property of a store's MENTIONS with the type it has. */
function mentionsFit(schema: Schema): boolean {
  const declared = schema.relationships.MENTIONS?.properties;
  return !!declared && Object.entries(MENTION_TYPES).every(([name, type]) => declared[name] === type);
}

function checkProperties(props: Record<string, PropertyValue>, declared: Record<string, PropertyType>, where: () => string, problems: string[]) {
  for (const k in props) {
    const v = props[k];
    const type = declared[k];
    if (!type) problems.push(`${where()}: property ${k} is not declared in schema/graph.yaml`);
    else if (!fitsCheck(type)(v)) problems.push(`${where()}: property ${k}. Expecting ${type} but got ${JSON.stringify(v)}`);
  }
}

/**
 * Whether every item of a list fits its base type (null never does), per base type: a loop of
 * its own for each, so the test per item is inlined (one shared loop called a different
 * function per list type, a call per item; lists hold most of a graph's values).
 */
const LIST_FITS: Record<ScalarType, (items: readonly unknown[]) => boolean> = {
  string: (items) => {
    for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'string') return false;
    return true;
  },
  int: (items) => {
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      if (!(typeof x === 'number' && Number.isSafeInteger(x))) return false;
    }
    return true;
  },
  float: (items) => {
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      if (!(typeof x === 'number' && Number.isFinite(x))) return false;
    }
    return true;
  },
  boolean: (items) => {
    for (let i = 0; i < items.length; i++) if (typeof items[i] !== 'boolean') return false;
    return true;
  },
  date: (items) => {
    for (let i = 0; i < items.length; i++) {
      const x = items[i];
      if (!(typeof x === 'string' && isDate(x))) return false;
    }
    return true;
  },
};

/** One checker per property type, built once: `valueFits` re-parsed the type name for every value. */
const FITS = new Map<PropertyType, (v: PropertyValue | undefined) => boolean>();

function fitsCheck(type: PropertyType): (v: PropertyValue | undefined) => boolean {
  let check = FITS.get(type);
  if (!check) {
    // The base type as this module's own string, so scalarFits' switch compares by identity.
    const named = (base: string) => SCALAR_TYPES.find((t) => t === base)!;
    if (type.endsWith('[]')) {
      const fits = LIST_FITS[named(type.slice(0, -2))];
      check = (v) => v === null || v === undefined || (Array.isArray(v) && fits(v));
    } else {
      const base = named(type);
      check = (v) => v === null || v === undefined || (!Array.isArray(v) && scalarFits(v, base));
    }
    FITS.set(type, check);
  }
  return check;
}

/** Throws a GraphValidationError naming each offending node/relationship and property. */
export function validateGraph(graph: Graph, schema: Schema = loadSchema()): void {
  const problems = checkGraph(graph, schema);
  if (problems.length) throw new GraphValidationError(problems);
}
