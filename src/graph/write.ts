/**
 * Streaming file output for the exporters: lines go to disk through a write stream (with
 * back-pressure), never through one giant string, and the file appears under its final
 * name only when complete (written as `name.tmp-PID`, then renamed), so a crash never
 * leaves half a graph.json.
 *
 * Example: `const w = await openWriter('out/graph.json'); await w.write('{…}\n'); await w.close();`
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';

export interface FileWriter {
  path: string;
  /** Writes a chunk, waiting when the stream's buffer is full. */
  write(chunk: string): Promise<void>;
  /** Flushes, closes and moves the file to its final name. */
  close(): Promise<void>;
  /** Closes and removes the temporary file (after an error). */
  abort(): Promise<void>;
}

/** Opens `path` for streamed, atomic writing (UTF-8, no BOM). */
export async function openWriter(path: string): Promise<FileWriter> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  await once(stream, 'open');
  let failed: Error | null = null;
  stream.on('error', (err) => {
    failed = err;
  });
  return {
    path,
    async write(chunk) {
      if (failed) throw failed;
      if (!stream.write(chunk)) await once(stream, 'drain');
    },
    async close() {
      if (failed) throw failed;
      stream.end();
      await once(stream, 'finish');
      await rename(tmp, path);
    },
    async abort() {
      stream.destroy();
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
