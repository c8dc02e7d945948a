import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * vitest globalSetup: one scratch folder per test run. TMPDIR points into it before the test
 * processes start, so every `mkdtemp(tmpdir())` in a test, and in the guanxi processes the tests
 * spawn, lands inside it; the whole folder goes when the run ends. Before this, each `npm test`
 * left ~100 folders (~95 MB) behind in /tmp.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'guanxi-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
