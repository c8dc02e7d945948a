/**
 * Finding named bodies: party committees and their organs, governments, congresses, CPPCC,
 * courts and procuratorates, bureaus, companies, schools and media. A body written after a
 * level marker (`市委`, `省政府`, `市住建局`) belongs to the jurisdiction the marker means;
 * after an explicit place (`江陵县人民政府`) to that place.
 *
 * Example: `市委、市政府` in a 荆州 article → 中共荆州市委 and 荆州市人民政府.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../../data-path.js';
import { Automaton, firstCharBits, lastCharBits } from '../automaton.js';
import { markerPlace, type GazetteerLike, type JurisdictionContext, type Place } from '../offices/jurisdiction.js';
import type { PeopleLexicon } from '../people/lexicon.js';
import { cueScan, leftmostLongest } from '../cue-scan.js';

/** An organisation found in text: span as written, canonical name, jurisdiction if any. */
export interface OrgSpan {
  start: number;
  end: number;
  name: string;
  rule: string;
  jurisdiction: string | null;
}

interface OrgLexiconFile {
  party_organs: string[];
  state_bodies: Record<string, string>;
  government_organs: string[];
  bureau_suffixes: string[];
  named_suffixes: string[];
  media_suffixes: string[];
  leading_cues: string[];
  generic_starts: string[];
}

/** The compiled organisation vocabulary. */
export interface OrgLexicon {
  /** The word lists; the name and media suffixes are looked for by the cue scan (cue-scan.ts). */
  file: OrgLexiconFile;
  stateBodies: Automaton<string>;
  /** One bit per character code that ends a leading cue (null when a cue is empty: it ends everywhere). */
  leadingCueEnds: Uint32Array | null;
  /** One bit per character code that starts a party organ (null when one is empty: it starts everywhere). */
  partyOrganStarts: Uint32Array | null;
}

let cached: OrgLexicon | null = null;

/** Loads data/lexicon/organizations.yaml once. */
export function orgLexicon(): OrgLexicon {
  if (cached) return cached;
  const file = parse(readFileSync(dataPath('lexicon/organizations.yaml'), 'utf8')) as OrgLexiconFile;
  cached = {
    file,
    stateBodies: new Automaton(Object.entries(file.state_bodies)),
    leadingCueEnds: lastCharBits(file.leading_cues),
    // As startsWith reads them (a number in the YAML as its digits).
    partyOrganStarts: firstCharBits(file.party_organs.map(String)),
  };
  return cached;
}

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

const MARKERS = '省市县区州';
/** The level markers, one character each (the cue scan lists where they stand). */
export const LEVEL_MARKERS: readonly string[] = [...MARKERS];
/** The index in MARKERS of a character code, or -1: one table read per character of the article. */
const MARKER_INDEX = new Int8Array(0x10000).fill(-1);
[...MARKERS].forEach((c, k) => (MARKER_INDEX[c.charCodeAt(0)] = k));
/** Characters that make a word with a following level marker (`全市`, `城市`, `沙市`): then it is no marker. */
const WORD_BEFORE_MARKER = codeTable('全本城都超上门股街夜集各外该两地省县区州市分小社园景山辖新老郊边湾片校厂矿营林农牧渔特沙直');
/** A place written as a body's jurisdiction follows a boundary (`、荆州市委`), not the middle of a word (`自然资源县…`). */
function placeStartsWord(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  return !isHanCode(before) || text.startsWith('中共', i - 2) || WORD_END_BEFORE_PLACE[before] === 1;
}
/** Function words after which a place starts a word (by character code). */
const WORD_END_BEFORE_PLACE = codeTable('和与及的是在由对向了经据为将把被从到等报');

/** Everything the finder needs. */
export interface FindContext extends JurisdictionContext {
  gazetteer?: GazetteerLike;
  people: PeopleLexicon;
  orgs: OrgLexicon;
}

