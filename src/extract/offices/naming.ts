/**
 * Office phrases: a title as written before a name (`市委副书记`, `石首市东升镇党委书记`,
 * `党组书记`) parsed into place, body and role, and named in full with its jurisdiction as
 * the guidelines ask (`荆州市委副书记`, `荆州市市长`, `荆州市中级人民法院副院长`).
 * Titles in a chain (`市委副书记、政法委书记`) take the place and body of the one before.
 *
 * Example: `市委副书记、市长` in a 荆州 article → `荆州市委副书记`, `荆州市市长`.
 */
import { Automaton } from '../automaton.js';
import type { PeopleLexicon, TitleInfo } from '../people/lexicon.js';
import { markerPlace, placesAt, type JurisdictionContext, type Place } from './jurisdiction.js';

/** One office phrase of the text, parsed. */
export interface OfficePhrase {
  /** Span of the phrase in the text (place, body and role as written). */
  start: number;
  end: number;
  /** The role word that ends the phrase (`副书记`, `市长`). */
  role: string;
  info: TitleInfo;
  /** The jurisdiction, when the phrase names or implies one. */
  place: Place | null;
  /** How the place was found: written, by a level marker, carried from an earlier title, or none. */
  placeFrom: 'explicit' | 'marker' | 'carried' | 'none';
  /** What stands between place and role, normalised (`委`, `人大常委会`, `地方金融工作局党组`). */
  body: string;
  /** The full office name, or null when the phrase does not make one (no place, or not an office). */
  name: string | null;
}

/** Words before a title that are not part of it (`作为荆州开发区…`, `来自基层的…`). */
const LEADING_CUES = [
  '作为', '任命', '新任', '现任', '时任', '原任', '拟任', '升任', '出任', '担任', '兼任', '调任', '此前任', '当选为', '当选',
  '的', '了', '着', '和', '与', '及', '以及', '在', '由', '是', '向', '对', '到', '来自', '等', '同志', '其中', '包括', '陪同',
  '邀请', '听取', '会见', '并', '为', '原', '前', '即', '曾任', '历任', '还有',
];
/** One scan of the segment finds the cue nearest the role (a startsWith per cue and position was 48 × 30 calls). */
const LEADING_CUE_AUTOMATON = new Automaton(LEADING_CUES.map((c) => [c, true] as const));
const PARTY = ['中国共产党', '中共'];

/** The words of a list by their first character (remembered for the last list: one lexicon in practice). */
let lastWords: readonly string[] | null = null;
let lastByFirst: Map<number, string[]> | null = null;
let lastHasEmpty = false;

/**
 * `words.some((w) => s.includes(w))`, read once along `s` (a title of a few characters):
 * only where a word's first character stands is the word compared, where sixteen `includes`
 * each searched the whole title.
 */
export function includesAnyOf(s: string, words: readonly string[]): boolean {
  return includesAnyOfIn(s, 0, s.length, words);
}

/**
 * `includesAnyOf(text.slice(from, to), words)` without the slice: a body and its role are read
 * where they stand in the text (their concatenation was a string to make and flatten per title).
 */
export function includesAnyOfIn(text: string, from: number, to: number, words: readonly string[]): boolean {
  if (words !== lastWords) {
    const byFirst = new Map<number, string[]>();
    lastHasEmpty = false;
    for (const w of words) {
      if (!w) lastHasEmpty = true;
      else {
        const same = byFirst.get(w.charCodeAt(0));
        if (same) same.push(w);
        else byFirst.set(w.charCodeAt(0), [w]);
      }
    }
    lastWords = words;
    lastByFirst = byFirst;
  }
  if (lastHasEmpty) return true;
  for (let i = from; i < to; i++) {
    const same = lastByFirst!.get(text.charCodeAt(i));
    if (same) for (const w of same) if (w.length <= to - i && text.startsWith(w, i)) return true;
  }
  return false;
}

/** Roles of a party committee, which keep the committee in an inherited body. */
const PARTY_ROLE = /书记|委员|常委/;
const PARTY_ORGAN_END = /(?:党委|党组|党工委|纪委)$/;

/** The level markers a place's name can end in, by code: a place ending in one is carried to the titles after it. */
const CARRIED_LEVELS = new Set([...'省市县区州镇乡'].map((c) => c.charCodeAt(0)));
const COMMITTEE = 0x59d4; // 委
const FIELD = 0x573a; // 场: `市场监管局` starts with 市 but is no level marker

