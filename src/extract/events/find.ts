/**
 * Finding named events: a head noun (`会议`, `党代会`, `推进会`, `开工仪式` …) and the name
 * written before it, scanned leftwards to a verb or punctuation; then the jurisdiction is made
 * explicit (`市委经济工作会议` → `荆州市委经济工作会议` for a 荆州 paper, `省委…全会` → the
 * home province's). Rules:
 *
 * - `event.meeting`: head noun with a named descriptor (`市委经济工作会议`, `石首市第九届人民代表大会第五次会议`).
 * - `event.congress`: `党的二十大`.
 * - `event.session`: `市十届人大常委会举行第二十六次会议` → the organ joined to its session.
 * - `event.ordinal-list`: `省委十一届七次、八次全会` → one event per ordinal.
 * An event is *occurring* when the text says it is held (`召开`, `举行`, `开幕`) and not that it
 * lies ahead or is only referred to (`迎接…胜利召开`, `…精神`); an occurring event gets the
 * date of its sentence (`2月9日` + the article's year) as `properties.date`.
 */
import type { Doc } from '../../types.js';
import { getGazetteer } from '../../gazetteer/index.js';
import { eventLexicon } from './lexicon.js';
import { isSentenceStopAt, isSpaceCode } from '../sentences.js';
import { cueScan, isLongestAtEnd } from '../cue-scan.js';
import { markerPlace, type Place } from '../offices/jurisdiction.js';
import { closesName, isHanAt } from '../people/names.js';

/** An event mention. */
export interface EventSpan {
  name: string;
  start: number;
  end: number;
  rule: string;
  occurring: boolean;
  date?: string;
}

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const PUNCT = new Set([...'，。；：！？,;:!?\n—…「」']);
/** PUNCT by character code (scanLeft reads every character of a name, leftwards). */
const PUNCT_CODES = codeTable([...PUNCT].join(''));
const code = (c: string) => c.charCodeAt(0);
const [ENUMERATION_COMMA, WEI, SHENG, SHI, XIAN, QU, RIGHT_DOUBLE, RIGHT_SINGLE, LEFT_DOUBLE, LEFT_SINGLE, DE, DANG] = [...'、委省市县区”’“‘的党'].map(code);
const NUM = '[一二三四五六七八九十]+';
// Compiled once (matchAll works on a copy, so sharing the /g objects is safe).
const ORDINAL_LIST = new RegExp(`(${NUM}届)((?:${NUM}次、)+${NUM}次)(全会|全体会议)`, 'g');
const PARTY_CONGRESS = new RegExp(`党的(${NUM})大`, 'g');
const SHORT_CONGRESS_SESSION = new RegExp(`^(.*?)(${NUM})届人大(${NUM})次会议$`);

