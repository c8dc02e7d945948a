/**
 * One scan of an article for the cue words that the organisation, campaign, project and event
 * stages each looked for over the whole text with an automaton of their own: five scans of
 * every character became one. The people stage's byline cues and the words it reads names
 * around are found in the same pass. The matches come split by lexicon, in the order each lexicon's
 * own `findAll` gives them (by end, then shortest first): the scan finds every occurrence of
 * every word in that order, and each list keeps its own.
 *
 * Example: `cueScan(text).eventHeads` is `eventLexicon().heads.findAll(text)`.
 */
import { pairHash, pickLeftmostLongest, type AutomatonMatch } from './automaton.js';
import { campaignLexicon } from './campaigns/lexicon.js';
import { SHARED_SUFFIXES } from './campaigns/find.js';
import { eventLexicon } from './events/lexicon.js';
import { projectLexicon } from './projects/lexicon.js';
import { LEVEL_MARKERS, orgLexicon } from './organizations/find.js';
import { BYLINE_CUES, PERSON_CUES, peopleLexicon } from './people/lexicon.js';
import { QUOTE_MARKS } from './campaigns/quotes.js';
import { BARE_ZONE_WORDS } from './1-divisions.js';
import { MarkedPositions } from './positions.js';

/** The matches of one article, by lexicon. Shared by the stages: read them, never change them. */
export interface CueMatches {
  /** Organisation name suffixes (`大学`, `有限公司`). */
  orgNamed: AutomatonMatch<number>[];
  /** Media name suffixes (`日报`, `新闻网`). */
  orgMedia: AutomatonMatch<number>[];
  /** `国家`, `党中央`, `中共中央`: where the organisation finder looks for national bodies. */
  national: AutomatonMatch<number>[];
  partyCentre: AutomatonMatch<number>[];
  centralCommittee: AutomatonMatch<number>[];
  /** Suffixes of unquoted campaigns (`行动`, `攻坚战`). */
  campaignBare: AutomatonMatch<number>[];
  /** Project words (`项目`, `产业园`). */
  projectSuffixes: AutomatonMatch<number>[];
  /** Head nouns of event names (`会议`, `推进会`). */
  eventHeads: AutomatonMatch<number>[];
  /** Byline cues (`记者`, `通讯员`): where the people stage reads reporters' names. */
  bylineCues: AutomatonMatch<number>[];
  /** Every occurrence of the people stage's cue words (`同志`, `当选为`, `任命`, `辞去`…; PERSON_CUES). */
  personCues: AutomatonMatch<number>[];
  /**
   * Ends of the places where a title word (`书记`, `副市长`; the people lexicon's roles) may end,
   * in order: the last two characters are those of some title. Candidates only: the people
   * stage reads the title itself back from each (`roles.longestEndingAt`).
   */
  titleEnds: number[];
  /** Where a comma (`，` or `,`) stands, and where a `、` stands, in order: the people stage reads clauses and lists there. */
  commas: number[];
  listMarks: number[];
  /** Does the text hold `次、` (a list of session ordinals can only be there) and `党的` (a party congress)? */
  hasOrdinalList: boolean;
  hasPartyOf: boolean;
  /** Does the text hold a suffix a list of campaigns can share, after 等 or a count (`…等四大工程`)? */
  hasSharedSuffix: boolean;
  /** Where a level marker (省市县区州) stands, in order: the organisation finder reads `市委`, `县政府` there. */
  levelMarkers: number[];
  /** Where a quote mark (“”‘’「」『』) stands, in order: the campaign finder pairs them. */
  quoteMarks: number[];
  /**
   * Where a bare zone word (`经开区`, `高新区`; BARE_ZONE_WORDS) starts, in order: the divisions
   * stage reads the home's zone there. Numbers, not matches: a list of objects that gets its
   * first one only in the rare article that names such a zone changes its elements kind then,
   * and the scan was compiled again.
   */
  bareZoneStarts: number[];
  /**
   * Where a character a sentence may end at stands (SENTENCE_END_CHARS), in order: the
   * sentence split reads them (one pass over the text for both, where each made its own).
   */
  sentenceEnds: number[];
}

type ListName = Exclude<
  keyof CueMatches,
  | 'personCues'
  | 'titleEnds'
  | 'commas'
  | 'listMarks'
  | 'hasOrdinalList'
  | 'hasPartyOf'
  | 'hasSharedSuffix'
  | 'levelMarkers'
  | 'quoteMarks'
  | 'bareZoneStarts'
  | 'sentenceEnds'
