/**
 * Runs the code cells of notebooks/explore.ipynb with Python against a small graph, except
 * the Neo4j cell (marked `# guanxi: neo4j`). Skipped, and says so, when no python3 on this
 * machine imports pandas, networkx and matplotlib (.ci/run installs Debian's packages).
 */
import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJson } from '../src/export/json.js';
import type { Graph } from '../src/graph/model.js';
import { fixtureGraph } from './timeline.fixture.js';

const NEO4J_MARKER = '# guanxi: neo4j';

/** /usr/bin/python3 is Debian's (with the apt packages); `python3` on PATH may be another. */
function findPython(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(candidate, ['-c', 'import pandas, networkx, matplotlib'], { stdio: 'ignore' });
    if (r.status === 0) return candidate;
  }
  return undefined;
}
const python = findPython();
if (!python) console.log('notebook test skipped: no python3 that imports pandas, networkx and matplotlib (apt-get install python3-pandas python3-networkx python3-matplotlib)');

interface Cell {
  cell_type: string;
  source: string[] | string;
}

async function notebookCode(): Promise<{ code: string; cells: number; skipped: number }> {
  const nb = JSON.parse(await readFile('notebooks/explore.ipynb', 'utf8')) as { cells: Cell[] };
  const sources = nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
  const run = sources.filter((s) => !s.includes(NEO4J_MARKER));
  return { code: run.join('\n\n'), cells: run.length, skipped: sources.length - run.length };
}

describe('notebooks/explore.ipynb', () => {
  it('is a notebook with the three questions and a Neo4j cell kept out of the run', async () => {
    const { cells, skipped, code } = await notebookCode();
    expect(cells).toBe(4);
    expect(skipped).toBe(1);
    expect(code).not.toContain('from neo4j import');
  });

  it.skipIf(!python)('answers the three questions on a built graph', async () => {
    // The fixture plus a project in a township of 公安县, to be counted under the county.
    const graph: Graph = {
      nodes: [
        ...fixtureGraph.nodes,
        { id: 'division:3', label: 'AdminDivision', properties: { id: 'division:3', name: '闸口镇', level: 'township', code: '421022104', aliases: [], articleCount: 1 } },
        { id: 'project:1', label: 'Project', properties: { id: 'project:1', name: '闸口镇产业园', aliases: [], articleCount: 1 } },
      ],
      relationships: [
        ...fixtureGraph.relationships,
        { id: 'r9', type: 'LOCATED_IN', start: 'division:3', end: 'division:2', properties: { evidenceSentences: [] } },
        { id: 'r10', type: 'LOCATED_IN', start: 'project:1', end: 'division:3', properties: { evidenceSentences: [] } },
      ],
    };
    const out = await mkdtemp(join(tmpdir(), 'guanxi-notebook-'));
    await writeJson(graph, out);
    const { code } = await notebookCode();
    const script = join(out, 'explore.py');
    await writeFile(script, code);
    const stdout = execFileSync(python!, [script], {
      encoding: 'utf8',
      env: { ...process.env, GUANXI_OUT: out, MPLBACKEND: 'Agg', PYTHONWARNINGS: 'ignore' },
      timeout: 120_000,
    });
    const lines = stdout.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    expect(lines[0]).toBe(`16 nodes, 10 relationships from ${join(out, 'graph.json')}`);
    // 1. Most connected officials: 吴锦 (HOLDS, PROMOTES, ATTENDED) first.
    expect(lines).toContain('0 吴锦 3 荆州市委书记');
    expect(lines).toContain('1 单红 1 荆州市委书记');
    // 2. Office timelines, by office then first date.
    const t = lines.indexOf('office person firstSeen lastSeen');
    expect(lines.slice(t + 1, t + 5)).toEqual([
      '公安县县长 曾强 2023-05-01 2023-05-01',
      '荆州市委书记 单红 2021-03-01 2021-03-01',
      '荆州市委书记 吴锦 2022-02-10 2023-05-01',
      '荆州市市长 欧阳明 2022-02-10 2022-02-10',
    ]);
    // 3. Projects by county, through the township.
    expect(lines).toContain('公安县 1 闸口镇产业园');
  }, 150_000);
});