/** Finds the events of a doc. */
export function findEvents(doc: Doc): EventSpan[] {
  const text = doc.text;
  const lex = eventLexicon();
  const home = doc.meta.home;
  const out: EventSpan[] = [];
  const consumed: Array<[number, number]> = [];
  const cues = cueScan(text);

  // Lists of ordinals sharing one session stem: 省委十一届七次、八次、九次、十次全会 (never without 次、).
  for (const m of cues.hasOrdinalList ? text.matchAll(ORDINAL_LIST) : []) {
    const at = m.index!;
    const stemStart = scanLeft(text, at);
    const stem = text.slice(stemStart, at) + m[1]!;
    for (const ord of m[2]!.split('、')) {
      const name = explicit(stem + ord + m[3]!, home, null);
      if (name) out.push({ name, start: stemStart, end: at + m[0].length, rule: 'event.ordinal-list', occurring: false });
    }
    consumed.push([stemStart, at + m[0].length]);
  }

  for (const m of cues.hasPartyOf ? text.matchAll(PARTY_CONGRESS) : []) {
    out.push({ name: m[0], start: m.index!, end: m.index! + m[0].length, rule: 'event.congress', occurring: false });
  }

  // Heads, longest per end, by end; a candidate inside a longer one to its right is dropped below.
  const heads = cues.eventHeads;
  const candidates: EventSpan[] = [];
  for (let k = 0; k < heads.length; k++) {
    if (!isLongestAtEnd(heads, k)) continue;
    const headStart = heads[k]!.start;
    let end = heads[k]!.end;
    if (lex.organAfter.longestAt(text, end)) continue;
    if (consumed.length && consumed.some(([s, e]) => s <= headStart && end <= e)) continue;
    const start = scanLeft(text, headStart);
    // 省“两会”: a quote opened in the name closes after the head.
    if ((text[end] === '”' || text[end] === '’') && hasOpeningQuote(text, start, end)) end++;
    let raw = text.slice(start, end);
    let rule = 'event.meeting';
    const verb = verbEndingAt(text, start);
    let subject: string | null = null;
    if (verb) subject = subjectBefore(text, start - verb.length, doc);
    if (raw.startsWith('第')) {
      // 市十届人大常委会举行第二十六次会议: the organ before the verb owns the session.
      if (!subject || !/(常委会|人大|政协|委员会|代表大会)$/.test(subject)) continue;
      raw = subject + raw;
      subject = null;
      rule = 'event.session';
    }
    if (includesAny(raw, lex.neverInside, lex.neverInsideLastCodes)) continue;
    // `秘书长刘建平发布会议有关情况`: a person and the verb they act by make a clause, not a name.
    if (holdsActingPerson(doc, text, start, end)) continue;
    const name = explicit(expandSession(raw), home, subject);
    if (!name) continue;
    candidates.push({ name, start, end, rule, occurring: false });
  }
  joinCombined(text, candidates);
  for (const c of candidates) {
    if (candidates.some((o) => o !== c && o.start <= c.start && o.end > c.end && o.start >= c.start - 2)) continue;
    if (out.some((o) => o.start <= c.start && c.end <= o.end)) continue;
    out.push(c);
  }

  unifyVariants(out, home);
  // New objects, not writes into the candidates: every `{name, start, end, …}` literal of the
  // extractor shares one V8 map tree, and one write to a field of it (occurring, name, end)
  // after creation marks that field mutable for all, deoptimising every function that read it.
  for (let k = 0; k < out.length; k++) {
    const e = out[k]!;
    if (!isOccurring(text, e)) continue;
    const date = dateNear(text, e.start, doc.meta.date);
    out[k] = date
      ? { name: e.name, start: e.start, end: e.end, rule: e.rule, occurring: true, date }
      : { name: e.name, start: e.start, end: e.end, rule: e.rule, occurring: true };
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * One event written two ways in one article gets one name. Names of the same place whose
 * cores agree (quoted slogans, digits and 、 aside), or whose core is a shortening of the
 * other's (集中开工仪式 / 重大项目集中开工仪式), are the same event. The name kept: the one
 * listing its bodies with 、 (市委、市政府…), else the longer core, else the first written.
 */
function unifyVariants(events: EventSpan[], home: string | null): void {
  // One event (most articles have none) has no variant.
  if (events.length < 2) return;
  const gaz = getGazetteer();
  // Both are asked for every pair of names: each name's answer is read once (a gazetteer scan per name, not per pair).
  const jurisdictions = new Map<string, string>();
  const jurisdiction = (name: string): string => {
    let j = jurisdictions.get(name);
    if (j === undefined) {
      const bare = name.replace(/^\d+年?/, '');
      const m = gaz.matchAt(bare, 0, Math.min(bare.length, 12), home);
      jurisdictions.set(name, (j = m ? m.form : ''));
    }
    return j;
  };
  const cores = new Map<string, string>();
  const core = (name: string): string => {
    let c = cores.get(name);
    if (c === undefined) {
      const j = jurisdiction(name);
      c = name
        .replace(/^\d+年?/, '')
        .slice(j.length)
        .replace(/[“‘][^”’]*[”’]/g, '')
        .replace(/[\d、]/g, '');
      cores.set(name, c);
    }
    return c;
  };
  const isSubsequence = (a: string, b: string): boolean => {
    let i = 0;
    for (const ch of b) if (ch === a[i]) i++;
    return i === a.length;
  };
  const names = [...new Set(events.map((e) => e.name))];
  const first = new Map<string, number>();
  for (const e of events) first.set(e.name, Math.min(first.get(e.name) ?? Infinity, e.start));
  const chosen = new Map<string, string>();
  for (const a of names) {
    let best = a;
    for (const b of names) {
      if (a === b || jurisdiction(a) !== jurisdiction(b)) continue;
      const ca = core(a);
      const cb = core(b);
      if (ca.length < 4 || cb.length < 4 || ca.slice(-2) !== cb.slice(-2)) continue;
      if (ca !== cb && !isSubsequence(ca, cb) && !isSubsequence(cb, ca)) continue;
      const score = (n: string) => [n.includes('、') ? 1 : 0, core(n).length, -(first.get(n) ?? 0)];
      const [s1, l1, f1] = score(best);
      const [s2, l2, f2] = score(b);
      if (s2! > s1! || (s2 === s1 && (l2! > l1! || (l2 === l1 && f2! > f1!)))) best = b;
    }
    chosen.set(a, best);
  }
  // A renamed event is a new object (see findEvents: no write into a span after creation).
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    const name = chosen.get(e.name) ?? e.name;
    if (name !== e.name) events[k] = { name, start: e.start, end: e.end, rule: e.rule, occurring: e.occurring };
  }
}

/**
 * `A座谈会暨信访、安全稳定工作会议`: a meeting joined by 暨 to another is one event under the
 * joint name; the first part's candidate grows to the end of the second.
 */
function joinCombined(text: string, candidates: EventSpan[]): void {
  const byStart = [...candidates].sort((a, b) => a.start - b.start);
  for (const first of byStart) {
    const gapStart = first.end;
    if (text[gapStart] !== '暨') continue;
    let k = gapStart + 1;
    while (k < text.length && k - gapStart < 30 && !/[，。；：！？,;:!?\n]/.test(text[k]!)) {
      const head = eventLexicon().heads.longestAt(text, k);
      if (head && !eventLexicon().heads.longestAt(text, head.end)) {
        // A new object in the first part's place (see findEvents: no write into a span after creation).
        const joined = { name: first.name + text.slice(gapStart, head.end), start: first.start, end: head.end, rule: first.rule, occurring: first.occurring };
        candidates[candidates.indexOf(first)] = joined;
        break;
      }
      k++;
    }
  }
}

/** Start of the name that ends at `from`: leftwards over name characters to a stop word or punctuation. */
function scanLeft(text: string, from: number): number {
  const lex = eventLexicon();
  const stopEnds = lex.leftStopLastCodes;
  let i = from;
  // Character codes: text[i] would make a string of every character walked over.
  while (i > 0 && from - i < 45) {
    const ch = text.charCodeAt(i - 1);
    if (ch === ENUMERATION_COMMA) {
      const before = text.charCodeAt(i - 2);
      const after = text.charCodeAt(i);
      // 市委、市政府9月份工作例会: a list of bodies is part of the name.
      if (before === WEI && (after === SHENG || after === SHI || after === XIAN || after === QU)) {
        i--;
        continue;
      }
      // “重大项目攻坚年”、“环境整治攻坚年”动员大会: quoted themes listed in the name.
      if ((before === RIGHT_DOUBLE || before === RIGHT_SINGLE) && (after === LEFT_DOUBLE || after === LEFT_SINGLE)) {
        i--;
        continue;
      }
      break;
    }
    if (PUNCT_CODES[ch] || isSpaceCode(ch)) break;
    // 党的十九届六中全会: 的 stops a name, except in 党的.
    if (ch === DE && text.charCodeAt(i - 2) === DANG) return i - 2;
    // A stop word ends at i only where its last character stands (most characters end none).
    if ((stopEnds === null || (stopEnds[ch >>> 5]! & (1 << (ch & 31))) !== 0) && lex.leftStops.longestEndingAt(text, i, 4)) break;
    i--;
  }
  return i;
}

const HOLDING_VERBS = ['召开', '举行'];

function verbEndingAt(text: string, at: number): string | null {
  for (const v of HOLDING_VERBS) if (at >= v.length && text.startsWith(v, at - v.length)) return v;
  return null;
}

/** Does `text` hold one of `words`? `lastCodes` (the words' last characters) rule out most names in one pass (a name holds no 次 or 届). */
function includesAny(text: string, words: readonly string[], lastCodes: Uint32Array | null): boolean {
  if (lastCodes) {
    let mayHold = false;
    for (let i = 0; i < text.length && !mayHold; i++) {
      const c = text.charCodeAt(i);
      mayHold = (lastCodes[c >>> 5]! & (1 << (c & 31))) !== 0;
    }
    if (!mayHold) return false;
  }
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

/** Is there a “ or ‘ in text[start, end)? */
function hasOpeningQuote(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === LEFT_DOUBLE || c === LEFT_SINGLE) return true;
  }
  return false;
}

