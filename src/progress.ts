/**
 * Progress reporting for long runs (files read, articles extracted, entities resolved, rows
 * loaded into Neo4j), on stderr so stdout stays clean for data.
 *
 * Four modes, chosen once per run by {@link progressMode}:
 * - `tty`: one live bar per step, redrawn in place at most ~10 times a second, with count,
 *   rate and ETA: `extract  [██████░░░░░░] 312/600  52/s  ETA 6s`.
 * - `plain` (pipes, CI logs): one line when a step finishes, no carriage returns.
 * - `json` (`--log-format json`): one JSON object per line, `{"event":"progress",…}`, for
 *   machines that watch a run.
 * - `quiet` (`--quiet`): nothing.
 *
 * Written here rather than pulled in (cli-progress, ora): we need one bar, a rate and an ETA,
 * about sixty lines; a library would add a dependency and its own TTY detection to reconcile
 * with `--quiet` and `--log-format json`.
 */

/** How progress and log lines are written. */
export type ProgressMode = 'tty' | 'plain' | 'json' | 'quiet';

/** The writable end progress goes to: stderr, or a test's collector. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** One step of a run: counts up to `total` (when known) and then finishes. */
export interface ProgressTask {
  /** Adds `n` (default 1) to the count and redraws when it is time to. */
  tick(n?: number): void;
  /** Sets the total when it becomes known after the step started. */
  setTotal(total: number): void;
  /** Ends the step: the bar's final state (tty), one summary line (plain, json). */
  done(note?: string): void;
}

/** The run's progress reporter and logger. */
export interface Progress {
  readonly mode: ProgressMode;
  /** Starts a step named `label` (`read`, `extract`, `resolve`, `load`). */
  task(label: string, total?: number): ProgressTask;
  /** A log line: `guanxi: text` (tty, plain) or `{"event":"log","level",…}` (json). */
  log(level: 'info' | 'warn' | 'error', text: string, fields?: Record<string, unknown>): void;
}

/**
 * Picks the mode: `--quiet` wins, then `--log-format json`, then a live bar only when the
 * stream is a terminal and CI is not set (CI terminals often claim TTY but keep every frame).
 */
export function progressMode(opts: { quiet?: boolean; logFormat?: string; stream?: ProgressStream; env?: NodeJS.ProcessEnv }): ProgressMode {
  if (opts.quiet) return 'quiet';
  if (opts.logFormat === 'json') return 'json';
  const env = opts.env ?? process.env;
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY && !env.CI ? 'tty' : 'plain';
}

/** `75s` → `1m15s`; under a minute in whole seconds. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** Items per second with a sensible number of digits. */
function formatRate(rate: number): string {
  if (!Number.isFinite(rate)) return '–';
  return rate >= 100 ? Math.round(rate).toString() : rate >= 10 ? rate.toFixed(1) : rate.toFixed(2);
}

/**
 * The line a live bar shows. Pure, so tests pin it down: `label [███░░] done/total rate/s ETA`.
 */
export function renderBar(label: string, done: number, total: number | undefined, elapsedMs: number, width = 24): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : NaN;
  const head = label.padEnd(8);
  if (!total) return `${head} ${done}  ${formatRate(rate)}/s  ${formatDuration(elapsedMs)}`;
  const frac = Math.min(1, done / total);
  const filled = Math.round(frac * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const eta = done > 0 && done < total ? `  ETA ${formatDuration(((total - done) * elapsedMs) / done)}` : '';
  return `${head} [${bar}] ${done}/${total}  ${formatRate(rate)}/s${eta}`;
}

/** Creates the reporter for one run. `now` is injectable so tests control time. */
export function createProgress(mode: ProgressMode, stream: ProgressStream = process.stderr, now: () => number = () => performance.now()): Progress {
  const emit = (obj: Record<string, unknown>) => stream.write(JSON.stringify(obj) + '\n');
  let live = false; // a bar is drawn on the current line and must be cleared before a log line
  const clearLine = () => {
    if (live) {
      stream.write('\r\x1b[K');
      live = false;
    }
  };
  return {
    mode,
    task(label, total) {
      const started = now();
      let done = 0;
      let lastDraw = -Infinity;
      const draw = (force: boolean) => {
        if (mode !== 'tty') return;
        const t = now();
        if (!force && t - lastDraw < 100) return;
        lastDraw = t;
        const cols = stream.columns || 100; // 0 on a pty with no size set
        stream.write('\r\x1b[K' + renderBar(label, done, total, t - started).slice(0, Math.max(20, cols - 1)));
        live = true;
      };
      draw(true);
      return {
        tick(n = 1) {
          done += n;
          draw(false);
        },
        setTotal(t) {
          total = t;
          draw(true);
        },
        done(note) {
          const elapsed = now() - started;
          if (mode === 'tty') {
            draw(true);
            stream.write(note ? `  ${note}\n` : '\n');
            live = false;
          } else if (mode === 'plain') {
            stream.write(`guanxi: ${label}: ${done}${total ? `/${total}` : ''} in ${formatDuration(elapsed)}${note ? ` (${note})` : ''}\n`);
          } else if (mode === 'json') {
            emit({ event: 'progress', step: label, done, total: total ?? null, ms: Math.round(elapsed), note: note ?? null });
          }
        },
      };
    },
    log(level, text, fields) {
      if (mode === 'quiet' && level === 'info') return;
      if (mode === 'json') {
        emit({ event: 'log', level, message: text, ...fields });
        return;
      }
      clearLine();
      stream.write(`guanxi: ${text}\n`);
    },
  };
}
