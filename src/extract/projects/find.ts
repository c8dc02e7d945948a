/**
 * Finding project names in one sentence: spans ending in a project word (项目, 产业园,
 * 大桥, 高铁 …), extended left to the start of the name (after the verb or preposition
 * before it), cleaned of a leading investment amount and a leading place, and rejected
 * when what is left is a count or a category (246个重大项目, 工业园区, 产业类项目).
 * Also clause subjects that the text calls a project (`盛鸿建材是…项目`) and items listed
 * before `等重点项目`.
 *
 * Example: `服务好百亿元仙鹤纸业项目顺利开工` → `{name: '仙鹤纸业项目', start: 6, end: 12,
 * investment: '百亿元', rule: 'project.suffix'}`.
 */
import type { Mention } from '../../types.js';
import type { CharCodes, ProjectLexicon, WordEdges } from './lexicon.js';
import { leadingInvestment, trailingInvestment } from './parse.js';
import { isLongestAtEnd } from '../cue-scan.js';

/** A project found in a sentence. */
export interface ProjectCandidate {
  name: string;
  start: number;
  end: number;
  rule: 'project.suffix' | 'project.subject' | 'project.listed';
  investment?: string;
  /** A division written as the start of the span and cut off the name (`在公安县|X项目`). */
  place?: Mention;
}

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Characters that end a name on its left: punctuation, quotes, brackets of titles, spaces. */
const HARD = /[，,。；;、：:！？!?“”"‘’《》〈〉【】\s…—·\/|]/;
/** HARD as a table by UTF-16 code (clauseStart tests every character it walks back over); `\s` is JavaScript's white space. */
const HARD_CODE = new Uint8Array(0x10000);
for (const c of '，,。；;、：:！？!?“”"‘’《》〈〉【】…—·/|\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff') HARD_CODE[c.charCodeAt(0)] = 1;
for (let c = 0x2000; c <= 0x200a; c++) HARD_CODE[c] = 1;
const MAX_NAME = 36;
const CONJUNCTIONS = new Set(['和', '与', '及']);
const CONJUNCTION_CODES = new Uint8Array(0x10000);
for (const c of CONJUNCTIONS) CONJUNCTION_CODES[c.charCodeAt(0)] = 1;
/** Suffixes that say nothing by themselves: a division before them is no name (松滋市项目). */
const GENERIC_SUFFIXES = new Set(['项目', '园区', '基地', '产业园', '工业园']);
/** Zone-like place words not in the gazetteer that head a location before a name (城陵矶新港区). */
const LEADING_PLACE = /^[\u4e00-\u9fff]{2,6}?(?:新港区|开发区|经开区|高新区)(?=[\u4e00-\u9fff]{4})/;
/** Counts, ordinals, years and amounts inside a name make it a category (52个重大项目, 第四期项目, 2021年民生实事项目, 10-20亿元项目). */
const COUNT = /(?:\d+|[一二三四五六七八九十百千两几多数]+)(?:个|项|批|大)|季度|第[一二三四五六七八九十\d]+[期批]|\d{4}年|[亿万]元/;
/** The characters a match of COUNT can start with: digits, numerals, 季, 第, 亿 and 万. */
const COUNT_FIRSTS = codeTable('0123456789一二三四五六七八九十百千两几多数季第亿万');
/** Can COUNT match in text[from, to)? Only where one of its first characters stands (most names have none). */
function mayCount(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (COUNT_FIRSTS[text.charCodeAt(i)]) return true;
  return false;
}
const LOCATIVE = /(?:在|于|位于|落户|落地)$/;
/** The last characters LOCATIVE can end with (在, 于, 户, 地): a cheap test before the slice and the regex. */
const LOCATIVE_LAST_CODES = codeTable('在于户地');
/** The characters an amount at the start of a name can begin with (计划/总投资/投资, digits, Chinese numerals): see leadingInvestment. */
const LEAD_FIRST_CODES = codeTable('计总投0123456789０１２３４５６７８９一二三四五六七八九十百千两');
function mayLeadInvestment(code: number): boolean {
  return LEAD_FIRST_CODES[code] === 1;
}
const PLACE_SUFFIX = /(?:省|市|县|区|镇|乡|街道|开发区|新区)$/;

/**
 * The index of the first mention that starts at or after `pos`, in mentions sorted by start
 * (a binary search: the finders ask per project word, and an article names many places).
 */
export function firstFrom(mentions: readonly Mention[], pos: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (mentions[mid]!.start < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first of the divisions (sorted by start) that starts at `start` and ends before `endBefore`, as `find` would give it. */
function divisionStartingAt(divisions: readonly Mention[], start: number, endBefore: number): Mention | undefined {
  for (let k = firstFrom(divisions, start); k < divisions.length && divisions[k]!.start === start; k++) {
    if (divisions[k]!.end < endBefore) return divisions[k];
  }
  return undefined;
}

/** Is there a division (in divisions sorted by start) spanning exactly `[start, end)`? */
function isDivisionSpan(divisions: readonly Mention[], start: number, end: number): boolean {
  for (let k = firstFrom(divisions, start); k < divisions.length && divisions[k]!.start === start; k++) {
    if (divisions[k]!.end === end) return true;
  }
  return false;
}

/** The start of the clause containing `index` (after the last hard boundary), not before `floor`. */
function clauseStart(text: string, index: number, floor: number): number {
  let i = index;
  while (i > floor && !HARD_CODE[text.charCodeAt(i - 1)]) i--;
  return i;
}

/**
 * The start of the name that ends with the word at `suffixStart`: after the last boundary
 * word of its clause. A one-character boundary (的, 为, 和) is weaker: it does not count right
 * after one character (美的洗衣机…) or after a character it forms a word with (华为, 作为).
 */
export function nameStart(text: string, suffixStart: number, floor: number, lexicon: ProjectLexicon, conjunctionEnds = false): number {
  const cs = Math.max(clauseStart(text, suffixStart, floor), suffixStart - MAX_NAME);
  const ends = lexicon.boundaryLastCodes;
  for (let p = suffixStart; p > cs; p--) {
    // A boundary word ends at p only where its last character stands (most characters end none).
    const c = text.charCodeAt(p - 1);
    if (ends !== null && (ends[c >>> 5]! & (1 << (c & 31))) === 0) continue;
    const w = lexicon.boundaries.longestEndingAt(text, p, 4);
    if (!w || w.start < cs) continue;
    if (holdsCharAt(lexicon.boundaryExceptionCodes.get(w.key), text, p)) continue;
    // 古镇|提升改造(二期)|项目: a verb followed only by name-tail words belongs to the name.
    if (coveredBy(text, w.start, suffixStart, lexicon.tailWords, lexicon.tailEdges)) continue;
    if (w.end - w.start === 1) {
      if (w.start - cs === 1) continue;
      // 和/与/及 join two names when a name ends before them (A项目及B项目) or little is left
      // after them (招商引资和项目); otherwise they are inside one (合成石英材料及光电用陶瓷项目).
      // The right part must be a name of its own length for that (招商引资和项目 splits).
      // Works (`…和荆江大堤加固工程`) name one facility and what is done to it: no 和 inside.
      if (!conjunctionEnds && CONJUNCTIONS.has(w.key) && suffixStart - p >= 3 && !lexicon.suffixes.longestEndingAt(text, w.start, 6)) continue;
      if (holdsCharAt(lexicon.boundaryPrecededExceptionCodes.get(w.key), text, w.start - 1)) continue;
    }
    return p;
  }
  return cs;
}

/** `set?.has(text[i] ?? '')` for the string sets the codes were made from, without a string per character. */
function holdsCharAt(set: CharCodes | undefined, text: string, i: number): boolean {
  if (!set) return false;
  return i >= 0 && i < text.length ? set.codes.has(text.charCodeAt(i)) : set.empty;
}

/** The core without a leading one-character function word (把重大 → 重大), for the category test. */
function bareCore(core: string, lexicon: ProjectLexicon): string {
  const w = lexicon.boundaries.exactAt(core, 0, 1);
  return w && core.length > 1 ? core.slice(1) : core;
}

/** True when the core of a name (without its suffix) is only category words. */
export function isGenericCore(core: string, lexicon: ProjectLexicon): boolean {
  if (core.length < 2) return true;
  return coveredBy(core, 0, core.length, lexicon.generic, lexicon.genericEdges);
}

/** True when `text[from, to)` is a sequence of words of `words` (dynamic programming over positions). */
function coveredBy(text: string, from: number, to: number, words: ProjectLexicon['generic'], edges: WordEdges): boolean {
  if (to <= from) return false;
  // A cover starts with a word at `from` and ends with one at `to`: most spans fail that first.
  const first = text.charCodeAt(from);
  if (edges.firsts !== null && (edges.firsts[first >>> 5]! & (1 << (first & 31))) === 0) return false;
  const last = text.charCodeAt(to - 1);
  if (edges.lasts !== null && (edges.lasts[last >>> 5]! & (1 << (last & 31))) === 0) return false;
  return words.covers(text, from, to);
}

/** True when `start` lies inside 《…》 in the sentence that starts at `sentenceStart` (a document title). */
export function insideTitle(text: string, sentenceStart: number, start: number): boolean {
  // The nearest 《 or 》 before `start` decides (a backward walk: no slice per project word).
  for (let i = start - 1; i >= sentenceStart; i--) {
    const c = text.charCodeAt(i);
    if (c === OPEN_TITLE) return true;
    if (c === CLOSE_TITLE) return false;
  }
  return false;
}
const OPEN_TITLE = '《'.charCodeAt(0);
const CLOSE_TITLE = '》'.charCodeAt(0);

/**
 * Every project candidate in `text[from, to)` (one sentence). `divisions` are the
 * AdminDivision mentions of the doc sorted by start, used to cut a place off the start of a name.
 * `suffixMatches`, when the caller has them, are `lexicon.suffixes.findAll(text, from, to)` (in its order: by end).
 */
export function findProjectsInSentence(
  text: string,
  from: number,
  to: number,
  lexicon: ProjectLexicon,
  divisions: Mention[],
  suffixMatches: ReadonlyArray<{ start: number; end: number; key: string }> = lexicon.suffixes.findAll(text, from, to),
): ProjectCandidate[] {
  // Most sentences have no project word: no map, no candidates to weigh.
  if (!suffixMatches.length) return longestOfOverlapping(findSubjects(text, from, to, lexicon, []));
  const raw: ProjectCandidate[] = [];
  // Whether the sentence speaks of building or investing: asked only for a facility word.
  let building: boolean | undefined;
  // The longest word per end (the matches come by end); its key is the text of its span.
  for (let k = 0; k < suffixMatches.length; k++) {
    if (!isLongestAtEnd(suffixMatches, k)) continue;
    const sfx = suffixMatches[k]!;
    if (insideTitle(text, from, sfx.start)) continue;
    if (lexicon.facilitySuffixes.has(sfx.key)) {
      building ??= lexicon.buildCues.lastMatchEnd(text, from, to) >= 0;
      if (!building) continue;
    }
    let start = nameStart(text, sfx.start, from, lexicon, sfx.key.endsWith('工程'));
    // `察看…建设和东风汽车零部件产业园项目`: a conjunction left at the start, after the verb
    // that ended the clause before, joins the name to that clause and is no part of it
    // (和平, 和美 and 和谐 are words).
    if (sfx.start - start > 3 && CONJUNCTION_CODES[text.charCodeAt(start)] && !(text[start] === '和' && '平美谐'.includes(text[start + 1]!))) start++;
    // The amount written before the name: read only for a candidate kept (most are not).
    const nameFrom = start;
    const lead = mayLeadInvestment(text.charCodeAt(start)) && start < sfx.start ? leadingInvestment(text.slice(start, sfx.start)) : null;
    if (lead) start += lead.length;
    let place: Mention | undefined;
    // A place written after 在/位于 heads the span but is not part of the name (在公安县|X项目);
    // without the preposition it is (荆州市第一人民医院新院区项目).
    let head = divisionStartingAt(divisions, start, sfx.start);
    if (head && LOCATIVE.test(text.slice(Math.max(from, start - 2), start)) && PLACE_SUFFIX.test(text.slice(head.start, head.end)) && sfx.start - head.end >= 2) {
      // 在大邑县沙渠街道|X项目: every place in the run comes off; the last one places it.
      while (head && PLACE_SUFFIX.test(text.slice(head.start, head.end)) && sfx.start - head.end >= 2) {
        place = head;
        start = head.end;
        head = divisionStartingAt(divisions, start, sfx.start);
      }
    } else if (start > from && LOCATIVE_LAST_CODES[text.charCodeAt(start - 1)] && LOCATIVE.test(text.slice(Math.max(from, start - 2), start))) {
      const lp = LEADING_PLACE.exec(text.slice(start, sfx.end));
      if (lp) start += lp[0].length;
    }
    const name = text.slice(start, sfx.end);
    const core = text.slice(start, sfx.start);
    // A division and category words only (松滋市项目, 荆州市重点项目) is no name.
    const placeHead = divisionStartingAt(divisions, start, sfx.start + 1);
    if (placeHead && GENERIC_SUFFIXES.has(sfx.key) && isGenericCore(text.slice(placeHead.end, sfx.start) || '项', lexicon)) continue;
    if (mayCount(text, start, sfx.end) && COUNT.test(name)) continue;
    if (isGenericCore(core, lexicon)) continue;
    // Without a leading function word the bare core is the core, just tested.
    const bare = bareCore(core, lexicon);
    if (bare !== core && isGenericCore(bare, lexicon)) continue;
    // Any word of notInName in the core (the end of the last one: no list of matches).
    if (lexicon.notInName.lastMatchEnd(core) >= 0) continue;
    // 项目 after a two-character core is nearly always a verb and its object (抓牢项目, 健全项目).
    if (sfx.key === '项目' && core.length < 3) continue;
    // A division the gazetteer already names (浦东新区) is not a project.
    if (isDivisionSpan(divisions, start, sfx.end)) continue;
    const investment = lead ? lead.investment : (trailingInvestment(text.slice(clauseStart(text, nameFrom, from), nameFrom)) ?? undefined);
    raw.push({ name, start, end: sfx.end, rule: 'project.suffix', investment, place });
  }
  // findSubjects finds nothing where no subject pattern is in the text (asked once per text).
  if (maySubjectBeProject(text, lexicon)) raw.push(...findSubjects(text, from, to, lexicon, raw));
  return longestOfOverlapping(raw);
}

/** Keeps the longest of overlapping candidates (江陵煤港电厂项目 over 江陵煤港电厂). */
function longestOfOverlapping(raw: ProjectCandidate[]): ProjectCandidate[] {
  if (raw.length < 2) return raw;
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: ProjectCandidate[] = [];
  for (const c of raw) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) {
      if (c.end - c.start > last.end - last.start) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}

let lastSubjectTest: { text: string; lexicon: ProjectLexicon; found: boolean } | null = null;

/** `lexicon.subjectOrListedAnywhere.test(text)`, remembered for the last text (its sentences ask in turn). */
function subjectOrListedInText(text: string, lexicon: ProjectLexicon): boolean {
  if (lastSubjectTest && lastSubjectTest.text === text && lastSubjectTest.lexicon === lexicon) return lastSubjectTest.found;
  const found = lexicon.subjectOrListedAnywhere.test(text);
  lastSubjectTest = { text, lexicon, found };
  return found;
}

/**
 * Can a clause subject or a listed item (findSubjects) be a project anywhere in `text`? False
 * when the pattern is local and matches nowhere in it (most articles): then a sentence without
 * a project word has no candidate at all.
 */
export function maySubjectBeProject(text: string, lexicon: ProjectLexicon): boolean {
  return !lexicon.subjectOrListedIsLocal || subjectOrListedInText(text, lexicon);
}

const PRONOUN = /^(?:这|该|此|其|它|项目|今年|去年|目前|近年)/;

/** Clause subjects called projects (`盛鸿建材是…项目`) and items before `等重点项目`. */
function findSubjects(text: string, from: number, to: number, lexicon: ProjectLexicon, found: ProjectCandidate[]): ProjectCandidate[] {
  const out: ProjectCandidate[] = [];
  // Every test below is anchored at a position from from + 2 on: none can match where no
  // pattern matches anywhere in that part of the sentence (most sentences), nor, for a local
  // pattern, where none matches anywhere in the text (most articles; tested once per text).
  if (lexicon.subjectOrListedIsLocal && !subjectOrListedInText(text, lexicon)) return out;
  if (!lexicon.subjectOrListedAnywhere.test(text.slice(from + 2, to))) return out;
  // 是…项目: the subject opens the sentence.
  for (let end = from + 2; end <= Math.min(to, from + 12); end++) {
    if (HARD.test(text[end - 1]!)) break;
    const rest = text.slice(end, to);
    if (!lexicon.subjectIsProject.some((re) => re.test(rest))) continue;
    const name = text.slice(from, end);
    if (PRONOUN.test(name) || COUNT.test(name) || isGenericCore(name, lexicon) || lexicon.boundaries.findAll(name).some((m) => m.end - m.start > 1 || m.key === '的')) break;
    if (lexicon.notInName.lastMatchEnd(name) >= 0) break;
    if (!found.some((f) => f.start < end && f.end > from)) out.push({ name, start: from, end, rule: 'project.subject' });
    break;
  }
  // X等重点项目: the item right before 等.
  for (let i = from + 2; i < to; i++) {
    if (text[i] !== '等') continue;
    const rest = text.slice(i, to);
    if (!lexicon.listedAsProjects.some((re) => re.test(rest))) continue;
    const start = nameStart(text, i, from, lexicon);
    const name = text.slice(start, i);
    if (name.length < 2 || PRONOUN.test(name) || isGenericCore(name, lexicon) || COUNT.test(name)) continue;
    if (!found.some((f) => f.start < i && f.end > start)) out.push({ name, start, end: i, rule: 'project.listed' });
  }
  return out;
}
