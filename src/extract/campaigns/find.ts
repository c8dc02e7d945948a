/**
 * Finding campaign mentions: each rule returns spans of `doc.text` with a canonical name and
 * a rule id. The rules, in order:
 *
 * - `campaign.quoted-cue`: a quote whose content ends with a campaign suffix (`“回归工程”`).
 * - `campaign.quoted-suffix`: a suffix written after the quote (`“双优化”攻坚战`).
 * - `campaign.counted`: a quoted counted form (`“四大会战”`, `“十问十帮”`).
 * - `campaign.target`: a quoted slogan-target (`“双冲刺”目标`, `“冲刺3000亿”`).
 * - `campaign.event-theme`: a quote that heads a joint meeting name (`“冲刺三千亿”暨…推进会`).
 * - `campaign.joint`: a quote joined by 暨 to a suffixed name (`“思想破冰…”暨…主题活动`).
 * - `campaign.work`: a quote followed by 工作 (`加大“招硕引博”工作力度`).
 * - `campaign.list-sibling`: an unquoted first item of a list whose other items are campaigns
 *   (`历经党史学习教育、“思想破冰”大研讨和“双优化”专项治理`).
 * - `campaign.verb-object`: a quote right after a launching verb that holds a count (`推进“高效办成一件事”`).
 * - `campaign.bare-cue`: no quotes, between a launching verb and a suffix (`实施产业跨江行动`).
 * - `campaign.shared-suffix`: a list sharing one suffix (`实施A、B等四大工程` → A工程, B工程).
 * - `campaign.repeat`: a later occurrence of a name already found (`冲刺3000亿元`).
 *
 * Rhetoric is rejected by general cues: punctuation inside (speech, lists), a copula, a
 * rhetoric verb before (`当好“店小二”`) or a quality noun after (`“项目为王”理念`).
 */
import { findLongestOf } from '../automaton.js';
import { campaignLexicon } from './lexicon.js';
import { canonicalName, codePointLength, hasCount, isCounted, isOnlyNumber } from './parse.js';
import { findQuotes, type Quote } from './quotes.js';
import { cueScan, isLongestAtEnd } from '../cue-scan.js';

/** A campaign found in the text. `start`/`end` index `doc.text`. */
export interface CampaignSpan {
  name: string;
  start: number;
  end: number;
  rule: string;
  /** Where the launching verb or rhetoric context was read: the opening quote, or the body start. */
  anchor: number;
}

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const CLAUSE_PUNCT = new Set([...'，。；：！？,;:!?\n、()（）《》']);
const INNER_PUNCT = /[，。；：！？,;:!?、《》…]/;
const INNER_PUNCT_CODES = codeTable('，。；：！？,;:!?、《》…');
/** `INNER_PUNCT.test(text.slice(from, to))` without the slice. */
/**
 * `“百村示范、千村整治”工程`: two to four phrases of 2–8 Han characters joined by 、 inside the
 * quote, and a campaign suffix right after it. Quoted lists of words, speech and titles have
 * other punctuation, longer parts or no suffix.
 */
function isParallelSlogan(text: string, q: Quote): boolean {
  if (!campaignLexicon().attachedSuffixes.longestAt(text, q.close + 1)) return false;
  let parts = 0;
  let partStart = q.open + 1;
  for (let i = partStart; i <= q.close; i++) {
    if (i < q.close && text.charCodeAt(i) !== 0x3001) {
      if (!CJK.test(text[i]!)) return false;
      continue;
    }
    const length = i - partStart;
    if (length < 2 || length > 8) return false;
    parts++;
    partStart = i + 1;
  }
  return parts >= 2 && parts <= 4;
}

function hasInnerPunct(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (INNER_PUNCT_CODES[text.charCodeAt(i)]) return true;
  return false;
}
const SENTENCE_PUNCT = new Set([...'，。；：！？,;:!?\n']);
/** The two sets by character code, for the walks back to a clause or sentence start. */
const CLAUSE_PUNCT_CODES = codeTable([...CLAUSE_PUNCT].join(''));
const SENTENCE_PUNCT_CODES = codeTable([...SENTENCE_PUNCT].join(''));
const CJK = /[\u3400-\u9fff]/;

