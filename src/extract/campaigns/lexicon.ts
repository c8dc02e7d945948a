/**
 * The cue lexicon of the Campaign extractor, loaded once from data/lexicon/campaign-cues.yaml
 * and compiled into automata. Only general vocabulary lives there (suffixes, verbs, rhetoric
 * cues); no campaign name does.
 *
 * Example: `campaignLexicon().contentSuffixes.longestEndingAt('双优化攻坚战', 6)?.key` → `攻坚战`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Automaton } from '../automaton.js';
import { dataPath } from '../../data-path.js';

interface CuesFile {
  numerals: string;
  numeral_idioms?: string[];
  measures: string;
  content_suffixes: string[];
  attached_suffixes: string[];
  bare_suffixes: string[];
  triggers: string[];
  rhetoric_before: string[];
  rhetoric_after: string[];
  never_inside: string[];
  bare_stop: string[];
  target_after: string[];
  bare_project_words: string[];
  work_after: string[];
  list_verbs: string[];
  bare_generic: string[];
}

/** The compiled campaign cues. */
export interface CampaignLexicon {
  numerals: Set<string>;
  /** Idioms shaped like counted forms (一心一意, 七上八下): never a campaign. */
  numeralIdioms: Set<string>;
  measures: Set<string>;
  /** `numerals` and `measures` by code point (the shape tests read names without an array of characters). */
  numeralCodes: Set<number>;
  measureCodes: Set<number>;
  contentSuffixes: Automaton<true>;
  attachedSuffixes: Automaton<true>;
  bareSuffixes: Automaton<true>;
  /** The words of `bareSuffixes` (the cue scan of the whole article looks for them with other stages' words). */
  bareSuffixWords: string[];
  triggers: Automaton<true>;
  rhetoricBefore: Automaton<true>;
  rhetoricAfter: Automaton<true>;
  neverInside: string[];
  /** `neverInside` as one automaton, null when a word is empty (every name holds it): one pass over a name for all the words. */
  neverInsideWords: Automaton<true> | null;
  bareStop: Set<string>;
  /** The one-character words of `bareStop` by code point (a name is read without a string per character). */
  bareStopCodes: Set<number>;
  targetAfter: Automaton<true>;
  /** Words that make a bare `…工程` a construction project. */
  projectWords: string[];
  workAfter: Automaton<true>;
  listVerbs: Automaton<true>;
  /** Words that say nothing about which campaign it is (专项, 集中, 各项). */
  bareGeneric: Automaton<true>;
}

let cached: CampaignLexicon | null = null;

function compile(words: string[]): Automaton<true> {
  return new Automaton<true>(words.map((w) => [w, true] as const));
}

/** Loads and compiles the cues (once per process). */
export function campaignLexicon(): CampaignLexicon {
  if (cached) return cached;
  const cues = parse(readFileSync(dataPath('lexicon/campaign-cues.yaml'), 'utf8')) as CuesFile;
  cached = {
    numerals: new Set([...cues.numerals]),
    numeralIdioms: new Set(cues.numeral_idioms ?? []),
    measures: new Set([...cues.measures]),
    numeralCodes: new Set([...cues.numerals].map((c) => c.codePointAt(0)!)),
    measureCodes: new Set([...cues.measures].map((c) => c.codePointAt(0)!)),
    contentSuffixes: compile(cues.content_suffixes),
    attachedSuffixes: compile(cues.attached_suffixes),
    bareSuffixes: compile(cues.bare_suffixes),
    bareSuffixWords: cues.bare_suffixes,
    triggers: compile(cues.triggers),
    rhetoricBefore: compile(cues.rhetoric_before),
    rhetoricAfter: compile(cues.rhetoric_after),
    neverInside: cues.never_inside,
    neverInsideWords: cues.never_inside.some((w) => !String(w)) ? null : compile(cues.never_inside.map(String)),
    bareStop: new Set(cues.bare_stop),
    // Strings only, as the set holds them: a number the YAML read never equalled a character.
    bareStopCodes: new Set(cues.bare_stop.filter((w) => typeof w === 'string' && [...w].length === 1).map((w) => w.codePointAt(0)!)),
    targetAfter: compile(cues.target_after),
    projectWords: cues.bare_project_words,
    workAfter: compile(cues.work_after),
    listVerbs: compile(cues.list_verbs),
    bareGeneric: compile(cues.bare_generic),
  };
  return cached;
}
