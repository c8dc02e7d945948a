/**
 * One scan of an article for the cue words that the organisation, campaign, project and event
 * stages each looked for over the whole text with an automaton of their own: five scans of
 * every character became one. The matches come split by lexicon, in the order each lexicon's
 * own `findAll` gives them (by end, then shortest first): a filter of the combined automaton's
 * matches, which are every occurrence of every word, keeps that order.
 *
 * Example: `cueScan(text).eventHeads` is `eventLexicon().heads.findAll(text)`.
 */
import { Automaton, pickLeftmostLongest, type AutomatonMatch } from './automaton.js';
import { campaignLexicon } from './campaigns/lexicon.js';
import { SHARED_SUFFIXES } from './campaigns/find.js';
import { eventLexicon } from './events/lexicon.js';
import { projectLexicon } from './projects/lexicon.js';
import { orgLexicon } from './organizations/find.js';

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
  /** Does the text hold `次、` (a list of session ordinals can only be there) and `党的` (a party congress)? */
  hasOrdinalList: boolean;
  hasPartyOf: boolean;
  /** Does the text hold a suffix a list of campaigns can share (`…等四大工程`)? */
  hasSharedSuffix: boolean;
}

type ListName = Exclude<keyof CueMatches, 'hasOrdinalList' | 'hasPartyOf' | 'hasSharedSuffix'>;
const LISTS: ListName[] = ['orgNamed', 'orgMedia', 'national', 'partyCentre', 'centralCommittee', 'campaignBare', 'projectSuffixes', 'eventHeads'];
const ORDINAL_LIST_BIT = 1 << LISTS.length;
const PARTY_OF_BIT = ORDINAL_LIST_BIT << 1;
const SHARED_SUFFIX_BIT = ORDINAL_LIST_BIT << 2;

let automaton: Automaton<number> | null = null;

/** Every word with one bit per lexicon it belongs to (a word may be in several). */
function combined(): Automaton<number> {
  if (automaton) return automaton;
  const words: Record<ListName, string[]> = {
    orgNamed: orgLexicon().file.named_suffixes,
    orgMedia: orgLexicon().file.media_suffixes,
    national: ['国家'],
    partyCentre: ['党中央'],
    centralCommittee: ['中共中央'],
    campaignBare: campaignLexicon().bareSuffixWords,
    projectSuffixes: projectLexicon().suffixWords,
    eventHeads: eventLexicon().headWords,
  };
  const bits = new Map<string, number>();
  const add = (word: string, bit: number) => bits.set(word, (bits.get(word) ?? 0) | bit);
  LISTS.forEach((list, k) => {
    for (const word of words[list]) add(word, 1 << k);
  });
  add('次、', ORDINAL_LIST_BIT);
  add('党的', PARTY_OF_BIT);
  for (const word of SHARED_SUFFIXES) add(word, SHARED_SUFFIX_BIT);
  automaton = new Automaton([...bits]);
  return automaton;
}

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
    hasOrdinalList: false,
    hasPartyOf: false,
    hasSharedSuffix: false,
  };
  for (const m of combined().findAll(text)) {
    const bits = m.value;
    for (let k = 0; k < LISTS.length; k++) if (bits & (1 << k)) out[LISTS[k]!].push(m);
    if (bits & ORDINAL_LIST_BIT) out.hasOrdinalList = true;
    if (bits & PARTY_OF_BIT) out.hasPartyOf = true;
    if (bits & SHARED_SUFFIX_BIT) out.hasSharedSuffix = true;
  }
  return out;
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