/** Runs every rule over `text` and returns the spans, repeats included. */
export function findCampaigns(text: string): CampaignSpan[] {
  const quotes = findQuotes(text, cueScan(text).quoteMarks);
  const spans: CampaignSpan[] = [];
  // The quotes that name a campaign, in order (a loop: no closure, no set of indexes to filter by).
  const acceptedQuotes: Quote[] = [];
  for (const q of quotes) {
    const found = fromQuote(text, q);
    if (found) {
      spans.push(found);
      acceptedQuotes.push(q);
    }
    const joint = jointName(text, q);
    if (joint) spans.push(joint);
  }
  // Loops, not push(...list): a spread call copies the list into arguments first.
  for (const s of bareCampaigns(text, quotes, acceptedQuotes)) spans.push(s);
  for (const s of sharedSuffix(text)) spans.push(s);
  for (const s of repeats(text, spans)) spans.push(s);
  return dedupe(spans);
}

function contentOf(text: string, q: Quote): string {
  return text.slice(q.open + 1, q.close);
}

/** Decides whether one quote names a campaign. */
function fromQuote(text: string, q: Quote): CampaignSpan | null {
  const lex = campaignLexicon();
  // Punctuation inside (speech, lists) is read in the text: no slice for those quotes. A slogan
  // of parallel phrases with its suffix right after the quote is a name (“百村示范、千村整治”工程).
  if (hasInnerPunct(text, q.open + 1, q.close) && !isParallelSlogan(text, q)) return null;
  const raw = contentOf(text, q);
  const content = canonicalName(raw);
  const len = codePointLength(content);
  if (len < 2 || len > 24) return null;
  if (lex.neverInsideWords === null || lex.neverInsideWords.lastMatchEnd(content) >= 0) return null;
  if (len === 4 && /[和与及]/.test(content)) return null;
  if (lex.rhetoricBefore.longestEndingAt(text, q.open, 4)) return null;
  // 以“…”的 耐心/气概: a manner, not a campaign.
  if (text[q.open - 1] === '以' && text[q.close + 1] === '的') return null;

  const contentSuffix = lex.contentSuffixes.longestEndingAt(content, content.length, 6);
  let attached = contentSuffix ? null : attachedAfter(text, q.close + 1);
  // A noun glued before the quote (天然气“下乡”工程) makes the quote a word of a longer name,
  // not the campaign's own name: only a verb, a conjunction or punctuation may stand there.
  if (attached && CJK.test(text[q.open - 1] ?? '') && !'把的和与及了'.includes(text[q.open - 1]!) && !lex.triggers.longestEndingAt(text, q.open, 4)) {
    attached = null;
  }
  let sharedWith: string | null = null;
  if (!attached && !contentSuffix && /[和与及、]/.test(text[q.close + 1] ?? '') && text[q.close + 2] === '“') {
    // 深化“放管服”和“一件事一次办”改革: both quotes take the suffix written after the last.
    const nextClose = text.indexOf('”', q.close + 3);
    const after = nextClose > 0 && nextClose - q.close < 20 ? attachedAfter(text, nextClose + 1) : null;
    if (after && !INNER_PUNCT.test(text.slice(q.close + 3, nextClose))) sharedWith = after.key;
  }
  if (sharedWith) return { name: content + sharedWith, start: q.open + 1, end: q.close, rule: 'campaign.shared-suffix', anchor: q.open };
  if (!attached && lex.rhetoricAfter.longestAt(text, q.close + 1)) return null;
  const end = attached ? attached.end : q.close;
  const name = attached ? content + canonicalName(text.slice(q.close + 1, attached.end)) : content;
  const span = (rule: string): CampaignSpan => ({ name, start: q.open + 1, end, rule, anchor: q.open });

  if (attached) return span('campaign.quoted-suffix');
  if (isOnlyNumber(content)) return null;
  if (contentSuffix && len >= 3) return span('campaign.quoted-cue');
  if (len >= 4 && isCounted(content)) return span('campaign.counted');
  // A slogan-target says what is targeted (冲刺3000亿), not only an amount (“3000亿”).
  const words = content.replace(/[\d.]+(万?亿|万)元?/g, '');
  if (len <= 10 && codePointLength(words) >= 2 && (lex.targetAfter.longestAt(text, q.close + 1) || /\d(万?亿|万)/.test(content))) {
    return span('campaign.target');
  }
  if (text[q.close + 1] === '暨') return span('campaign.event-theme');
  if (len >= 3 && len <= 8 && lex.workAfter.longestAt(text, q.close + 1) && text[q.close + 3] !== '者') return span('campaign.work');
  if (hasCount(content) && lex.triggers.longestEndingAt(text, q.open, 4) && closesClause(text, q.close + 1)) {
    return span('campaign.verb-object');
  }
  return null;
}

