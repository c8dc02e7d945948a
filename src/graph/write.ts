/**
 * Streaming file output for the exporters: lines go to disk through a write stream (with
 * back-pressure), never through one giant string, and the file appears under its final
 * name only when complete (written as `name.tmp-PID`, then renamed), so a crash never
 * leaves half a graph.json.
 *
 * Example: `const w = await openWriter('out/graph.json'); await w.write('{…}\n'); await w.close();`
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface FileWriter {
  path: string;
  /** Writes a chunk (buffered; on disk by `close()`). */
  write(chunk: string): Promise<void>;
  /**
   * The same block for writers that encode bytes themselves (pre-encoded pieces, digits):
   * synchronous, and in order with `write()`.
   */
  readonly sink: ByteSink;
  /** Flushes, closes and moves the file to its final name. */
  close(): Promise<void>;
  /** Closes and removes the temporary file (after an error). */
  abort(): Promise<void>;
}

/**
 * Bytes gathered before one write: big enough that writes are few, small enough that the
 * block is still in the core's cache when the kernel copies it (256 KiB measured ~7% less
 * export CPU than 1 MiB per 10k articles, A/B in both orders).
 */
const BLOCK_BYTES = 1 << 18;

/** `ByteSink.bytes` copies pieces up to this long by a loop, longer ones by set(). */
const SHORT_COPY = 16;

/**
 * Opens `path` for streamed, atomic writing (UTF-8, no BOM).
 *
 * Chunks are encoded straight into one reused block and written with synchronous writes (as
 * src/parallel/lines.ts does): a write stream made a new Buffer per chunk and, its buffer
 * being smaller than a chunk, waited for the thread pool's write after each one, which left
 * the export phase idle for a fifth of its time.
 */
export async function openWriter(path: string): Promise<FileWriter> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const sink = new ByteSink(openSync(tmp, 'w'));
  let closed = false;
  return {
    path,
    sink,
    async write(chunk) {
      if (closed) throw new Error(`openWriter: ${path} is already closed`);
      sink.text(chunk);
    },
    async close() {
      if (closed) return;
      sink.flush();
      closed = true;
      closeSync(sink.fd);
      await rename(tmp, path);
    },
    async abort() {
      if (!closed) {
        closed = true;
        closeSync(sink.fd);
      }
      await rm(tmp, { force: true });
    },
  };
}

/** How many decimal digits a non-negative integer has. */
export function digitCount(v: number): number {
  // Comparisons, not a division per digit: offsets and counts, most of the numbers the
  // exporters write, have 1 to 5 digits.
  if (v < 100000) return v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10000 ? 4 : 5;
  if (v < 1000000000) return v < 10000000 ? (v < 1000000 ? 6 : 7) : v < 100000000 ? 8 : 9;
  let count = 1;
  for (let rest = v; rest >= 10; rest = (rest / 10) | 0) count++;
  return count;
}

/** Writes the `count` decimal digits of a non-negative 31-bit integer (its String()) at block[start…]. */
export function putDigits(block: Uint8Array, start: number, count: number, v: number): void {
  let at = start + count;
  let rest = v;
  do {
    const q = (rest / 10) | 0;
    block[--at] = 48 + rest - q * 10;
    rest = q;
  } while (rest > 0);
}

/**
 * A file's output block: text is encoded into it, bytes copied in, and the block written
 * with writeSync when full. Exporters write their most repeated pieces (a MENTIONS row's
 * ids, texts and offsets) as bytes encoded once, with no string built or re-encoded per row.
 */
export class ByteSink {
  private readonly block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  private readonly view = new DataView(this.block.buffer, this.block.byteOffset, this.block.length);
  private used = 0;
  constructor(readonly fd: number) {}

  /** Writes out what the block holds. */
  flush(): void {
    for (let off = 0; off < this.used; ) off += writeSync(this.fd, this.block, off, this.used - off);
    this.used = 0;
  }

