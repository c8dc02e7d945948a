/**
 * Stage: English articles (doc.meta.lang === 'en'), built on compromise.
 *
 * Reads doc.text; adds Person, AdminDivision, Organization and Office mentions and HOLDS
 * relations. Chinese never goes through here (compromise cannot read Chinese).
 * Chinese names written in pinyin (`Wu Jin`, `Ouyang Jinxu`) are found by a surname +
 * syllable check that compromise lacks; places are matched to the gazetteer through the
 * pinyin of division names, so `Jingzhou` is AdminDivision 荆州市 and
 * `Party Secretary of Jingzhou` is the Office 荆州市委书记.
 *
 * Example: `Wu Jin, Party Secretary of Jingzhou, said…` → Person `Wu Jin` {pinyin: 'wu jin'},
 * Office 荆州市委书记, HOLDS (Wu Jin → 荆州市委书记).
 */
import { createRequire } from 'node:module';
import type Nlp from 'compromise';
import type { Doc, Mention, Stage } from '../../types.js';
import { splitSentences, sentenceAt, type Span } from '../sentences.js';
import { englishLexicon, type EnglishLexicon, type PlaceEntry } from './lexicon.js';
import { officeName, type OfficeKind } from './offices.js';

/**
 * compromise, loaded on the first English article: importing it costs ~0.5–0.9 s (it
 * unpacks its English lexicon), which Chinese-only runs — nearly all of them — never need.
 * The stage is synchronous, so it is required (the package's CommonJS build of the same
 * version) rather than imported.
 */
let compromise: typeof Nlp | null = null;
function nlp(text: string): ReturnType<typeof Nlp> {
  compromise ??= createRequire(import.meta.url)('compromise') as typeof Nlp;
  return compromise(text);
}

interface Found {
  start: number;
  end: number;
}

/** Creates the English stage (the lexicon is built once, on first use). */
export default function englishStage(): Stage {
  return (doc: Doc) => {
    const lex = englishLexicon();
    const text = doc.text;
    const sentences = splitSentences(text);
    const people = findPeople(text, lex);
    for (const p of people) {
      doc.mentions.push({ type: 'Person', name: p.name, start: p.start, end: p.end, rule: p.rule, properties: p.pinyin ? { pinyin: p.pinyin } : undefined });
    }
    const places = findPlaces(text, lex, people);
    for (const pl of places) {
      doc.mentions.push({
        type: 'AdminDivision',
        name: pl.entry.name,
        start: pl.start,
        end: pl.end,
        rule: 'en.division.pinyin',
        properties: { level: pl.entry.level, code: pl.entry.code },
      });
    }
    for (const org of findOrganizations(text, places)) {
      doc.mentions.push({ type: 'Organization', name: org.name, start: org.start, end: org.end, rule: 'en.org.compromise' });
    }
    findOffices(doc, text, sentences, people, places, lex);
  };
}

interface PersonFound extends Found {
  name: string;
  pinyin?: string;
  rule: string;
}

// A lookahead, so `Mayor Zhou Zhihong` still tries `Zhou Zhihong` after rejecting `Mayor Zhou`.
const CAPITALISED_PAIR = /\b([A-Z][a-z]+)(?=([ \u00a0])([A-Z][a-z]+(?:-[a-z]+)?)\b)/g;

