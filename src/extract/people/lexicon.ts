/**
 * The lexicons of the Person/Office extractor, loaded once from data/lexicon/ and compiled
 * into automata: titles (titles.yaml), surnames (surnames.yaml) and the name stop list
 * (name-stopwords.yaml). Everything here is general vocabulary; nothing names a person.
 *
 * Example: `peopleLexicon().roles.longestEndingAt('市委副书记', 5)?.key` → `副书记`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { Automaton } from '../automaton.js';
import { dataPath } from '../../data-path.js';
import { loadSurnames } from '../../surnames.js';

/** What a title word is: a role after a body (`书记`), or a government head bound to a level (`市长`). */
/** Words before a byline's names (`记者 李超`, `通讯员：王敏`). */
export const BYLINE_CUES = ['特约记者', '记者', '通讯员', '实习生', '责任编辑', '编辑', '摄影', '撰稿'];
/**
 * Words the people stage reads names around: honorifics after a name (`X同志`, `X总书记`), and
 * the words of elections, decisions, appointments and resignations (`当选为`, `关于X为…的决定`,
 * `任命`, `免去`, `辞去`). Found by the shared cue scan, not by a search of the text per word.
 */
export const HONORIFICS = ['同志', '总书记', '委员长', '总理'];
export const PERSON_CUES = [...HONORIFICS, '当选为', '关于', '任命', '选举', '免去', '辞去'];

export interface TitleInfo {
  kind: 'role' | 'head';
  /** For heads: the level marker (`市` in 副市长). */
  level?: string;
}

/** The compiled lexicons. */
export interface PeopleLexicon {
  /** Every title word (roles with modifiers, heads with modifiers), for matching right before a name. */
  roles: Automaton<TitleInfo>;
  /** The title words of `roles` (for the shared cue scan, which marks where one may end), and the longest one's length. */
  titleWords: readonly string[];
  longestTitle: number;
  levels: Set<string>;
  /** The one-character levels by code: tested at a position without a string per test. */
  levelCodes: Set<number>;
  subBodies: string[];
  /** First fields of organs named `X和Y局` (发展, 自然资源, 水利): see phraseStart. */
  joinedOrganFields: Automaton<true>;
  noOffice: string[];
  standalone: Map<string, string>;
  singleSurnames: Set<string>;
  compoundSurnames: Set<string>;
  stopWords: Set<string>;
  stopPrefixes: string[];
  neverInName: Set<string>;
}

interface TitlesFile {
  levels: string[];
  heads: string[];
  head_modifiers: string[];
  modifiers: string[];
  roles: string[];
  sub_bodies: string[];
  joined_organ_fields?: string[];
  no_office: string[];
  standalone: Record<string, string>;
}

let cached: PeopleLexicon | null = null;

function readYaml<T>(relative: string): T {
  return parse(readFileSync(dataPath(relative), 'utf8')) as T;
}

/** Loads and compiles the lexicons (once per process). */
export function peopleLexicon(): PeopleLexicon {
  if (cached) return cached;
  const titles = readYaml<TitlesFile>('lexicon/titles.yaml');
  const surnames = loadSurnames();
  const stops = readYaml<{ words: string[]; prefixes: string[]; never_in_name: string }>('lexicon/name-stopwords.yaml');
  const entries: Array<[string, TitleInfo]> = [];
  for (const role of titles.roles) {
    entries.push([role, { kind: 'role' }]);
    for (const mod of titles.modifiers) entries.push([mod + role, { kind: 'role' }]);
  }
  // Heads go last so that `市长` is a head even though it is also listed as a role.
  for (const level of titles.levels) {
    for (const head of titles.heads) {
      entries.push([level + head, { kind: 'head', level }]);
      for (const mod of titles.head_modifiers) entries.push([mod + level + head, { kind: 'head', level }]);
    }
  }
  cached = {
    // Titles start with common characters (市, 副, 党) but end with few (记, 长, 任): found from their ends.
    roles: new Automaton(entries, { findFromEnds: true }),
    titleWords: entries.map(([word]) => word),
    longestTitle: Math.max(0, ...entries.map(([word]) => word.length)),
    levels: new Set(titles.levels),
    levelCodes: new Set(titles.levels.filter((level) => level.length === 1).map((level) => level.charCodeAt(0))),
    subBodies: titles.sub_bodies,
    joinedOrganFields: new Automaton((titles.joined_organ_fields ?? []).map((w) => [w, true] as const)),
    noOffice: titles.no_office,
    standalone: new Map(Object.entries(titles.standalone)),
    singleSurnames: new Set(surnames.single),
    compoundSurnames: new Set(surnames.compound),
    stopWords: new Set(stops.words),
    stopPrefixes: stops.prefixes,
    neverInName: new Set([...stops.never_in_name.replace(/\s+/g, '')]),
  };
  return cached;
}
