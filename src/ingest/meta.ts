/**
 * Article metadata read from the page itself: URL, publication date, publisher, byline,
 * title and language. Reads the body lines (chrome included: dates and sources often sit in
 * chrome) and the front matter; the manifest and home jurisdiction are applied in index.ts.
 *
 * Examples:
 * - `来源: 荆州日报客户端 2021-12-07` → source 荆州日报, date 2021-12-07;
 * - `发布时间:2025-09-02 01:28 来源:天门日报` → date 2025-09-02, source 天门日报;
 * - `2021年08月18日 星期三` at the top is the scrape date banner: only a last resort;
 * - `本报讯(记者李天然夏雨彬特约记者张星星)` → byline [李天然, 夏雨彬, 张星星].
 */
import { loadSurnames } from '../surnames.js';
import { HOLDS_META_CUE, HOLDS_PAREN, type BodyLine } from '../normalise/index.js';
import { isoDate } from './frontmatter.js';

const FULL_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)/;
/**
 * An e-paper's masthead line, spaces folded: the paper, the date and the page
 * (`荆州日报2021年9月3日第01版`, `黄冈日报2023年1月15日星期日第03版：要闻`).
 */
const MASTHEAD = /^([\u4e00-\u9fff]{2,12}?(?:日报|晚报|早报|都市报|商报|时报))(\d{4})年(\d{1,2})月(\d{1,2})日(?:(?:星期|周)[一二三四五六日天])?(?:第?[0-9０-９A-Za-z]{1,3}版.{0,12})?$/;

/** The paper and the date of a masthead line among the first lines of a body, or null. */
export function mastheadOf(lines: BodyLine[]): { paper: string; date: string | null } | null {
  let seen = 0;
  for (const { text, kind } of lines) {
    if (kind === 'blank') continue;
    if (++seen > 4) break;
    if (text.length > 60 || !text.includes('年')) continue;
    const m = MASTHEAD.exec(text.replace(/\s+/g, ''));
    if (m) return { paper: m[1]!, date: isoDate(+m[2]!, +m[3]!, +m[4]!) };
  }
  return null;
}

/**
 * A headline that opens with its medium in brackets, as reposts write it (`【荆州日报】松滋市召开…`):
 * the medium and the headline without it; null when the brackets hold no medium's name.
 */
export function bracketedMedium(title: string | null): { medium: string; title: string } | null {
  if (!title || !title.startsWith('【')) return null;
  const close = title.indexOf('】');
  if (close < 3 || close > 16 || close === title.length - 1) return null;
  const medium = title.slice(1, close);
  if (!MEDIA_NAME.test(medium) || !/^[\u4e00-\u9fff]+$/.test(medium)) return null;
  return { medium, title: title.slice(close + 1).trim() };
}

/** Is `line` (spaces folded or not) an e-paper masthead? */
export function isMasthead(line: string): boolean {
  return line.length <= 60 && line.includes('年') && MASTHEAD.test(line.replace(/\s+/g, ''));
}
const DATE_BANNER = /^\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期|周)[一二三四五六日天]$/;
const DATE_CUE = /来源|发布时间|发布日期|发表时间|发表日期|更新时间|时间[:：]|日期[:：]|稿源/;

/** A full date in a string as `YYYY-MM-DD`, or null. */
export function dateIn(text: string): string | null {
  const m = FULL_DATE.exec(text);
  return m ? isoDate(+m[1]!, +m[2]!, +m[3]!) : null;
}

/** The publication date a URL path states (`/2021-01/11/`, `/2014/12/05/`, `t20250902_`); year-month only → null. */
export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url.startsWith('//') ? `http:${url}` : url).pathname;
  } catch {
    // Not a parseable URL: look at the string as it is.
  }
  const patterns: RegExp[] = [
    /(?:^|\/)(\d{4})-(\d{1,2})\/(\d{1,2})(?:\/|$)/,
    /(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/,
    /(?:^|\/)(\d{4})\/(\d{1,2})-(\d{1,2})(?:\/|$)/,
    /(?:^|[/_-])(\d{4})-(\d{2})-(\d{2})(?:[/_.-]|$)/,
    /(?:^|\/)t(\d{4})(\d{2})(\d{2})_/,
    /(?:^|\/)(\d{4})(\d{2})(\d{2})(?:\/|$)/,
  ];
  for (const re of patterns) {
    const m = re.exec(path);
    if (m) {
      const d = isoDate(+m[1]!, +m[2]!, +m[3]!);
      if (d) return d;
    }
  }
  return null;
}

