/**
 * Where the package's data files live (data/ at the package root), whether code runs from
 * src/ under vitest or from dist/src/ after `tsc`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | null = null;

/** The package root: the nearest folder above this module that has package.json and data/. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!(existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data')))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('guanxi: cannot find the package root (package.json beside data/)');
    dir = up;
  }
  root = dir;
  return root;
}

/** Absolute path of a file under data/, e.g. `dataPath('lexicon/titles.yaml')`. */
export function dataPath(relative: string): string {
  return join(packageRoot(), 'data', relative);
}
