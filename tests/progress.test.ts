import { describe, it, expect } from 'vitest';
import { createProgress, progressMode, renderBar, formatDuration, type ProgressStream } from '../src/progress.js';

function collector(isTTY = false): ProgressStream & { out: string } {
  const s = { out: '', isTTY, columns: 120, write(c: string) { s.out += c; return true; } };
  return s;
}

describe('progressMode', () => {
  it('prefers --quiet, then json, then tty only on a terminal outside CI', () => {
    expect(progressMode({ quiet: true, logFormat: 'json', stream: collector(true), env: {} })).toBe('quiet');
    expect(progressMode({ logFormat: 'json', stream: collector(true), env: {} })).toBe('json');
    expect(progressMode({ stream: collector(true), env: {} })).toBe('tty');
    expect(progressMode({ stream: collector(true), env: { CI: 'true' } })).toBe('plain');
    expect(progressMode({ stream: collector(false), env: {} })).toBe('plain');
  });
});

describe('renderBar', () => {
  it('shows count, rate and ETA', () => {
    expect(renderBar('extract', 50, 200, 10_000, 8)).toBe('extract  [██░░░░░░] 50/200  5.00/s  ETA 30s');
    expect(renderBar('load', 200, 200, 4_000, 4)).toBe('load     [████] 200/200  50.0/s');
    expect(renderBar('read', 7, undefined, 2_000)).toBe('read     7  3.50/s  2s');
  });
  it('formats durations', () => {
    expect(formatDuration(75_000)).toBe('1m15s');
    expect(formatDuration(3_700_000)).toBe('1h01m');
  });
});

describe('createProgress', () => {
  it('plain mode writes one line per finished step and no carriage returns', () => {
    const s = collector();
    let t = 0;
    const p = createProgress('plain', s, () => t);
    const task = p.task('extract', 3);
    task.tick(); task.tick(); task.tick();
    t = 2000;
    task.done('1 failed');
    p.log('warn', 'a.txt: failed: empty file');
    expect(s.out).toBe('guanxi: extract: 3/3 in 2s (1 failed)\nguanxi: a.txt: failed: empty file\n');
  });
  it('json mode writes one object per line', () => {
    const s = collector();
    let t = 0;
    const p = createProgress('json', s, () => t);
    const task = p.task('load');
    task.tick(40); task.setTotal(40);
    t = 1234;
    task.done();
    p.log('info', 'done', { nodes: 3 });
    const lines = s.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { event: 'progress', step: 'load', done: 40, total: 40, ms: 1234, note: null },
      { event: 'log', level: 'info', message: 'done', nodes: 3 },
    ]);
  });
  it('tty mode redraws in place, throttled, and clears the bar before a log line', () => {
    const s = collector(true);
    let t = 0;
    const p = createProgress('tty', s, () => t);
    const task = p.task('extract', 10);
    task.tick(); // within 100 ms of the first draw: not redrawn
    t = 500;
    task.tick();
    p.log('warn', 'x.txt: skipped');
    expect(s.out.split('\r\x1b[K').length).toBe(4); // first draw, redraw at 500 ms, clear before log
    expect(s.out).toContain('2/10');
    expect(s.out.endsWith('guanxi: x.txt: skipped\n')).toBe(true);
  });
  it('quiet mode drops progress and info but keeps warnings', () => {
    const s = collector();
    const p = createProgress('quiet', s);
    p.task('extract', 1).done();
    p.log('info', 'hello');
    p.log('error', 'broken');
    expect(s.out).toBe('guanxi: broken\n');
  });
});

describe('formatSummary', () => {
  it('says what went in, what came out and where', async () => {
    const { formatSummary } = await import('../src/log.js');
    const text = formatSummary({
      outDir: 'out/',
      elapsedMs: 2400,
      totals: { ok: 4, skipped: 0, failed: 1 },
      graph: { nodes: { Office: 8, Person: 9, Article: 5 }, relationships: { MENTIONS: 40, HOLDS: 10 } },
      reviewItems: 2,
      outputs: { json: 'out/graph.json', html: 'out/index.html', csv: ['out/csv/nodes.csv', 'out/csv/rels.csv'] },
      load: { nodesCreated: 22, relationshipsCreated: 50 },
    });
    expect(text).toBe(
      [
        'guanxi: built out/ in 2s',
        '  articles   4 ok, 0 skipped, 1 failed',
        '  nodes      22  Article 5 · Person 9 · Office 8',
        '  relations  50  HOLDS 10 · MENTIONS 40',
        '  review     2 items to confirm in out/review.jsonl',
        '  neo4j      22 nodes and 50 relationships created',
        '  open       out/index.html',
        '  files      graph.json · csv/nodes.csv · csv/rels.csv · report.json',
        '  why        see out/report.json (inputs[].reason)',
      ].join('\n'),
    );
  });
});
