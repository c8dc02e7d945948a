/**
 * A JSON Lines file written as the lines arrive, instead of kept in memory and joined at
 * the end: at 100k articles `articles.jsonl` alone is ~200M characters, which as one
 * joined string (plus the array of lines) costs more memory than the rest of the build.
 * Writes go to a temporary name and are renamed on `close()`, so a crash never leaves half
 * a file under the real name (as `writeFileAtomic` does for whole files).
 *
 * Example: `const w = await openLineWriter('out/articles.jsonl'); await w.write('{"id":1}'); await w.close();`
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

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

/** Opens `path` for streaming JSON Lines (through `${path}.tmp-${pid}`). */
export async function openLineWriter(path: string): Promise<LineWriter> {
  const tmp = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(tmp);
  await once(stream, 'open');
  let error: Error | null = null;
  stream.on('error', (err) => {
    error = err;
  });
  let lines = 0;
  return {
    get lines() {
      return lines;
    },
    async write(line: string) {
      if (error) throw error;
      lines++;
      // Backpressure: when the buffer is full, wait for it to drain so memory stays flat.
      if (!stream.write(line + '\n')) await once(stream, 'drain');
    },
    async close() {
      if (error) throw error;
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
      await rename(tmp, path);
    },
    async abort() {
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}