/** People: pinyin names by surname + syllables, then whatever else compromise calls a person. */
function findPeople(text: string, lex: EnglishLexicon): PersonFound[] {
  const out: PersonFound[] = [];
  for (const m of text.matchAll(CAPITALISED_PAIR)) {
    const surname = m[1]!.toLowerCase();
    const given = m[3]!.toLowerCase().replace(/-/g, '');
    const length = m[1]!.length + 1 + m[3]!.length;
    if (!lex.surnames.has(surname)) continue;
    const syllables = lex.splitSyllables(given);
    if (!syllables || syllables.length > 2) continue;
    const start = m.index!;
    // `Wu Jin` is a person, but `Wu Jin District` is the place 武进区.
    if (/^ (?:City|County|District|Province|Prefecture|Town|Township)\b/.test(text.slice(start + length, start + length + 13))) continue;
    if (out.length && out[out.length - 1]!.end > start) continue;
    out.push({ start, end: start + length, name: `${m[1]} ${m[3]}`, pinyin: `${surname} ${syllables.join('')}`, rule: 'en.person.pinyin' });
  }
  const doc = nlp(text);
  for (const p of doc.people().json({ offset: true }) as Array<{ text: string; offset: { start: number; length: number } }>) {
    const name = p.text.replace(/[,.;:!?'"]+$/g, '').trim();
    if (!name.includes(' ')) continue; // a lone surname is too weak without a pinyin check
    const start = p.offset.start;
    const end = start + name.length;
    if (out.some((o) => o.start < end && start < o.end)) continue;
    out.push({ start, end, name, rule: 'en.person.compromise' });
  }
  // Other mentions of a found name, e.g. a later `Wu Jin said`.
  const names = new Map(out.map((p) => [p.name, p]));
  for (const [name, first] of names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      from = at + name.length;
      if (out.some((o) => o.start === at)) continue;
      out.push({ ...first, start: at, end: at + name.length, rule: 'en.person.repeat' });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

interface PlaceFound extends Found {
  entry: PlaceEntry;
}

/**
 * Places: capitalised words (pinyin place names are written as one word, `Jingzhou`) whose
 * lowercase form is the pinyin of a division name, outside the people already found.
 */
function findPlaces(text: string, lex: EnglishLexicon, people: PersonFound[]): PlaceFound[] {
  const out: PlaceFound[] = [];
  for (const m of text.matchAll(/\b[A-Z][a-z]+\b/g)) {
    const entry = lex.placesByPinyin.get(m[0].toLowerCase());
    if (!entry) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (people.some((p) => p.start < end && start < p.end)) continue;
    out.push({ start, end, entry });
  }
  return out;
}

/** Organisations as compromise finds them, less those that are only a place name. */
function findOrganizations(text: string, places: PlaceFound[]): Array<Found & { name: string }> {
  const out: Array<Found & { name: string }> = [];
  const doc = nlp(text);
  for (const o of doc.organizations().json({ offset: true }) as Array<{ text: string; offset: { start: number } }>) {
    const name = o.text.replace(/[,.;:!?'"]+$/g, '').trim();
    if (!/\s/.test(name)) continue;
    const start = o.offset.start;
    const end = start + name.length;
    if (places.some((p) => p.start === start && p.end === end)) continue;
    out.push({ start, end, name });
  }
  return out;
}

const TITLE_KINDS: Array<[RegExp, OfficeKind]> = [
  [/\b(?:Communist Party of China \(CPC\) |CPC |Party )?(?:Secretary|secretary|chief)\b/, 'party-secretary'],
  [/\b[Mm]ayor\b/, 'mayor'],
  [/\b[Gg]overnor\b/, 'governor'],
];

/**
 * Offices: `Party Secretary of X`, `X Party Secretary`, `Mayor of X`, `Governor of X`,
 * attached to the person named right before (appositive) or right after the title.
 */
function findOffices(doc: Doc, text: string, sentences: readonly Span[], people: PersonFound[], places: PlaceFound[], lex: EnglishLexicon): void {
  const titleRe = /\b(?:(?:Communist Party of China \(CPC\)|CPC|[Pp]arty) (?:[Ss]ecretary|chief)|[Mm]ayor|[Gg]overnor)(?: of (?:the )?([A-Z][a-z]+)(?: (?:City|Province|County|province|city|county))?)?/g;
  for (const m of text.matchAll(titleRe)) {
    const start = m.index!;
    const end = start + m[0].length;
    const kind = TITLE_KINDS.find(([re]) => re.test(m[0]))?.[1];
    if (!kind) continue;
    // The place: `of X`, or a place word right before the title (`Jingzhou Party Secretary`).
    let place: PlaceEntry | undefined = m[1] ? lex.placesByPinyin.get(m[1].toLowerCase()) : undefined;
    if (!place) {
      const before = places.find((p) => p.end === start - 1 || p.end === start);
      place = before?.entry;
    }
    if (!place && doc.meta.home) place = lex.placesByName.get(doc.meta.home);
    if (!place) continue;
    const office = officeName(kind, place);
    if (!office) continue;
    const holder = nearestHolder(text, people, start, end);
    if (!holder) continue;
    doc.mentions.push({ type: 'Office', name: office, start, end, rule: 'en.office.title', properties: { jurisdiction: place.name } } satisfies Mention);
    const sentence = sentenceAt(sentences, start) ?? { start, end };
    doc.relations.push({
      type: 'HOLDS',
      from: { type: 'Person', name: holder.name },
      to: { type: 'Office', name: office },
      evidence: [{ start: sentence.start, end: sentence.end, rule: 'en.holds.apposition' }],
    });
  }
}

/** The person named just before the title (`Wu Jin, Party Secretary…`) or just after it (`Mayor Zhou Zhihong`). */
function nearestHolder(text: string, people: PersonFound[], start: number, end: number): PersonFound | undefined {
  const before = people.filter((p) => p.end <= start && /^[\s,]*(?:the )?$/.test(text.slice(p.end, start)));
  if (before.length) return before[before.length - 1];
  return people.find((p) => p.start >= end && /^[\s,]*$/.test(text.slice(end, p.start)));
}
