/**
 * A graph packed to be posted to a worker thread (the export worker, src/export/worker.ts)
 * and unpacked there into an equal graph: same nodes, relationships and property values,
 * keys in the same order, so every exporter writes the same bytes from either copy.
 *
 * Why not post the graph as it is: a structured clone writes every string each time it
 * occurs, and a resolved graph's relationships repeat the same article names and sentences
 * in their evidence lists: at 10k articles the non-MENTIONS relationships alone cloned into
 * 38 MB and took a second to read back. Packed, each distinct string is sent once and every
 * record is a run of integers in one Int32Array; the MENTIONS store goes as its typed arrays.
 *
 * Example: `worker.postMessage(packGraph(graph))`, then in the worker `unpackGraph(message)`.
 */
import type { Graph, GraphNode, GraphRelationship, RelationshipList, RelationshipType } from './model.js';
import { MENTIONS_PREFIX, MentionStore, relationshipList, type MentionStoreData } from './mentions.js';

export interface PackedGraph {
  /** Every distinct string of the records, in order of first use. */
  strings: string[];
  /** The nodes, then the relationships (without the store's MENTIONS), as tagged values (see `Tag`). */
  codes: Int32Array;
  /** The numbers that are not 32-bit integers, in order of use. */
  numbers: Float64Array;
  nodeCount: number;
  /** The store the relationship list makes its MENTIONS from (the other relationships are in `codes`). */
  mentions?: MentionStoreData;
}

/** What a value in `codes` starts with; a string, integer, number, array or object is followed by its payload. */
const enum Tag {
  Null,
  Undefined,
  True,
  False,
  /** + index in `strings`. */
  String,
  /** + the value. */
  Int,
  /** + index in `numbers`. */
  Float,
  /** + length, then each item as a value. */
  Array,
  /** + key count, then per key its index in `strings` and its value. */
  Object,
  /** + length, then each item's index in `strings` (an array of strings only: most of a graph's arrays). */
  Strings,
  /** + length, then the items (an array of 32-bit integers only). */
  Ints,
}

/**
 * Packs `graph` for `unpackGraph`, or returns undefined when a record holds what the packing
 * does not keep (anything but plain objects, dense arrays and primitives, or a `__proto__` key):
 * never in a resolved graph, and a caller then keeps the work on its own thread.
 */
export function packGraph(graph: Graph): PackedGraph | undefined {
  const packer = new Packer();
  const rels = graph.relationships;
  const store = rels.mentionStore && rels.mentionIndex ? rels.mentionStore : undefined;
  try {
    for (const node of graph.nodes) packer.value(node);
    for (let i = 0; i < rels.length; i++) {
      const mention = store ? rels.mentionIndex!(i) : -1;
      if (mention < 0) packer.value(rels.at(i));
      // The store's MENTIONS are one block of relationshipList's list: skipped at once.
      else if (mention === 0 && rels.mentionIndex!(i + store!.length - 1) === store!.length - 1) i += store!.length - 1;
    }
  } catch (err) {
    if (err instanceof Unpackable) return undefined;
    throw err;
  }
  return {
    strings: packer.strings,
    codes: packer.codes.slice(0, packer.length),
    numbers: Float64Array.from(packer.numbers),
    nodeCount: graph.nodes.length,
    mentions: store?.data(),
  };
}

export interface UnpackOptions {
  /**
   * Leaves the relationships other than the store's MENTIONS packed and makes each when it is
   * read (a fresh object per read, as the MENTIONS are): the export worker's copy of the graph
   * then holds their codes, not objects about three times that size (at 30k articles ~60 MB
   * of evidence lists), at the cost of decoding them on each pass of an exporter.
   */
  lazyRelationships?: boolean;
}

/** The graph `packGraph` packed: with a MENTIONS store, its relationships are the same lazy list. */
export function unpackGraph(packed: PackedGraph, options: UnpackOptions = {}): Graph {
  const reader = new Reader(packed);
  const nodes = new Array<GraphNode>(packed.nodeCount);
  for (let i = 0; i < nodes.length; i++) nodes[i] = reader.value() as unknown as GraphNode;
  const store = packed.mentions ? MentionStore.fromData(packed.mentions) : undefined;
  if (options.lazyRelationships) return { nodes, relationships: packedRelationships(reader, store) };
  const others: GraphRelationship[] = [];
  while (!reader.done) others.push(reader.value() as unknown as GraphRelationship);
  return { nodes, relationships: store ? relationshipList(others, store) : others };
}

/**
 * The relationships left in `reader` (from where it stands), made on read, merged with the
 * store's MENTIONS as `relationshipList` merges them (src/graph/mentions.ts). Their id, type,
 * start and end are read once: exporters ask for them often.
 */
