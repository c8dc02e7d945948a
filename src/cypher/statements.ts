/**
 * The Cypher statements of a load, generated from the schema: constraints and indexes,
 * one MERGE statement per node label, one per relationship type and endpoint labels, and
 * one statement that recounts `articleCount` from MENTIONS. Both the graph.cypher file and
 * the Neo4j loader send exactly these texts; every value travels in `$rows`.
 *
 * Merging makes loads idempotent and incremental (a re-run, or the corpus loaded in two
 * halves, gives the graph a single load gives):
 * - scalars: the newest non-null value wins (a null never erases what another load set);
 * - `firstSeen` is the earliest date, `lastSeen` the latest, `articleCount` the largest
 *   until the recount replaces it with the number of articles that mention the node;
 * - lists (`aliases`, `sources`, …) are unions in first-seen order, without duplicates;
 * - evidence is a set of items spread over parallel lists (`evidenceArticles[i]`,
 *   `evidenceSentences[i]`, …): items already present (same article, offsets and rule) are
 *   skipped, new ones appended to every list at once, and `evidenceCount` is the list length.
 *
 * Example: `nodeStatement(schema, 'Campaign')` is
 * ```
 * UNWIND $rows AS row
 * MERGE (n:`Campaign` {id: row.id})
 * SET n.name = coalesce(row.name, n.name), …
 * ```
 */
import type { CypherSchema } from './schema.js';
import { quoteIdentifier as q } from './literal.js';

/** How one property is merged into what the database already holds. */
export type MergeRule =
  | { kind: 'latest'; name: string; type: string }
  | { kind: 'earliest' | 'latestDate'; name: string }
  | { kind: 'max'; name: string }
  | { kind: 'union'; name: string; type: string };

/** A set of items stored as parallel lists: what identifies an item, and the count kept beside it. */
export interface ParallelGroup {
  lists: Array<{ name: string; type: string }>;
  identity: string[];
  count?: string;
}

/** The merge plan of one label's or type's properties (key excluded). */
export interface PropertyPlan {
  rules: MergeRule[];
  group?: ParallelGroup;
}

const EVIDENCE_IDENTITY = ['evidenceArticles', 'evidenceStarts', 'evidenceEnds', 'rules'];
const OCCURRENCE_IDENTITY = ['starts', 'ends', 'rules'];

function baseType(type: string): string {
  return type.endsWith('[]') ? type.slice(0, -2) : type;
}

/**
 * Sorts a label's or type's declared properties into merge rules. Evidence lists
 * (`evidence*` and `rules` beside `evidenceArticles`) and mention occurrences (`starts`,
 * `ends`, `texts`, `rules` on MENTIONS) form a parallel group; the group's count property
 * (`evidenceCount`, `count`) is derived from it.
 */
export function propertyPlan(properties: Record<string, string>, key: string): PropertyPlan {
  const names = Object.keys(properties).filter((p) => p !== key);
  const isList = (p: string) => properties[p]?.endsWith('[]');
  let group: ParallelGroup | undefined;
  if (isList('evidenceArticles')) {
    const lists = names.filter((p) => isList(p) && (p.startsWith('evidence') || p === 'rules'));
    group = {
      lists: lists.map((name) => ({ name, type: baseType(properties[name]) })),
      identity: EVIDENCE_IDENTITY.filter((p) => lists.includes(p)),
      count: 'evidenceCount' in properties ? 'evidenceCount' : undefined,
    };
  } else if (isList('starts') && isList('ends')) {
    const lists = names.filter((p) => isList(p) && ['starts', 'ends', 'texts', 'rules'].includes(p));
    group = {
      lists: lists.map((name) => ({ name, type: baseType(properties[name]) })),
      identity: OCCURRENCE_IDENTITY.filter((p) => lists.includes(p)),
      count: 'count' in properties ? 'count' : undefined,
    };
  }
  const inGroup = new Set([...(group?.lists.map((l) => l.name) ?? []), ...(group?.count ? [group.count] : [])]);
  const rules: MergeRule[] = [];
  for (const name of names) {
    if (inGroup.has(name)) continue;
    const type = properties[name];
    if (type.endsWith('[]')) rules.push({ kind: 'union', name, type: baseType(type) });
    else if (name === 'firstSeen' && type === 'date') rules.push({ kind: 'earliest', name });
    else if (name === 'lastSeen' && type === 'date') rules.push({ kind: 'latestDate', name });
    else if (name === 'articleCount' && type === 'int') rules.push({ kind: 'max', name });
    else rules.push({ kind: 'latest', name, type });
  }
  return { rules, group };
}