>;
const LISTS: ListName[] = ['orgNamed', 'orgMedia', 'national', 'partyCentre', 'centralCommittee', 'campaignBare', 'projectSuffixes', 'eventHeads', 'bylineCues'];
const ORDINAL_LIST_BIT = 1 << LISTS.length;
const PARTY_OF_BIT = ORDINAL_LIST_BIT << 1;
const SHARED_SUFFIX_BIT = ORDINAL_LIST_BIT << 2;
/** After the other bits, so that the values of the older lists' matches stay what they were. */
const PERSON_CUE_BIT = ORDINAL_LIST_BIT << 3;
const BARE_ZONE_BIT = ORDINAL_LIST_BIT << 4;

/**
 * The cue words indexed by their last character, for a scan that reads each character once
 * and looks back from the few where a word can end. An Aho–Corasick automaton over the
 * ~110 words took twice as long per article (measured 9.4 → 5.4 µs): its trie walk and
 * 384 KB of root and pair tables cost more than a handful of `startsWith` at the ~3% of
 * characters that end a word's last two.
 */
interface CueTable {
  /**
   * One byte per character code: what the character may be (KIND_* bits; 0 for the ~80% of
   * characters that end no word, title or mark). One load rules them out, and for the rest
   * says which of the slower tests apply (several bit tables cost a load and a branch each).
   */
  kinds: Uint8Array;
  /** One byte per hashed pair of a word's or a title's last two characters: WORD_PAIR, TITLE_PAIR. */
  pairs: Uint8Array;
  /** Character code → index in `singles` of the one-character word that is the character (KIND_SINGLE_WORD marks it). */
  singleOf: Int16Array;
  singles: Array<{ word: string; bits: number }>;
  /**
   * Hashed pair of a word's last two characters → index in `pairGroups` (-1: no word ends in
   * such a pair). One slot holds the words ending in one pair (and any other pair hashed there):
   * a character ends many words (会 ends 29), a pair few, so few are compared per match.
   */
  pairGroupOf: Int16Array;
  /**
   * The words of one slot, shortest first (findAll's order at one end, after the one-character
   * word), with their bits and their last two character codes (to rule out the other pairs of
   * the slot without a `startsWith` call).
   */
  pairGroups: Array<Array<{ word: string; bits: number; penultimate: number; last: number }>>;
}

/**
 * The characters a sentence may end at (。！？!?； and a line break), and the ASCII full stop,
 * which may (sentences.ts decides): gathered by the cue scan for the sentence split.
 */
export const SENTENCE_END_CHARS = '。！？!?；\n.';

/** Kinds of a character (bits of CueTable.kinds). A level marker, a quote mark, a comma and 、 exclude each other. */
const KIND_MARKER = 1;
const KIND_QUOTE = 2;
const KIND_COMMA = 4;
const KIND_LIST_MARK = 8;
const KIND_MARK = KIND_MARKER | KIND_QUOTE | KIND_COMMA | KIND_LIST_MARK;
/** The last character of some title. */
const KIND_TITLE_LAST = 16;
/** The last character of some cue word, and of a one-character cue word. */
const KIND_WORD_LAST = 32;
const KIND_SINGLE_WORD = 64;
/** A character a sentence may end at (SENTENCE_END_CHARS); it may be of other kinds too. */
const KIND_SENTENCE_END = 128;
const KIND_WORD_OR_TITLE = KIND_TITLE_LAST | KIND_WORD_LAST;
const WORD_PAIR = 1;
const TITLE_PAIR = 2;

const PAIR_SHIFT = 18;
const FULL_COMMA = 0xff0c;
const ASCII_COMMA = 0x2c;
const LIST_MARK = 0x3001;
function lastPairSlot(before: number, last: number): number {
  return pairHash(before, last) >>> PAIR_SHIFT;
}

let table: CueTable | null = null;