function packedRelationships(reader: Reader, store: MentionStore | undefined): RelationshipList {
  const offsets: number[] = [];
  const ids: string[] = [];
  const types: RelationshipType[] = [];
  const starts: string[] = [];
  const ends: string[] = [];
  while (!reader.done) {
    offsets.push(reader.position);
    const head = reader.relationshipHead();
    ids.push(head.id);
    types.push(head.type);
    starts.push(head.start);
    ends.push(head.end);
  }
  const count = offsets.length;
  const other = (k: number): GraphRelationship => reader.valueAt(offsets[k]!) as GraphRelationship;
  let split = 0;
  while (split < count && ids[split]! < MENTIONS_PREFIX) split++;
  const m = store ? store.length : 0;
  const length = count + m;
  // The k-th of the list's relationships that are not the store's: -1 for a MENTIONS of it.
  const otherIndex = (i: number): number => (i < split ? i : i < split + m ? -1 : i - m);
  const list: RelationshipList = {
    length,
    at(i) {
      if (i < 0) i += length;
      if (i < 0 || i >= length) return undefined;
      const k = otherIndex(i);
      return k >= 0 ? other(k) : store!.get(i - split);
    },
    idAt: (i) => {
      const k = otherIndex(i);
      return k >= 0 ? ids[k]! : store!.id(i - split);
    },
    typeAt: (i) => {
      const k = otherIndex(i);
      return k >= 0 ? types[k]! : 'MENTIONS';
    },
    startAt: (i) => {
      const k = otherIndex(i);
      return k >= 0 ? starts[k]! : store!.start(i - split);
    },
    endAt: (i) => {
      const k = otherIndex(i);
      return k >= 0 ? ends[k]! : store!.end(i - split);
    },
    *[Symbol.iterator]() {
      for (let k = 0; k < split; k++) yield other(k);
      for (let j = 0; j < m; j++) yield store!.get(j);
      for (let k = split; k < count; k++) yield other(k);
    },
  };
  if (!store) return list;
  return {
    ...list,
    mentionStore: store,
    mentionIndex: (i) => (i >= split && i < split + m ? i - split : -1),
    propertiesJsonAt: (i) => (i >= split && i < split + m ? store.propertiesJson(i - split) : undefined),
  };
}

/** A value `packGraph` does not keep. */
class Unpackable extends Error {}

class Packer {
  readonly strings: string[] = [];
  /** String → index in `strings` (a Map: a dictionary object measured ~15% slower on a graph's first packing). */
  private readonly stringIndex = new Map<string, number>();
  codes = new Int32Array(1 << 16);
  length = 0;
  readonly numbers: number[] = [];

  private push(code: number): void {
    if (this.length === this.codes.length) this.grow(1);
    this.codes[this.length++] = code;
  }

  private grow(atLeast: number): void {
    const next = new Int32Array(Math.max(this.codes.length * 2, this.length + atLeast));
    next.set(this.codes);
    this.codes = next;
  }

  value(v: unknown): void {
    switch (typeof v) {
      case 'string':
        this.push(Tag.String);
        this.push(this.string(v));
        return;
      case 'number':
        if (isInt32(v)) {
          this.push(Tag.Int);
          this.push(v);
        } else {
          this.push(Tag.Float);
          this.push(this.numbers.length);
          this.numbers.push(v);
        }
        return;
      case 'boolean':
        this.push(v ? Tag.True : Tag.False);
        return;
      case 'undefined':
        this.push(Tag.Undefined);
        return;
      case 'object':
        if (v === null) this.push(Tag.Null);
        else if (Array.isArray(v)) this.array(v);
        else if (Object.getPrototypeOf(v) === Object.prototype) this.object(v as Record<string, unknown>);
        else throw new Unpackable();
        return;
      default:
        throw new Unpackable();
    }
  }

  private array(items: unknown[]): void {
    const n = items.length;
    let strings = n > 0;
    let ints = n > 0;
    for (let i = 0; i < n && (strings || ints); i++) {
      const item = items[i];
      if (typeof item !== 'string') strings = false;
      if (!isInt32(item)) ints = false;
    }
    if (strings || ints) {
      if (this.length + 2 + n > this.codes.length) this.grow(2 + n);
      const codes = this.codes;
      let at = this.length;
      codes[at++] = strings ? Tag.Strings : Tag.Ints;
      codes[at++] = n;
      if (strings) for (let i = 0; i < n; i++) codes[at++] = this.string(items[i] as string);
      else for (let i = 0; i < n; i++) codes[at++] = items[i] as number;
      this.length = at;
      return;
    }
    this.push(Tag.Array);
    this.push(n);
    for (let i = 0; i < n; i++) {
      const item = items[i];
      // A hole would come back as undefined, which forEach and map do not skip.
      if (item === undefined && !(i in items)) throw new Unpackable();
      this.value(item);
    }
  }

