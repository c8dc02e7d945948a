/**
 * Turns a Graph into a load plan: the schema statements, then one statement group per node
 * label, per relationship type and endpoint labels, and per label whose `articleCount` is
 * recounted, each with its rows cut into batches. The file exporter writes a plan as
 * graph.cypher; the loader sends it to Neo4j. The plan is pure (no I/O), so tests check
 * the exact statements and batch boundaries without a server.
 *
 * Rows carry values already in the declared type (int lists as integers, dates as
 * `YYYY-MM-DD` strings that the statements turn into `date` values); what does not fit is
 * dropped with a message naming the node or relationship, never sent half-typed.
 *
 * Example: a graph with 1 200 Person nodes and `batchSize: 500` plans a `nodes` group
 * "Person" with batches of 500, 500 and 200 rows.
 */
import { endAt, startAt, typeAt, type Graph, type GraphNode } from '../graph/model.js';
import { EncodedValues, MENTIONS_PREFIX, type MentionStore } from '../graph/mentions.js';
import { digitCount, putDigits, type ByteSink } from '../graph/write.js';
import { readGraphSchema, type CypherSchema } from './schema.js';
import { jsonByteLength, jsonStringByteLength } from './json-size.js';
import { cypherLiteral, cypherString, mapKey } from './literal.js';
import {
  AWAIT_INDEXES,
  MENTION_TYPE,
  hasRecount,
  nodeStatement,
  propertyPlan,
  recountStatement,
  relationshipStatement,
  schemaStatements,
  type ParallelGroup,
  type PropertyPlan,
} from './statements.js';

/**
 * Rows per transaction, chosen by measurement (README, Neo4j, "Batch size"): on the dev
 * corpus graph scaled ×40 (15 720 nodes, 27 800 relationships) through the recording
 * session, relationship rows average 0.37 kB of parameters (HOLDS 0.58 kB, largest 2.1 kB);
 * 1 000 rows make 99 transactions whose largest carries 0.95 MB, against 625 transactions
 * at 100 rows, and larger batches only grow transactions (and lock sets) without saving
 * more round trips. `maxBatchBytes` still splits batches of long evidence sentences.
 */
export const DEFAULT_BATCH_SIZE = 1000;
/** Upper bound of one batch's parameters (JSON size), whatever the row count. */
export const DEFAULT_MAX_BATCH_BYTES = 2_000_000;

/** A problem found while planning, with the rule that found it (house style: messages, not exceptions). */
export interface PlanMessage {
  level: 'info' | 'warning' | 'error';
  message: string;
  rule: string;
}

export type Row = Record<string, unknown>;

/** One statement with its rows in batches. */
export interface StatementGroup {
  kind: 'nodes' | 'relationships' | 'recount';
  /** Human name for progress and errors: `Person`, `HOLDS (Person→Office)`, `Person articleCount`. */
  name: string;
  /** Node label (nodes, recount) or relationship type (relationships). */
  target: string;
  statement: string;
  rowCount: number;
  batches: BatchList;
}

/**
 * A group's batches, built when read: `at(i)` makes the rows of batch i from the graph each
 * time (a plan of 100k articles held as rows would be a second copy of the graph). Their
 * boundaries are fixed when the plan is made, so `length` and `offset(i)` are known up front.
 */
export interface BatchList extends Iterable<Row[]> {
  readonly length: number;
  /** The rows of batch `i` (negative counts from the end), or undefined past the end. */
  at(i: number): Row[] | undefined;
  /** How many rows come before batch `i`. */
  offset(i: number): number;
  /**
   * The rows of batch `i` one at a time: what a writer that renders row by row reads, so
   * that no batch of rows outlives the young generation (which promotes it to the old one).
   */
  rows(i: number): Iterable<Row>;
  /** `cypherLiteral` of each row of batch `i`, in order: what graph.cypher writes. */
  literals(i: number): Iterable<string>;
  /** Writes `literals(i)` joined with `separator` into `sink`: rows the plan can write as bytes are written so. */
  writeLiterals(i: number, separator: Uint8Array, sink: ByteSink): void;
}

/**
 * Shortcuts for rows that can be sized and written without being built (a resolver's
 * MENTIONS, read from its store): each gives undefined for a row it cannot do.
 */
interface RowShortcuts {
  /** `jsonByteLength` of row i. */
  size(i: number): number | undefined;
  /** `cypherLiteral` of row i. */
  literal(i: number): string | undefined;
  /** Writes `literal(i)` into `sink` and says true, or writes nothing and says false. */
  writeLiteral(i: number, sink: ByteSink): boolean;
}

/**
 * The Cypher literals of rows built while a plan was sized, as UTF-8 in large off-heap blocks,
 * up to a budget of bytes: a writer of graph.cypher then copies them instead of building each
 * row again (rows the budget leaves out are built again, as without it). Bytes, not strings
 * or rows, so nothing kept adds to the garbage collector's work. A row is measured (its JSON
 * size, for the batch cut) in the same walk that encodes its literal: a string that neither
 * format escapes is `'…'` in one and `"…"` in the other, the bytes the encoder reports + 2.
 */
class KeptLiterals {
  private readonly blocks: Buffer[] = [];
  private block = Buffer.alloc(0);
  private used = 0;
  /** Where the row being written starts in `block`. */
  private rowStart = 0;
  /** The last row kept: where (block number × 2^32 + offset), its length and its JSON size. */
  keptAt = 0;
  keptLength = 0;
  keptJsonBytes = 0;
  constructor(private budget: number) {}