/** Converts a parameter value to the declared type, so ints stay ints and dates become `date` values. */
function cast(expr: string, type: string): string {
  switch (type) {
    case 'int':
      return `toInteger(${expr})`;
    case 'float':
      return `toFloat(${expr})`;
    case 'date':
      return `date(${expr})`;
    default:
      return expr;
  }
}

function setItem(v: string, rule: MergeRule): string {
  const p = `${v}.${q(rule.name)}`;
  const row = `row.${q(rule.name)}`;
  switch (rule.kind) {
    case 'latest':
      return `${p} = coalesce(${cast(row, rule.type)}, ${p})`;
    case 'earliest':
      return `${p} = CASE WHEN ${p} IS NULL OR date(${row}) < ${p} THEN date(${row}) ELSE ${p} END`;
    case 'latestDate':
      return `${p} = CASE WHEN ${p} IS NULL OR date(${row}) > ${p} THEN date(${row}) ELSE ${p} END`;
    case 'max':
      return `${p} = CASE WHEN ${p} IS NULL OR toInteger(${row}) > ${p} THEN toInteger(${row}) ELSE ${p} END`;
    case 'union':
    {
      const items = cast('y', rule.type) === 'y' ? `coalesce(${row}, [])` : `[y IN coalesce(${row}, []) | ${cast('y', rule.type)}]`;
      return `${p} = coalesce(${p}, []) + [x IN ${items} WHERE NOT x IN coalesce(${p}, [])]`;
    }
  }
}

function setClause(v: string, rules: MergeRule[]): string {
  return rules.length ? 'SET ' + rules.map((r) => setItem(v, r)).join(',\n    ') : '';
}

/** The clauses that append new items of a parallel group to `v`'s lists and recount them. */
function groupClauses(v: string, group: ParallelGroup): string[] {
  const old = (i: number) => `old${i}`;
  const olds = group.lists.map((_, i) => old(i));
  const first = group.lists[0];
  const rowList = (name: string) => `row.${q(name)}`;
  const same = group.identity
    .map((name) => {
      const i = group.lists.findIndex((l) => l.name === name);
      return `${old(i)}[j] = ${cast(`${rowList(name)}[i]`, group.lists[i].type)}`;
    })
    .join(' AND ');
  const sets = group.lists.map(
    (l, i) => `${v}.${q(l.name)} = ${old(i)} + [i IN fresh | ${cast(`${rowList(l.name)}[i]`, l.type)}]`,
  );
  if (group.count) sets.push(`${v}.${q(group.count)} = size(${old(0)}) + size(fresh)`);
  return [
    `WITH ${v}, row, ` + group.lists.map((l, i) => `coalesce(${v}.${q(l.name)}, []) AS ${old(i)}`).join(', '),
    `WITH ${v}, row, ${olds.join(', ')}, ` +
      `[i IN range(0, size(coalesce(${rowList(first.name)}, [])) - 1) ` +
      `WHERE NOT any(j IN range(0, size(${old(0)}) - 1) WHERE ${same || 'false'})] AS fresh`,
    'SET ' + sets.join(',\n    '),
  ];
}

/** MERGE statement for the nodes of `label`; `$rows` holds `{id, …properties}` maps. */
export function nodeStatement(schema: CypherSchema, label: string): string {
  const ns = schema.nodes[label];
  if (!ns) throw new Error(`nodeStatement: label ${JSON.stringify(label)} is not in the schema`);
  const plan = propertyPlan(ns.properties, ns.key);
  const lines = ['UNWIND $rows AS row', `MERGE (n:${q(label)} {${q(ns.key)}: row.${q(ns.key)}})`];
  const set = setClause('n', plan.rules);
  if (set) lines.push(set);
  if (plan.group) lines.push(...groupClauses('n', plan.group));
  return lines.join('\n');
}

/**
 * MERGE statement for relationships of `type` from `from` nodes to `to` nodes; `$rows`
 * holds `{id, start, end, …properties}` maps. Endpoints are matched by key, with their
 * label, so the lookups use the uniqueness constraints.
 */
