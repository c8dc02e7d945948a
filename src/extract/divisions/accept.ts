/**
 * Whether one gazetteer match in a text really names a division. Full names, former names
 * and zone names do; a bare short form (荆州, 公安, 洪湖) does unless its context says it is
 * a word of another kind (市公安局, 洪湖碧波万顷, 江汉平原), and a short form or township
 * far from home counts only where the text anchors it (its prefecture named too).
 *
 * Cue lists are data: data/gazetteer/cues.yaml.
 *
 * Example: in `市公安局` the short form 公安 is rejected (preceded by 市, followed by 局);
 * in `公安县狮子口镇` both divisions are accepted.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../../data-path.js';
import { loadSurnames } from '../../surnames.js';
import { Automaton } from '../automaton.js';
import type { Division, Gazetteer } from '../../gazetteer/index.js';

interface CueFile {
  stopShortForms: string[];
  notFollowedBy: string[];
  notPrecededBy: string[];
  genericNames: string[];
  notPrecedingShortName: string[];
  companyHeads: string[];
  titlesBefore: string[];
  wordsBefore: string[];
  personAfter: string[];
  notGivenName: string[];
  landformHeads: string[];
  landformAfter: string[];
}

interface Cues {
  stop: Set<string>;
  after: Automaton<true>;
  before: Automaton<true>;
  generic: Set<string>;
  beforeShortName: Set<string>;
  company: RegExp;
  /**
   * The first characters of the company heads by code (1 each), or null when a head is empty
   * or holds a regex metacharacter: then the regex alone decides. A company head can start
   * only within COMPANY_REACH characters after the short form: without one of these
   * characters there, `company` cannot match and its slice and run are skipped (most short
   * forms).
   */
  companyFirsts: Uint8Array | null;
  titles: Automaton<true>;
  wordsBefore: Set<string>;
  /** The first characters of wordsBefore: most places rule the word out without a slice. */
  wordsBeforeFirst: Set<number>;
  personAfter: Automaton<true>;
  // One-character cues as character codes: a form's or the text's character is read as a
  // code (text[i] makes a string per CJK character). Longer entries could never equal one
  // code unit, so they are left out.
  notGivenName: Set<number>;
  surnames: Set<number>;
  landformHeads: Set<number>;
  landformAfter: Set<number>;
}

let cues: Cues | null = null;

function loadCues(): Cues {
  if (cues) return cues;
  const file = parseYaml(readFileSync(dataPath('gazetteer/cues.yaml'), 'utf8')) as CueFile;
  cues = {
    stop: new Set(file.stopShortForms.map(String)),
    after: new Automaton(file.notFollowedBy.map((s) => [String(s), true] as const)),
    before: new Automaton(file.notPrecededBy.map((s) => [String(s), true] as const)),
    generic: new Set(file.genericNames.map(String)),
    beforeShortName: new Set(file.notPrecedingShortName.map(String)),
    wordsBefore: new Set(file.wordsBefore.map(String)),
    wordsBeforeFirst: new Set(file.wordsBefore.map((w) => String(w).charCodeAt(0))),
    personAfter: new Automaton(file.personAfter.map((s) => [String(s), true] as const)),
    notGivenName: codesOf(file.notGivenName),
    surnames: codesOf(readSurnames()),
    landformHeads: codesOf(file.landformHeads),
    landformAfter: codesOf(file.landformAfter),
    titles: new Automaton(file.titlesBefore.map((s) => [String(s), true] as const)),
    // Up to 16 characters of the same clause (no punctuation or space) and then a company head.
    company: new RegExp(`^[^，,。；;、：:！？!?“”"\\s]{0,${COMPANY_REACH}}?(?:${file.companyHeads.map(String).join('|')})`),
    companyFirsts: firstCodesOf(file.companyHeads.map(String)),
  };
  return cues;
}

/** How many characters of the same clause may stand between a short form and a company head (`company`'s {0,16}). */
const COMPANY_REACH = 16;

/** A table of the words' first characters by code, or null when a word is empty or not plain text for a regex. */
function firstCodesOf(words: readonly string[]): Uint8Array | null {
  const table = new Uint8Array(0x10000);
  for (const word of words) {
    if (!word || /[\\^$.*+?()[\]{}|]/.test(word)) return null;
    table[word.charCodeAt(0)] = 1;
  }
  return table;
}

/** Can `company` match at `text[end…]`: does a head's first character stand within its reach (and the 24 characters it reads)? */
function mayNameCompany(firsts: Uint8Array | null, text: string, end: number): boolean {
  if (firsts === null) return true;
  const limit = Math.min(text.length, end + COMPANY_REACH + 1);
  for (let i = end; i < limit; i++) if (firsts[text.charCodeAt(i)] === 1) return true;
  return false;
}

/** The codes of the one-code-unit entries. */
function codesOf(entries: Iterable<unknown>): Set<number> {
  const codes = new Set<number>();
  for (const e of entries) {
    const text = String(e);
    if (text.length === 1) codes.add(text.charCodeAt(0));
  }
  return codes;
}

/** isHanCode's answers by code: 0 not asked yet, 1 Han, 2 not. */
const HAN = new Uint8Array(65536);

/** Is this code unit (as a one-character string) of the Han script? The regex runs once per code. */
function isHanCode(code: number): boolean {
  let known = HAN[code]!;
  if (known === 0) HAN[code] = known = /\p{Script=Han}/u.test(String.fromCharCode(code)) ? 1 : 2;
  return known === 1;
}

