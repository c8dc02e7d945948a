/**
 * The resolved graph: what `resolve` produces and every exporter and the Neo4j loader read.
 *
 * Nodes and relationships are plain records keyed by deterministic ids (a stable hash
 * of label + canonical key + disambiguator), so a re-run, another file order or another
 * machine gives the same ids and a Cypher `MERGE` is idempotent. Labels, types and
 * property types are declared in schema/graph.yaml (see src/graph/schema.ts).
 */
import type { MentionStore } from './mentions.js';

/** Node labels, in the order exports write them. */
export const NODE_LABELS = [
  'Article',
  'Person',
  'Office',
  'AdminDivision',
  'Campaign',
  'Project',
  'Organization',
  'Event',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

/** Relationship types, in the order exports write them. */
export const RELATIONSHIP_TYPES = ['HOLDS', 'LOCATED_IN', 'PART_OF', 'PROMOTES', 'ATTENDED', 'MENTIONS'] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** A property value that every target (Neo4j, CSV, GraphML, JSON) can hold: no nested maps. */
export type PropertyValue = string | number | boolean | null | string[] | number[];

export interface GraphNode {
  /** Deterministic id, e.g. `person:3f2a…`. */
  id: string;
  label: NodeLabel;
  properties: Record<string, PropertyValue>;
}

export interface GraphRelationship {
  /** Deterministic id derived from type + start + end. */
  id: string;
  type: RelationshipType;
  start: string;
  end: string;
  properties: Record<string, PropertyValue>;
}

/**
 * The relationships of a graph, sorted by id: an array, or (what the resolver gives) a list
 * whose MENTIONS relationships are made from a compact store when read (src/graph/mentions.ts),
 * because at 100k articles 2.3M MENTIONS objects held at once do not fit the memory budget.
 * Read it by iterating or with `at(i)`; each read of a lazy element gives a fresh object, so
 * keep what you need, not the object.
 */
export interface RelationshipList extends Iterable<GraphRelationship> {
  readonly length: number;
  at(index: number): GraphRelationship | undefined;
  /**
   * The type, start and end of the i-th relationship (0 ≤ i < length) without making it: a
   * lazy list has them at hand, while a MENTIONS made on read costs its id and four lists.
   * Optional (an array has none); read them with `typeAt`, `startAt`, `endAt` below.
   */
  idAt?(index: number): string;
  typeAt?(index: number): RelationshipType;
  startAt?(index: number): string;
  endAt?(index: number): string;
  /**
   * `JSON.stringify(at(i).properties)` when the list writes it without making the
   * relationship (a lazy list's MENTIONS), else undefined. Optional.
   */
  propertiesJsonAt?(index: number): string | undefined;
  /** The store a lazy list makes its MENTIONS from, and where the i-th relationship is in it (-1: not a MENTIONS of it). */
  readonly mentionStore?: MentionStore;
  mentionIndex?(index: number): number;
}

/** The type of `list`'s i-th relationship (0 ≤ i < length), made only when the list cannot say. */
export function typeAt(list: RelationshipList, i: number): RelationshipType {
  return list.typeAt ? list.typeAt(i) : list.at(i)!.type;
}

/** The start node id of `list`'s i-th relationship. */
export function startAt(list: RelationshipList, i: number): string {
  return list.startAt ? list.startAt(i) : list.at(i)!.start;
}

/** The end node id of `list`'s i-th relationship. */
export function endAt(list: RelationshipList, i: number): string {
  return list.endAt ? list.endAt(i) : list.at(i)!.end;
}

/** A whole graph, nodes and relationships sorted by id so outputs are byte-stable. */
export interface Graph {
  nodes: GraphNode[];
  relationships: RelationshipList;
}

/** A graph with its relationships in an array: what readers (src/graph/read.ts) and tests build. */
export interface ArrayGraph extends Graph {
  relationships: GraphRelationship[];
}
