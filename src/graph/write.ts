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
  /** Flushes, closes and moves the file to its final name. */
  close(): Promise<void>;
  /** Closes and removes the temporary file (after an error). */
  abort(): Promise<void>;
}

/** Bytes gathered before one write: big enough that writes are few, small enough to stay flat. */
const BLOCK_BYTES = 1 << 20;

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
  const fd = openSync(tmp, 'w');
  const block = Buffer.allocUnsafeSlow(BLOCK_BYTES);
  let used = 0;
  let closed = false;
  const flush = () => {
    for (let off = 0; off < used; ) off += writeSync(fd, block, off, used - off);
    used = 0;
  };
  return {
    path,
    async write(chunk) {
      if (closed) throw new Error(`openWriter: ${path} is already closed`);
      // UTF-8 takes at most 3 bytes per UTF-16 unit (a surrogate pair: 4 for 2 units).
      const worst = chunk.length * 3;
      if (used + worst > block.length) flush();
      if (worst > block.length) {
        const bytes = Buffer.from(chunk, 'utf8');
        for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
        return;
      }
      used += block.write(chunk, used, 'utf8');
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

/** Runs `body` with a writer; the file is kept only if `body` succeeds. */
export async function withWriter(path: string, body: (w: FileWriter) => Promise<void>): Promise<string> {
  const w = await openWriter(path);
  try {
    await body(w);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.close();
  return path;
}

/**
 * Writes `chunks` through `w` in blocks of about 64K characters: exporters that render a file
 * as many small pieces (a row, a tag) neither hold the whole file nor make a write per piece.
 */
export async function writeChunks(w: FileWriter, chunks: Iterable<string>): Promise<void> {
  let parts: string[] = [];
  let size = 0;
  for (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size > 65536) {
      await w.write(parts.join(''));
      parts = [];
      size = 0;
    }
  }
  if (parts.length) await w.write(parts.join(''));
}