/** Normalises a body as written into the form office names use. */
function normaliseBody(body: string, isHead: boolean): string {
  // Most bodies are a few characters with nothing to rewrite: test for the rewrites' key
  // characters before running their regexes.
  let b = body;
  if (b.includes('届')) b = b.replace(/第?[一二三四五六七八九十]+届/g, '');
  if (b.includes('人民代表大会')) b = b.replace(/人民代表大会常务委员会/g, '人大常委会').replace(/人民代表大会/g, '人大');
  if (isHead && b.endsWith('政府')) b = b.replace(/(?:人民)?政府$/, '');
  return b;
}

/** Where a phrase ending with `role` at `roleStart` begins: after the last leading cue word in the segment. */
export function phraseStart(text: string, segStart: number, roleStart: number, lex?: PeopleLexicon): number {
  // The cue nearest the role wins: what precedes it is the sentence, not the title.
  let cueEnd = LEADING_CUE_AUTOMATON.lastMatchEnd(text, segStart, roleStart);
  // `县水利和湖泊局局长`, `市自然资源和规划局局长`: a 和 inside an organ's name is no cue; the one
  // before it is.
  while (lex && cueEnd > segStart && isJoinInsideOrgan(text, cueEnd - 1, roleStart, lex)) cueEnd = LEADING_CUE_AUTOMATON.lastMatchEnd(text, segStart, cueEnd - 1);
  let start = cueEnd === -1 ? segStart : cueEnd;
  for (const p of PARTY) if (text.startsWith(p, start) && start + p.length < roleStart && !text.startsWith('中央', start + p.length)) start += p.length;
  return start;
}

/**
 * Is the 和 at `at` inside the name of the organ whose title starts at `roleStart`: after one of
 * the lexicon's joined organ fields (水利|和湖泊局), with an organ's last character before the
 * title and no level marker after the 和 (`吴锦和县教育局局长` joins two people's titles)?
 */
function isJoinInsideOrgan(text: string, at: number, roleStart: number, lex: PeopleLexicon): boolean {
  if (text.charCodeAt(at) !== HE || roleStart - at < 3) return false;
  if (!ORGAN_END_CODES.has(text.charCodeAt(roleStart - 1)) || CARRIED_LEVELS.has(text.charCodeAt(at + 1))) return false;
  return lex.joinedOrganFields.longestEndingAt(text, at, 4) !== null;
}
const HE = 0x548c; // 和
/** Last characters of an organ's name (局, 委, 厅, 办, 部, 中心, 委员会, 院). */
const ORGAN_END_CODES = new Set([...'局委厅办部心会院'].map((ch) => ch.charCodeAt(0)));

/** What the parser needs besides the text: lexicon, jurisdiction, and places carried along the sentence. */
export interface PhraseContext extends JurisdictionContext {
  lex: PeopleLexicon;
  /** Explicit places seen earlier in the sentence, by level marker (`仙桃市委书记…，市长…` → 市: 仙桃市). */
  carried: Map<string, Place>;
  /** The markers for which the sentence's titles named two places or more (carried holds the last). */
  mixed?: Set<string>;
  /**
   * For a level marker the home cannot answer (`区委副书记` in a prefecture's paper, or no home):
   * the last division of that level named earlier in the paragraph (`沙市区区委书记向丽主持…。区委副书记、区长张明熙…`).
   */
  earlierPlace?: (marker: string) => Place | null;
}

/**
 * A level marker the home has no division for takes the place an earlier title gave that level
 * (PhraseContext.earlierPlace), if the title stands alone: after punctuation or at the start of
 * a line, not after other characters (`庙前镇镇党委书记`, a place the gazetteer does not know,
 * then its doubled suffix: that place is meant, not an earlier one).
 */
function placeFromEarlier(text: string, start: number, phrase: OfficePhrase, marker: string, ctx: PhraseContext): void {
  const before = text.charCodeAt(start - 1);
  if (before >= 0x3400 && before <= 0x9fff) return;
  const earlier = ctx.earlierPlace?.(marker);
  if (!earlier) return;
  phrase.place = earlier;
  phrase.placeFrom = 'carried';
}

/**
 * Parses the phrase `text[start, roleEnd)` whose role is `text[roleStart, roleEnd)`.
 * `prev` is the phrase before it in the same chain, whose place and body a bare role inherits.
 */