  /** Writes `s` as UTF-8 (a lone surrogate as U+FFFD, as Buffer.from does). */
  text(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2 units).
    const worst = s.length * 3;
    if (this.used + worst > this.block.length) this.flush();
    if (worst > this.block.length) {
      this.writeDirect(Buffer.from(s, 'utf8'));
      return;
    }
    this.used += this.block.write(s, this.used, 'utf8');
  }

  /** Writes one byte (an ASCII character's code). */
  byte(code: number): void {
    if (this.used + 1 > this.block.length) this.flush();
    this.block[this.used++] = code;
  }

  /** Writes `bytes` as they are. */
  bytes(bytes: Uint8Array): void {
    const n = bytes.length;
    if (this.used + n > this.block.length) {
      this.flush();
      if (n > this.block.length) {
        this.writeDirect(bytes);
        return;
      }
    }
    if (n <= SHORT_COPY) {
      // Separators, glue and ids, most of a MENTIONS row's pieces: a byte loop costs less
      // than set()'s call (~12 vs ~20 ns per piece measured).
      const block = this.block;
      let at = this.used;
      for (let i = 0; i < n; i++) block[at++] = bytes[i]!;
      this.used = at;
      return;
    }
    this.block.set(bytes, this.used);
    this.used += n;
  }

  /** Writes `bytes[from..to)` as they are (no subarray made). */
  bytesFrom(bytes: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (this.used + n > this.block.length) {
      this.flush();
      if (n > this.block.length) {
        this.writeDirect(bytes.subarray(from, to));
        return;
      }
    }
    this.block.set(bytes.subarray(from, to), this.used);
    this.used += n;
  }

  /** `bytesFrom` for a short piece (a few dozen bytes at most): a byte loop, no subarray made. */
  bytesShort(bytes: Uint8Array, from: number, to: number): void {
    if (this.used + (to - from) > this.block.length) this.flush();
    const block = this.block;
    let at = this.used;
    for (let i = from; i < to; i++) block[at++] = bytes[i]!;
    this.used = at;
  }

  /** Writes the 16 bytes of `bytes` from `from` (an id's hex digits): four 32-bit copies. */
  bytes16(bytes: DataView, from: number): void {
    if (this.used + 16 > this.block.length) this.flush();
    const view = this.view;
    const at = this.used;
    view.setInt32(at, bytes.getInt32(from));
    view.setInt32(at + 4, bytes.getInt32(from + 4));
    view.setInt32(at + 8, bytes.getInt32(from + 8));
    view.setInt32(at + 12, bytes.getInt32(from + 12));
    this.used = at + 16;
  }

  /** Writes `String(v)` of a number; a non-negative integer's digits go straight into the block. */
  number(v: number): void {
    if (!(v >= 0 && v <= 0x7fffffff && (v | 0) === v)) {
      this.text(String(v));
      return;
    }
    if (this.used + 10 > this.block.length) this.flush();
    const count = digitCount(v);
    putDigits(this.block, this.used, count, v);
    this.used += count;
  }

  private writeDirect(bytes: Uint8Array): void {
    for (let off = 0; off < bytes.length; ) off += writeSync(this.fd, bytes, off, bytes.length - off);
  }
}

/**
 * What a writer makes of each distinct string (a JSON string, an escaped list item), as UTF-8
 * made once: relationships' evidence lists repeat their sentences, dates and article ids
 * (~830k items, ~67k distinct per 10k articles), and rendering and encoding every item again
 * was most of writing those relationships. Past `limit` distinct strings new ones are written
 * without being kept, so the cache stays bounded on any corpus.
 */
export class RenderedStrings {
  private readonly cache = new Map<string, Uint8Array>();
  constructor(
    private readonly render: (s: string) => string,
    private readonly limit = 1_000_000,
  ) {}

  /** Writes `render(s)` into `sink`. */
  write(s: string, sink: ByteSink): void {
    let bytes = this.cache.get(s);
    if (bytes === undefined) {
      const text = this.render(s);
      if (this.cache.size >= this.limit) {
        sink.text(text);
        return;
      }
      bytes = Buffer.from(text, 'utf8');
      this.cache.set(s, bytes);
    }
    sink.bytes(bytes);
  }
}

/** Runs `body` with a writer; the file is kept only if `body` succeeds. */
export async function withWriter(path: string, body: (w: FileWriter) => Promise<void>): Promise<string> {
  const w = await openWriter(path);
  try {
    await body(w);
    await w.close();
  } catch (err) {
    // Also when the last flush or the rename fails (a full disk, a directory in the way).
    await w.abort();
    throw err;
  }
  return path;
}
