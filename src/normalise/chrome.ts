/**
 * Site chrome: tells the article lines of a saved web page from its navigation, hotline
 * banners, breadcrumbs, widgets, follow-us lists, image file names and legal boilerplate.
 *
 * Reads the lines of character-normalised text; returns one verdict per line with a rule id.
 * Decisions use cue words from data/lexicon/chrome.yaml AND line shape (short, no sentence
 * punctuation), never the exact strings of particular sites:
 * - `chrome-cue`: a short line holding a strong cue (`违法和不良信息举报`, `当前位置`, `字体:`);
 * - `chrome-breadcrumb`: `首页 > 头条 > 正文`; everything above a breadcrumb is navigation too;
 * - `chrome-nav`: a menu, three or more short lines in a row above the first sentence;
 * - `chrome-image-file`, `chrome-url`, `chrome-markdown-link`, `chrome-separator`, `chrome-date-banner`;
 * - `chrome-end`: a short `相关新闻` / `版权与免责声明` / `评论一下` line ends the article: it and
 *   all that follows are dropped;
 * - `chrome-tail`: after the last sentence of the article, short unpunctuated lines that are
 *   not bylines or source lines.
 *
 * Example: `["首页 > 头条 > 正文", "标题", "正文。"]` → `[chrome-breadcrumb, article, article]`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';

export type LineKind = 'article' | 'chrome' | 'blank';

export interface LineVerdict {
  kind: LineKind;
  /** Rule id of the decision (`chrome-cue`, …); `article` / `blank` for the others. */
  rule: string;
}

