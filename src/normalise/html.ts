/**
 * HTML → text with a map: tags dropped, block tags become line breaks, character
 * references decoded, `<script>`/`<style>`/comments dropped. Tolerates unclosed and
 * truncated markup: a `<` that never closes on its line is dropped to the line's end.
 *
 * Reads a mapped text; writes a mapped text. Example:
 * `<p>吴锦强调&nbsp;要</p><p>会议召开。</p>` → `\n吴锦强调 要\n\n会议召开。\n`.
 */
import { MappedBuilder, type MapScratch, type Mapped } from './mapped.js';

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

const HTML_TAG = /<\/?(?:p|div|br|span|a|img|h[1-6]|table|section|article|strong|em|b|font|li|ul|html|body)\b[^>\n]*>/i;

/** True when the text looks like HTML (has paragraph/line/div tags, or several tags). */
export function looksLikeHtml(text: string): boolean {
  // One tag is enough: stop at the first instead of collecting them all.
  return HTML_TAG.test(text);
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

/** A tag opening at `<`: its lower-case name (`!` for `<!…`) and whether it closes. */
interface TagStart {
  name: string;
  closing: boolean;
}

const DOCTYPE: TagStart = { name: '!', closing: false };

/**
 * The names of the tags pages are made of, lower-case, by length: a tag name found among them
 * (any case) is given as this string instead of a slice made lower-case (two strings per tag).
 */
const KNOWN_TAG_NAMES: string[][] = [];
for (const name of [...BLOCK_TAGS, ...SKIP_CONTENT, 'span', 'a', 'b', 'i', 'u', 'em', 'strong', 'img', 'font', 'sup', 'sub', 'html', 'body', 'meta', 'link']) {
  (KNOWN_TAG_NAMES[name.length] ??= []).push(name);
}

/** `text.slice(start, end).toLowerCase()` when that is one of KNOWN_TAG_NAMES (the name is ASCII letters and digits), else null. */
function knownTagName(text: string, start: number, end: number): string | null {
  const names = KNOWN_TAG_NAMES[end - start];
  if (!names) return null;
  for (const name of names) {
    let k = 0;
    // ASCII letters compared without case (| 0x20 lower-cases a letter; digits are unchanged by it).
    while (k < name.length && (text.charCodeAt(start + k) | 0x20) === name.charCodeAt(k)) k++;
    if (k === name.length) return name;
  }
  return null;
}

/** Whether `c` is a unit `\s` matches (ECMAScript WhiteSpace and LineTerminator). */
function isRegexSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/**
 * The tag at `text[i]` (a `<`), read by code unit as the pattern
 * `^<(\/?)([a-zA-Z][a-zA-Z0-9]*)(?=[\s/>]|$)` reads the next 40 units (so a name running to
 * the 40th unit counts as ended), else `<!`; null when neither.
 */
function tagAt(text: string, i: number): TagStart | null {
  const windowEnd = Math.min(text.length, i + 40);
  let j = i + 1;
  const closing = j < windowEnd && text.charCodeAt(j) === 0x2f;
  if (closing) j++;
  const nameStart = j;
  if (j < windowEnd && isAsciiLetter(text.charCodeAt(j))) {
    j++;
    for (let c = text.charCodeAt(j); j < windowEnd && (isAsciiLetter(c) || (c >= 0x30 && c <= 0x39)); c = text.charCodeAt(++j));
    const after = text.charCodeAt(j);
    if (j === windowEnd || after === 0x2f || after === 0x3e || isRegexSpace(after)) return { name: knownTagName(text, nameStart, j) ?? text.slice(nameStart, j).toLowerCase(), closing };
  }
  return text.charCodeAt(i + 1) === 0x21 ? DOCTYPE : null;
}

/** Converts HTML to text, keeping the map to the source. */
export function htmlToText(input: Mapped, scratch?: MapScratch): Mapped {
  const { text } = input;
  const out = new MappedBuilder(text.length >> 1, scratch);
  let i = 0;
  let runStart = 0;
  let skipUntil: string | null = null;
  const flush = (end: number) => {
    if (skipUntil === null) out.copy(input, runStart, end);
  };
  // Only a `<` or a `&` is ever acted on: the text between them is passed over by indexOf
  // (the next of each kept, looked up again once passed) instead of unit by unit.
  let nextTag = text.indexOf('<');
  let nextEntity = text.indexOf('&');
  while (i < text.length) {
    if (nextTag >= 0 && nextTag < i) nextTag = text.indexOf('<', i);
    if (nextEntity >= 0 && nextEntity < i) nextEntity = text.indexOf('&', i);
    const next = nextTag < 0 ? nextEntity : nextEntity < 0 ? nextTag : Math.min(nextTag, nextEntity);
    if (next < 0) break;
    i = next;
    const code = text.charCodeAt(i);
    if (code === 0x3c) {
      if (text.startsWith('<!--', i)) {
        flush(i);
        const close = text.indexOf('-->', i + 4);
        i = close < 0 ? text.length : close + 3;
        runStart = i;
        continue;
      }
      const tag = tagAt(text, i);
      if (tag) {
        flush(i);
        const close = text.indexOf('>', i + 1);
        const nl = text.indexOf('\n', i + 1);
        // An unclosed tag (no `>` before the line ends, or ever): drop to the line's end.
        const end = close < 0 || (nl >= 0 && nl < close && close - i > 2000) ? (nl < 0 ? text.length : nl) : close + 1;
        const { name, closing } = tag;
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
    } else if (code === 0x26 && skipUntil === null) {
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

/** Metadata a saved HTML page states in its head: title, publication date, canonical URL. */
export interface HtmlMeta {
  title: string | null;
  date: string | null;
  url: string | null;
}

const META_TAG = /<meta\s+[^>]*>/gi;
const attrPatterns = new Map<string, RegExp>();
/** The pattern of attribute `name`'s value, made once per name (not global: no state between uses). */
const ATTR = (name: string): RegExp => {
  let re = attrPatterns.get(name);
  if (!re) attrPatterns.set(name, (re = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')));
  return re;
};

/** Decodes the few entities that occur in attribute values and titles. */
function decodeSimple(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|nbsp));/gi, (_, d, h, n) =>
    d ? String.fromCodePoint(+d) : h ? String.fromCodePoint(parseInt(h, 16)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' } as Record<string, string>)[n.toLowerCase()]!,
  );
}

/**
 * Reads `og:title` / `<h1>` / `<title>` (site name after ` - `, `_` or `|` cut off),
 * `article:published_time` / `pubdate` / `publishdate` metas and `og:url` / canonical links.
 * Example: `<title>市委召开会议_荆州新闻网</title>` → title `市委召开会议`.
 */
export function htmlMeta(html: string): HtmlMeta {
  const metas = new Map<string, string>();
  for (const tag of html.slice(0, 200_000).match(META_TAG) ?? []) {
    const attr = (n: string) => {
      const m = ATTR(n).exec(tag);
      return m ? (m[1] ?? m[2] ?? m[3] ?? '') : null;
    };
    const key = (attr('property') ?? attr('name') ?? attr('itemprop') ?? '').toLowerCase();
    const content = attr('content');
    if (key && content !== null && !metas.has(key)) metas.set(key, decodeSimple(content).trim());
  }
  const h1 = /<h1\b[^>]*>([\s\S]{1,300}?)<\/h1>/i.exec(html)?.[1]?.replace(/<[^>]*>/g, '');
  const titleTag = /<title\b[^>]*>([\s\S]{1,300}?)<\/title>/i.exec(html)?.[1]?.split(/\s+[-_|–—]\s+|_|\|/)[0];
  const clean = (s: string | undefined | null) => {
    const t = s ? decodeSimple(s).replace(/\s+/g, ' ').trim() : '';
    return t || null;
  };
  const title = clean(metas.get('og:title')) ?? clean(h1) ?? clean(titleTag);
  const dateRaw = ['article:published_time', 'pubdate', 'publishdate', 'publish_date', 'datepublished', 'og:release_date', 'date'].map((k) => metas.get(k)).find(Boolean) ?? null;
  const dm = dateRaw ? /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(dateRaw) : null;
  const canonical = /<link\s+[^>]*rel\s*=\s*["']?canonical["']?[^>]*>/i.exec(html)?.[0];
  const href = canonical ? ATTR('href').exec(canonical) : null;
  const url = metas.get('og:url') || (href ? (href[1] ?? href[2] ?? href[3] ?? null) : null);
  return {
    title,
    date: dm ? `${dm[1]}-${dm[2]!.padStart(2, '0')}-${dm[3]!.padStart(2, '0')}` : null,
    url: url && /^(?:https?:)?\/\//i.test(url) ? url : null,
  };
}
