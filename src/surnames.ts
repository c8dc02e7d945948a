/**
 * The surname lexicon, data/lexicon/surnames.yaml, read once per thread for every module that
 * checks a surname: the person extractor, the division filter (a place name followed by a
 * given name), bylines at ingest and the English stage's pinyin surnames.
 *
 * Example: `loadSurnames().compound.includes('欧阳')` → true.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from './data-path.js';

export interface SurnameLexicon {
  /** Single-character surnames, in file order (`single:` is one run of characters). */
  readonly single: readonly string[];
  /** Compound surnames (复姓), in file order. */
  readonly compound: readonly string[];
}

let loaded: SurnameLexicon | null = null;

/** Reads the lexicon on first use; throws if the file is missing or not a lexicon. */
export function loadSurnames(): SurnameLexicon {
  if (loaded) return loaded;
  const file = parse(readFileSync(dataPath('lexicon/surnames.yaml'), 'utf8')) as { single?: unknown; compound?: unknown } | null;
  if (!file || typeof file.single !== 'string') throw new Error('data/lexicon/surnames.yaml: `single:` must be a run of characters');
  // Separators a hand edit may leave between characters; anything else not Han is a typo.
  const single = Array.from(file.single.replace(/[\s,，、]+/g, '')).filter((c) => /\p{Script=Han}/u.test(c));
  const compound = Array.isArray(file.compound) ? file.compound.filter((c): c is string => typeof c === 'string').map((c) => c.trim()).filter((c) => c.length > 0) : [];
  loaded = Object.freeze({ single: Object.freeze(single), compound: Object.freeze(compound) });
  return loaded;
}