/** The subject before a 召开/举行 that ends at `at`: `江陵县举行…` → 江陵县. */
function subjectBefore(text: string, at: number, doc: Doc): string | null {
  let i = at;
  while (i > 0 && !PUNCT.has(text[i - 1]!) && at - i < 20) i--;
  let subject = text.slice(i, at).replace(/^[\d]+月?[\d]*日?(上午|下午|晚上|晚)?/, '').replace(/主持$/, '');
  for (const adverb of eventLexicon().subjectAdverbs) if (subject.endsWith(adverb)) subject = subject.slice(0, -adverb.length);
  // A person (市长孙勇主持召开…) does not own the meeting's name: as a local paper writes it,
  // the meeting is the home jurisdiction's, or the place the chair's title opens with
  // (监利县委书记黄澜主持召开县委常委会会议).
  if (doc.mentions.some((m) => m.type === 'Person' && m.start >= i && m.end <= at)) {
    const lead = getGazetteer().matchAt(text, i, at, doc.meta.home);
    return lead && lead.start === i && lead.division.level !== 'township' ? text.slice(lead.start, lead.end) : doc.meta.home;
  }
  const inAt = subject.indexOf('在');
  if (inAt > 0) subject = subject.slice(0, inAt);
  if (subject) return subject;
  // The clause has no subject: take the sentence's (县委宣传部举行简朴仪式，召开…见面会).
  let s = i - 1;
  while (s > 0 && !isSentenceStopAt(text, s - 1)) s--;
  const sentence = text.slice(s, at);
  const m = /(?:^|[，,])(?:[\d]+月)?(?:[\d]+日)?(?:上午|下午|晚上)?[，,]?([^，,。]{2,12}?)(?:举行|召开)/.exec(sentence);
  return m ? m[1]! : doc.meta.home ? null : null;
}