/** The first URL the page states (`<http://…>` lines, bare URL lines). */
export function urlFromLines(lines: BodyLine[]): string | null {
  for (const line of lines) {
    // The pattern opens with `<`, `h`/`H` or `/`: other lines are passed over before it.
    const first = line.text.charCodeAt(0);
    if (first !== 0x3c && (first | 0x20) !== 0x68 && first !== 0x2f) continue;
    const m = /^<?((?:https?:)?\/\/[^\s<>]+)>?$/i.exec(line.text);
    if (m && !/^\[/.test(line.text)) return m[1]!.startsWith('//') ? `http:${m[1]}` : m[1]!;
  }
  return null;
}

/** Whether `c` is a unit `\s` matches (NaN, no unit: false). */
function isWhitespaceUnit(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The publication date from the body lines: a date on a line that says 来源 / 发布时间 (never
 * inside trailing chrome), else a date-only line near the top; the weekday banner is
 * returned separately as a last resort.
 */
export function dateFromLines(lines: BodyLine[]): { date: string | null; banner: string | null } {
  let banner: string | null = null;
  let dateLine: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const { text, kind, rule } = lines[i]!;
    if (kind === 'blank' || rule === 'chrome-end') continue;
    // The weekday banner opens with a digit: a line opening with anything else that is no
    // whitespace (a CJK ideograph, punctuation, a letter) is none, so it is folded only if the
    // date-line rule below asks.
    const first = text.charCodeAt(0);
    const folded = (first >= 0x30 && first <= 0x39) || isWhitespaceUnit(first) ? text.replace(/\s+/g, '') : null;
    if (folded !== null && DATE_BANNER.test(folded)) {
      banner ??= dateIn(folded);
      continue;
    }
    // Every date cue holds 源, 间 or 期 (a HOLDS_META_CUE unit): other lines skip the regex.
    if (text.length <= 120 && mayHold(lines[i]!, HOLDS_META_CUE) && DATE_CUE.test(text) && !/图片来源/.test(text)) {
      const d = dateIn(text);
      if (d) return { date: d, banner };
    }
    if (i < 15 && rule === 'chrome-date-line' && !dateLine) dateLine = dateIn(folded ?? text.replace(/\s+/g, ''));
  }
  return { date: dateLine, banner };
}

const MEDIA_NAME = /(?:日报|晚报|早报|都市报|商报|时报|报|网|台|电视台|广播电视台|新闻|客户端|热线|社|在线|发布|融媒)$/;
const SOURCE_SUFFIX = /(?:客户端|APP|App|app|微信公众号|公众号|官方网站|官网|微博|电子版|数字报)$/;
const NOT_PUBLISHER = /^(?:阅读|本站|本网|网络|未知|作者|原创|综合|编辑|转载|网友|互联网)$/;

/** Cleans a publisher name: suffixes like 客户端 dropped (`荆州日报客户端` → `荆州日报`). */
export function cleanPublisher(raw: string): string | null {
  let name = raw.replace(/[\s"'“”‘’《》【】]/g, '').replace(/\d{4}[-/.年].*$/, '').replace(/[、，,;；|｜].*$/, '');
  name = name.replace(SOURCE_SUFFIX, '');
  if (name.length < 2 || name.length > 20 || NOT_PUBLISHER.test(name) || /[:：]/.test(name)) return null;
  return name;
}

/** Whether `line` may hold a unit of `bits` (its shape says; a line without a shape may). */
function mayHold(line: BodyLine, bits: number): boolean {
  return line.shape === undefined || (line.shape & bits) !== 0;
}

/** The publisher a page names: 来源 lines first, then a `…日报讯` lead, then front matter tags. */
export function publisherFrom(lines: BodyLine[], frontMatter: Record<string, unknown> | null, knownNames: string[]): string | null {
  for (const line of lines) {
    const { text, rule, kind } = line;
    // Every cue ends in 来源: lines without it are skipped before the regex (without a search
    // when the line's shape says it holds none of 来讯息摄).
    if (kind === 'blank' || rule === 'chrome-end' || rule === 'chrome-copyright' || text.length > 200 || !mayHold(line, HOLDS_META_CUE) || !text.includes('来源')) continue;
    const re = /(?<!图片|照片|视频)(?:文章来源|稿件来源|新闻来源|来源)\s*[:：]\s*([^\s)）】]{2,30})/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (/注明|转载/.test(text.slice(Math.max(0, m.index - 6), m.index))) continue;
      const name = cleanPublisher(m[1]!);
      if (name) return name;
    }
  }
  for (const line of lines) {
    const { text, kind } = line;
    // The lead ends in 讯 or 消息: lines without either are passed over before the regex.
    if (kind !== 'article' || !mayHold(line, HOLDS_META_CUE) || (!text.includes('讯') && !text.includes('消息'))) continue;
    const m = /^([\u4e00-\u9fffA-Za-z]{2,12}?)(?:\d{1,2}月\d{1,2}日)?(?:讯|消息)[(（\s]/.exec(text.replace(/^[\s【\[]+/, ''));
    // Only a name that reads like a medium (…日报, …网, …热线): `红网时刻岳阳3月30日讯` names
    // an app and a place, not a publisher.
    if (m && !/^本报|^本台|^本网/.test(m[1]!) && MEDIA_NAME.test(m[1]!)) {
      const name = cleanPublisher(m[1]!);
      if (name) return name;
    }
  }
  if (frontMatter) {
    const values: string[] = [];
    for (const key of ['source', 'publisher', 'tags', 'categories', 'category']) {
      const v = frontMatter[key];
      if (typeof v === 'string') values.push(...v.split(/[\s,，]+/));
      else if (Array.isArray(v)) values.push(...v.filter((x): x is string => typeof x === 'string'));
    }
    for (const v of values) {
      const known = knownNames.find((n) => v.includes(n));
      if (known) return known;
      const m = /^(.{2,12}?(?:日报|晚报|报|新闻网|网))(?:新闻)?$/.exec(v);
      if (m) return m[1]!;
    }
  }
  return null;
}

let surnames: { single: Set<string>; compound: string[] } | null = null;

/** Surnames from data/lexicon/surnames.yaml (the people extractor reads the same file). */
export function surnameLexicon(): { single: Set<string>; compound: string[] } {
  if (surnames) return surnames;
  const lexicon = loadSurnames();
  surnames = { single: new Set(lexicon.single), compound: [...lexicon.compound] };
  return surnames;
}

/**
 * Splits run-together names (`李天然夏雨彬` → [李天然, 夏雨彬]): 2–3-character names (3–4 with a
 * compound surname), each starting with a surname; the split with the fewest two-character
 * names wins (most Chinese names have three characters). Null when no split fits.
 */
export function splitNames(run: string): string[] | null {
  const { single, compound } = surnameLexicon();
  const n = run.length;
  if (!CJK_RUN.test(run) || n < 2) return null;
  // cost[i]: the best split's cost of run[i…] (NaN: none); take[i]: the length of its first name.
  const cost = new Float64Array(n + 1).fill(NaN);
  const take = new Uint8Array(n + 1);
  cost[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    // [name length, surname length] in this order: a compound surname's 3 and 4, a single one's 2 and 3.
    if (startsWithAny(run, i, compound)) {
      chooseName(cost, take, i, 3, 2, n);
      chooseName(cost, take, i, 4, 2, n);
    }
    if (single.has(run[i]!)) {
      chooseName(cost, take, i, 2, 1, n);
      chooseName(cost, take, i, 3, 1, n);
    }
  }
  if (Number.isNaN(cost[0]!)) return null;
  const names: string[] = [];
  for (let i = 0; i < n; i += take[i]!) names.push(run.slice(i, i + take[i]!));
  return names;
}

const CJK_RUN = /^[\u4e00-\u9fff]+$/;

/**
 * A name of `length` characters (`surnameLength` of them the surname) at `i`, followed by the
 * best split of the rest, when that costs less than splitNames' best at `i` so far: a
 * two-character name costs 1 more than a three-character one, every name 0.01.
 */
function chooseName(cost: Float64Array, take: Uint8Array, i: number, length: number, surnameLength: number, n: number): void {
  if (i + length > n) return;
  const rest = cost[i + length]!;
  if (Number.isNaN(rest)) return;
  const c = rest + (length - surnameLength === 1 ? 1 : 0) + 0.01;
  if (Number.isNaN(cost[i]!) || c < cost[i]!) {
    cost[i] = c;
    take[i] = length;
  }
}

/** Whether one of `words` is written in `text` at `at`. */
function startsWithAny(text: string, at: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) if (text.startsWith(words[k]!, at)) return true;
  return false;
}

const ROLES = ['特约记者', '见习记者', '实习记者', '首席记者', '记者', '通讯员', '责任编辑', '编辑', '责编', '作者', '摄影', '摄像', '实习生', '撰稿', '审核', '校对', '编审', '终审', '美编'];
const ROLE_RE = new RegExp(`(${ROLES.join('|')})`, 'g');
const ROLE_ALT = ROLES.join('|');
/** (记者…) / （作者：…） / 讯(秦楚网讯 记者…, closed or cut off at the line end. */
const BYLINE_PAREN = new RegExp(`[(（]\\s*([^()（）]{0,30}?(?:${ROLE_ALT})[^()（）]{0,80}?)\\s*(?:[)）]|$)`, 'g');
/** A line that is a byline: 记者…, 编辑: …, 责任编辑 … */
const BYLINE_LINE = new RegExp(`^(?:(?:文/图|图/文|文图|图文|文|图)\\s*[/:：|｜]?\\s*)?(?:${ROLE_ALT})\\s*[:：]?\\s*[\\u4e00-\\u9fff]`);

/** Names in a byline fragment such as `记者叶力铭 张梦瑶 孙杨 摄` or `记者李天然夏雨彬特约记者张星星`. */
export function namesInByline(fragment: string): string[] {
  const names: string[] = [];
  const body = fragment.replace(/^(?:文\/图|图\/文|文图|图文|文|图)\s*[/:：|｜]?(?=\s*(?:记者|通讯员|摄影|特约|见习|实习))/, ' ').replace(/[:：]/g, ' ').replace(ROLE_RE, ' ').replace(/(?:^|\s)(?:摄|报道|文|图|供稿)(?=\s|$)/g, ' ').replace(/(?:摄|报道)$/, ' ');
  const tokens = body.split(/[\s、，,/|｜]+/).filter(Boolean);
  // Spaced single characters (`吴 锦`) belong together.
  const merged: string[] = [];
  let prevSingle = false;
  for (const t of tokens) {
    const isSingle = t.length === 1 && /[\u4e00-\u9fff]/.test(t);
    if (isSingle && prevSingle) merged[merged.length - 1] += t;
    else merged.push(t);
    prevSingle = isSingle;
  }
  for (const t of merged) {
    if (!/^[\u4e00-\u9fff·]+$/.test(t)) continue;
    if (t.length >= 2 && t.length <= 3 && (surnameLexicon().single.has(t[0]!) || surnameLexicon().compound.some((c) => t.startsWith(c)))) names.push(t);
    else if (t.length >= 4) {
      const split = splitNames(t);
      if (split) names.push(...split);
      else if (t.length === 4 && surnameLexicon().compound.some((c) => t.startsWith(c))) names.push(t);
    }
  }
  return names;
}

/**
 * namesInByline's answers by fragment, kept across articles: a paper's bylines repeat (the
 * same reporters and editors), and the answer depends on nothing else (the surname lexicon is
 * loaded once). Started afresh past MAX_BYLINE_MEMO fragments.
 */
const bylineMemo = new Map<string, readonly string[]>();
const MAX_BYLINE_MEMO = 20_000;

function rememberedNamesInByline(fragment: string): readonly string[] {
  let names = bylineMemo.get(fragment);
  if (names === undefined) {
    names = namesInByline(fragment);
    if (bylineMemo.size >= MAX_BYLINE_MEMO) bylineMemo.clear();
    bylineMemo.set(detached(fragment), names);
  }
  return names;
}

/**
 * A copy of `s` that holds none of the string it was cut from: a fragment kept as a memo key
 * would otherwise keep its article's whole text alive.
 */
function detached(s: string): string {
  // A JSON round trip makes a new string of the same units (a lone surrogate is escaped and
  // read back as it was), without Buffer.from (slow where a build calls it from everywhere).
  return JSON.parse(JSON.stringify(s)) as string;
}

/** Byline names from the body lines (article and chrome lines alike, trailing chrome excepted). */
export function bylineFrom(lines: BodyLine[]): string[] {
  const out: string[] = [];
  const add = (names: readonly string[]) => {
    for (const n of names) if (!out.includes(n)) out.push(n);
  };
  for (const line of lines) {
    const { text, kind, rule } = line;
    if (kind === 'blank' || rule === 'chrome-end' || rule === 'chrome-copyright') continue;
    // (记者…) / （作者：…） / 讯(记者… , closed or cut off at the line end: only on a line
    // that may hold a parenthesis (most do not, and the regex reads all of the line to know).
    if (mayHold(line, HOLDS_PAREN)) {
      const paren = BYLINE_PAREN;
      paren.lastIndex = 0;
      for (let m = paren.exec(text); m; m = paren.exec(text)) add(rememberedNamesInByline(m[1]!));
    }
    // A line that is a byline: 记者…, 编辑: …, 责任编辑 …
    if (text.length <= 120 && BYLINE_LINE.test(text) && !/[。！？]/.test(text)) {
      add(rememberedNamesInByline(text));
      continue;
    }
    // A photo credit closing a caption: …。记者叶力铭 张梦瑶 孙杨 摄
    const credit = mayHold(line, HOLDS_META_CUE) && text.includes('摄') ? /(?:记者|摄影|通讯员)\s*([\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,8})\s*摄\s*$/.exec(text) : null;
    if (credit) add(rememberedNamesInByline(credit[1]!));
    // □ author lines of commentaries: `□中共荆州市委书记 吴 锦`.
    const first = text.charCodeAt(0);
    const author = first === 0x25a1 || first === 0x25a0 ? /^[□■]\s*(.+)$/.exec(text) : null;
    if (author) {
      const tokens = author[1]!.split(/\s+/);
      const tail: string[] = [];
      while (tokens.length > 1 && tokens[tokens.length - 1]!.length === 1) tail.unshift(tokens.pop()!);
      const name = tail.length >= 2 ? tail.join('') : tokens.length > 1 ? tokens[tokens.length - 1]! : '';
      if (name.length >= 2 && name.length <= 4 && /^[\u4e00-\u9fff]+$/.test(name) && surnameLexicon().single.has(name[0]!)) add([name]);
    }
  }
  return out;
}

/** A title from the text: its first line, when that line reads like a headline. */
export function titleFromText(text: string): string | null {
  let first = text.split('\n', 1)[0]!.trim();
  // Under an e-paper's masthead (`荆州日报 2021年9月3日 第01版`), the headline is the next line.
  if (isMasthead(first)) first = text.slice(text.indexOf('\n') + 1).split('\n', 1)[0]!.trim();
  if (first.length < 4 || first.length > 80) return null;
  if (/[。！？]$/.test(first) || (first.match(/[，。]/g)?.length ?? 0) > 2) return null;
  if (/^(?:本报讯|[(（]?记者)/.test(first)) return null;
  return first;
}

/** `en` when Latin letters clearly outnumber CJK characters, else `zh`. */
export function languageOf(text: string): string {
  let latin = 0;
  let cjk = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x3400 && c <= 0x9fff) {
      cjk++;
      // Settled once even all the characters left being Latin could not outnumber CJK 3 to 1.
      if (latin + (text.length - i - 1) <= 3 * cjk) return 'zh';
    }
  }
  return latin > 3 * cjk && latin >= 20 ? 'en' : 'zh';
}