/** Where a place or a level marker ends: `{end, place}` for every jurisdiction written in the text. */
function jurisdictionEnds(text: string, ctx: FindContext, markers: readonly number[]): Array<{ start: number; end: number; place: Place }> {
  const out: Array<{ start: number; end: number; place: Place }> = [];
  for (const m of ctx.gazetteer?.find(text, 0, text.length, ctx.home) ?? []) {
    if (m.division.level === 'township' || !placeStartsWord(text, m.start)) continue;
    // Short forms (`荆州`, `公安`, `市中`) are too often the start of another word: a form ends in 省市县区州.
    if (MARKER_INDEX[text.charCodeAt(m.end - 1)]! < 0 && m.division.level !== 'zone') continue;
    const written = text.slice(m.start, m.end);
    out.push({ start: m.start, end: m.end, place: { name: m.division.name, written } });
  }
  // The places are in text order and do not overlap: one cursor tells whether a marker lies inside one.
  const places = out.length;
  let next = 0;
  const marks: typeof out = [];
  // What each marker means in this article, asked once per marker (undefined: not asked yet).
  const meaning: Array<Place | null | undefined> = [];
  // The markers' positions come from the cue scan (one pass over the article for four stages).
  for (const i of markers) {
    const marker = MARKER_INDEX[text.charCodeAt(i)]!;
    if (i > 0 && WORD_BEFORE_MARKER[text.charCodeAt(i - 1)]) continue;
    while (next < places && out[next]!.end <= i) next++;
    if (next < places && out[next]!.start <= i) continue;
    let place = meaning[marker];
    if (place === undefined) place = meaning[marker] = markerPlace(MARKERS[marker]!, ctx);
    if (place) marks.push({ start: i, end: i + 1, place });
  }
  return mergeByStart(out, marks);
}

/**
 * `[...a, ...b].sort(by start)` (a stable sort) for two lists each already in order: one merge,
 * `a` first on a tie. Falls back to the sort if a list is out of order.
 */