  /**
   * Encodes `row`'s cypherLiteral and measures its jsonByteLength (read them in keptAt,
   * keptLength, keptJsonBytes); false, with nothing kept, past the budget or for a value
   * the walk does not cover (the caller then measures the row as before).
   */
  keep(row: Row): boolean {
    if (this.budget <= 0) return false;
    this.rowStart = this.used;
    const json = this.value(row);
    if (json < 0) {
      this.used = this.rowStart;
      return false;
    }
    this.keptAt = (this.blocks.length - 1) * 2 ** 32 + this.rowStart;
    this.keptLength = this.used - this.rowStart;
    this.keptJsonBytes = json;
    this.budget -= this.keptLength;
    return true;
  }

  /** Writes the literal kept at `at` (of `length` bytes) into `sink`. */
  write(at: number, length: number, sink: ByteSink): void {
    const block = this.blocks[Math.floor(at / 2 ** 32)]!;
    const from = at % 2 ** 32;
    sink.bytesFrom(block, from, from + length);
  }

  /** Room for `n` more bytes of the current row: a new block (the row so far moved into it) when full. */
  private room(n: number): void {
    if (this.used + n <= this.block.length) return;
    const sofar = this.used - this.rowStart;
    const next = Buffer.allocUnsafeSlow(Math.max(KEPT_BLOCK_BYTES, 2 * (sofar + n)));
    this.block.copy(next, 0, this.rowStart, this.used);
    this.blocks.push(next);
    this.block = next;
    this.rowStart = 0;
    this.used = sofar;
  }

  /** Writes ASCII `text` byte by byte: for a few bytes, cheaper than a call into the encoder. */
  private ascii(text: string): void {
    this.room(text.length);
    const block = this.block;
    let at = this.used;
    for (let i = 0; i < text.length; i++) block[at++] = text.charCodeAt(i);
    this.used = at;
  }

  /** Writes the decimal digits of a non-negative 31-bit integer (its String()) and says how many. */
  private digits(v: number): number {
    const count = digitCount(v);
    this.room(count);
    putDigits(this.block, this.used, count, v);
    this.used += count;
    return count;
  }

  /**
   * Writes a short string of printable ASCII that neither format escapes as `'…'` and says
   * true, or writes nothing and says false.
   */
  private plainAscii(v: string): boolean {
    this.room(v.length + 2);
    const block = this.block;
    let at = this.used;
    block[at++] = QUOTE;
    for (let i = 0; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x27 || c === 0x5c) return false;
      block[at++] = c;
    }
    block[at++] = QUOTE;
    this.used = at;
    return true;
  }

  /**
   * Writes the literal of a list of strings neither format escapes, `['a', 'b']`, with one call
   * into the encoder, and says its JSON size; writes nothing and says -1 for any other list.
   * Evidence lists (sentences, dates, article ids) are most of a relationship row's items,
   * and one regex test and one encoding per list cost less than per item.
   */
  private plainStrings(v: readonly unknown[]): number {
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return -1;
    // A character is escaped or not by itself, so the items joined test as each would.
    if (ESCAPED_BY_EITHER.test(v.join(''))) return -1;
    const text = v.join("', '");
    this.room(text.length * 3 + 4);
    const block = this.block;
    const start = this.used;
    block[start] = OPEN_BRACKET;
    block[start + 1] = QUOTE;
    const n = block.write(text, start + 2, 'utf8');
    block[start + 2 + n] = QUOTE;
    block[start + 3 + n] = CLOSE_BRACKET;
    this.used = start + n + 4;
    // JSON has `","` (3 bytes) between items where the literal has `', '` (4).
    return n + 4 - (v.length - 1);
  }

  /** Writes `cypherLiteral(v)`; the size of `JSON.stringify(v)` in UTF-8, or -1 for a value not covered. */
  private value(v: unknown): number {
    if (typeof v === 'string') {
      // Ids, dates and file names: a byte loop; sentences: the encoder.
      if (v.length <= SHORT_ASCII && this.plainAscii(v)) return v.length + 2;
      // Longer ones are encoded first and then checked: an ASCII string (as many bytes as
      // units) by its bytes, which costs less than reading it unit by unit; others by the regex.
      this.room(v.length * 3 + 2);
      const block = this.block;
      const start = this.used;
      block[start] = QUOTE;
      const n = block.write(v, start + 1, 'utf8');
      if (n === v.length ? plainBytes(block, start + 1, start + 1 + n) : !ESCAPED_BY_EITHER.test(v)) {
        block[start + 1 + n] = QUOTE;
        this.used = start + n + 2;
        return n + 2;
      }
      // Escaped: the bytes written are overwritten.
      const literal = cypherString(v);
      this.room(literal.length * 3);
      this.used += this.block.write(literal, this.used, 'utf8');
      return jsonStringByteLength(v);
    }
    if (typeof v === 'number') {
      // Offsets and counts: digits straight into the block, no string made.
      if (v >= 0 && v <= 0x7fffffff && (v | 0) === v) return this.digits(v);
      if (!Number.isFinite(v)) return -1;
      const text = String(v);
      this.ascii(Number.isInteger(v) || /[.eE]/.test(text) ? text : `${text}.0`);
      return text.length;
    }
    if (typeof v === 'boolean') {
      this.ascii(v ? 'true' : 'false');
      return v ? 4 : 5;
    }
    if (Array.isArray(v)) {
      if (v.length > 1) {
        const json = this.plainStrings(v);
        if (json >= 0) return json;
      }
      this.ascii('[');
      let json = v.length ? v.length + 1 : 2;
      for (let i = 0; i < v.length; i++) {
        if (i) this.ascii(', ');
        const n = this.value(v[i]);
        if (n < 0) return -1;
        json += n;
      }
      this.ascii(']');
      return json;
    }
    if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
      this.ascii('{');
      let json = 2;
      let members = 0;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const item: unknown = (v as Record<string, unknown>)[k];
        // JSON leaves out what the literal writes as null: not covered.
        if (item === undefined || typeof item === 'function' || typeof item === 'symbol') return -1;
        const key = memberHead(k);
        this.room(key.bytes.length + 2);
        const block = this.block;
        let at = this.used;
        if (members) {
          block[at++] = COMMA;
          block[at++] = SPACE;
        }
        // A handful of property names on every row: copied byte by byte, measured once.
        const head = key.bytes;
        for (let b = 0; b < head.length; b++) block[at++] = head[b]!;
        this.used = at;
        const n = this.value(item);
        if (n < 0) return -1;
        json += key.jsonBytes + n;
        members++;
      }
      this.ascii('}');
      return members ? json + members - 1 : json;
    }
    return -1;
  }
}