/**
 * A campaign suffix written after a closing quote at `at`, right away (`”攻坚战`) or after a
 * few characters of the programme's kind (`“百企千村”帮扶工程`).
 */
function attachedAfter(text: string, at: number): { end: number; key: string } | null {
  const lex = campaignLexicon();
  for (let k = 0; k <= 4; k++) {
    const ch = text[at + k - 1];
    if (k > 0 && (!ch || !CJK.test(ch) || lex.bareStop.has(ch))) return null;
    const m = lex.attachedSuffixes.longestAt(text, at + k);
    if (m && (k === 0 || endsWord(text, m.end))) return { end: m.end, key: m.key };
  }
  return null;
}

/** True when a clause ends at `i` (punctuation, end of text, or the next quote). */
function closesClause(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const ch = text[i]!;
  return SENTENCE_PUNCT.has(ch) || ch === '“' || ch === '、' || ch === '等' || /\s/.test(ch);
}

/** `“A”暨B…活动`: the quote and what 暨 joins to it, when that ends in a campaign suffix. */
function jointName(text: string, q: Quote): CampaignSpan | null {
  if (text[q.close + 1] !== '暨') return null;
  const raw = contentOf(text, q);
  if (INNER_PUNCT.test(raw) || raw.length > 20) return null;
  const lex = campaignLexicon();
  const limit = Math.min(text.length, q.close + 40);
  let best: { end: number } | null = null;
  for (let i = q.close + 2; i < limit; i++) {
    const ch = text[i]!;
    if (SENTENCE_PUNCT.has(ch) || ch === '、') break;
    const m = lex.contentSuffixes.longestAt(text, i);
    if (m && m.end <= limit) {
      const next = text[m.end];
      if (next === undefined || !CJK.test(next)) best = { end: m.end };
    }
  }
  if (!best) return null;
  return { name: canonicalName(text.slice(q.open, best.end)), start: q.open + 1, end: best.end, rule: 'campaign.joint', anchor: q.open };
}

/** Suffix matches that end a word (not 改革开放, 工程量, 行动自觉, 战略机遇). */
function endsWord(text: string, end: number): boolean {
  // By code: the end of the text, or no CJK character (U+3400–U+9FFF) after it.
  const next = text.charCodeAt(end);
  if (!(next >= 0x3400 && next <= 0x9fff)) return true;
  return WORD_AFTER_SUFFIX_CODES[next] === 1;
}
/** 和与及等中上: after these a suffix still ends its word. */
const WORD_AFTER_SUFFIX_CODES = codeTable('和与及等中上');