export function relationshipStatement(schema: CypherSchema, type: string, from: string, to: string): string {
  const rs = schema.relationships[type];
  if (!rs) throw new Error(`relationshipStatement: type ${JSON.stringify(type)} is not in the schema`);
  if (!rs.from.includes(from) || !rs.to.includes(to)) {
    throw new Error(`relationshipStatement: ${type} does not go from ${from} to ${to}. Expecting from ${rs.from.join('|')} to ${rs.to.join('|')}`);
  }
  const fromKey = schema.nodes[from].key;
  const toKey = schema.nodes[to].key;
  const plan = propertyPlan(rs.properties, 'id');
  const lines = [
    'UNWIND $rows AS row',
    `MATCH (a:${q(from)} {${q(fromKey)}: row.start})`,
    `MATCH (b:${q(to)} {${q(toKey)}: row.end})`,
    `MERGE (a)-[r:${q(type)} {id: row.id}]->(b)`,
  ];
  const set = setClause('r', plan.rules);
  if (set) lines.push(set);
  if (plan.group) lines.push(...groupClauses('r', plan.group));
  return lines.join('\n');
}

/** The mention relationship type and the label of articles that recounts read. */
export const MENTION_TYPE = 'MENTIONS';
export const ARTICLE_LABEL = 'Article';

/**
 * Whether `label` gets its `articleCount` recounted after the relationships: it must
 * declare the property and be a MENTIONS target in the schema.
 */
export function hasRecount(schema: CypherSchema, label: string): boolean {
  const m = schema.relationships[MENTION_TYPE];
  return schema.nodes[label]?.properties.articleCount === 'int' && !!m && m.from.includes(ARTICLE_LABEL) && m.to.includes(label);
}

/**
 * Raises `articleCount` of the nodes in `$rows` (`{id}` maps) to the number of articles
 * that mention them, once MENTIONS are loaded: after a load in halves the count covers
 * both halves, which no per-half value can. It never lowers the resolver's count, which
 * for a division also counts articles that only name a place inside it (on the dev
 * corpus 369 of 377 counts equal the MENTIONS count; 8 divisions count more); for those,
 * a load in halves keeps the larger half's count.
 */
export function recountStatement(schema: CypherSchema, label: string): string {
  const key = schema.nodes[label].key;
  return [
    'UNWIND $rows AS row',
    `MATCH (n:${q(label)} {${q(key)}: row.${q(key)}})`,
    `WITH n, COUNT { (:${q(ARTICLE_LABEL)})-[:${q(MENTION_TYPE)}]->(n) } AS mentioned`,
    'SET n.`articleCount` = CASE WHEN mentioned > coalesce(n.`articleCount`, 0) THEN mentioned ELSE n.`articleCount` END',
  ].join('\n');
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

/**
 * Constraints and indexes, all `IF NOT EXISTS` so a re-run is a no-op: one uniqueness
 * constraint per label on its key (`person_id_unique`), one per relationship type on `id`
 * (Neo4j ≥ 5.7; it also indexes the MERGE lookup), a range index per listed property
 * (`person_name`) and a full-text index where the schema asks for one (`person_fulltext`).
 */
export function schemaStatements(schema: CypherSchema): string[] {
  const out: string[] = [];
  for (const [label, ns] of Object.entries(schema.nodes)) {
    out.push(
      `CREATE CONSTRAINT ${q(`${snake(label)}_${ns.key}_unique`)} IF NOT EXISTS FOR (n:${q(label)}) REQUIRE n.${q(ns.key)} IS UNIQUE`,
    );
  }
  for (const [type, rs] of Object.entries(schema.relationships)) {
    if (!('id' in rs.properties)) continue;
    out.push(`CREATE CONSTRAINT ${q(`${snake(type)}_id_unique`)} IF NOT EXISTS FOR ()-[r:${q(type)}]-() REQUIRE r.\`id\` IS UNIQUE`);
  }
  for (const [label, ns] of Object.entries(schema.nodes)) {
    for (const p of ns.indexes) {
      if (p === ns.key) continue;
      out.push(`CREATE INDEX ${q(`${snake(label)}_${p}`)} IF NOT EXISTS FOR (n:${q(label)}) ON (n.${q(p)})`);
    }
    if (ns.fulltext.length) {
      out.push(
        `CREATE FULLTEXT INDEX ${q(`${snake(label)}_fulltext`)} IF NOT EXISTS FOR (n:${q(label)}) ON EACH [${ns.fulltext.map((p) => `n.${q(p)}`).join(', ')}]`,
      );
    }
  }
  return out;
}

/** Waits until the indexes just created are online, so the MERGEs that follow use them. */
export const AWAIT_INDEXES = 'CALL db.awaitIndexes(300)';
