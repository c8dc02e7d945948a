/**
 * The project cue lexicon (data/lexicon/project-cues.yaml) compiled into automata once.
 *
 * Example: `projectLexicon().suffixes.findAll('仙鹤纸业项目')` finds `项目` at 4–6.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { dataPath } from '../../data-path.js';
import { Automaton, lastCharBits } from '../automaton.js';

interface CueFile {
  suffixes: string[];
  facilitySuffixes: string[];
  buildCues: string[];
  leftBoundaries: string[];
  boundaryExceptions?: Record<string, string[]>;
  boundaryPrecededExceptions?: Record<string, string[]>;
  genericWords: string[];
  notInName: string[];
  tailWords: string[];
  subjectIsProject: string[];
  listedAsProjects: string[];
  stages: Record<string, string[]>;
}

/** Compiled project cues. */
export interface ProjectLexicon {
  suffixes: Automaton<true>;
  /** The words of `suffixes` (the cue scan of the whole article looks for them with other stages' words). */
  suffixWords: string[];
  /** Suffixes that need a building or investment cue in the sentence (公园, 大桥). */
  facilitySuffixes: Set<string>;
  buildCues: Automaton<true>;
  boundaries: Automaton<true>;
  /** One bit per character code that ends a boundary word (null when one is empty): nameStart asks the automaton only there. */
  boundaryLastCodes: Uint32Array | null;
  /** Boundary word → characters after which it is not a boundary (经 before 济). */
  boundaryExceptions: Map<string, Set<string>>;
  /** One-character boundary → characters before which make it part of a word (华为, 美的). */
  boundaryPrecededExceptions: Map<string, Set<string>>;
  /** The two maps above by character code (nameStart reads the text without making one-character strings). */
  boundaryExceptionCodes: Map<string, CharCodes>;
  boundaryPrecededExceptionCodes: Map<string, CharCodes>;
  generic: Automaton<true>;
  /** The first and last characters of the generic words: a span that does not start and end with them is not covered by them. */
  genericEdges: WordEdges;
  /** Words that mark a span as a clause, not a name. */
  notInName: Automaton<true>;
  /** Words that may follow a boundary verb inside a name (提升改造, 二期). */
  tailWords: Automaton<true>;
  tailEdges: WordEdges;
  /** Clause patterns after a subject that make it a project (`是…项目`). */
  subjectIsProject: RegExp[];
  /** Patterns after a list item that make it a project (`等重点项目`). */
  listedAsProjects: RegExp[];
  /** Any subject or list pattern, unanchored: a sentence where it matches nowhere needs no position-by-position test. */
  subjectOrListedAnywhere: RegExp;
  /**
   * True when that pattern has no anchor, lookaround or word boundary: a match inside a
   * sentence is then a match in the whole text, and a text where it matches nowhere has no
   * sentence to test.
   */
  subjectOrListedIsLocal: boolean;
  /** Stage name → trigger words. */
  stages: Array<[string, string[]]>;
  /** The same words by their first character, for one pass over a sentence (see sentenceStage). */
  stageWords: StageWordIndex;
}

/** A set of characters by UTF-16 code; `empty`: does it hold '' (what `text[i] ?? ''` gives outside the text)? */
export interface CharCodes {
  codes: Set<number>;
  empty: boolean;
}

function charCodes(map: Map<string, Set<string>>): Map<string, CharCodes> {
  const out = new Map<string, CharCodes>();
  for (const [word, chars] of map) {
    // Only one-unit entries can equal text[i]; longer ones never matched.
    const codes = new Set([...chars].filter((c) => c.length === 1).map((c) => c.charCodeAt(0)));
    out.set(word, { codes, empty: chars.has('') });
  }
  return out;
}

/** One bit per character code that starts a word and one per code that ends one; null when a word is empty (no character ruled out). */
export interface WordEdges {
  firsts: Uint32Array | null;
  lasts: Uint32Array | null;
}

function edgesOf(words: readonly string[]): WordEdges {
  const firsts = new Uint32Array(2048);
  for (const w of words) {
    if (!w) return { firsts: null, lasts: null };
    const c = w.charCodeAt(0);
    firsts[c >>> 5]! |= 1 << (c & 31);
  }
  return { firsts, lasts: lastCharBits(words) };
}