/** `实施产业跨江行动`: trigger verb, a body, a suffix, all inside one clause. */
function bareCampaigns(text: string, quotes: Quote[], accepted: Quote[]): CampaignSpan[] {
  const lex = campaignLexicon();
  const out: CampaignSpan[] = [];
  // The suffixes by end, the longest per end.
  const suffixes = cueScan(text).campaignBare;
  for (let k = 0; k < suffixes.length; k++) {
    if (!isLongestAtEnd(suffixes, k)) continue;
    const m = suffixes[k]!;
    // A suffix inside a quote (“六大行动”) ends the name after the closing quote.
    let end = m.end;
    if (text[end] === '”' || text[end] === '’') end++;
    if (!endsWord(text, end)) continue;
    let clauseStart = m.start;
    while (clauseStart > 0 && !CLAUSE_PUNCT_CODES[text.charCodeAt(clauseStart - 1)] && m.start - clauseStart < 24) clauseStart--;
    const trigger = lastTrigger(text, clauseStart, m.start);
    let bodyStart = trigger;
    let rule = 'campaign.bare-cue';
    if (trigger < 0 && /[、和]/.test(text[end] ?? '') && accepted.some((q) => q.open === end + 1)) {
      // 历经A、“B”…: the first item of a list of campaigns, bounded by a list verb.
      bodyStart = Math.max(bodyStart, campaignLexicon().listVerbs.lastMatchEnd(text, clauseStart, m.start));
      rule = 'campaign.list-sibling';
    }
    if (trigger < 0 && text[clauseStart - 1] === '、' && text.slice(clauseStart - 1 - m.key.length, clauseStart - 1) === m.key) {
      // A list item: the verb stands before the first item (实施A工程、B工程), every item
      // carrying the suffix (not 推进A、B“五大行动”, where the count names the whole list).
      let listStart = clauseStart - 1;
      while (listStart > 0 && !SENTENCE_PUNCT_CODES[text.charCodeAt(listStart - 1)] && clauseStart - listStart < 60) listStart--;
      if (lastTrigger(text, listStart, clauseStart) >= 0) bodyStart = clauseStart;
    }
    if (bodyStart < 0) continue;
    // 打赢A攻坚战和B攻坚战: the verb's list holds an earlier campaign; this one starts after it.
    for (const prev of lex.bareSuffixes.findAll(text, bodyStart, m.start)) {
      if (/[和与及、]/.test(text[prev.end] ?? '')) bodyStart = Math.max(bodyStart, prev.end + 1);
    }
    for (const q of accepted) {
      if (q.open >= bodyStart && q.close < m.start && /[和与及、]/.test(text[q.close + 1] ?? '')) bodyStart = q.close + 2;
    }
    const bodyRaw = text.slice(bodyStart, m.start);
    if (!validBody(bodyRaw, bodyStart, quotes, accepted, m.key)) continue;
    const body = canonicalName(bodyRaw);
    if (m.key === '工程' && lex.projectWords.some((w) => body.includes(w))) continue;
    // 开展“百日攻坚大会战”行动: the quote is the campaign already; 行动 only says what it is.
    if (lex.contentSuffixes.longestEndingAt(body, body.length, 6)) continue;
    out.push({ name: body + m.key, start: bodyStart, end, rule, anchor: bodyStart });
  }
  return out;
}

/** End of the last launching verb in [from, to), or -1 (the largest end of a match: no list of them). */
function lastTrigger(text: string, from: number, to: number): number {
  return campaignLexicon().triggers.lastMatchEnd(text, from, to);
}

function validBody(bodyRaw: string, at: number, quotes: Quote[], accepted: Quote[], suffix: string): boolean {
  const lex = campaignLexicon();
  const body = canonicalName(bodyRaw);
  const len = codePointLength(body);
  // Two characters before 工程/行动/改革 (民生工程, 联合行动) name a kind of work, not one
  // campaign; before a battle or a study campaign they do (蓝天保卫战, 党史学习教育).
  // Study campaigns have the longest names (学习贯彻习近平新时代中国特色社会主义思想|主题教育: 20).
  if (len < (/(战|教育)$/.test(suffix) ? 2 : 3) || len > (suffix.endsWith('教育') ? 24 : 18)) return false;
  const generic = lex.bareGeneric.findLongest(body).reduce((n, m) => n + (m.end - m.start), 0);
  if (generic >= body.length) return false;
  if (holdsCodePointOf(body, lex.bareStopCodes)) return false;
  if (/[0-9]/.test(body) || /\s/.test(bodyRaw.trim())) return false;
  // Quotes inside a bare name must themselves be campaigns or counts (干部素质提升“六大行动”),
  // not a word in quotes (天然气“下乡”工程).
  for (const q of quotes) {
    if (q.open < at || q.open >= at + bodyRaw.length) continue;
    if (!accepted.includes(q)) {
      const inner = canonicalName(bodyRaw.slice(q.open - at + 1, Math.max(q.open - at + 1, q.close - at)));
      if (!isCounted(inner) && q.close < at + bodyRaw.length) return false;
    }
  }
  return true;
}