function mergeByStart<T extends { start: number }>(a: T[], b: T[]): T[] {
  if (!inOrder(a) || !inOrder(b)) return a.concat(b).sort((x, y) => x.start - y.start);
  if (!b.length) return a;
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(b[j]!.start < a[i]!.start ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function inOrder(list: Array<{ start: number }>): boolean {
  for (let k = 1; k < list.length; k++) if (list[k]!.start < list[k - 1]!.start) return false;
  return true;
}

/** What a session (`第十届`, `十届`) can start with. */
const SESSION_FIRST_CODES = codeTable('第一二三四五六七八九十');
const FA = '法'.charCodeAt(0);
const JIAN = '检'.charCodeAt(0);
const [WEI, YUAN, HUI] = [...'委员会'].map((c) => c.charCodeAt(0));
/** 省市县区: a place written in full ends in one (`监利县`). */
function isFullPlaceEnd(c: number): boolean {
  return c === 0x7701 || c === 0x5e02 || c === 0x53bf || c === 0x533a;
}

/** Finds the organisations of a text. */
export function findOrganizations(text: string, ctx: FindContext): OrgSpan[] {
  const out: OrgSpan[] = [];
  const { file } = ctx.orgs;
  // A body followed by a title is part of an office (`市委书记`), not named as a body; `领导` is no title.
  const roleAt = (i: number) => {
    const role = ctx.people.roles.longestAt(text, i);
    return role !== null && !ctx.people.noOffice.includes(role.key);
  };
  const cues = cueScan(text);
  for (const j of jurisdictionEnds(text, ctx, cues.levelMarkers)) {
    let b = j.end;
    // `松滋市市委`: the marker repeats the place's suffix; `市十届人大常委会`: the session is not part of the name.
    const written = j.place.written;
    if (text.charCodeAt(b) === written.charCodeAt(written.length - 1) && text.charCodeAt(b + 1) === WEI) b++;
    // The regexes below only where their first character is (most bodies have no session or court).
    const session = SESSION_FIRST_CODES[text.charCodeAt(b)] ? /^第?[一二三四五六七八九十]+届/.exec(text.slice(b, b + 6)) : null;
    if (session && ctx.orgs.stateBodies.longestAt(text, b + session[0].length)) b += session[0].length;
    const party = text.startsWith('中共', j.start - 2);
    const start = party ? j.start - 2 : j.start;
    // The name as the text's time wrote it (`监利县`, before it became 监利市); short forms (`恩施州`) by the full name.
    const placeName = written.length >= 3 && isFullPlaceEnd(written.charCodeAt(written.length - 1)) ? written : j.place.name;
    // Party committee: `市委`, and its organs `市委组织部`.
    if (text.charCodeAt(b) === WEI && text.charCodeAt(b + 1) !== YUAN && text.charCodeAt(b + 1) !== HUI) {
      // Only where a party organ's first character follows 委 (20-odd 委 per article, 10 organs each).
      const next = text.charCodeAt(b + 1);
      const organStarts = ctx.orgs.partyOrganStarts;
      const organ = organStarts === null || (organStarts[next >>> 5]! & (1 << (next & 31))) !== 0 ? file.party_organs.find((o) => text.startsWith(o, b + 1)) : undefined;
      const committee = `中共${j.place.written}委`;
      if (organ) {
        out.push({ start, end: b + 1 + organ.length, name: committee + organ, rule: 'org.party-organ', jurisdiction: j.place.name });
      } else if (party || !roleAt(b + 1)) {
        out.push({ start, end: b + 1, name: committee, rule: 'org.party-committee', jurisdiction: j.place.name });
      }
      continue;
    }
    // `市法院`, `县检察院`: the court of the jurisdiction's level.
    const courtFirst = text.charCodeAt(b);
    const shortCourt = courtFirst === FA || courtFirst === JIAN ? /^(法院|检察院)/.exec(text.slice(b, b + 3)) : null;
    if (shortCourt) {
      const court = shortCourt[1] === '检察院' ? '人民检察院' : j.place.written.endsWith('市') && ctx.gazetteer?.byName(placeName)?.level === 'prefecture' ? '中级人民法院' : '人民法院';
      out.push({ start, end: b + shortCourt[0].length, name: placeName + court, rule: 'org.court', jurisdiction: j.place.name });
      continue;
    }
    const body = ctx.orgs.stateBodies.longestAt(text, b);
    if (body) {
      const canonical = body.value;
      if (canonical === '人民政府') {
        const organ = file.government_organs.find((o) => text.startsWith(o, body.end));
        if (organ) {
          const name = `${j.place.written}政府${organ}`;
          out.push({ start, end: body.end + organ.length, name, rule: 'org.government-organ', jurisdiction: j.place.name });
          continue;
        }
      }
      const courtLike = /法院|检察院|监察委员会/.test(canonical);
      // A prefecture's court is its 中级人民法院; `市人民法院` in its paper is a county-level city's.
      if (canonical === '人民法院' && ctx.gazetteer?.byName(placeName)?.level === 'prefecture') continue;
      // The formal full name (`商丘市人民政府市长`, `第五届人大常委会主任`) names the body even before a title.
      const formal = body.key === '人民政府' || body.key === '人民代表大会常务委员会' || session !== null;
      if (courtLike || formal || !roleAt(body.end)) {
        const rule = courtLike ? 'org.court' : canonical === '人民政府' ? 'org.government' : canonical === '政协' ? 'org.cppcc' : 'org.congress';
        out.push({ start, end: body.end, name: placeName + canonical, rule, jurisdiction: j.place.name });
      }
      continue;
    }
    // Bureaus: `市住建局`, `市自然资源和规划局`, `市公安局荆州分局`, `市发改委`.
    const bureau = mayStartBureau(text, b) ? BUREAU.exec(text.slice(b, b + 12)) : null;
    if (bureau && (isBureauStem(bureau[1]!) || (bureau[2] === '农商行' && !bureau[1]))) {
      let end = b + bureau[0].length;
      const branch = /^[\u3400-\u9fff]{2,3}分局/.exec(text.slice(end, end + 6));
      if (bureau[2] === '局' && branch) end += branch[0].length;
      out.push({ start, end, name: placeName + text.slice(b, end), rule: 'org.bureau', jurisdiction: j.place.name });
    }
  }
  for (const { start: i } of cues.national) {
    const bureau = BUREAU.exec(text.slice(i + 2, i + 14));
    if (bureau && isBureauStem(bureau[1]!) && bureau[2] !== '中心') {
      out.push({ start: i, end: i + 2 + bureau[0].length, name: '国家' + bureau[0], rule: 'org.bureau', jurisdiction: null });
    }
  }
  // Sites named in one or two characters before 网 (`来源:秦楚网`), standing alone.
  for (const m of mediaSites(text)) {
    const standsAlone = m[0].length === 3 || /^(时刻|讯)/.test(text.slice(m.index! + 2, m.index! + 4));
    // `本网讯`, `该网`: the site speaking of itself names no medium.
    if (standsAlone && !/^[一二三四五上下电互联本我该此]/.test(m[0])) out.push({ start: m.index!, end: m.index! + m[0].length, name: m[0], rule: 'org.media', jurisdiction: null });
  }
  for (const { start: i } of cues.partyCentre) out.push({ start: i, end: i + 3, name: '中共中央', rule: 'org.central', jurisdiction: null });
  for (const { start: i } of cues.centralCommittee) {
    if (!text.startsWith('中共中央总书记', i)) out.push({ start: i, end: i + 4, name: '中共中央', rule: 'org.central', jurisdiction: null });
  }
  findNamed(text, ctx, leftmostLongest(cues.orgNamed), 'org.named', out, 2, 12);
  findNamed(text, ctx, leftmostLongest(cues.orgMedia), 'org.media', out, 2, 4);
  return out;
}

/** One or two characters and 网, standing alone (not inside a word or a quote), read at `lastIndex`. */
const XUN = '讯'.charCodeAt(0);
/** ( ) （ ） */
function isBracketCode(c: number): boolean {
  return c === 0x28 || c === 0x29 || c === 0xff08 || c === 0xff09;
}
/** A character a body's name may hold: CJK or a bracket. */
function isNameCode(c: number): boolean {
  return isHanCode(c) || isBracketCode(c);
}
/** In U+3400–U+9FFF, the range the regexes here call CJK (false for NaN, outside the text). */
function isHanCode(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}
const MEDIA_SITE = /(?<![\u3400-\u9fff“‘「《])[\u3400-\u9fff]{1,2}网(?=$|[^\u3400-\u9fff]|时刻|讯)/y;

/**
 * The matches `text.matchAll` would give for MEDIA_SITE with the g flag: a match ends in 网, so
 * it can only start one or two characters before a 网. Trying those starts in order, and
 * resuming after each match, finds the same matches without running the regex over the text.
 */
function mediaSites(text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let resumeAt = 0;
  for (let w = text.indexOf('网'); w >= 0; w = text.indexOf('网', w + 1)) {
    // A match ending at this 网 needs a CJK character before it and, after it, the end, no CJK
    // character, 时刻 or 讯 (most 网 are inside words: 电网建设). A match ending at a 网 right
    // after this one starts at the same places and is tried there.
    if (!isHanCode(text.charCodeAt(w - 1))) continue;
    const after = text.charCodeAt(w + 1);
    if (isHanCode(after) && after !== XUN && !text.startsWith('时刻', w + 1)) continue;
    for (let p = Math.max(w - 2, resumeAt); p < w; p++) {
      MEDIA_SITE.lastIndex = p;
      const m = MEDIA_SITE.exec(text);
      if (m) {
        out.push(m);
        resumeAt = p + m[0].length;
        break;
      }
    }
  }
  return out;
}

const BUREAU = /^([\u3400-\u9fff]{0,8}?)(农商行|分局|局|委员会|委|中心|银行|厅)/;
/** The first characters of BUREAU's suffixes (农分局委中银厅). */
const BUREAU_SUFFIX_FIRST = codeTable('农分局委中银厅');

/**
 * Can BUREAU match at `b`? Its suffix starts after at most 8 CJK characters: a walk over them
 * that meets no suffix's first character (most places are followed by none) rules it out
 * without a slice and the regex.
 */
function mayStartBureau(text: string, b: number): boolean {
  for (let i = b; i < b + 9; i++) {
    const c = text.charCodeAt(i);
    if (BUREAU_SUFFIX_FIRST[c]) return true;
    if (!isHanCode(c)) return false;
  }
  return false;
}

/** Is this the stem of a bureau name (`住建`, `自然资源和规划`), not a phrase (`建设区域性`, `未来发展全`)? */
function isBureauStem(stem: string): boolean {
  if (!stem) return false;
  if (/^(委|人大|政协|政府|人民|领导|上下|民|场|内|外|级|直|区|县|镇|和|与|及)/.test(stem)) return false;
  if (/[、，委会的在性成一]|建设|管$|党工$|党$|全$|中部|缺少|未来/.test(stem)) return false;
  // A verb whose object is the body (`恩施州召开州委常委会会议`): the stem is a clause, not a bureau's name.
  if (/召开|举行|主持|召集|出席|参加|会见|调研|视察|部署/.test(stem)) return false;
  return true;
}

/**
 * Is a cue written ending at `i` (its last character there), starting at or after `floor`? The
 * first such cue of the list decides, as `cues.find` did: an empty one means none.
 */
function cueEndingAt(text: string, cues: readonly string[], i: number, floor: number): boolean {
  for (const c of cues) if (i - c.length + 1 >= floor && text.startsWith(c, i - c.length + 1)) return c !== '';
  return false;
}

/** Does `s` start with one of `words`? */
function startsWithAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.startsWith(w)) return true;
  return false;
}