/** Every word with one bit per lexicon it belongs to (a word may be in several). */
function cueTable(): CueTable {
  if (table) return table;
  const words: Record<ListName, readonly string[]> = {
    orgNamed: orgLexicon().file.named_suffixes,
    orgMedia: orgLexicon().file.media_suffixes,
    national: ['国家'],
    partyCentre: ['党中央'],
    centralCommittee: ['中共中央'],
    campaignBare: campaignLexicon().bareSuffixWords,
    projectSuffixes: projectLexicon().suffixWords,
    eventHeads: eventLexicon().headWords,
    bylineCues: BYLINE_CUES,
  };
  const bits = new Map<string, number>();
  const add = (word: string, bit: number) => {
    if (word) bits.set(word, (bits.get(word) ?? 0) | bit);
  };
  LISTS.forEach((list, k) => {
    for (const word of words[list]) add(word, 1 << k);
  });
  add('次、', ORDINAL_LIST_BIT);
  add('党的', PARTY_OF_BIT);
  for (const word of PERSON_CUES) add(word, PERSON_CUE_BIT);
  for (const word of SHARED_SUFFIXES) add(word, SHARED_SUFFIX_BIT);
  for (const word of BARE_ZONE_WORDS) add(word, BARE_ZONE_BIT);
  const built: CueTable = {
    kinds: new Uint8Array(0x10000),
    pairs: new Uint8Array(1 << (32 - PAIR_SHIFT)),
    singleOf: new Int16Array(0x10000).fill(-1),
    singles: [],
    pairGroupOf: new Int16Array(1 << (32 - PAIR_SHIFT)).fill(-1),
    pairGroups: [],
  };
  const { kinds, pairs } = built;
  // Stably by length, so that words of one length keep the order they were added in.
  const byLength = [...bits].sort(([a], [b]) => a.length - b.length);
  for (const [word, b] of byLength) {
    const last = word.charCodeAt(word.length - 1);
    kinds[last]! |= KIND_WORD_LAST;
    if (word.length === 1) {
      kinds[last]! |= KIND_SINGLE_WORD;
      built.singleOf[last] = built.singles.length;
      built.singles.push({ word, bits: b });
      continue;
    }
    const penultimate = word.charCodeAt(word.length - 2);
    const slot = lastPairSlot(penultimate, last);
    pairs[slot]! |= WORD_PAIR;
    if (built.pairGroupOf[slot] === -1) {
      built.pairGroupOf[slot] = built.pairGroups.length;
      built.pairGroups.push([]);
    }
    built.pairGroups[built.pairGroupOf[slot]!]!.push({ word, bits: b, penultimate, last });
  }
  for (const title of peopleLexicon().titleWords) {
    // Every title has two characters or more (a one-character one would end at every such character).
    if (title.length < 2) throw new Error(`cue scan: one-character title ${title}`);
    const last = title.charCodeAt(title.length - 1);
    kinds[last]! |= KIND_TITLE_LAST;
    pairs[lastPairSlot(title.charCodeAt(title.length - 2), last)]! |= TITLE_PAIR;
  }
  // The marks exclude each other; a level marker wins over the others as the scan's tests did.
  const markKind = (c: number, kind: number) => {
    if ((kinds[c]! & KIND_MARK) === 0) kinds[c]! |= kind;
  };
  for (const marker of LEVEL_MARKERS) markKind(marker.charCodeAt(0), KIND_MARKER);
  for (const mark of QUOTE_MARKS) markKind(mark.charCodeAt(0), KIND_QUOTE);
  markKind(FULL_COMMA, KIND_COMMA);
  markKind(ASCII_COMMA, KIND_COMMA);
  markKind(LIST_MARK, KIND_LIST_MARK);
  for (let k = 0; k < SENTENCE_END_CHARS.length; k++) kinds[SENTENCE_END_CHARS.charCodeAt(k)]! |= KIND_SENTENCE_END;
  table = built;
  return table;
}

/** 等 and the measure words of SHARED_SUFFIX_LIST's count (大个项类): what stands right before a shared suffix. */
function isSharedSuffixLead(code: number): boolean {
  return code === 0x7b49 || code === 0x5927 || code === 0x4e2a || code === 0x9879 || code === 0x7c7b;
}

/** The positions the scan reads closer (scan never runs inside itself). */
const markedPositions = new MarkedPositions();