interface ChromeLexicon {
  strong: RegExp;
  weak: RegExp;
  prefix: RegExp;
  /** The longest prefix cue (folded): `prefix` reads no further into a line. */
  prefixLength: number;
  end: RegExp;
  channels: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** One alternation per list: a line is tested once, not once per cue. */
function alternation(cues: string[], anchor: '' | '^' | '$'): RegExp {
  if (!cues.length) return /(?!)/;
  const body = cues.map(escape).join('|');
  return new RegExp(anchor === '^' ? `^(?:${body})` : anchor === '$' ? `(?:${body})$` : body);
}

let lexicon: ChromeLexicon | null = null;

/** Cue lists from data/lexicon/chrome.yaml, folded like the lines they are matched against. */
export function chromeLexicon(): ChromeLexicon {
  if (lexicon) return lexicon;
  const raw = parse(readFileSync(dataPath('lexicon/chrome.yaml'), 'utf8')) as Record<string, unknown>;
  const list = (key: string) =>
    Array.isArray(raw[key]) ? (raw[key] as unknown[]).filter((v): v is string => typeof v === 'string').map(probe) : [];
  lexicon = {
    strong: alternation(list('strong'), ''),
    weak: new RegExp(alternation(list('weak'), '').source, 'g'),
    prefix: alternation(list('prefix'), '^'),
    prefixLength: list('prefix').reduce((n, cue) => Math.max(n, cue.length), 0),
    end: alternation(list('end'), ''),
    channels: alternation(list('channels'), '$'),
  };
  return lexicon;
}

/** A line folded for cue matching: NFKC, no whitespace. */
export function probe(line: string): string {
  // Most lines hold only characters whose NFKC is known without ICU (see OWN_NFKC): fold
  // them in one pass, and return the line itself when nothing changes.
  const table = foldTable();
  let i = 0;
  while (i < line.length && table[line.charCodeAt(i)] === FOLD_KEEP) i++;
  if (i === line.length) return line;
  // Something changes (a full-width comma, most often): the folded units are written into a
  // scratch array and made into one flat string, instead of a string concatenated per change.
  if (line.length > foldUnits.length) {
    foldUnits = new Uint16Array(line.length);
    foldBytes = Buffer.from(foldUnits.buffer, foldUnits.byteOffset, foldUnits.byteLength);
  }
  const units = foldUnits;
  let o = 0;
  for (let k = 0; k < i; k++) units[o++] = line.charCodeAt(k);
  for (; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const kind = table[c]!;
    if (kind === FOLD_KEEP) units[o++] = c;
    else if (kind === FOLD_ASCII) units[o++] = c - 0xfee0;
    else if (kind === FOLD_NFKC) return line.normalize('NFKC').replace(WHITESPACE_RUNS, '');
  }
  return LITTLE_ENDIAN ? foldBytes.toString('utf16le', 0, 2 * o) : unitsToString(units, o);
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `units[0…n)` as a string, by character codes (big-endian machines, where the UTF-16LE decoder would swap them). */
function unitsToString(units: Uint16Array, n: number): string {
  let out = '';
  for (let k = 0; k < n; k += 4096) out += String.fromCharCode.apply(null, units.subarray(k, Math.min(n, k + 4096)) as unknown as number[]);
  return out;
}

/** The UTF-16 units of the last folded line (reused: grown as needed). */
let foldUnits = new Uint16Array(1024);
/**
 * foldUnits' bytes, read back as a string in one native call (little-endian machines), a
 * view made once: a Buffer or an apply per folded line cost twice as much.
 */
let foldBytes = Buffer.from(foldUnits.buffer, foldUnits.byteOffset, foldUnits.byteLength);

/**
 * The characters whose NFKC is known without ICU: ASCII, CJK ideographs, common Chinese
 * punctuation (each its own NFKC, never combining with a neighbour), as [first, last] ranges.
 * Full-width ASCII folds to ASCII, and whitespace is dropped by the probe either way.
 * tests/ingest-fastpaths.test.ts checks every BMP character against String#normalize.
 */
const OWN_NFKC: Array<[number, number]> = [
  [0x21, 0x7e], [0xb7, 0xb7], [0x2014, 0x2014], [0x2018, 0x2019], [0x201c, 0x201d], [0x3001, 0x3002],
  [0x3008, 0x3011], [0x3014, 0x3017], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
];
/** The characters `\s` matches (ECMAScript WhiteSpace and LineTerminator), as ranges. */
const WHITESPACE: Array<[number, number]> = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const WHITESPACE_RUNS = /\s+/g;
const FOLD_NFKC = 0;
const FOLD_KEEP = 1;
const FOLD_DROP = 2;
const FOLD_ASCII = 3;
let foldKinds: Uint8Array | null = null;

/** What {@link probe} does with each UTF-16 unit (built on first use; FOLD_NFKC unless listed). */
function foldTable(): Uint8Array {
  if (foldKinds) return foldKinds;
  const table = new Uint8Array(0x10000);
  for (const [first, last] of OWN_NFKC) table.fill(FOLD_KEEP, first, last + 1);
  table.fill(FOLD_ASCII, 0xff01, 0xff5e + 1);
  for (const [first, last] of WHITESPACE) table.fill(FOLD_DROP, first, last + 1);
  foldKinds = table;
  return table;
}

const SENTENCE_END = /[。！？!?；;]/;

/** Bits of a line's shape (what its units are, OR-ed): 。！？ */
const HOLDS_STOP = 1;
/** The rest of SENTENCE_END: `!?;；` */
const HOLDS_OTHER_END = 2;
/** A unit the fold maps to ASCII (full-width ASCII). */
const HOLDS_MAPPED = 4;
/** A unit the fold drops (whitespace) or leaves to NFKC. */
const HOLDS_UNPLAIN = 8;
/** `]`, `*` or `_`: what inline Markdown markup needs (read by normaliseBody, not here). */
export const HOLDS_MARKDOWN_MARK = 16;
/** A breadcrumb separator (`>` `＞` `»` `›` `→` `/`, as BREADCRUMB_SEP). */
const HOLDS_CRUMB_SEPARATOR = 32;
/** `(` or `（`: what a parenthesised byline (`（记者 …）`) needs (read by the metadata step, not here). */
export const HOLDS_PAREN = 64;
/**
 * 来, 讯, 息, 摄, 源, 间 or 期: one character of each metadata cue (来源, …讯, 消息, …摄; the date
 * cues 来源, 稿源, …时间, …日期) the metadata step looks for with a string search or a regex per
 * line; a line without any needs none of those searches.
 */
export const HOLDS_META_CUE = 128;
let shapeBits: Uint8Array | null = null;

/**
 * The shape bits of a line's units, OR-ed. A function of its own: small, it is optimised
 * after a few lines, where the loop inside classifyLines waited for all of classifyLines.
 */
function lineShape(line: string, shapeOf: Uint8Array): number {
  let shape = 0;
  for (let k = 0; k < line.length; k++) shape |= shapeOf[line.charCodeAt(k)]!;
  return shape;
}

/**
 * The shape of the line `units[start…end)` (what classifyLines computes of each line), for a
 * caller that holds the text's units: an array read is cheaper than `charCodeAt` of a slice.
 */
export function unitsShape(units: Uint16Array, start: number, end: number): number {
  const shapeOf = shapeTable();
  let shape = 0;
  for (let k = start; k < end; k++) shape |= shapeOf[units[k]!]!;
  return shape;
}

/** The shape bits of every UTF-16 unit (see unitsShape), for a caller that ORs them itself. */
export function unitShapes(): Uint8Array {
  return shapeTable();
}

/** The shape bits of every UTF-16 unit (built on first use from the fold table). */
function shapeTable(): Uint8Array {
  if (shapeBits) return shapeBits;
  // By the fold table's ranges (kept: no bit; mapped to ASCII; dropped or left to NFKC:
  // unplain), filled in the order foldTable fills them, instead of a test per unit.
  const table = new Uint8Array(0x10000).fill(HOLDS_UNPLAIN);
  for (const [first, last] of OWN_NFKC) table.fill(0, first, last + 1);
  table.fill(HOLDS_MAPPED, 0xff01, 0xff5e + 1);
  for (const [first, last] of WHITESPACE) table.fill(HOLDS_UNPLAIN, first, last + 1);
  for (const ch of '。！？') table[ch.charCodeAt(0)]! |= HOLDS_STOP;
  for (const ch of '!?；;') table[ch.charCodeAt(0)]! |= HOLDS_OTHER_END;
  for (const ch of ']*_') table[ch.charCodeAt(0)]! |= HOLDS_MARKDOWN_MARK;
  for (const ch of '>＞»›→/') table[ch.charCodeAt(0)]! |= HOLDS_CRUMB_SEPARATOR;
  for (const ch of '(（') table[ch.charCodeAt(0)]! |= HOLDS_PAREN;
  for (const ch of '来讯息摄源间期') table[ch.charCodeAt(0)]! |= HOLDS_META_CUE;
  shapeBits = table;
  return table;
}
const HAS_WORD = /[\p{L}\p{N}]/u;
const IMAGE_FILE = /^[^\s/\\]{1,120}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$/i;
const URL_LINE = /^<?(?:https?:)?\/\/[^\s<>]+>?$/i;
const MARKDOWN_LINKS = /^(?:\s*[|｜·/]?\s*\[[^\]\n]*\]\([^)\n]*\))+\s*[|｜·/]?\s*$/;
const DATE_BANNER = /^\d{4}年\d{1,2}月\d{1,2}日(?:星期|周)[一二三四五六日天]$/;
const DATE_ONLY = /^[[【(]?(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\d{1,2}:\d{2}(?::\d{2})?)?[\]】)]?$/;
const BULLET = /^[•·●◆▪►▶○◇]/;
const BREADCRUMB_SEP = /\s*(?:>|＞|»|›|→|\/)\s*/;

