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
    end: alternation(list('end'), ''),
    channels: alternation(list('channels'), '$'),
  };
  return lexicon;
}

/** A line folded for cue matching: NFKC, no whitespace. */
export function probe(line: string): string {
  if (FOLDS_ALONE.test(line)) {
    // Same result without NFKC: these characters are their own NFKC and never combine with a
    // neighbour; full-width ASCII folds to ASCII, and whitespace goes either way.
    const compact = WHITESPACE.test(line) ? line.replace(WHITESPACE_RUNS, '') : line;
    return FULLWIDTH_ASCII.test(compact) ? compact.replace(FULLWIDTH_ASCII_ALL, toAscii) : compact;
  }
  return line.normalize('NFKC').replace(WHITESPACE_RUNS, '');
}

/**
 * Lines made only of ASCII, CJK ideographs, common Chinese punctuation, full-width ASCII and
 * whitespace (most lines): their NFKC is computed character by character (tests/normalise.test.ts
 * checks every character of the class against String#normalize).
 */
export const FOLDS_ALONE = /^[\s\x21-\x7e\xb7\u2014\u2018\u2019\u201c\u201d\u3001\u3002\u3008-\u3011\u3014-\u3017\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]*$/;
const WHITESPACE = /\s/;
const WHITESPACE_RUNS = /\s+/g;
const FULLWIDTH_ASCII = /[\uff01-\uff5e]/;
const FULLWIDTH_ASCII_ALL = /[\uff01-\uff5e]/g;
const toAscii = (ch: string) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0);

const SENTENCE_END = /[。！？!?；;]/;
const HAS_WORD = /[\p{L}\p{N}]/u;
const IMAGE_FILE = /^[^\s/\\]{1,120}\.(?:jpe?g|png|gif|webp|bmp|tiff?|svg)$/i;
const URL_LINE = /^<?(?:https?:)?\/\/[^\s<>]+>?$/i;
const MARKDOWN_LINKS = /^(?:\s*[|｜·/]?\s*\[[^\]\n]*\]\([^)\n]*\))+\s*[|｜·/]?\s*$/;
const DATE_BANNER = /^\d{4}年\d{1,2}月\d{1,2}日(?:星期|周)[一二三四五六日天]$/;
const DATE_ONLY = /^[[【(]?(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)(?:\d{1,2}:\d{2}(?::\d{2})?)?[\]】)]?$/;
const BULLET = /^[•·●◆▪►▶○◇]/;
const BREADCRUMB_SEP = /\s*(?:>|＞|»|›|→|\/)\s*/;

function isBreadcrumb(line: string): boolean {
  // The keyword test first: it is cheap and rules out nearly every line before the split.
  if (line.length > 60 || !/首页|主页|网站|新闻|正文|Home/i.test(line)) return false;
  const parts = line.split(BREADCRUMB_SEP).filter(Boolean);
  return parts.length >= 3 && parts.every((p) => p.length <= 10 && !SENTENCE_END.test(p));
}