/** A stage word and its rank in `stages` (stage by stage, word by word): the earlier wins a tie. */
export interface StageWord {
  stage: string;
  word: string;
  rank: number;
}

export interface StageWordIndex {
  /** One bit per character code that starts a stage word. */
  firstBits: Uint32Array;
  byFirst: Map<number, StageWord[]>;
  /** One more than the largest rank: `distance * rankLimit + rank` orders by distance, then rank. */
  rankLimit: number;
}

function indexStageWords(stages: Array<[string, string[]]>): StageWordIndex {
  const index: StageWordIndex = { firstBits: new Uint32Array(2048), byFirst: new Map(), rankLimit: 0 };
  let rank = 0;
  for (const [stage, words] of stages) {
    for (const w of words) {
      const word = String(w);
      rank++;
      if (!word) continue;
      const c = word.charCodeAt(0);
      index.firstBits[c >>> 5]! |= 1 << (c & 31);
      let list = index.byFirst.get(c);
      if (!list) index.byFirst.set(c, (list = []));
      list.push({ stage, word, rank });
    }
  }
  index.rankLimit = rank + 1;
  return index;
}

let cached: ProjectLexicon | null = null;

function anyOf(patterns: string[]): string {
  return patterns.map((p) => `(?:${p})`).join('|') || '(?!)';
}

/**
 * Does a match of `source` depend only on the characters it covers? No `^`/`$` (a `^` opening
 * a class negates it), no lookaround, no `\b`/`\B`. Doubtful forms count as not local.
 */
function isLocalPattern(source: string): boolean {
  if (/\\[bB]/.test(source)) return false;
  const unescaped = source.replace(/\\./g, '');
  return !/\$|\(\?<?[=!]|(?<!\[)\^/.test(unescaped);
}

/** Loads and compiles the lexicon (once). */
export function projectLexicon(): ProjectLexicon {
  if (cached) return cached;
  const f = parseYaml(readFileSync(dataPath('lexicon/project-cues.yaml'), 'utf8')) as CueFile;
  const set = (words: string[]) => new Automaton(words.map((w) => [String(w), true] as const));
  // Verbs and name-tail words count as category words too: 提升园区, 推进重大项目 name nothing.
  const genericWords = [...f.genericWords, ...f.tailWords, ...f.leftBoundaries.filter((w) => String(w).length > 1)].map(String);
  const boundaryExceptions = new Map(Object.entries(f.boundaryExceptions ?? {}).map(([k, v]) => [k, new Set(v.map(String))]));
  const boundaryPrecededExceptions = new Map(Object.entries(f.boundaryPrecededExceptions ?? {}).map(([k, v]) => [k, new Set(v.map(String))]));
  cached = {
    suffixes: set(f.suffixes),
    suffixWords: f.suffixes.map(String),
    facilitySuffixes: new Set(f.facilitySuffixes.map(String)),
    buildCues: set(f.buildCues),
    boundaries: set(f.leftBoundaries),
    boundaryLastCodes: lastCharBits(f.leftBoundaries.map(String)),
    boundaryExceptions,
    boundaryPrecededExceptions,
    boundaryExceptionCodes: charCodes(boundaryExceptions),
    boundaryPrecededExceptionCodes: charCodes(boundaryPrecededExceptions),
    generic: set(genericWords),
    genericEdges: edgesOf(genericWords),
    notInName: set(f.notInName),
    tailWords: set(f.tailWords),
    tailEdges: edgesOf(f.tailWords.map(String)),
    subjectIsProject: f.subjectIsProject.map((p) => new RegExp(`^${p}`)),
    listedAsProjects: f.listedAsProjects.map((p) => new RegExp(`^${p}`)),
    subjectOrListedAnywhere: new RegExp(anyOf([...f.subjectIsProject, ...f.listedAsProjects])),
    subjectOrListedIsLocal: isLocalPattern(anyOf([...f.subjectIsProject, ...f.listedAsProjects])),
    stages: Object.entries(f.stages),
    stageWords: indexStageWords(Object.entries(f.stages)),
  };
  return cached;
}