/** HAS_WORD.test, answered without the Unicode-property regex when the line opens with a CJK ideograph or an ASCII letter or digit. */
function hasWord(p: string): boolean {
  const c = p.charCodeAt(0);
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  return HAS_WORD.test(p);
}

function isBreadcrumb(line: string): boolean {
  // The keyword test first: it is cheap and rules out nearly every line before the split.
  if (line.length > 60 || !/首页|主页|网站|新闻|正文|Home/i.test(line)) return false;
  const parts = line.split(BREADCRUMB_SEP).filter(Boolean);
  return parts.length >= 3 && parts.every((p) => p.length <= 10 && !SENTENCE_END.test(p));
}

/**
 * Classifies every line (the strings passed are the trimmed lines). `shapes`: each line's
 * {@link unitsShape}, when the caller has them (computed here otherwise).
 */
export function classifyLines(lines: string[], shapes?: Uint8Array): LineVerdict[] {
  const lex = chromeLexicon();
  // Each line is folded at most once, however many rules look at it; a line whose shape
  // shows only units the fold keeps is its own fold (probe would scan it to return it).
  const folded: Array<string | undefined> = new Array(lines.length);
  const fold = (i: number) => (folded[i] ??= lineShapes[i]! & (HOLDS_MAPPED | HOLDS_UNPLAIN) ? probe(lines[i]!) : lines[i]!);
  // Built by push, not `map`: an inlined `map` makes holey arrays where the builtin makes
  // packed ones, and readers optimised for one deoptimised on the other ("wrong map").
  const verdicts: LineVerdict[] = [];
  // What each line holds (one pass over its units), asked by several rules here and below.
  const shapeOf = shapes ? null : shapeTable();
  const lineShapes = shapes ?? new Uint8Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    if (shapeOf) lineShapes[i] = lineShape(lines[i]!, shapeOf);
    verdicts.push(classifyOne(lines[i]!, lineShapes[i]!, lex, fold, i));
  }
  // SENTENCE_END.test(lines[i]).
  const endsSentence = (i: number) => (lineShapes[i]! & (HOLDS_STOP | HOLDS_OTHER_END)) !== 0;

  // Navigation above a breadcrumb / "当前位置" line in the page head is chrome as well.
  const headLimit = Math.min(lines.length, 15);
  let lastNav = -1;
  for (let i = 0; i < headLimit; i++) {
    if (verdicts[i]!.rule === 'chrome-breadcrumb' || (verdicts[i]!.rule === 'chrome-cue' && /当前位置|您的位置|您现在的位置|所在位置/.test(fold(i)))) lastNav = i;
  }
  for (let i = 0; i < lastNav; i++) {
    if (verdicts[i]!.kind === 'article' && lines[i]!.length <= 30 && !endsSentence(i)) verdicts[i] = chrome('chrome-nav');
  }

  // A menu at the top: three or more short unpunctuated lines in a row before the first
  // sentence (新闻中心 / 政务公开 / 办事服务 …). A headline is longer, and comes alone.
  const firstSentence = verdicts.findIndex((v, i) => v.kind === 'article' && endsSentence(i));
  const menuItem = (i: number) => verdicts[i]!.kind !== 'blank' && lines[i]!.length <= 8 && !/[。！？，、：:]/.test(lines[i]!);
  for (let i = 0; i < (firstSentence < 0 ? 0 : firstSentence); ) {
    if (!menuItem(i)) {
      i++;
      continue;
    }
    let j = i;
    const run: number[] = [];
    while (j < firstSentence && (menuItem(j) || verdicts[j]!.kind === 'blank')) {
      if (verdicts[j]!.kind !== 'blank') run.push(j);
      j++;
    }
    if (run.length >= 3) for (const k of run) if (verdicts[k]!.kind === 'article') verdicts[k] = chrome('chrome-nav');
    i = j;
  }

  // The trailing chrome starts at the first end marker that follows some article text.
  let seenArticle = false;
  for (let i = 0; i < lines.length; i++) {
    const v = verdicts[i]!;
    // An end marker: a short line without sentence punctuation holding an end cue.
    // (A blank line folds to nothing, which holds no cue.)
    if (seenArticle && v.kind !== 'blank' && lines[i]!.length <= 20 && !endsSentence(i) && lex.end.test(fold(i))) {
      for (let j = i; j < lines.length; j++) {
        if (verdicts[j]!.kind !== 'blank') verdicts[j] = chrome('chrome-end');
      }
      break;
    }
    if (v.kind === 'article' && endsSentence(i)) seenArticle = true;
  }

  // At the very end, after the last sentence, short unpunctuated lines are widgets unless they
  // credit someone. Walk back from the end and stop at the first line of real text, so a
  // truncated article keeps its headings and its unfinished last paragraph.
  let lastSentence = -1;
  for (let i = 0; i < lines.length; i++) if (verdicts[i]!.kind === 'article' && endsSentence(i)) lastSentence = i;
  for (let i = lines.length - 1; i > lastSentence && lastSentence >= 0; i--) {
    const line = lines[i]!;
    if (verdicts[i]!.kind !== 'article') continue;
    if (line.length > 20 || /[。！？，]/.test(line)) break;
    if (/记者|编辑|作者|通讯员|来源|摄|供稿|审核|校对|责编|出品|监制|制作/.test(line)) continue;
    verdicts[i] = chrome('chrome-tail');
  }
  return verdicts;
}

