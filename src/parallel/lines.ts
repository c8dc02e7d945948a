/**
 * A JSON Lines file written as the lines arrive, instead of kept in memory and joined at
 * the end: at 100k articles `articles.jsonl` alone is ~200M characters, which as one
 * joined string (plus the array of lines) costs more memory than the rest of the build.
 * Writes go to a temporary name and are renamed on `close()`, so a crash never leaves half
 * a file under the real name (as `writeFileAtomic` does for whole files).
 *
 * Example: `const w = await openLineWriter('out/articles.jsonl'); await w.write('{"id":1}'); await w.close();`
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

export interface LineWriter {
  /** Appends `line` and a newline; resolves at once unless the stream asks the writer to wait. */
  write(line: string): Promise<void>;
  /** Flushes, closes and renames the file into place. */
  close(): Promise<void>;
  /** Closes and removes the temporary file (for a build that failed before the end). */
  abort(): Promise<void>;
  /** Lines written so far. */
  readonly lines: number;
}

/** Bytes gathered before one write: big enough that writes are few, small enough to stay flat. */
const BLOCK_BYTES = 1 << 20;

/**
 * Opens `path` for streaming JSON Lines (through `${path}.tmp-${pid}`).
 *
 * Lines are encoded straight into one reused block and written with synchronous writes: a
 * write stream sends every line through libuv's thread pool (a UTF-8 copy and a request
 * each), which cost more than extracting the article; a full block is one `writeSync`, and
 * no joined string or new Buffer is made per block.
 */
export async function openLineWriter(path: string): Promise<LineWriter> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  const block = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  let lines = 0;
  let closed = false;
  const flush = () => {
    for (let off = 0; off < used; ) off += writeSync(fd, block, off, used - off);
    used = 0;
  };
  return {
    get lines() {
      return lines;
    },
    async write(line: string) {
      if (closed) throw new Error(`openLineWriter: ${path} is already closed`);
      lines++;
      // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2 units).
      const worst = line.length * 3 + 1;
      if (used + worst > block.length) flush();
      if (worst > block.length) {
        writeFullySync(fd, `${line}\n`);
        return;
      }
      used += block.write(line, used, 'utf8');
      block[used++] = 0x0a;
    },
    async close() {
      if (closed) return;
      flush();
      closed = true;
      closeSync(fd);
      await rename(tmp, path);
    },
    async abort() {
      if (!closed) {
        closed = true;
        closeSync(fd);
      }
      await rm(tmp, { force: true });
    },
  };
}

/** `writeSync` until every byte of `text` is on disk (a write may take only part of it). */
function writeFullySync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}