/** A map member's head in both formats: `key: ` as Cypher UTF-8 bytes, and the JSON size of `"key":`. */
interface MemberHead {
  bytes: Buffer;
  jsonBytes: number;
}

/** Property names repeat on every row: each one's head is made once (bounded like mapKey's cache). */
const MEMBER_HEADS = new Map<string, MemberHead>();

function memberHead(k: string): MemberHead {
  let head = MEMBER_HEADS.get(k);
  if (head === undefined) {
    head = { bytes: Buffer.from(mapKey(k) + ': ', 'utf8'), jsonBytes: jsonStringByteLength(k) + 1 };
    if (MEMBER_HEADS.size < 10_000) MEMBER_HEADS.set(k, head);
  }
  return head;
}

const COMMA = 0x2c;
const SPACE = 0x20;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** A character cypherString or JSON.stringify writes other than as itself (any surrogate, to be safe). */
const ESCAPED_BY_EITHER = /[\\'"\u0000-\u001f\u007f\u2028\u2029\ud800-\udfff]/;
const QUOTE = 0x27;
/** Strings up to this long are first tried as plain ASCII, unit by unit. */
const SHORT_ASCII = 16;

/** Whether the ASCII bytes `block[from..to)` hold nothing either format escapes. */
function plainBytes(block: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = block[i]!;
    if (c < 0x20 || c === 0x7f || c === 0x22 || c === 0x27 || c === 0x5c) return false;
  }
  return true;
}

/** Size of KeptLiterals' blocks (a longer literal gets a block of its own). */
const KEPT_BLOCK_BYTES = 1 << 22;

/** Where a group's rows' literals are among the plan's KeptLiterals (-1: not kept). */
/**
 * Where each row's kept literal is (-1: not kept), up to the last row kept: a group's rows past
 * it (a store's MENTIONS, written by shortcuts; rows past the budget) take no entry, which at
 * 100k articles was ~37 MB of -1s for the MENTIONS alone.
 */
interface KeptRows {
  literals: KeptLiterals;
  at: number[];
  lengths: number[];
}

class LazyBatches implements BatchList {
  constructor(
    /** Row index where each batch starts, and the row count at the end. */
    private readonly bounds: number[],
    private readonly row: (i: number) => Row,
    private readonly shortcuts?: RowShortcuts,
    private readonly kept?: KeptRows,
  ) {}
  *literals(i: number): Generator<string> {
    for (let r = this.bounds[i]!; r < this.bounds[i + 1]!; r++) yield this.shortcuts?.literal(r) ?? cypherLiteral(this.row(r));
  }
  writeLiterals(i: number, separator: Uint8Array, sink: ByteSink): void {
    const shortcuts = this.shortcuts;
    const kept = this.kept;
    for (let r = this.bounds[i]!; r < this.bounds[i + 1]!; r++) {
      if (r > this.bounds[i]!) sink.bytes(separator);
      if (kept && r < kept.at.length && kept.at[r]! >= 0) kept.literals.write(kept.at[r]!, kept.lengths[r]!, sink);
      else if (!shortcuts?.writeLiteral(r, sink)) sink.text(cypherLiteral(this.row(r)));
    }
  }
  get length(): number {
    return this.bounds.length - 1;
  }
  at(i: number): Row[] | undefined {
    if (i < 0) i += this.length;
    if (i < 0 || i >= this.length) return undefined;
    return [...this.rows(i)];
  }
  offset(i: number): number {
    return this.bounds[i]!;
  }
  *rows(i: number): Generator<Row> {
    for (let r = this.bounds[i]!; r < this.bounds[i + 1]!; r++) yield this.row(r);
  }
  *[Symbol.iterator](): Iterator<Row[]> {
    for (let i = 0; i < this.length; i++) yield this.at(i)!;
  }
}

/**
 * Where batches start, given each of the `n` rows' UTF-8 JSON size (the cut of cutBatches).
 * The sizes come from a function called in order, not a generator: the generator's body,
 * inlined here, met calls it had no feedback for at each new group and threw the compiled
 * loop away (~30 times per build).
 */
function cutBounds(n: number, sizeOf: (i: number) => number, size: number, maxBytes: number): number[] {
  const bounds: number[] = [0];
  let rows = 0;
  let count = 0;
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const b = sizeOf(i);
    if (count && (count >= size || bytes + b > maxBytes)) {
      bounds.push(rows);
      count = 0;
      bytes = 0;
    }
    count++;
    rows++;
    bytes += b;
  }
  if (count) bounds.push(rows);
  return bounds;
}

