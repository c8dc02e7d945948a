/**
 * The English stage's lexicon, built once on first use: pinyin surnames (from
 * data/lexicon/surnames.yaml through pinyin-pro's surname readings), the set of valid pinyin
 * syllables (read off pinyin-pro over the CJK block), and divisions keyed by the pinyin of
 * their names (`jingzhou` → 荆州市), preferring higher levels where two collide.
 */
import { pinyin } from 'pinyin-pro';
import { getGazetteer, type Division } from '../../gazetteer/index.js';
import { loadSurnames } from '../../surnames.js';

export interface PlaceEntry {
  name: string;
  short: string;
  level: string;
  code: string | null;
}

export interface EnglishLexicon {
  surnames: Set<string>;
  placesByPinyin: Map<string, PlaceEntry>;
  placesByName: Map<string, PlaceEntry>;
  /** Splits `zhihong` into [`zhi`, `hong`], or null when it is not pinyin. */
  splitSyllables(word: string): string[] | null;
}

let cached: EnglishLexicon | null = null;

const LEVEL_RANK: Record<string, number> = { province: 0, prefecture: 1, county: 2, zone: 3, township: 4 };
const SUFFIXES = ['土家族苗族自治州', '自治州', '自治县', '林区', '新区', '省', '市', '县', '区', '州', '盟', '旗', '镇', '乡', '街道'];

/** The lexicon, built on first call. */
export function englishLexicon(): EnglishLexicon {
  if (cached) return cached;
  const syllables = new Set<string>();
  for (let c = 0x4e00; c <= 0x9fa5; c++) {
    for (const s of pinyin(String.fromCharCode(c), { toneType: 'none', type: 'array', v: true })) {
      if (/^[a-z]+$/.test(s)) syllables.add(s);
    }
  }
  const surnames = new Set<string>();
  for (const s of readSurnames()) surnames.add(pinyin(s, { toneType: 'none', mode: 'surname', separator: '' }).toLowerCase());
  const placesByPinyin = new Map<string, PlaceEntry>();
  const placesByName = new Map<string, PlaceEntry>();
  for (const d of getGazetteer().all()) {
    if (d.level === 'township') continue;
    const entry = toEntry(d);
    placesByName.set(d.name, entry);
    const key = pinyin(entry.short, { toneType: 'none', separator: '' }).toLowerCase();
    if (key.length < 4) continue;
    const prev = placesByPinyin.get(key);
    // Collisions: keep the higher level, then Hubei (the home province of the product).
    if (!prev || rank(entry) < rank(prev)) placesByPinyin.set(key, entry);
  }
  const splitSyllables = (word: string): string[] | null => {
    const memo = new Map<number, string[] | null>();
    const go = (i: number): string[] | null => {
      if (i === word.length) return [];
      if (memo.has(i)) return memo.get(i)!;
      let best: string[] | null = null;
      for (let j = Math.min(word.length, i + 6); j > i; j--) {
        if (!syllables.has(word.slice(i, j))) continue;
        const rest = go(j);
        if (rest) {
          best = [word.slice(i, j), ...rest];
          break;
        }
      }
      memo.set(i, best);
      return best;
    };
    return go(0);
  };
  cached = { surnames, placesByPinyin, placesByName, splitSyllables };
  return cached;
}

function rank(e: PlaceEntry): number {
  return (LEVEL_RANK[e.level] ?? 5) * 10 + (e.code?.startsWith('42') ? 0 : 1);
}

function toEntry(d: Division): PlaceEntry {
  let short = d.name;
  for (const suffix of SUFFIXES) {
    if (short.length > suffix.length + 1 && short.endsWith(suffix)) {
      short = short.slice(0, -suffix.length);
      break;
    }
  }
  return { name: d.name, short, level: d.level, code: d.code };
}

/** Single and compound surnames from the shared lexicon file. */
function readSurnames(): string[] {
  const { single, compound } = loadSurnames();
  return [...single, ...compound];
}