// The two verdicts of most lines, shared (verdicts are replaced, never changed in place).
const ARTICLE: LineVerdict = Object.freeze({ kind: 'article', rule: 'article' });
const BLANK: LineVerdict = Object.freeze({ kind: 'blank', rule: 'blank' });
/** The verdict of every blank line (classifyLines never replaces it). */
export const BLANK_VERDICT = BLANK;
/** The chrome verdicts, shared alike: one frozen object per rule. */
const CHROME_VERDICTS = new Map<string, LineVerdict>();

function chrome(rule: string): LineVerdict {
  let verdict = CHROME_VERDICTS.get(rule);
  if (!verdict) CHROME_VERDICTS.set(rule, (verdict = Object.freeze({ kind: 'chrome', rule })));
  return verdict;
}

/** `!line.trim()`, answered from the first unit when it is plainly no whitespace (most lines). */
function isBlank(line: string): boolean {
  if (!line.length) return true;
  const c = line.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c > 0x3000 && c < 0xfeff)) return false;
  return !line.trim();
}

/** A necessary condition of IMAGE_FILE: the last unit ends one of its extensions (`g` `f` `p`, any case). */
function endsLikeImageType(p: string): boolean {
  return endsImageType(p.charCodeAt(p.length - 1));
}

function endsImageType(unit: number): boolean {
  const c = unit | 0x20;
  return c === 0x67 || c === 0x66 || c === 0x70;
}