/** Single-character surnames from the people lexicon (data/lexicon/surnames.yaml, `single`). */
function readSurnames(): readonly string[] {
  try {
    return loadSurnames().single;
  } catch {
    // Without the people lexicon the person test is skipped; the other cues still apply.
    return [];
  }
}

/** One candidate occurrence and what is known around it. */
export interface MatchContext {
  text: string;
  start: number;
  end: number;
  form: string;
  kind: 'name' | 'short' | 'former' | 'zone';
  division: Division;
  home: Division | null;
  /** The accepted division written directly before this one, if any. */
  context: Division | null;
  /** Divisions the text names by full name elsewhere (anchors for far-away short forms). */
  anchors?: Division[];
  gazetteer: Gazetteer;
}

/** A reason id when the match is rejected, or null when it is a division. */
export function rejectReason(m: MatchContext): string | null {
  const { stop, after, before, generic, beforeShortName } = loadCues();
  // Nearness walks parent chains: asked only by the rules that need it.
  if (generic.has(m.form)) return 'generic-name';
  if (!m.context && m.start > 0 && isInsideWord(m.text, m.start)) return 'inside-word';
  // Two-character full names (和县, 代县, 龙镇) are as fragile as short forms.
  if (m.kind === 'name' && m.form.length <= 2) {
    if (!isNearHome(m)) return 'far-two-character-name';
    if (!m.context && m.start > 0 && beforeShortName.has(m.text[m.start - 1]!)) return 'two-character-name-in-phrase';
  }
  if (m.kind === 'short') {
    if (stop.has(m.form)) return 'stop-short-form';
    if (!m.context && loadCues().titles.longestEndingAt(m.text, m.start, 4)) return 'name-after-title';
    if (looksLikePerson(m)) return 'person-name';
    if (isLandformTail(m)) return 'landform-direction';
    if (after.longestAt(m.text, m.end)) return 'followed-by-non-place-word';
    // Only county short forms sit inside such words (市公安局); 自贸区荆州协同区 names 荆州.
    if (!m.context && m.division.level === 'county' && before.longestEndingAt(m.text, m.start, 4)) return 'preceded-by-word';
    if (m.division.level === 'township') return 'township-short-form';
    if (m.division.level === 'county' && !isNearForShortForm(m)) return 'far-county-short-form';
    const { company, companyFirsts } = loadCues();
    if (mayNameCompany(companyFirsts, m.text, m.end) && company.test(m.text.slice(m.end, m.end + 24))) return 'company-name';
    // Without home, a bare short form that several divisions share names none of them.
    if (!m.home && !m.context && m.gazetteer.resolve(m.form, null) === undefined) return 'ambiguous-short-form';
  }
  if (m.kind === 'name' && m.division.level === 'township' && !isNearHome(m)) return 'far-township';
  return null;
}

/** Do the character before `start` and the one at it make one of the cue words (相应城市: 相应, not 应城市)? */
function isInsideWord(text: string, start: number): boolean {
  const { wordsBefore, wordsBeforeFirst } = loadCues();
  return wordsBeforeFirst.has(text.charCodeAt(start - 1)) && wordsBefore.has(text.slice(start - 1, start + 1));
}

/** True when the match is a division (see rejectReason). */
export function judgeMatch(m: MatchContext): boolean {
  return rejectReason(m) === null;
}

/** 洞庭湖北面, 黄河南岸: a province short form made of a landform's last character and a direction. */
function isLandformTail(m: MatchContext): boolean {
  const { landformHeads, landformAfter } = loadCues();
  if (m.context || m.division.level !== 'province' || !landformHeads.has(m.form.charCodeAt(0))) return false;
  if (m.start === 0 || m.end >= m.text.length) return false;
  return isHanCode(m.text.charCodeAt(m.start - 1)) && landformAfter.has(m.text.charCodeAt(m.end));
}

/** 黄石林主持会议: a surname-initial short form, one given-name character, then a person's context. */
function looksLikePerson(m: MatchContext): boolean {
  const { surnames, personAfter, notGivenName } = loadCues();
  if (!surnames.has(m.form.charCodeAt(0))) return false;
  if (m.end >= m.text.length) return false;
  const next = m.text.charCodeAt(m.end);
  if (!isHanCode(next) || notGivenName.has(next)) return false;
  return personAfter.longestAt(m.text, m.end + 1) !== null;
}

/**
 * A county's bare short form needs a closer anchor than a full name: the home's own
 * prefecture (or the home itself when it is a prefecture or province), the division written
 * just before it, or a prefecture the text names (湘西州 … 吉首、花垣、凤凰).
 */
function isNearForShortForm(m: MatchContext): boolean {
  const g = m.gazetteer;
  if (m.context && g.isWithin(m.division, m.context)) return true;
  if (m.home) {
    const scope = m.home.level === 'county' || m.home.level === 'township' || m.home.level === 'zone' ? g.parentsOf(m.home)[0] : m.home;
    if (scope && g.isWithin(m.division, scope)) return true;
  }
  for (const a of m.anchors ?? []) {
    if (a.level === 'prefecture' && g.isWithin(m.division, a)) return true;
  }
  return false;
}

/**
 * Near home: in the home's province, under the division written just before it, or under
 * a division the text names by full name elsewhere.
 */
function isNearHome(m: MatchContext): boolean {
  const g = m.gazetteer;
  if (m.context && g.isWithin(m.division, m.context)) return true;
  if (m.home) {
    const province = g.provinceOf(m.home);
    if (province && g.isWithin(m.division, province)) return true;
  }
  for (const a of m.anchors ?? []) {
    if (a.level !== 'province' && a !== m.division && g.isWithin(m.division, a)) return true;
  }
  return false;
}
