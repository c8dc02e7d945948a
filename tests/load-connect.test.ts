/**
 * The real neo4j-driver against a closed port on 127.0.0.1 (loopback only): `guanxi load`
 * must fail with one clear line and exit code 2 within a few seconds, and never print the
 * password.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createServer } from 'node:net';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGraph, LoadError } from '../src/load/index.js';
import { loadCommand } from '../src/commands/load.js';
import { writeJson } from '../src/export/json.js';
import { sampleGraph } from './integration/fixtures.js';

/** A port nothing listens on: bind an ephemeral port, then release it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

const SECRET = 'pa$$-w0rd-不要打印';

afterEach(() => vi.restoreAllMocks());

describe('connectivity', () => {
  test.each(['bolt', 'neo4j'])('%s:// to a closed port: LoadError in under 6 s, no password in it', async (scheme) => {
    const port = await closedPort();
    const t0 = Date.now();
    const err = await loadGraph(sampleGraph(), { uri: `${scheme}://127.0.0.1:${port}`, username: 'neo4j', password: SECRET, log: () => {} }).catch((e) => e);
    expect(Date.now() - t0).toBeLessThan(6000);
    expect(err).toBeInstanceOf(LoadError);
    expect(err.exitCode).toBe(2);
    expect(err.message).toMatch(new RegExp(`^cannot reach Neo4j at ${scheme}://127\\.0\\.0\\.1:${port}: .+\\(ServiceUnavailable\\)\\. Is the server running\\? \\(docker compose up -d\\)$`));
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain('\n');
  });

  test("'guanxi load' prints one line and returns exit code 2", async () => {
    const port = await closedPort();
    const out = await mkdtemp(join(tmpdir(), 'guanxi-load-'));
    await writeJson(sampleGraph(), out);
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    vi.stubEnv('NEO4J_PASSWORD', SECRET);
    try {
      const code = await loadCommand([out, '--neo4j', `bolt://127.0.0.1:${port}`]);
      expect(code).toBe(2);
    } finally {
      vi.unstubAllEnvs();
    }
    expect(stderr).toHaveLength(1);
    expect(stderr[0]).toMatch(new RegExp(`^guanxi: cannot reach Neo4j at bolt://127\\.0\\.0\\.1:${port}: `));
    expect(stderr.join('')).not.toContain(SECRET);
  });

  test("'guanxi load' on a folder without graph.json says so", async () => {
    const out = await mkdtemp(join(tmpdir(), 'guanxi-load-'));
    await writeFile(join(out, 'notes.txt'), '');
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    expect(await loadCommand([out, '--neo4j', 'bolt://127.0.0.1:1'])).toBe(2);
    expect(stderr).toEqual([`guanxi: readGraph: ${join(out, 'graph.json')}: no such file. Run 'guanxi build' first\n`]);
  });
});