/** Named bodies ending in a suffix (`长江大学`, `…股份有限公司`, `荆州日报`): the name runs back to a cue or punctuation. */
function findNamed(text: string, ctx: FindContext, suffixes: Array<{ start: number; end: number; key: string }>, rule: string, out: OrgSpan[], min: number, max: number): void {
  const { leading_cues: cues, generic_starts: generic } = ctx.orgs.file;
  const cueEnds = ctx.orgs.leadingCueEnds;
  for (const m of suffixes) {
    if (rule === 'org.named' && text.startsWith('客户端', m.end)) continue;
    // `…集团股份有限公司`, `…(集团)股份有限公司`: the longer name ends later.
    if (m.key === '集团' && /^[)）]?(?:股份有限公司|有限责任公司|有限公司)/.test(text.slice(m.end, m.end + 8))) continue;
    let s = m.start;
    while (s > 0 && m.start - s < max && isNameCode(text.charCodeAt(s - 1))) s--;
    for (let i = m.start - 1; i >= s; i--) {
      // A cue ends at i only where its last character stands (most characters end none).
      const c = text.charCodeAt(i);
      if (cueEnds && (cueEnds[c >>> 5]! & (1 << (c & 31))) === 0) continue;
      if (cueEndingAt(text, cues, i, s)) {
        s = i + 1;
        break;
      }
    }
    while (s < m.start && isBracketCode(text.charCodeAt(s))) s++;
    // `在公安县荆州伟胜科技…公司`: a division written in full before a name that starts with
    // another place is where the body is, not part of its name.
    const places = ctx.gazetteer?.find(text, s, m.start, ctx.home) ?? [];
    const [first, second] = places;
    if (first && second && first.start === s && second.start === first.end && /[市县区]$/.test(first.form) && m.start - second.start >= 4) {
      s = first.end;
    }
    const stem = text.slice(s, m.start);
    if (stem.length < min || startsWithAny(stem, generic)) continue;
    if (ctx.people.roles.longestEndingAt(text, m.start, 8)) continue;
    if (out.some((o) => o.start <= s && m.end <= o.end)) continue;
    out.push({ start: s, end: m.end, name: text.slice(s, m.end), rule, jurisdiction: null });
  }
}