/**
 * Rows kept from sizing to reading, in bytes of JSON: a plan whose rows all fit keeps them
 * (each row built once, as before batches were lazy: a corpus of about 1 000 articles);
 * a larger plan keeps none and builds each row again when read. All or nothing, and
 * decided up front by the graph's size (DEFAULT_ROW_CACHE_ELEMENTS): rows kept for a while
 * make V8 allocate every later row of the same code in the old generation, where the ones
 * thrown away piled up to gigabytes while a plan of 100k articles was sized.
 */
export const DEFAULT_ROW_CACHE_BYTES = 32_000_000;
/** Graphs with more nodes and relationships than this keep no rows (see DEFAULT_ROW_CACHE_BYTES). */
export const DEFAULT_ROW_CACHE_ELEMENTS = 100_000;

interface RowCache {
  bytes: number;
  /** Every group's kept rows, emptied when the budget runs out. */
  kept: Row[][];
  off: boolean;
}

/**
 * Batches of `n` items whose rows `row(i, messages)` makes: built once here to size them
 * (and collect their messages), kept while the plan's `cache` lasts, else built again when read.
 */
function lazyBatches(
  n: number,
  row: (i: number, messages: PlanMessage[] | null) => Row,
  messages: PlanMessage[],
  size: number,
  maxBytes: number,
  cache: RowCache,
  shortcuts?: RowShortcuts,
  literals?: KeptLiterals,
): LazyBatches {
  const kept: (Row | undefined)[] = [];
  if (!cache.off) cache.kept.push(kept as Row[]);
  const keptRows: KeptRows | undefined = literals ? { literals, at: [], lengths: [] } : undefined;
  // Called for rows 0, 1, … in order.
  const sizeOf = (i: number): number => {
    // A row the shortcuts size is neither built nor kept (nor has messages: see mentionShortcuts).
    const quick = shortcuts?.size(i);
    if (quick !== undefined) {
      if (!cache.off) kept.push(undefined);
      return quick;
    }
    const r = row(i, messages);
    let b: number;
    if (keptRows?.literals.keep(r)) {
      b = keptRows.literals.keptJsonBytes;
      while (keptRows.at.length < i) {
        keptRows.at.push(-1);
        keptRows.lengths.push(0);
      }
      keptRows.at.push(keptRows.literals.keptAt);
      keptRows.lengths.push(keptRows.literals.keptLength);
    } else b = jsonByteLength(r);
    if (!cache.off) {
      if (b <= cache.bytes) {
        kept.push(r);
        cache.bytes -= b;
      } else {
        cache.off = true;
        for (const k of cache.kept) k.length = 0;
      }
    }
    return b;
  };
  const bounds = cutBounds(n, sizeOf, size, maxBytes);
  // Read again, a row's messages are not collected twice.
  return new LazyBatches(bounds, (i) => (cache.off ? undefined : kept[i]) ?? row(i, null), shortcuts, keptRows);
}

export interface LoadPlan {
  /** Constraints and indexes, then the index wait. */
  schema: string[];
  /** Node groups first, then relationship groups, then recounts. */
  groups: StatementGroup[];
  messages: PlanMessage[];
}

export interface PlanOptions {
  schema?: CypherSchema;
  batchSize?: number;
  maxBatchBytes?: number;
  /** Bytes (as JSON) of rows kept between planning and reading; default DEFAULT_ROW_CACHE_BYTES. */
  rowCacheBytes?: number;
  /**
   * Bytes (UTF-8) of rows' Cypher literals made while sizing and kept for `writeLiterals`
   * (what writes graph.cypher), so those rows are not built again; default 0 (a loader
   * reads rows, not literals).
   */
  literalCacheBytes?: number;
}