/**
 * The verdict of classifyOne for the commonest article line, reached without folding it:
 * a line that opens with a CJK ideograph, is longer than 12 units and is no short line (it
 * holds 。！？ or is over 100 units), whose units the fold keeps or maps one for one
 * (full-width ASCII → ASCII; nothing dropped, no NFKC). Its probe is then the line with
 * those units mapped, as long and opening alike, so each test classifyOne makes of the probe
 * is answered from the line: the image-file test by its last unit, the summary cue from its
 * first `prefixLength` units (folded when one is mapped), the copyright cue words
 * (ideographs, kept) from the line itself. The weak and strong cue tests do not apply (long,
 * not short), nor do the URL, link, date and bullet tests (they are skipped for an
 * ideograph-first line). Null: not such a line (classifyOne folds it and decides).
 */
function plainSentenceVerdict(line: string, shape: number, lex: ChromeLexicon): LineVerdict | null {
  const first = line.charCodeAt(0);
  if (!(first >= 0x4e00 && first <= 0x9fff) || line.length <= 12) return null;
  if (line.length <= 100 && !(shape & HOLDS_STOP)) return null;
  if (shape & HOLDS_UNPLAIN) return null;
  const table = foldTable();
  const last = line.charCodeAt(line.length - 1);
  const lastFolded = table[last] === FOLD_ASCII ? last - 0xfee0 : last;
  // As endsLikeImageType of the probe: an image name is left to the full test.
  if (line.length <= 125 && endsImageType(lastFolded)) return null;
  // The cues are no longer than `prefixLength`: the probe's opening decides, folded only
  // when it holds a mapped unit (`会议要求，` holds `，`).
  let mappedOpening = false;
  if (shape & HOLDS_MAPPED) for (let i = 0; i < lex.prefixLength; i++) if (table[line.charCodeAt(i)] === FOLD_ASCII) mappedOpening = true;
  if (lex.prefix.test(mappedOpening ? probe(line.slice(0, lex.prefixLength)) : line)) return chrome('chrome-summary');
  if (shape & HOLDS_CRUMB_SEPARATOR && isBreadcrumb(line)) return chrome('chrome-breadcrumb');
  if (line.length <= 200 && line.includes('版权') && /转载|所有|声明|授权/.test(line)) return chrome('chrome-copyright');
  return ARTICLE;
}

