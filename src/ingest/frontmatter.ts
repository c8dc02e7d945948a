/**
 * Jekyll front matter: a YAML block between `---` lines at the very top of a post.
 *
 * Reads the decoded source; gives the parsed fields, where the body starts, and where the
 * title is written inside the block (so the title can lead the article text with offsets
 * into the source). Broken YAML keeps the body and falls back to `key: value` lines, with a
 * warning. Example:
 * `---\ntitle: "标题"\ndate: 2022-02-10 08:54:01 +0800\n---\n<p>…` →
 * `{data: {title: '标题', date: '2022-02-10 08:54:01 +0800'}, bodyStart: 55, titleStart: 12}`.
 */
import { parse } from 'yaml';
import type { Message } from '../types.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  bodyStart: number;
  /** Where the title's text is in the source (when it is written there as-is). */
  titleSpan: { start: number; end: number } | null;
  messages: Message[];
}

const OPEN = /^---[ \t]*\r?\n/;

/** Parses the front matter at the top of `source`, or returns null when there is none. */
export function readFrontMatter(source: string): FrontMatter | null {
  const open = OPEN.exec(source);
  if (!open) return null;
  const close = /\r?\n---[ \t]*(?:\r?\n|$)/.exec(source.slice(open[0].length));
  const messages: Message[] = [];
  let block: string;
  let bodyStart: number;
  if (!close) {
    messages.push({ level: 'warning', message: 'front matter is not closed by a --- line; read up to the first blank line', rule: 'ingest-front-matter' });
    const blank = source.indexOf('\n\n', open[0].length);
    block = source.slice(open[0].length, blank < 0 ? source.length : blank);
    bodyStart = blank < 0 ? source.length : blank + 2;
  } else {
    block = source.slice(open[0].length, open[0].length + close.index);
    bodyStart = open[0].length + close.index + close[0].length;
  }
  let data: Record<string, unknown> = {};
  try {
    const parsed = flatFields(block) ?? (parse(block, { version: '1.2' }) as unknown);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    else if (parsed !== null && parsed !== undefined) throw new Error('not a mapping');
  } catch (err) {
    const reason = String((err as Error).message ?? err).split('\n')[0];
    messages.push({ level: 'warning', message: `broken YAML front matter (${reason}); kept the body and read key: value lines`, rule: 'ingest-front-matter' });
    data = looseFields(block);
  }
  let titleSpan: FrontMatter['titleSpan'] = null;
  const title = typeof data.title === 'string' ? data.title.trim() : '';
  if (title) {
    const at = source.indexOf(title, open[0].length);
    if (at >= 0 && at + title.length <= bodyStart) titleSpan = { start: at, end: at + title.length };
  }
  return { data, bodyStart, titleSpan, messages };
}

// A plain scalar that YAML 1.2's core schema would read as something other than a string.
const CORE_NON_STRING =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const FLAT_LINE = /^([A-Za-z_][\w-]*):(?: +(.*))?$/;
// Characters that give a plain scalar's first character a YAML meaning.
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;

/**
 * The front matter most posts have, `key: value` lines of plain or simply quoted strings,
 * read without the YAML parser (which costs more than normalising the whole article).
 * Returns null for anything else: lists, nesting, comments, escapes, numbers, booleans,
 * repeated keys, so those go through `yaml` as before and the result is always the same.
 */
export function flatFields(block: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (line === '' || line === '\r') continue;
    const m = FLAT_LINE.exec(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!m || Object.hasOwn(out, m[1]!)) return null;
    const raw = (m[2] ?? '').trimEnd();
    let value: string;
    if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
      value = raw.slice(1, -1);
      if (/["\\]/.test(value)) return null;
    } else if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) {
      value = raw.slice(1, -1);
      if (value.includes("'")) return null;
    } else {
      if (!raw || INDICATOR.test(raw) || raw.includes(': ') || raw.includes(' #') || raw.includes('\t') || CORE_NON_STRING.test(raw)) return null;
      value = raw;
    }
    out[m[1]!] = value;
  }
  return Object.keys(out).length ? out : null;
}

/** `key: value` lines of a block YAML could not parse (quotes stripped). */
function looseFields(block: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of block.split(/\r?\n/)) {
    const m = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    let v = m[2]!.trim();
    if (/^(["']).*\1$/.test(v)) v = v.slice(1, -1);
    if (v) out[m[1]!] = v;
  }
  return out;
}

/**
 * The calendar date of a front-matter `date`, in the time zone it is written in
 * (`2022-02-10 08:54:01 +0800` → `2022-02-10`); a Date object (YAML 1.1 timestamps) is read in UTC.
 */
export function frontMatterDate(value: unknown): string | null {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value);
  return m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : null;
}

/** `YYYY-MM-DD` when the parts make a real calendar date, else null. */
export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  if (d > daysInMonth(y, m)) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days in month `m` (1–12) of year `y` in the Gregorian calendar (what a Date counts), without a Date. */
function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}