/** `市五届人大一次会议` → `市第五届人民代表大会第一次会议` (the session's full name). */
function expandSession(raw: string): string {
  // Only a name ending in 次会议 with 届人大 in it can be one (most are not).
  if (!raw.endsWith('次会议') || !raw.includes('届人大')) return raw;
  return raw.replace(SHORT_CONGRESS_SESSION, '$1第$2届人民代表大会第$3次会议');
}

/** Scopes and bodies that open a name, in the order a regex alternation would try them. */
const SCOPE_PREFIXES = ['全市', '全县', '全区', '全省', '我市', '我县', '我区', '本市', '本县', '省', '市', '县', '区'];
const BODY_PREFIXES = ['委', '政府', '人大常委会', '政协'];
const SCOPE_FIRSTS = codeTable(SCOPE_PREFIXES.map((p) => p[0]).join(''));
const BODY_FIRSTS = codeTable(BODY_PREFIXES.map((p) => p[0]).join(''));
/** What a scope a name may open with (全市, 我县, 本市) starts with. */
const SCOPE_WORD_FIRSTS = codeTable('全我本');

/**
 * Where `s.slice(from, to).replace(/^(A|B|…)/, '')` would start: after the first of `prefixes`
 * that `s` holds at `from` within `to`, else `from`.
 */