/** `fold(index)` gives the line's {@link probe}; `shape`, its shape bits (see classifyLines). */
function classifyOne(line: string, shape: number, lex: ChromeLexicon, fold: (index: number) => string, index: number): LineVerdict {
  if (isBlank(line)) return BLANK;
  // Long lines are article text unless they open with a summary cue; skip the folding.
  if (line.length > 300 && !URL_LINE.test(line)) return lex.prefix.test(probe(line.slice(0, 20))) ? chrome('chrome-summary') : ARTICLE;
  const plain = plainSentenceVerdict(line, shape, lex);
  if (plain) return plain;
  const p = fold(index);
  if (!hasWord(p)) return chrome('chrome-separator');
  // A line opening with a CJK ideograph (most lines; the probe opens with the same one) is no
  // URL, Markdown link list, date line or bullet: those anchored regexes are skipped.
  const first = line.charCodeAt(0);
  const ideographFirst = first >= 0x4e00 && first <= 0x9fff;
  if (!ideographFirst && URL_LINE.test(p)) return chrome('chrome-url');
  if (!ideographFirst && MARKDOWN_LINKS.test(line)) return chrome('chrome-markdown-link');
  // At most 120 + 1 + 4 characters, with a dot: most lines are ruled out before the regex.
  if (p.length <= 125 && endsLikeImageType(p) && p.includes('.') && IMAGE_FILE.test(p)) return chrome('chrome-image-file');
  if (!ideographFirst && DATE_BANNER.test(p)) return chrome('chrome-date-banner');
  if (!ideographFirst && DATE_ONLY.test(p)) return chrome('chrome-date-line');
  if (lex.prefix.test(p)) return chrome('chrome-summary');
  if (shape & HOLDS_CRUMB_SEPARATOR && isBreadcrumb(line)) return chrome('chrome-breadcrumb');
  const short = line.length <= 100 && !(shape & HOLDS_STOP);
  if (short && lex.strong.test(p)) return chrome('chrome-cue');
  // Weak cues count only when they are all the line holds (`打印 关闭`, `浏览：`, `正文`), so a
  // heading such as `3D打印产业园开工` stays.
  if (p.length <= 12 && !/[。！？，]/.test(line)) {
    const rest = p.replace(lex.weak, '');
    if (rest !== p && !HAS_WORD.test(rest.replace(/\d+/g, ''))) return chrome('chrome-cue');
  }
  if (!ideographFirst && BULLET.test(p) && p.length <= 20 && !SENTENCE_END.test(p)) {
    if (lex.channels.test(p)) return chrome('chrome-follow');
  }
  if (p.length <= 200 && p.includes('版权') && /转载|所有|声明|授权/.test(p)) return chrome('chrome-copyright');
  return ARTICLE;
}