  private object(record: Record<string, unknown>): void {
    const keys = Object.keys(record);
    this.push(Tag.Object);
    this.push(keys.length);
    for (const key of keys) {
      // Assigned back, `__proto__` would set the prototype instead of a property.
      if (key === '__proto__') throw new Unpackable();
      this.push(this.string(key));
      this.value(record[key]);
    }
  }

  private string(s: string): number {
    let index = this.stringIndex.get(s);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, index);
    }
    return index;
  }
}

/** Whether `v` is a number an Int32Array holds as it is (not -0). */
const isInt32 = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);

class Reader {
  private at = 0;
  private readonly codes: Int32Array;
  private readonly strings: string[];
  private readonly numbers: Float64Array;
  constructor(packed: PackedGraph) {
    this.codes = packed.codes;
    this.strings = packed.strings;
    this.numbers = packed.numbers;
  }

  get done(): boolean {
    return this.at >= this.codes.length;
  }

  /** Where the next value starts in `codes`. */
  get position(): number {
    return this.at;
  }

  /** The value that starts at `position` (the reader then stands after it). */
  valueAt(position: number): unknown {
    this.at = position;
    return this.value();
  }

  /**
   * The id, type, start and end of the relationship that starts here, read without making
   * its properties (the reader then stands after it); a record of another shape is made whole.
   */
  relationshipHead(): Pick<GraphRelationship, 'id' | 'type' | 'start' | 'end'> {
    const codes = this.codes;
    const from = this.at;
    if (codes[from] !== Tag.Object) return this.value() as GraphRelationship;
    const head: Record<string, unknown> = {};
    this.at += 2;
    for (let n = codes[from + 1]!; n > 0; n--) {
      const key = this.strings[codes[this.at++]!]!;
      if (codes[this.at] === Tag.String && (key === 'id' || key === 'type' || key === 'start' || key === 'end')) head[key] = this.value();
      else this.skip();
    }
    if (head.id === undefined || head.type === undefined || head.start === undefined || head.end === undefined) return this.valueAt(from) as GraphRelationship;
    return head as Pick<GraphRelationship, 'id' | 'type' | 'start' | 'end'>;
  }

  /** Steps over one value without making it. */
  private skip(): void {
    const codes = this.codes;
    switch (codes[this.at++] as Tag) {
      case Tag.Null:
      case Tag.Undefined:
      case Tag.True:
      case Tag.False:
        return;
      case Tag.String:
      case Tag.Int:
      case Tag.Float:
        this.at++;
        return;
      case Tag.Array:
        for (let n = codes[this.at++]!; n > 0; n--) this.skip();
        return;
      case Tag.Strings:
      case Tag.Ints:
        this.at += codes[this.at]! + 1;
        return;
      case Tag.Object:
        for (let n = codes[this.at++]!; n > 0; n--) {
          this.at++;
          this.skip();
        }
        return;
      default:
        throw new Error(`unpackGraph: unknown tag ${codes[this.at - 1]} at ${this.at - 1}. Expecting a PackedGraph made by packGraph`);
    }
  }

  value(): unknown {
    const codes = this.codes;
    switch (codes[this.at++] as Tag) {
      case Tag.Null:
        return null;
      case Tag.Undefined:
        return undefined;
      case Tag.True:
        return true;
      case Tag.False:
        return false;
      case Tag.String:
        return this.strings[codes[this.at++]!];
      case Tag.Int:
        return codes[this.at++];
      case Tag.Float:
        return this.numbers[codes[this.at++]!];
      case Tag.Array: {
        // Pushed, not preallocated: an array made with a length stays "holey", slower to read.
        const items: unknown[] = [];
        for (let n = codes[this.at++]!; n > 0; n--) items.push(this.value());
        return items;
      }
      case Tag.Strings: {
        const strings = this.strings;
        const items: string[] = [];
        for (let n = codes[this.at++]!; n > 0; n--) items.push(strings[codes[this.at++]!]!);
        return items;
      }
      case Tag.Ints: {
        const items: number[] = [];
        for (let n = codes[this.at++]!; n > 0; n--) items.push(codes[this.at++]!);
        return items;
      }
      case Tag.Object: {
        const record: Record<string, unknown> = {};
        for (let n = codes[this.at++]!; n > 0; n--) {
          const key = this.strings[codes[this.at++]!]!;
          record[key] = this.value();
        }
        return record;
      }
      default:
        throw new Error(`unpackGraph: unknown tag ${codes[this.at - 1]} at ${this.at - 1}. Expecting a PackedGraph made by packGraph`);
    }
  }
}