function scan(text: string): CueMatches {
  const out: CueMatches = {
    orgNamed: [],
    orgMedia: [],
    national: [],
    partyCentre: [],
    centralCommittee: [],
    campaignBare: [],
    projectSuffixes: [],
    eventHeads: [],
    bylineCues: [],
    personCues: [],
    titleEnds: [],
    commas: [],
    listMarks: [],
    hasOrdinalList: false,
    hasPartyOf: false,
    hasSharedSuffix: false,
    levelMarkers: [],
    quoteMarks: [],
    bareZoneStarts: [],
    sentenceEnds: [],
  };
  const { kinds, pairs, singleOf, singles, pairGroupOf, pairGroups } = cueTable();
  // The lists in LISTS' order, to push to by bit (a store by a property name read from LISTS was a keyed lookup per match).
  const lists: AutomatonMatch<number>[][] = [];
  for (const list of LISTS) lists.push(out[list]);
  // First the positions of the ~20% of characters whose kind is not 0, without a branch: a
  // test per character mispredicted at every such one, and cost more than the rest of the scan.
  const count = markedPositions.gather(text, kinds);
  const positions = markedPositions.positions;
  // By end, then shortest first: the order of Automaton.findAll, which the stages rely on.
  for (let p = 0; p < count; p++) {
    const i = positions[p]!;
    const c = text.charCodeAt(i);
    const kind = kinds[c]!;
    if ((kind & KIND_SENTENCE_END) !== 0) out.sentenceEnds.push(i);
    if ((kind & KIND_MARK) !== 0) {
      if ((kind & KIND_MARKER) !== 0) out.levelMarkers.push(i);
      else if ((kind & KIND_QUOTE) !== 0) out.quoteMarks.push(i);
      else if ((kind & KIND_COMMA) !== 0) out.commas.push(i);
      else out.listMarks.push(i);
    }
    if ((kind & KIND_WORD_OR_TITLE) === 0) continue;
    const prev = i > 0 ? text.charCodeAt(i - 1) : -1;
    const slot = prev >= 0 ? lastPairSlot(prev, c) : -1;
    const pair = slot >= 0 ? pairs[slot]! : 0;
    if ((kind & KIND_TITLE_LAST) !== 0 && (pair & TITLE_PAIR) !== 0) out.titleEnds.push(i + 1);
    if ((kind & KIND_WORD_LAST) === 0) continue;
    const end = i + 1;
    // The one-character word first: it is the shortest ending here.
    if ((kind & KIND_SINGLE_WORD) !== 0) {
      const single = singles[singleOf[c]!]!;
      record(out, lists, text, i, end, single.word, single.bits);
    }
    if ((pair & WORD_PAIR) === 0) continue;
    for (const entry of pairGroups[pairGroupOf[slot]!]!) {
      if (entry.last !== c || entry.penultimate !== prev) continue;
      const start = end - entry.word.length;
      if (start < 0 || !text.startsWith(entry.word, start)) continue;
      record(out, lists, text, start, end, entry.word, entry.bits);
    }
  }
  return out;
}

/** Adds the match `text[start, end)` of `word` to the lists its bits name. */
function record(out: CueMatches, lists: AutomatonMatch<number>[][], text: string, start: number, end: number, word: string, bits: number): void {
  const m: AutomatonMatch<number> = { start, end, key: word, value: bits };
  for (let k = 0; k < lists.length; k++) if (bits & (1 << k)) lists[k]!.push(m);
  if (bits & PERSON_CUE_BIT) out.personCues.push(m);
  if (bits & BARE_ZONE_BIT) out.bareZoneStarts.push(start);
  if (bits & ORDINAL_LIST_BIT) out.hasOrdinalList = true;
  if (bits & PARTY_OF_BIT) out.hasPartyOf = true;
  // SHARED_SUFFIX_LIST matches only after 等 or a count's measure word (等四大工程).
  if (bits & SHARED_SUFFIX_BIT && isSharedSuffixLead(text.charCodeAt(start - 1))) out.hasSharedSuffix = true;
}

let last: { text: string; matches: CueMatches } | null = null;

/** The cue matches of `text`, scanned once while the stages of one article ask in turn. */
export function cueScan(text: string): CueMatches {
  if (last && last.text === text) return last.matches;
  const matches = scan(text);
  last = { text, matches };
  return matches;
}

/**
 * `Automaton.findLongest` over matches already found (in findAll's order): leftmost-longest,
 * not overlapping. Sorts a copy: the shared lists stay as they are.
 */
export function leftmostLongest<V>(all: AutomatonMatch<V>[]): AutomatonMatch<V>[] {
  return all.length < 2 ? all : pickLeftmostLongest([...all]);
}

/**
 * Is `all[k]` the longest match ending where it ends? In findAll's order (by end, then
 * shortest first) that is the last one of its end: what a Map from each end to the match
 * with the smallest start picked, in the same order, without the Map.
 */
export function isLongestAtEnd(all: ReadonlyArray<{ end: number }>, k: number): boolean {
  return k + 1 >= all.length || all[k + 1]!.end !== all[k]!.end;
}
