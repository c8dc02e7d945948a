/**
 * `--shard i/n`: which slice of the input one run processes. A file belongs to the shard
 * chosen by a stable hash (FNV-1a, 32 bit) of its file name, the article id, so the split
 * does not move when files are added elsewhere, and is the same on every machine. Because
 * node and relationship ids are deterministic, the shards' outputs MERGE into the same
 * graph as one run over everything.
 *
 * Example: `selectShard(['a/000.txt', 'a/001.txt'], parseShard('1/2'))` keeps the files
 * whose `shardOf(name, 2)` is 1.
 */
import { basename } from 'node:path';
import { UsageError } from '../cli-util.js';

/** The i-th of n slices; `index` is 1-based like `--shard 1/2` (as in jest and playwright). */
export interface Shard {
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n). Throws UsageError otherwise. */
export function parseShard(spec: string): Shard {
  const m = /^(\d+)\/(\d+)$/u.exec(spec.trim());
  if (!m) throw new UsageError(`--shard must look like i/n (e.g. 1/4), not '${spec}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${spec}: expecting 1 ≤ i ≤ n, but got i=${index}, n=${count}`);
  }
  return { index, count };
}

/** FNV-1a over the UTF-8 bytes of `s`: tiny, stable, and well spread for file names. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The 1-based shard of the file at `path` among `count` shards (hash of the file name, not the folder). */
export function shardOf(path: string, count: number): number {
  return (fnv1a(basename(path)) % count) + 1;
}

/** Keeps the files of `shard`, in their original order. */
export function selectShard(files: readonly string[], shard: Shard | undefined): string[] {
  if (!shard || shard.count === 1) return [...files];
  return files.filter((f) => shardOf(f, shard.count) === shard.index);
}