/** Classifies every line (the strings passed are the trimmed lines). */
export function classifyLines(lines: string[]): LineVerdict[] {
  const lex = chromeLexicon();
  // Each line is folded at most once, however many rules look at it.
  const folded: Array<string | undefined> = new Array(lines.length);
  const fold = (i: number) => (folded[i] ??= probe(lines[i]!));
  const verdicts: LineVerdict[] = lines.map((line, i) => classifyOne(line, lex, () => fold(i)));

  // Navigation above a breadcrumb / "当前位置" line in the page head is chrome as well.
  const headLimit = Math.min(lines.length, 15);
  let lastNav = -1;
  for (let i = 0; i < headLimit; i++) {
    if (verdicts[i]!.rule === 'chrome-breadcrumb' || (verdicts[i]!.rule === 'chrome-cue' && /当前位置|您的位置|您现在的位置|所在位置/.test(fold(i)))) lastNav = i;
  }
  for (let i = 0; i < lastNav; i++) {
    if (verdicts[i]!.kind === 'article' && lines[i]!.length <= 30 && !SENTENCE_END.test(lines[i]!)) verdicts[i] = { kind: 'chrome', rule: 'chrome-nav' };
  }

  // A menu at the top: three or more short unpunctuated lines in a row before the first
  // sentence (新闻中心 / 政务公开 / 办事服务 …). A headline is longer, and comes alone.
  const firstSentence = verdicts.findIndex((v, i) => v.kind === 'article' && SENTENCE_END.test(lines[i]!));
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
    if (run.length >= 3) for (const k of run) if (verdicts[k]!.kind === 'article') verdicts[k] = { kind: 'chrome', rule: 'chrome-nav' };
    i = j;
  }

  // The trailing chrome starts at the first end marker that follows some article text.
  let seenArticle = false;
  for (let i = 0; i < lines.length; i++) {
    const v = verdicts[i]!;
    if (seenArticle && isEndMarker(lines[i]!, lex, () => fold(i))) {
      for (let j = i; j < lines.length; j++) {
        if (verdicts[j]!.kind !== 'blank') verdicts[j] = { kind: 'chrome', rule: 'chrome-end' };
      }
      break;
    }
    if (v.kind === 'article' && SENTENCE_END.test(lines[i]!)) seenArticle = true;
  }

  // At the very end, after the last sentence, short unpunctuated lines are widgets unless they
  // credit someone. Walk back from the end and stop at the first line of real text, so a
  // truncated article keeps its headings and its unfinished last paragraph.
  let lastSentence = -1;
  for (let i = 0; i < lines.length; i++) if (verdicts[i]!.kind === 'article' && SENTENCE_END.test(lines[i]!)) lastSentence = i;
  for (let i = lines.length - 1; i > lastSentence && lastSentence >= 0; i--) {
    const line = lines[i]!;
    if (verdicts[i]!.kind !== 'article') continue;
    if (line.length > 20 || /[。！？，]/.test(line)) break;
    if (/记者|编辑|作者|通讯员|来源|摄|供稿|审核|校对|责编|出品|监制|制作/.test(line)) continue;
    verdicts[i] = { kind: 'chrome', rule: 'chrome-tail' };
  }
  return verdicts;
}

function isEndMarker(line: string, lex: ChromeLexicon, fold: () => string): boolean {
  if (line.length > 20 || SENTENCE_END.test(line)) return false;
  return lex.end.test(fold());
}

/** `fold()` gives the line's {@link probe}. */
function classifyOne(line: string, lex: ChromeLexicon, fold: () => string): LineVerdict {
  if (!line.trim()) return { kind: 'blank', rule: 'blank' };
  // Long lines are article text unless they open with a summary cue; skip the folding.
  if (line.length > 300 && !URL_LINE.test(line)) return lex.prefix.test(probe(line.slice(0, 20))) ? { kind: 'chrome', rule: 'chrome-summary' } : { kind: 'article', rule: 'article' };
  const p = fold();
  if (!HAS_WORD.test(p)) return { kind: 'chrome', rule: 'chrome-separator' };
  if (URL_LINE.test(p)) return { kind: 'chrome', rule: 'chrome-url' };
  if (MARKDOWN_LINKS.test(line)) return { kind: 'chrome', rule: 'chrome-markdown-link' };
  // At most 120 + 1 + 4 characters, with a dot: most lines are ruled out before the regex.
  if (p.length <= 125 && p.includes('.') && IMAGE_FILE.test(p)) return { kind: 'chrome', rule: 'chrome-image-file' };
  if (DATE_BANNER.test(p)) return { kind: 'chrome', rule: 'chrome-date-banner' };
  if (DATE_ONLY.test(p)) return { kind: 'chrome', rule: 'chrome-date-line' };
  if (lex.prefix.test(p)) return { kind: 'chrome', rule: 'chrome-summary' };
  if (isBreadcrumb(line)) return { kind: 'chrome', rule: 'chrome-breadcrumb' };
  const short = line.length <= 100 && !/[。！？]/.test(line);
  if (short && lex.strong.test(p)) return { kind: 'chrome', rule: 'chrome-cue' };
  // Weak cues count only when they are all the line holds (`打印 关闭`, `浏览：`, `正文`), so a
  // heading such as `3D打印产业园开工` stays.
  if (p.length <= 12 && !/[。！？，]/.test(line)) {
    const rest = p.replace(lex.weak, '');
    if (rest !== p && !HAS_WORD.test(rest.replace(/\d+/g, ''))) return { kind: 'chrome', rule: 'chrome-cue' };
  }
  if (BULLET.test(p) && p.length <= 20 && !SENTENCE_END.test(p)) {
    if (lex.channels.test(p)) return { kind: 'chrome', rule: 'chrome-follow' };
  }
  if (/版权/.test(p) && /转载|所有|声明|授权/.test(p) && p.length <= 200) return { kind: 'chrome', rule: 'chrome-copyright' };
  return { kind: 'article', rule: 'article' };
}