const DATE = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/** Whether the 10 units of `s` are `DDDD-DD-DD` with ASCII digits (what DATE's group matches). */
function isPlainDate(s: string): boolean {
  for (let i = 0; i < 10; i++) {
    const c = s.charCodeAt(i);
    if (i === 4 || i === 7 ? c !== 0x2d : c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Coerces one scalar to the declared type, or undefined when it does not fit. */
function scalar(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type) {
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    case 'int': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? Math.trunc(n) : undefined;
    }
    case 'float': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'date': {
      if (typeof value !== 'string') return undefined;
      // Most dates are exactly YYYY-MM-DD: the value itself, without a match array made.
      if (value.length === 10 && isPlainDate(value)) return value;
      const m = DATE.exec(value);
      return m ? m[1] : undefined;
    }
    default:
      return undefined;
  }
}

/** Filler for a missing item of a parallel list: Neo4j lists cannot hold null. */
function filler(type: string): unknown {
  return type === 'int' || type === 'float' ? -1 : '';
}

/**
 * Where a row comes from, for messages. `where` is spelled out only when a message is made
 * (a JSON.stringify per row was a good part of planning), and `messages` is null when the
 * row is built again to be read: its messages were collected when the plan was made.
 */
interface RowContext {
  kind: 'node' | 'relationship';
  id: string;
  /** Node label or relationship type. */
  what: string;
  messages: PlanMessage[] | null;
}

function where(ctx: RowContext): string {
  return `${ctx.kind} ${JSON.stringify(ctx.id)} (${ctx.what})`;
}

function relationshipWhere(rel: { id: string; type: string }): string {
  return `relationship ${JSON.stringify(rel.id)} (${rel.type})`;
}

function bad(ctx: RowContext, name: string, type: string, value: unknown): void {
  ctx.messages?.push({
    level: 'warning',
    message: `${where(ctx)}: property ${name} dropped. Expecting ${type} but got ${JSON.stringify(value)}`,
    rule: 'cypher/property-type',
  });
}

/** A merge rule with the scalar type its values are coerced to, worked out once per plan. */
interface PreparedRule {
  name: string;
  union: boolean;
  type: string;
}

/** A parallel group with its list names, types and identity positions looked up once. */
interface PreparedGroup {
  group: ParallelGroup;
  names: string[];
  types: string[];
  /** Positions (in `names`) of the lists that identify an item. */
  identityAt: number[];
}

/** A property plan ready for `buildRow`: what used to be looked up again for every row. */
interface RowPlan {
  declared: Record<string, string>;
  rules: PreparedRule[];
  group: PreparedGroup | null;
}

/** The type names `scalar` switches on, as this module's own (internalised) strings. */
const SCALAR_TYPE_NAMES = ['string', 'int', 'float', 'boolean', 'date'];

/**
 * `type` as the equal string of SCALAR_TYPE_NAMES: the schema's type names come from the YAML
 * parser as strings V8 has not internalised, so every `case` of scalar's switch, per list item,
 * compared them character by character instead of by identity.
 */
function scalarTypeName(type: string): string {
  return SCALAR_TYPE_NAMES.find((known) => known === type) ?? type;
}

/** `name` internalised (an object's own key is), so reading and setting it on each row finds it by identity. */
function propertyKey(name: string): string {
  return Object.keys({ [name]: true })[0]!;
}

/** Prepares `plan` (of properties `declared`) for building rows. */
function rowPlan(plan: PropertyPlan, declared: Record<string, string>): RowPlan {
  const rules = plan.rules.map((rule) => ({
    name: propertyKey(rule.name),
    union: rule.kind === 'union',
    type: scalarTypeName(rule.kind === 'latest' || rule.kind === 'union' ? rule.type : rule.kind === 'max' ? 'int' : 'date'),
  }));
  let group: PreparedGroup | null = null;
  if (plan.group) {
    const g = plan.group;
    group = {
      group: g,
      names: g.lists.map((l) => propertyKey(l.name)),
      types: g.lists.map((l) => scalarTypeName(l.type)),
      identityAt: g.identity.map((name) => g.lists.findIndex((l) => l.name === name)),
    };
  }
  return { declared, rules, group };
}

/**
 * Builds the parameter row of one node or relationship from its properties and merge plan:
 * `row` comes in holding the key (and a relationship's endpoints) and gets the properties.
 */
function buildRow(row: Row, properties: Record<string, unknown>, plan: RowPlan, ctx: RowContext): Row {
  for (const rule of plan.rules) {
    const value = properties[rule.name];
    if (value === null || value === undefined) continue;
    const type = rule.type;
    if (rule.union) {
      const items = Array.isArray(value) ? value : [value];
      const out: unknown[] = [];
      // A Set past a few items: `includes` made this quadratic, and a relationship's `sources`
      // holds every article that states it (tens of thousands at 100k articles). Both compare
      // by SameValueZero, so the list is the same.
      const seen = items.length > 16 ? new Set<unknown>() : null;
      for (const item of items) {
        const v = scalar(item, type);
        if (v === undefined) {
          if (item !== null && item !== undefined) bad(ctx, rule.name, `${type}[]`, item);
        } else if (seen ? !seen.has(v) : !out.includes(v)) {
          seen?.add(v);
          out.push(v);
        }
      }
      row[rule.name] = out;
    } else {
      const v = scalar(value, type);
      if (v === undefined) bad(ctx, rule.name, type, value);
      else row[rule.name] = v;
    }
  }
  if (plan.group) groupLists(row, properties, plan.group, ctx);
  if (ctx.messages) {
    for (const name in properties) {
      if (!Object.prototype.hasOwnProperty.call(properties, name)) continue;
      if (!(name in plan.declared)) {
        ctx.messages.push({
          level: 'warning',
          message: `${where(ctx)}: property ${name} is not declared in schema/graph.yaml; not loaded`,
          rule: 'cypher/undeclared-property',
        });
      }
    }
  }
  return row;
}

const NO_ITEMS: readonly unknown[] = [];

/**
 * Items of a group up to this many are checked for repeats against the ones kept, one by
 * one; more go through a Set of identity keys.
 */
const LINEAR_DEDUP_MAX = 16;

/**
 * The parallel lists of an evidence or occurrence group, item by item, set on `row` in the
 * group's list order: every list gets the same length (a missing item becomes a filler),
 * and an item repeated with the same identity is kept once, so the statement's "skip what
 * is already there" sees clean sets.
 *
 * Two items have the same identity when their identity values are `===` pairwise: the same
 * test as comparing their JSON texts, as this did, since every value is a string, a finite
 * number or a boolean (JSON gives -0 and 0 the same text, and `===` holds them equal).
 */
function groupLists(row: Row, properties: Record<string, unknown>, prepared: PreparedGroup, ctx: RowContext): void {
  const { names, types, identityAt } = prepared;
  const width = names.length;
  const lists: (readonly unknown[])[] = new Array(width);
  let ragged = false;
  for (let k = 0; k < width; k++) {
    const v = properties[names[k]!];
    lists[k] = Array.isArray(v) ? v : NO_ITEMS;
  }
  const n = lists[0]!.length;
  for (let k = 0; k < width; k++) if (lists[k]!.length !== n && (lists[k]!.length > 0 || k === 0)) ragged = true;
  if (ragged && ctx.messages) {
    ctx.messages.push({
      level: 'warning',
      message: `${where(ctx)}: parallel lists of different lengths (${names.map((name, i) => `${name} ${lists[i]!.length}`).join(', ')}); cut or filled to ${n}`,
      rule: 'cypher/ragged-lists',
    });
  }
  const outs: unknown[][] = new Array(width);
  for (let k = 0; k < width; k++) {
    outs[k] = [];
    row[names[k]!] = outs[k];
  }
  const item: unknown[] = new Array(width);
  // Past a few items, the kept ones by their first identity value (an evidence item's article,
  // an occurrence's start), each compared with the rest of its identity only against those:
  // no key text per item, and a Map hashes a string once (the hash stays with the string).
  // Map keys match by SameValueZero, which is `===` on the values scalar() and filler() give
  // (never NaN).
  const byFirst = n > LINEAR_DEDUP_MAX ? new Map<unknown, number[]>() : null;
  const firstAt = identityAt[0];
  let kept = 0;
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < width; k++) item[k] = scalar(lists[k]![i], types[k]!) ?? filler(types[k]!);
    if (byFirst) {
      const first = firstAt === undefined ? undefined : item[firstAt];
      const candidates = byFirst.get(first);
      if (candidates) {
        if (keptAmong(outs, item, identityAt, candidates)) continue;
        candidates.push(kept);
      } else byFirst.set(first, [kept]);
    } else if (keptBefore(outs, item, identityAt, kept)) continue;
    for (let k = 0; k < width; k++) outs[k]!.push(item[k]);
    kept++;
  }
}