/** Does `s` hold a character of `codes` (by code point: what iterating the string and a Set of one-character strings would find)? */
function holdsCodePointOf(s: string, codes: Set<number>): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (codes.has(c)) return true;
    if (c > 0xffff) i++;
  }
  return false;
}

/** The suffixes a list of campaigns shares after 等 (`…等四大工程`). */
export const SHARED_SUFFIXES = ['工程', '行动', '专项行动', '改革', '计划', '攻坚战', '专项治理'];
const SHARED_SUFFIX_LIST = new RegExp(`等([一二三四五六七八九十两]+[大个项类])?(${SHARED_SUFFIXES.join('|')})`, 'g');

/** `实施产业链提升、技改提能强基、数字创新引领、市场主体倍增等四大工程`. */
function sharedSuffix(text: string): CampaignSpan[] {
  const lex = campaignLexicon();
  const out: CampaignSpan[] = [];
  // The cue scan knows whether any of the suffixes is in the text (in most it is not).
  if (!cueScan(text).hasSharedSuffix) return out;
  for (const m of text.matchAll(SHARED_SUFFIX_LIST)) {
    const at = m.index!;
    let start = at;
    while (start > 0 && !SENTENCE_PUNCT_CODES[text.charCodeAt(start - 1)] && at - start < 80) start--;
    const trigger = lastTrigger(text, start, at);
    if (trigger < 0) continue;
    const suffix = m[2]!;
    const list = text.slice(trigger, at);
    let offset = trigger;
    const items = list.split(/([、和及])/);
    const found: CampaignSpan[] = [];
    let ok = true;
    for (const part of items) {
      if (/^[、和及]$/.test(part)) {
        offset += part.length;
        continue;
      }
      const item = canonicalName(part);
      const n = codePointLength(item);
      if (n < 2 || n > 12 || holdsCodePointOf(item, lex.bareStopCodes)) {
        ok = false;
        break;
      }
      const name = item.endsWith(suffix) ? item : item + suffix;
      found.push({ name, start: offset, end: offset + part.length, rule: 'campaign.shared-suffix', anchor: trigger });
      offset += part.length;
    }
    if (ok && found.length >= 2) out.push(...found);
  }
  return out;
}

/** Later occurrences of names already found, quoted or not (`冲刺3000亿元`, `四大会战`). */
function repeats(text: string, spans: CampaignSpan[]): CampaignSpan[] {
  // The names to look for, repeats included: findLongestOf takes each once, in first-seen order.
  const names: string[] = [];
  for (const s of spans) if (codePointLength(s.name) >= 3) names.push(s.name);
  if (!names.length) return [];
  const out: CampaignSpan[] = [];
  for (const m of findLongestOf(text, names)) {
    if (spans.some((s) => s.start <= m.start && m.end <= s.end)) continue;
    out.push({ name: m.key, start: m.start, end: m.end, rule: 'campaign.repeat', anchor: m.start });
  }
  return out;
}

/** One span per name and place: of overlapping spans with the same name, the first rule wins. */
function dedupe(spans: CampaignSpan[]): CampaignSpan[] {
  const out: CampaignSpan[] = [];
  next: for (const s of spans) {
    for (const o of out) if (o.start < s.end && s.start < o.end && o.name === s.name) continue next;
    out.push(s);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}
