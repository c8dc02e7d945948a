/**
 * A JSON Lines file written as the lines arrive, instead of kept in memory and joined at
 * the end: at 100k articles `articles.jsonl` alone is ~200M characters, which as one
 * joined string (plus the array of lines) costs more memory than the rest of the build.
 * Writes go to a temporary name and are renamed on `close()`, so a crash never leaves half
 * a file under the real name (as `writeFileAtomic` does for whole files).
 *
 * Example: `const w = await openLineWriter('out/articles.jsonl'); await w.write('{"id":1}'); await w.close();`
 */
import { closeSync, openSync, write as writeCallback, writeSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

export interface LineWriter {
  /**
   * Appends `line` (text, or its UTF-8 bytes) and a newline; resolves at once unless the
   * previous block is still being written. Await each call before the next (a call made while
   * one waits throws).
   */
  write(line: string | Uint8Array): Promise<void>;
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
 * Lines are encoded straight into one of two reused blocks: a full block is written by
 * libuv's thread pool while the caller goes on filling the other one, so the main thread
 * neither copies the bytes into the kernel nor waits for a busy disk (a `writeSync` per block
 * did both: ~0.7 s of a 10k build's extract phase). A write stream would be worse: it sends
 * every line through the thread pool, a UTF-8 copy and a request each. At most one block is
 * in flight, so the file is written in order; `write` waits only when both blocks are full.
 */
export async function openLineWriter(path: string): Promise<LineWriter> {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  let block = Buffer.allocUnsafe(BLOCK_BYTES);
  /** The other block: being written while `inFlight` is set, free otherwise. */
  let spare = Buffer.allocUnsafe(BLOCK_BYTES);
  let used = 0;
  let lines = 0;
  let closed = false;
  let inFlight: Promise<void> | undefined;
  /** A write is waiting for a block: a second call now would put its line before the first's. */
  let waiting = false;
  /** The first failed background write: thrown by the next call, as a failed writeSync would have been. */
  let failure: Error | undefined;
  const settle = async () => {
    if (inFlight) await inFlight;
    if (failure) throw failure;
  };
  /** Hands the filled part of `block` to the thread pool and swaps in the spare (after waiting for it). */
  const flush = async () => {
    await settle();
    if (!used) return;
    const full = block;
    const length = used;
    block = spare;
    spare = full;
    used = 0;
    inFlight = writeAll(fd, full, length).then(
      () => {
        inFlight = undefined;
      },
      (err: Error) => {
        inFlight = undefined;
        failure ??= err;
      },
    );
  };
  return {
    get lines() {
      return lines;
    },
    async write(line: string | Uint8Array) {
      if (closed) throw new Error(`openLineWriter: ${path} is already closed`);
      if (waiting) throw new Error(`openLineWriter: ${path}: write called before the previous write resolved`);
      lines++;
      const isText = typeof line === 'string';
      // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2 units).
      const worst = isText ? line.length * 3 + 1 : line.length + 1;
      if (used + worst > block.length) {
        waiting = true;
        try {
          await flush();
          // Longer than a block (rare): written here, after everything before it.
          if (worst > block.length) {
            await settle();
            writeFullySync(fd, isText ? `${line}\n` : Buffer.concat([line, NEWLINE]));
            return;
          }
        } finally {
          waiting = false;
        }
      }
      if (isText) used += block.write(line, used, 'utf8');
      else {
        block.set(line, used);
        used += line.length;
      }
      block[used++] = 0x0a;
    },
    async close() {
      if (closed) return;
      await flush();
      await settle();
      closed = true;
      closeSync(fd);
      await rename(tmp, path);
    },
    async abort() {
      if (!closed) {
        closed = true;
        // The file goes away: a write still in flight only has to end before the descriptor closes.
        if (inFlight) await inFlight;
        closeSync(fd);
      }
      await rm(tmp, { force: true });
    },
  };
}

/** Writes the first `length` bytes of `bytes` at the file's position on the thread pool (a write may take only part of them). */
function writeAll(fd: number, bytes: Buffer, length: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const from = (offset: number) => {
      writeCallback(fd, bytes, offset, length - offset, null, (err, written) => {
        if (err) reject(err);
        else if (offset + written < length) from(offset + written);
        else resolve();
      });
    };
    from(0);
  });
}

const NEWLINE = Uint8Array.of(0x0a);

/** `writeSync` until every byte of `line` is on disk (a write may take only part of it). */
function writeFullySync(fd: number, line: string | Uint8Array): void {
  const bytes = typeof line === 'string' ? Buffer.from(line, 'utf8') : line;
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}