/** Whether the item at position `j` of `outs` has `item`'s identity. */
function sameIdentity(outs: unknown[][], item: unknown[], identityAt: number[], j: number): boolean {
  for (const k of identityAt) if (outs[k]![j] !== item[k]) return false;
  return true;
}

/** Whether one of the first `kept` items of `outs` has `item`'s identity. */
function keptBefore(outs: unknown[][], item: unknown[], identityAt: number[], kept: number): boolean {
  for (let j = 0; j < kept; j++) if (sameIdentity(outs, item, identityAt, j)) return true;
  return false;
}

/** Whether one of the kept items at `positions` of `outs` has `item`'s identity. */
function keptAmong(outs: unknown[][], item: unknown[], identityAt: number[], positions: number[]): boolean {
  for (const j of positions) if (sameIdentity(outs, item, identityAt, j)) return true;
  return false;
}

/** The occurrence lists of a MENTIONS row, in the order the plan writes them. */
const OCCURRENCE_LISTS = ['starts', 'ends', 'texts', 'rules'];
const OCCURRENCE_TYPES = ['int', 'int', 'string', 'string'];
/** What a MENTIONS made from the store holds (see MentionStore.get). */
const MENTION_PROPERTIES = ['id', 'count', 'starts', 'ends', 'texts', 'rules'];

const textSize = (value: string | undefined) => jsonStringByteLength(value ?? '');
const textLiteral = (value: string | undefined) => cypherString(value ?? '');
const offsetSize = (offset: number) => jsonByteLength(offset);

/**
 * Shortcuts for the MENTIONS rows of a resolver's graph: sized and written from its store
 * (offsets, and each distinct text and rule measured and quoted once) rather than made,
 * built and walked, when the row buildRow would make is known without building it: the
 * plan keeps the occurrence lists as they are (no other property, the schema's order and
 * types, identity start + end + rule, every property declared, so no message), and no two
 * spans of the MENTIONS share their identity (nothing dropped). Otherwise undefined.
 */
function mentionShortcuts(rels: Graph['relationships'], positions: number[], plan: RowPlan, weights: () => SpanWeights | undefined): RowShortcuts | undefined {
  const store = rels.mentionStore;
  const indexOf = rels.mentionIndex;
  const group = plan.group;
  if (!store || !indexOf || !group || plan.rules.length) return undefined;
  if (group.names.join() !== OCCURRENCE_LISTS.join() || group.types.join() !== OCCURRENCE_TYPES.join()) return undefined;
  if ([...group.identityAt].sort().join() !== '0,1,3') return undefined;
  if (!MENTION_PROPERTIES.every((p) => p in plan.declared)) return undefined;
  // Row i's MENTIONS, or -1 for a row the shortcuts do not do: worked out once per row (-2: not yet).
  const mentionOfRow = new Int32Array(positions.length).fill(-2);
  const mention = (i: number) => {
    let m = mentionOfRow[i]!;
    if (m === -2) {
      m = indexOf(positions[i]!);
      if (m >= 0 && store.repeatsOccurrence(m)) m = -1;
      mentionOfRow[i] = m;
    }
    return m;
  };
  const spanWeights = weights();
  // `"key":` of each of the row's seven members, plus the braces and six commas.
  const frame = ['id', 'start', 'end', ...OCCURRENCE_LISTS].reduce((n, k) => n + jsonStringByteLength(k) + 1, 2 + 6);
  const listSize = (count: number, items: number) => 2 + items + (count ? count - 1 : 0);
  // Endpoints repeat across rows: each one's JSON measured, and literal encoded, once.
  // Indexed by the endpoint's place in the store's values, -1 until measured: no Map lookup per row.
  const startSizes = new Int32Array(store.startValues.length).fill(-1);
  const endSizes = new Int32Array(store.endValues.length).fill(-1);
  const sizeOf = (sizes: Int32Array, index: number, id: string) => {
    let n = sizes[index]!;
    if (n < 0) sizes[index] = n = jsonStringByteLength(id);
    return n;
  };
  // Each endpoint encoded with the constant text around it: fewer, larger copies per row.
  const startLiterals = new EncodedValues(store.startValues, (id) => "', start: " + cypherString(id!) + ', end: ');
  const endLiterals = new EncodedValues(store.endValues, (id) => cypherString(id!) + ', starts: [');
  const textLiterals = new EncodedValues(store.textValues, textLiteral);
  const ruleLiterals = new EncodedValues(store.ruleValues, textLiteral);
  return {
    size(i) {
      const m = mention(i);
      if (m < 0) return undefined;
      const count = store.count(m);
      const head =
        frame +
        // `"mentions:` and 16 hex digits`"`.
        MENTION_ID_JSON_BYTES +
        sizeOf(startSizes, store.startIndex(m), store.start(m)) +
        sizeOf(endSizes, store.endIndex(m), store.end(m));
      // The four lists' brackets and commas, and their items in one pass over the spans.
      if (spanWeights) return head + 4 * listSize(count, 0) + store.spansWeight(m, spanWeights.texts, spanWeights.rules);
      return (
        head +
        listSize(count, store.offsetsWeight(m, 'starts', offsetSize)) +
        listSize(count, store.offsetsWeight(m, 'ends', offsetSize)) +
        listSize(count, store.stringsWeight(m, 'texts', textSize)) +
        listSize(count, store.stringsWeight(m, 'rules', textSize))
      );
    },
    literal(i) {
      const m = mention(i);
      if (m < 0) return undefined;
      return (
        `{id: ${cypherString(store.id(m))}, start: ${cypherString(store.start(m))}, end: ${cypherString(store.end(m))}` +
        `, starts: [${store.offsetsJoined(m, 'starts', ', ')}], ends: [${store.offsetsJoined(m, 'ends', ', ')}]` +
        `, texts: [${store.stringsJoined(m, 'texts', ', ', textLiteral)}], rules: [${store.stringsJoined(m, 'rules', ', ', textLiteral)}]}`
      );
    },
    writeLiteral(i, sink) {
      const m = mention(i);
      if (m < 0) return false;
      // An id is `mentions:` and hex digits: its literal is itself in quotes.
      sink.bytes(LITERAL_HEAD);
      store.writeId(m, sink);
      sink.bytes(startLiterals.at(store.startIndex(m)));
      sink.bytes(endLiterals.at(store.endIndex(m)));
      store.writeLists(m, LIST_SEPARATOR, LITERAL_LIST_GLUE, textLiterals, ruleLiterals, sink);
      sink.bytes(LITERAL_TAIL);
      return true;
    },
  };
}