function afterPrefix(s: string, from: number, to: number, prefixes: readonly string[], firsts: Uint8Array): number {
  // Most names open with none of the prefixes' first characters.
  if (!firsts[s.charCodeAt(from)]) return from;
  for (const p of prefixes) if (from + p.length <= to && s.startsWith(p, from)) return from + p.length;
  return from;
}

/** `codePointLength(s.slice(from, to)) < 2`, without the slice. */
function isUnderTwoCodePoints(s: string, from: number, to: number): boolean {
  const n = to - from;
  if (n <= 1) return true;
  if (n > 2) return false;
  const high = s.charCodeAt(from);
  const low = s.charCodeAt(from + 1);
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * The answers of explicitName, kept across articles by home, then subject, then raw name: it is
 * a pure function of the three for one gazetteer, and a paper asks the same again and again
 * (its recurring meetings, bare heads such as 会议 with its home). Started afresh for another
 * gazetteer, and when it holds EXPLICIT_MEMO_LIMIT answers (a long build's memory stays flat).
 */
interface ExplicitMemo {
  gaz: ReturnType<typeof getGazetteer>;
  size: number;
  byHome: Map<string | null, Map<string | null, Map<string, string | null>>>;
}
const EXPLICIT_MEMO_LIMIT = 20_000;
let explicitMemo: ExplicitMemo | null = null;

/** explicitName, remembered (see ExplicitMemo). */
function explicit(raw: string, home: string | null, subject: string | null): string | null {
  const gaz = getGazetteer();
  let memo = explicitMemo;
  if (memo === null || memo.gaz !== gaz || memo.size >= EXPLICIT_MEMO_LIMIT) explicitMemo = memo = { gaz, size: 0, byHome: new Map() };
  let bySubject = memo.byHome.get(home);
  if (bySubject === undefined) memo.byHome.set(home === null ? null : detached(home), (bySubject = new Map()));
  let byRaw = bySubject.get(subject);
  if (byRaw === undefined) bySubject.set(subject === null ? null : detached(subject), (byRaw = new Map()));
  let name = byRaw.get(raw);
  if (name === undefined) {
    name = explicitName(raw, home, subject);
    if (name !== null) name = detached(name);
    byRaw.set(detached(raw), name);
    memo.size++;
  }
  return name;
}

/**
 * A copy of `s` that holds none of the string it was cut from: a slice of an article's text
 * kept in the memo would keep the whole text alive.
 */
function detached(s: string): string {
  return [...s].join('');
}

/** Bodies that meet as such (`市委常委会`, `县政府常务会`, `党组`): `<body>召开会议` is the body's meeting. */
const STANDING_BODY_END = /(?:常委会|常务委员会|常务会|党组|党工委|人大常委会|政协常委会)$/;

/** A name that starts with a level marker (`市委…`, `州委…`, `县政府…`), not a word such as 市场 or 县城. */
const MARKER_FIRST = /^[市县区州](?![场民内外里级直属城域])/;

/** Does a Person mention inside `[start, end)` stand before a verb it acts by (出席, 发布, 表示…)? */
function holdsActingPerson(doc: Doc, text: string, start: number, end: number): boolean {
  for (const m of doc.mentions) {
    if (m.type === 'Person' && m.start >= start && m.end < end && isHanAt(text, m.end) && closesName(text, m.end)) return true;
  }
  return false;
}

/** Makes the jurisdiction of a name explicit, or null when the name is generic. */
function explicitName(raw: string, home: string | null, subject: string | null): string | null {
  // `宜昌市委常委会召开会议`: a standing body holding a bare 会议 holds its own meeting.
  if (subject && raw === '会议' && STANDING_BODY_END.test(subject)) {
    // (`县政府常务会` + 会议 is a 县政府常务会议.)
    raw = subject.endsWith('常务会') ? `${subject}议` : subject + raw;
    subject = null;
  }
  const lex = eventLexicon();
  const gaz = getGazetteer();
  // What is left besides the place, the body and the head must say which meeting it is.
  // The core: raw without its head, a leading scope (全市, 省) and then a leading body (委, 政府),
  // read in place (no strings: only its length matters).
  const headOfRaw = lex.heads.longestEndingAt(raw, raw.length, 6);
  const coreEnd = headOfRaw ? raw.length - headOfRaw.key.length : raw.length;
  const coreStart = afterPrefix(raw, afterPrefix(raw, 0, coreEnd, SCOPE_PREFIXES, SCOPE_FIRSTS), coreEnd, BODY_PREFIXES, BODY_FIRSTS);
  if ((raw.length <= lex.genericMaxLength && lex.generic.has(raw)) || isUnderTwoCodePoints(raw, coreStart, coreEnd)) {
    if (!/第.+次|届|党代会|两会/.test(raw)) return null;
  }
  let name = raw;
  let owned = false;
  let markerHome: Place | null = null;
  const { province, levelChar } = homeFacts(gaz, home);
  const scope = SCOPE_WORD_FIRSTS[name.charCodeAt(0)] ? /^(全市|全县|全区|全省|我市|我县|我区|本市|本县)(?!性)/.exec(name) : null;
  // A subject that is a division other than the home (the chair's place, see subjectBefore).
  const otherPlace = subject && subject !== home && gaz.matchAt(subject, 0, subject.length, home)?.end === subject.length ? subject : null;
  if (otherPlace && MARKER_FIRST.test(name) && otherPlace.endsWith(name[0]!)) {
    // `监利县委书记黄澜主持召开县委常委会会议`: the chair's place owns the meeting its marker names.
    name = otherPlace + name.slice(1);
    owned = true;
  } else if (scope) {
    const rest = name.slice(scope[1]!.length);
    const isProvince = scope[1] === '全省';
    // A meeting named by its quoted slogan needs no place (全市“冲刺三千亿”暨…推进会).
    if (/^[“‘]/.test(rest)) name = rest;
    else if (isProvince && province) name = province + rest;
    // `石首市委书记…主持召开全市经济工作会议` in a 荆州 paper: the chair's city's meeting.
    else if (!isProvince && otherPlace && otherPlace.endsWith(scope[1]!.slice(-1))) name = otherPlace + rest;
    else if (!isProvince && home && scope[1]!.endsWith(levelChar)) name = home + rest;
    else return null;
    owned = true;
  } else if (/^省(?![会份])/.test(name) && province) {
    name = province + name.slice(1);
    owned = true;
  } else if (home && MARKER_FIRST.test(name) && (markerHome = markerPlace(name[0]!, { home, gazetteer: gaz }))) {
    // The level marker read as in titles (offices/jurisdiction.ts): `州委常委会会议` in an 恩施
    // paper → 恩施州委常委会会议, as its 州委书记 is 恩施州委书记; `市委…` in a county paper → its city's.
    name = markerHome.written + name.slice(1);
    owned = true;
  } else if (/^(党的|中央|中共|全国|国务院|中国|中华)/.test(name) || gaz.matchAt(name, 0, Math.min(name.length, 12), home)) {
    owned = true;
  } else if (gaz.hasMatch(name, 0, name.length, home)) {
    owned = true;
  } else if (subject) {
    const sub = resolveSubject(subject, home);
    if (!gaz.hasMatch(sub, 0, sub.length, home) && !/^(党的|中央|中共)/.test(sub)) return null;
    name = sub + name;
    owned = true;
  }
  if (!owned) return null;
  return name;
}

/** What explicit() reads of the home, for the last home and gazetteer asked (an article's events ask in turn). */
let lastHome: { gaz: ReturnType<typeof getGazetteer>; home: string | null; province: string | null; levelChar: string } | null = null;

/** The home's province and the last character of its name (市, 县 …; '' without a known home). */
function homeFacts(gaz: ReturnType<typeof getGazetteer>, home: string | null): { province: string | null; levelChar: string } {
  if (lastHome && lastHome.gaz === gaz && lastHome.home === home) return lastHome;
  const province = home ? gaz.provinceOf(home)?.name ?? null : null;
  const homeDiv = home ? gaz.byName(home) : undefined;
  lastHome = { gaz, home, province, levelChar: homeDiv ? homeDiv.name.slice(-1) : '' };
  return lastHome;
}

/** `我市` → 荆州市, `市委市政府` → 荆州市委市政府 (the home's level only), else as written. */
function resolveSubject(subject: string, home: string | null): string {
  if (!home) return subject;
  const levelChar = home.slice(-1);
  const scope = /^(全市|全县|全区|我市|我县|我区|本市|本县)/.exec(subject);
  if (scope && scope[1]!.endsWith(levelChar)) return home + subject.slice(scope[1]!.length);
  if (subject[0] === levelChar && /^[市县区](?![场民内外里级直属])/.test(subject)) return home + subject.slice(1);
  return subject;
}

/** ，,； */
function isClauseBreakCode(c: number): boolean {
  return c === 0xff0c || c === 0x2c || c === 0xff1b;
}

/** True when the text says the event is held here, not ahead of us or only referred to. */
function isOccurring(text: string, e: EventSpan): boolean {
  const lex = eventLexicon();
  let s = e.start;
  while (s > 0 && !isSentenceStopAt(text, s - 1)) s--;
  let end = e.end;
  while (end < text.length && !isSentenceStopAt(text, end) && end - e.end < 40) end++;
  // The clause before it: after the last ，,； of the sentence before it.
  let clause = e.start;
  while (clause > s && !isClauseBreakCode(text.charCodeAt(clause - 1))) clause--;
  // A word of notOccurring in that clause or in the 6 characters after the name, read in place.
  const referred = lex.notOccurringWords;
  if (referred === null || referred.lastMatchEnd(text, clause, e.start) >= 0 || referred.lastMatchEnd(text, e.end, Math.min(end, e.end + 6)) >= 0) return false;
  // Both patterns end the text before it and match at most 9 characters: its last 9 are enough.
  const before = text.slice(Math.max(s, e.start - 9), e.start);
  if (/(召开|举行|主持)的?$/.test(before) || /(召开|举行)的[^，,。]{0,6}$/.test(before)) return true;
  return lex.occurring.lastMatchEnd(text, e.end, end) >= 0;
}

/** `2月9日` (+ the article's year) in the sentence of `at`, as YYYY-MM-DD. */
function dateNear(text: string, at: number, articleDate: string | null): string | undefined {
  let s = at;
  while (s > 0 && !isSentenceStopAt(text, s - 1)) s--;
  let e = at;
  while (e < text.length && !isSentenceStopAt(text, e)) e++;
  const sentence = text.slice(s, e);
  const pad = (n: string) => n.padStart(2, '0');
  const full = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日/.exec(sentence);
  const year = articleDate?.slice(0, 4);
  if (full) {
    const y = full[1] ?? year;
    return y ? `${y}-${pad(full[2]!)}-${pad(full[3]!)}` : undefined;
  }
  const day = /(?:^|[^\d月])(\d{1,2})日/.exec(sentence);
  if (day && articleDate) return `${articleDate.slice(0, 7)}-${pad(day[1]!)}`;
  return undefined;
}
