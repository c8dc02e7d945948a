/**
 * The cue lexicon of the Event extractor, loaded once from data/lexicon/event-cues.yaml:
 * head nouns of meeting names, left-boundary verbs, and the verbs of happening and attending.
 *
 * Example: `eventLexicon().heads.longestEndingAt('市委经济工作会议', 8)?.key` → `会议`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Automaton, lastCharBits } from '../automaton.js';
import { dataPath } from '../../data-path.js';

interface CuesFile {
  heads: string[];
  left_stops: string[];
  organ_after: string[];
  generic: string[];
  never_inside: string[];
  occurring: string[];
  not_occurring: string[];
  attend_verbs: string[];
  subject_adverbs: string[];
}

/** The compiled event cues. */
export interface EventLexicon {
  heads: Automaton<true>;
  /** The words of `heads` (the cue scan of the whole article looks for them with other stages' words). */
  headWords: string[];
  leftStops: Automaton<true>;
  /** One bit per character code that ends a left stop (null when one is empty): scanLeft asks the automaton only there. */
  leftStopLastCodes: Uint32Array | null;
  organAfter: Automaton<true>;
  generic: Set<string>;
  /** The length of the longest generic name: a longer name is none (no lookup). */
  genericMaxLength: number;
  neverInside: string[];
  /** One bit per character code that ends a `neverInside` word (null when one is empty: every name holds it). */
  neverInsideLastCodes: Uint32Array | null;
  occurring: Automaton<true>;
  notOccurring: string[];
  /** `notOccurring` as one automaton, null when a word is empty (every text holds it): one pass for all the words. */
  notOccurringWords: Automaton<true> | null;
  attendVerbs: Automaton<true>;
  subjectAdverbs: string[];
}

let cached: EventLexicon | null = null;

function compile(words: string[]): Automaton<true> {
  return new Automaton<true>(words.map((w) => [w, true] as const));
}

/** Loads and compiles the cues (once per process). */
export function eventLexicon(): EventLexicon {
  if (cached) return cached;
  const cues = parse(readFileSync(dataPath('lexicon/event-cues.yaml'), 'utf8')) as CuesFile;
  cached = {
    heads: compile(cues.heads),
    headWords: cues.heads,
    leftStops: compile(cues.left_stops),
    leftStopLastCodes: lastCharBits(cues.left_stops),
    organAfter: compile(cues.organ_after),
    generic: new Set(cues.generic),
    genericMaxLength: Math.max(0, ...cues.generic.map((g) => String(g).length)),
    neverInside: cues.never_inside,
    neverInsideLastCodes: lastCharBits(cues.never_inside),
    occurring: compile(cues.occurring),
    notOccurring: cues.not_occurring,
    notOccurringWords: cues.not_occurring.some((w) => !String(w)) ? null : compile(cues.not_occurring.map(String)),
    attendVerbs: compile(cues.attend_verbs),
    subjectAdverbs: cues.subject_adverbs,
  };
  return cached;
}