export function parsePhrase(
  text: string,
  start: number,
  roleStart: number,
  roleEnd: number,
  info: TitleInfo,
  ctx: PhraseContext,
  prev: OfficePhrase | null,
  /** The role as written, when the caller has it (an automaton match's key): no slice. */
  roleWord?: string,
): OfficePhrase {
  const role = roleWord ?? text.slice(roleStart, roleEnd);
  const phrase: OfficePhrase = { start, end: roleEnd, role, info, place: null, placeFrom: 'none', body: '', name: null };
  const isHead = info.kind === 'head';
  // `中共洪湖市委书记` is 洪湖市委书记; but `中共中央政治局常委` keeps its 中共.
  for (const p of PARTY) if (text.startsWith(p, start) && start + p.length < roleStart && !text.startsWith('中央', start + p.length)) start += p.length;
  phrase.start = start;
  let bodyStart = start;
  const explicit = placesAt(text, start, roleStart, ctx);
  if (explicit) {
    phrase.place = explicit.place;
    phrase.placeFrom = 'explicit';
    bodyStart = explicit.end;
    // `松滋市市委书记`: the level marker repeats the place's suffix.
    const written = explicit.place.written;
    const levelCode = written.charCodeAt(written.length - 1);
    if (text.charCodeAt(bodyStart) === levelCode && text.charCodeAt(bodyStart + 1) === COMMITTEE) bodyStart++;
    if (written.length === 0 || CARRIED_LEVELS.has(levelCode)) {
      const marker = written.slice(-1);
      const before = ctx.carried.get(marker);
      if (before && before.name !== explicit.place.name) (ctx.mixed ??= new Set()).add(marker);
      ctx.carried.set(marker, explicit.place);
    }
  } else if (start < roleStart && ctx.lex.levelCodes.has(text.charCodeAt(start)) && text.charCodeAt(start + 1) !== FIELD) {
    const marker = text[start]!;
    const carried = ctx.carried.get(marker);
    phrase.place = carried ?? markerPlace(marker, ctx);
    phrase.placeFrom = carried !== undefined ? 'carried' : 'marker';
    bodyStart = start + 1;
    if (!phrase.place) placeFromEarlier(text, start, phrase, marker, ctx);
  } else if (start === roleStart && isHead && info.level) {
    phrase.place = ctx.carried.get(info.level) ?? markerPlace(info.level, ctx);
    phrase.placeFrom = ctx.carried.has(info.level) ? 'carried' : 'marker';
    if (!phrase.place) placeFromEarlier(text, start, phrase, info.level, ctx);
  }
  const written = text.slice(bodyStart, roleStart);
  phrase.body = normaliseBody(written, isHead);
  // Checked on the normalised body: `人民代表大会` is a congress, `代表` alone is not an office.
  // A body left as written is read in the text, with the role after it.
  const noOffice = phrase.body === written ? includesAnyOfIn(text, bodyStart, roleEnd, ctx.lex.noOffice) : includesAnyOf(phrase.body + role, ctx.lex.noOffice);
  if (noOffice) return phrase;
  if (phrase.placeFrom === 'none') {
    const standalone = ctx.lex.standalone.get(role);
    if (standalone && (!phrase.body || standalone === phrase.body + role)) {
      phrase.name = standalone;
      return phrase;
    }
    const isSub = !phrase.body || ctx.lex.subBodies.some((s) => phrase.body.startsWith(s));
    if (prev?.place && prev.name) {
      // `市委副书记、政法委书记`: an organ of the body before; `…党工委副书记、管委会主任`: a body of the same place.
      phrase.place = prev.place;
      phrase.placeFrom = 'carried';
      // A bare role takes the whole body before it (`党组书记、副院长`); an organ takes only the
      // party committee (`县委办主任、宣传部长` → 县委宣传部长, not 县委办宣传部).
      const organRole = ctx.lex.subBodies.some((o) => role.startsWith(o.slice(0, 2)) && o.endsWith('部'));
      const bare = !phrase.body && !organRole;
      const inherited = !isSub || prev.info.kind === 'head' ? '' : bare ? prev.body : prev.body.startsWith('委') ? '委' : prev.body;
      if (isSub && prev.info.kind === 'head' && !phrase.body) return phrase;
      phrase.body = inherited + phrase.body;
    } else if (phrase.body.length >= 4 && !isSub) {
      // A named body without a place (`长江大学`, `…股份有限公司`): the office is written in full.
      phrase.name = phrase.body + role;
      return phrase;
    } else if (!phrase.body && prev?.name && !prev.place && prev.body.length >= 4) {
      // `中国五矿集团有限公司党委副书记、总经理`: a bare role of the named body before; its party
      // committee is left out for a role that is not the committee's.
      const body = PARTY_ROLE.test(role) ? prev.body : prev.body.replace(PARTY_ORGAN_END, '');
      if (body.length >= 4) {
        phrase.body = body;
        phrase.name = body + role;
      }
      return phrase;
    } else return phrase;
  }
  if (!phrase.place) return phrase;
  // `松滋市长`: the head's level character is already the place's suffix.
  if (isHead) {
    const headPlace = phrase.place.written;
    phrase.name = headPlace + phrase.body + role;
  } else phrase.name = phrase.place.written + phrase.body + role;
  return phrase;
}