/** The JSON size of each of a store's texts and rules, by index (for MentionStore.spansWeight). */
interface SpanWeights {
  texts: Int32Array;
  rules: Int32Array;
}

/**
 * The JSON sizes of the store's texts and rules, measured once per plan when the first MENTIONS
 * group asks; undefined for a store whose spans name a text or rule it does not have (those
 * rows are measured as before: a missing one counts as '').
 */
function spanWeightsOf(store: MentionStore | undefined): () => SpanWeights | undefined {
  let weights: SpanWeights | undefined;
  let measured = false;
  return () => {
    if (!measured) {
      measured = true;
      if (store?.wellTyped()) weights = { texts: Int32Array.from(store.textValues, textSize), rules: Int32Array.from(store.ruleValues, textSize) };
    }
    return weights;
  };
}

/** The JSON size of a MENTIONS id (`"mentions:` + 16 hex digits + `"`, as MentionStore keeps them). */
const MENTION_ID_JSON_BYTES = MENTIONS_PREFIX.length + 16 + 2;
const LITERAL_HEAD = Buffer.from("{id: '");
/** Between a MENTIONS row's lists in a Cypher map literal (MentionStore.writeLists). */
const LITERAL_LIST_GLUE = { toEnds: Buffer.from('], ends: ['), toTexts: Buffer.from('], texts: ['), toRules: Buffer.from('], rules: [') };
const LITERAL_TAIL = Buffer.from(']}');
const LIST_SEPARATOR = Buffer.from(', ');

