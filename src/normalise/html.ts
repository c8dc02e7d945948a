/**
 * HTML → text with a map: tags dropped, block tags become line breaks, character
 * references decoded, `<script>`/`<style>`/comments dropped. Tolerates unclosed and
 * truncated markup: a `<` that never closes on its line is dropped to the line's end.
 *
 * Reads a mapped text; writes a mapped text. Example:
 * `<p>吴锦强调&nbsp;要</p><p>会议召开。</p>` → `\n吴锦强调 要\n\n会议召开。\n`.
 */
import { MappedBuilder, type Mapped } from './mapped.js';

/** Tags that end a paragraph or line: they become a line break. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr', 'dd', 'dt', 'dl', 'figure', 'figcaption', 'td', 'th', 'center',
]);
/** Tags whose content is never article text. */
const SKIP_CONTENT = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'svg']);

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", ensp: ' ', emsp: ' ', thinsp: ' ',
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·',
  times: '×', divide: '÷', copy: '©', reg: '®', deg: '°', bull: '•', laquo: '«', raquo: '»', yen: '¥', zwj: '', zwnj: '',
};

/** True when the text looks like HTML (has paragraph/line/div tags, or several tags). */
export function looksLikeHtml(text: string): boolean {
  const tags = text.match(/<\/?(?:p|div|br|span|a|img|h[1-6]|table|section|article|strong|em|b|font|li|ul|html|body)\b[^>\n]*>/gi);
  return !!tags && tags.length >= 1;
}

/** Decodes one character reference starting at `i` (`&…;`); returns [text, length] or null. */
function decodeEntity(text: string, i: number): [string, number] | null {
  const semi = text.indexOf(';', i + 1);
  if (semi < 0 || semi - i > 12) return null;
  const body = text.slice(i + 1, semi);
  let code: number | null = null;
  if (/^#[0-9]{1,7}$/.test(body)) code = Number(body.slice(1));
  else if (/^#[xX][0-9a-fA-F]{1,6}$/.test(body)) code = parseInt(body.slice(2), 16);
  else if (Object.prototype.hasOwnProperty.call(NAMED, body.toLowerCase())) return [NAMED[body.toLowerCase()]!, semi - i + 1];
  if (code === null) return null;
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return ['\uFFFD', semi - i + 1];
  return [String.fromCodePoint(code), semi - i + 1];
}

/** Converts HTML to text, keeping the map to the source. */
export function htmlToText(input: Mapped): Mapped {
  const { text } = input;
  const out = new MappedBuilder();
  let i = 0;
  let runStart = 0;
  let skipUntil: string | null = null;
  const flush = (end: number) => {
    if (skipUntil === null) out.copy(input, runStart, end);
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '<') {
      if (text.startsWith('<!--', i)) {
        flush(i);
        const close = text.indexOf('-->', i + 4);
        i = close < 0 ? text.length : close + 3;
        runStart = i;
        continue;
      }
      const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>]|$)/.exec(text.slice(i, i + 40)) ?? (/^<!/.test(text.slice(i, i + 2)) ? ['<!', '', '!'] : null);
      if (m) {
        flush(i);
        const close = text.indexOf('>', i + 1);
        const nl = text.indexOf('\n', i + 1);
        // An unclosed tag (no `>` before the line ends, or ever): drop to the line's end.
        const end = close < 0 || (nl >= 0 && nl < close && close - i > 2000) ? (nl < 0 ? text.length : nl) : close + 1;
        const name = (m[2] ?? '').toLowerCase();
        const closing = m[1] === '/';
        if (skipUntil !== null) {
          if (closing && name === skipUntil) skipUntil = null;
        } else if (SKIP_CONTENT.has(name) && !closing && !text.slice(i, end).endsWith('/>')) {
          skipUntil = name;
        } else if (BLOCK_TAGS.has(name)) {
          out.replace('\n', input.map[i]!);
        }
        i = end;
        runStart = i;
        continue;
      }
    } else if (ch === '&' && skipUntil === null) {
      const ent = decodeEntity(text, i);
      if (ent) {
        flush(i);
        out.replace(ent[0], input.map[i]!);
        i += ent[1];
        runStart = i;
        continue;
      }
    }
    i++;
  }
  flush(text.length);
  return out.finish();
}