/** Cuts rows into batches of at most `size` rows and at most `maxBytes` of UTF-8 JSON (a longer single row gets a batch of its own). */
export function cutBatches(rows: Row[], size: number, maxBytes: number): Row[][] {
  const batches: Row[][] = [];
  let current: Row[] = [];
  let bytes = 0;
  for (const row of rows) {
    const b = jsonByteLength(row);
    if (current.length && (current.length >= size || bytes + b > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += b;
  }
  if (current.length) batches.push(current);
  return batches;
}

/** Plans the load of `graph`: statements from the schema, rows from the graph, cut into batches. */
export function planLoad(graph: Graph, options: PlanOptions = {}): LoadPlan {
  const schema = options.schema ?? readGraphSchema();
  const size = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`planLoad: batchSize must be a positive integer, not ${size}`);
  const maxBytes = options.maxBatchBytes ?? DEFAULT_MAX_BATCH_BYTES;
  const messages: PlanMessage[] = [];
  const groups: StatementGroup[] = [];
  const budget: RowCache = {
    bytes: options.rowCacheBytes ?? DEFAULT_ROW_CACHE_BYTES,
    kept: [],
    off: graph.nodes.length + graph.relationships.length > DEFAULT_ROW_CACHE_ELEMENTS,
  };
  const literals = options.literalCacheBytes ? new KeptLiterals(options.literalCacheBytes) : undefined;

  const byLabel = new Map<string, GraphNode[]>();
  const rels = graph.relationships;
  const labelOf = new Map<string, string>();
  for (const node of graph.nodes) {
    if (!schema.nodes[node.label]) {
      messages.push({ level: 'error', message: `node ${JSON.stringify(node.id)}: label ${node.label} is not in the schema; not loaded`, rule: 'cypher/unknown-label' });
      continue;
    }
    labelOf.set(node.id, node.label);
    (byLabel.get(node.label) ?? byLabel.set(node.label, []).get(node.label)!).push(node);
  }
  for (const [label, ns] of Object.entries(schema.nodes)) {
    const nodes = byLabel.get(label);
    if (!nodes?.length) continue;
    const plan = rowPlan(propertyPlan(ns.properties, ns.key), ns.properties);
    const row = (i: number, sink: PlanMessage[] | null) => {
      const node = nodes[i]!;
      return buildRow({ [ns.key]: node.id }, node.properties, plan, { kind: 'node', id: node.id, what: label, messages: sink });
    };
    groups.push({ kind: 'nodes', name: label, target: label, statement: nodeStatement(schema, label), rowCount: nodes.length, batches: lazyBatches(nodes.length, row, messages, size, maxBytes, budget, undefined, literals) });
  }

  // Relationships by position in the list, not as objects: MENTIONS are made on read.
  const byEnds = new Map<string, number[]>();
  // Type and endpoints read by position (typeAt…): the relationship is made only for a message.
  // A store's MENTIONS whose endpoints' labels fit the schema find their group by the
  // endpoints' places in the store (labels looked up once per node): no key text per MENTIONS.
  const store = rels.mentionStore;
  const mentionIndex = rels.mentionIndex;
  const mentionSchema = schema.relationships[MENTION_TYPE];
  const labelNames = Object.keys(schema.nodes);
  // Per endpoint, the number of its label in labelNames when MENTIONS may start (or end) there, else -1.
  const labelNumbers = (ids: readonly string[], allowed: readonly string[]) =>
    Int32Array.from(ids, (id) => {
      const label = labelOf.get(id);
      return label !== undefined && allowed.includes(label) ? labelNames.indexOf(label) : -1;
    });
  const startNumbers = store && mentionIndex && mentionSchema ? labelNumbers(store.startValues, mentionSchema.from) : undefined;
  const endNumbers = store && mentionIndex && mentionSchema ? labelNumbers(store.endValues, mentionSchema.to) : undefined;
  const mentionPositions = new Map<number, number[]>();
  for (let position = 0; position < rels.length; position++) {
    const mention = startNumbers ? mentionIndex!(position) : -1;
    if (mention >= 0) {
      const from = startNumbers![store!.startIndex(mention)] ?? -1;
      const to = endNumbers![store!.endIndex(mention)] ?? -1;
      if (from >= 0 && to >= 0) {
        const pair = from * labelNames.length + to;
        let list = mentionPositions.get(pair);
        if (!list) {
          const k = `${MENTION_TYPE}\u0000${labelNames[from]}\u0000${labelNames[to]}`;
          list = byEnds.get(k) ?? byEnds.set(k, []).get(k)!;
          mentionPositions.set(pair, list);
        }
        list.push(position);
        continue;
      }
    }
    const type = typeAt(rels, position);
    const start = startAt(rels, position);
    const end = endAt(rels, position);
    const rs = schema.relationships[type];
    if (!rs) {
      messages.push({ level: 'error', message: `${relationshipWhere(rels.at(position)!)}: type is not in the schema; not loaded`, rule: 'cypher/unknown-type' });
      continue;
    }
    const from = labelOf.get(start);
    const to = labelOf.get(end);
    if (!from || !to) {
      messages.push({ level: 'error', message: `${relationshipWhere(rels.at(position)!)}: ${!from ? `start ${JSON.stringify(start)}` : `end ${JSON.stringify(end)}`} is not a node of the graph; not loaded`, rule: 'cypher/dangling-endpoint' });
      continue;
    }
    if (!rs.from.includes(from) || !rs.to.includes(to)) {
      messages.push({ level: 'error', message: `${relationshipWhere(rels.at(position)!)}: goes from ${from} to ${to}. Expecting from ${rs.from.join('|')} to ${rs.to.join('|')}; not loaded`, rule: 'cypher/endpoint-label' });
      continue;
    }
    const k = `${type}\u0000${from}\u0000${to}`;
    (byEnds.get(k) ?? byEnds.set(k, []).get(k)!).push(position);
  }
  let mentions = 0;
  const spanWeights = spanWeightsOf(store);
  for (const [type, rs] of Object.entries(schema.relationships)) {
    const plan = rowPlan(propertyPlan(rs.properties, 'id'), rs.properties);
    for (const from of rs.from) {
      for (const to of rs.to) {
        const positions = byEnds.get(`${type}\u0000${from}\u0000${to}`);
        if (!positions?.length) continue;
        if (type === MENTION_TYPE) mentions += positions.length;
        const row = (i: number, sink: PlanMessage[] | null) => {
          const rel = rels.at(positions[i]!)!;
          return buildRow({ id: rel.id, start: rel.start, end: rel.end }, rel.properties, plan, { kind: 'relationship', id: rel.id, what: type, messages: sink });
        };
        const shortcuts = type === MENTION_TYPE ? mentionShortcuts(rels, positions, plan, spanWeights) : undefined;
        groups.push({
          kind: 'relationships',
          name: `${type} (${from}→${to})`,
          target: type,
          statement: relationshipStatement(schema, type, from, to),
          rowCount: positions.length,
          batches: lazyBatches(positions.length, row, messages, size, maxBytes, budget, shortcuts, literals),
        });
      }
    }
  }
  if (mentions) {
    for (const label of Object.keys(schema.nodes)) {
      const nodes = byLabel.get(label);
      if (!nodes?.length || !hasRecount(schema, label)) continue;
      const key = schema.nodes[label].key;
      const row = (i: number) => ({ [key]: nodes[i]!.id });
      groups.push({ kind: 'recount', name: `${label} articleCount`, target: label, statement: recountStatement(schema, label), rowCount: nodes.length, batches: lazyBatches(nodes.length, row, messages, size, maxBytes, budget) });
    }
  }
  return { schema: [...schemaStatements(schema), AWAIT_INDEXES], groups, messages };
}
