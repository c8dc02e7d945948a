/**
 * Stage: Person, Office and HOLDS.
 *
 * Reads `doc.text`, `doc.meta.home` and `doc.meta.byline`; adds Person mentions, Office
 * mentions (spanning the title as written, properties `{title, jurisdiction}`) and HOLDS
 * relations whose evidence is the sentence. People are anchored on the genre's structures:
 * a title before a name (`市委书记吴锦`), chains of titles (`市委副书记、市长周志红`), lists
 * after a title (`市委常委严冀钢、李水彬`), `X同志` / `X总书记`, appointments
 * (`任命X同志…`, `X当选为…`) and bylines; a name once found is then found everywhere.
 *
 * Example: `市委副书记、市长周志红作工作部署` in a 荆州 article → Person 周志红, Offices
 * 荆州市委副书记 and 荆州市市长, and a HOLDS from 周志红 to each.
 */
import type { Doc, Mention, RelationFact, Stage } from '../types.js';
import type { AutomatonMatch } from './automaton.js';
import { MarkedPositions } from './positions.js';
import { isSpaceCode, sentenceAt, splitSentences, type Span } from './sentences.js';
import { HONORIFICS, peopleLexicon, type PeopleLexicon, type TitleInfo } from './people/lexicon.js';
import { codeTable, isHan, isHanAt, isPlausibleName, nameAt, nameBoundary, splitNameRun, surnameLength, type NameSpan } from './people/names.js';
import { parsePhrase, phraseStart, type OfficePhrase, type PhraseContext } from './offices/naming.js';
import type { GazetteerLike, Place } from './offices/jurisdiction.js';
import { getGazetteer } from '../gazetteer/index.js';
import { cueScan, leftmostLongest } from './cue-scan.js';

/** Options of the stage. */
export interface PeopleOptions {
  /** The gazetteer for explicit places and the parents of the home (default: the national one of data/gazetteer). */
  gazetteer?: GazetteerLike;
}

const BYLINE_STOPS = ['特约记者', '记者', '通讯员', '实习生', '责任编辑', '编辑', '摄影', '报道', '摄'];
/** The first characters of BYLINE_STOPS by code: most characters of a byline start none. */
const BYLINE_STOP_FIRSTS = new Uint8Array(0x10000);
for (const stop of BYLINE_STOPS) BYLINE_STOP_FIRSTS[stop.charCodeAt(0)] = 1;
/** ` \u3000|｜:：/`, the separators between a byline cue and its names, by code (no string per character). */
function isBylineSeparator(c: number): boolean {
  return c === 0x20 || c === 0x3000 || c === 0x7c || c === 0xff5c || c === 0x3a || c === 0xff1a || c === 0x2f;
}
/** The chain last recorded for a name ending at `end` (searched from the last: the neighbour is nearly always it). */
function chainOfNameEndingAt(nameEnds: readonly number[], chains: readonly OfficePhrase[][], end: number): OfficePhrase[] | undefined {
  for (let k = nameEnds.length - 1; k >= 0; k--) if (nameEnds[k] === end) return chains[k];
  return undefined;
}
/** Does `s` hold white space (as `/\s/` reads it)? A loop over codes, no regex run per byline name. */
function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpaceCode(s.charCodeAt(i))) return true;
  return false;
}
/** Does a word of `words` start at `text[at]`? (A loop: no closure made per test.) */
function startsWithAnyAt(text: string, at: number, words: readonly string[]): boolean {
  for (const word of words) if (text.startsWith(word, at)) return true;
  return false;
}
/** Words that end right before a name written before `同志` / `总书记`. */
const LEFT_CUES = [
  '学习', '任命', '免去', '推荐', '提名', '选举', '决定', '贯彻', '落实', '感谢', '欢迎', '祝贺', '陪同', '对', '和', '与', '向',
  '给', '同', '请', '是', '由', '经', '的', '了', '在', '把', '让', '及', '等', '以', '为', '跟', '听取', '看望', '会见',
];
/** Does a chain of titles go on across `text[i]` (`、`, `，` or `,`)? By code: no one-character string per test. */
function isChainSeparatorAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x3001 || c === 0xff0c || c === 0x2c;
}

interface Found {
  /** By start offset. */
  persons: Map<number, Mention>;
  offices: Mention[];
  /** In the order first held; and by the person's name, to find a person's fact for an office without a key string per title. */
  holds: RelationFact[];
  holdsByPerson: Map<string, RelationFact[]>;
}

/** The fact of `facts` (one person's) that holds the office `office`. */
function factFor(facts: readonly RelationFact[], office: string): RelationFact | undefined {
  for (const fact of facts) if (fact.to.name === office) return fact;
  return undefined;
}

/** Creates the stage (lexicons compiled once, run per article). */
export default function peopleStage(options: PeopleOptions = {}): Stage {
  const lex = peopleLexicon();
  const gazetteer = options.gazetteer ?? getGazetteer();
  return (doc: Doc) => {
    const text = doc.text;
    const sentences = splitSentences(text);
    const found: Found = { persons: new Map(), offices: [], holds: [], holdsByPerson: new Map() };
    const longestRoles = longestRolesByEnd(text, lex, cueScan(text).titleEnds);
    // One title per end, in order of end: looked up by binary search, no Map made per article.
    const roleByEnd: RolesByEnd = longestRoles;
    /** The title chain of each person found by title, by the end of the name (`…书记李鸿忠、副书记张昌尔`). */
    const chainNameEnds: number[] = [];
    const chains: OfficePhrase[][] = [];
    /** One context per sentence: the places its titles name carry over to the titles after them. */
    // By the sentence's start, in order of first use: titles are read mostly sentence after
    // sentence, so the last is nearly always the one asked for (no Map made per article).
    const ctxStarts: number[] = [];
    const ctxs: PhraseContext[] = [];
    const ctxFor = (index: number): PhraseContext => {
      const key = sentenceAt(sentences, index)?.start ?? -1;
      for (let k = ctxStarts.length - 1; k >= 0; k--) if (ctxStarts[k] === key) return ctxs[k]!;
      const ctx: PhraseContext = { lex, home: doc.meta.home, gazetteer, carried: new Map(), earlierPlace: (marker) => carriedEarlier(key, marker) };
      ctxStarts.push(key);
      ctxs.push(ctx);
      return ctx;
    };

    /**
     * The place an explicit title earlier in the paragraph gave the level `marker`
     * (`沙市区区委书记向丽主持…。区委副书记、区长张明熙…` → 区: 沙市区), or else earlier in the
     * article if all such titles named one place, for a sentence starting at `sentenceStart`
     * whose marker the home cannot answer. Titles are read in text order, so the sentences
     * before have their contexts.
     */
    const carriedEarlier = (sentenceStart: number, marker: string): Place | null => {
      if (sentenceStart <= 0) return null;
      const paragraphStart = text.lastIndexOf('\n', sentenceStart - 1) + 1;
      let bestStart = -1;
      let best: Place | null = null;
      // Before the paragraph: usable only where every earlier title named the same place.
      let before: Place | null = null;
      let beforeAgrees = true;
      for (let k = 0; k < ctxStarts.length; k++) {
        const start = ctxStarts[k]!;
        if (start >= sentenceStart) continue;
        const place = ctxs[k]!.carried.get(marker);
        if (!place) continue;
        if (start < paragraphStart) {
          if ((before && before.name !== place.name) || ctxs[k]!.mixed?.has(marker)) beforeAgrees = false;
          before = place;
        } else if (start >= bestStart) {
          bestStart = start;
          best = place;
        }
      }
      return best ?? (beforeAgrees ? before : null);
    };

    /** The ends of the persons found, for nameEndBefore (an array walks faster than the map's values). */
    const personEnds: number[] = [];
    const addPerson = (span: NameSpan, rule: string) => {
      if (!found.persons.has(span.start)) {
        found.persons.set(span.start, { type: 'Person', name: span.name, start: span.start, end: span.end, rule });
        personEnds.push(span.end);
      }
    };
    const nameEndBefore = (index: number): number => {
      let best = 0;
      for (const end of personEnds) if (end <= index && end > best) best = end;
      return best;
    };
    const hold = (person: NameSpan, chain: OfficePhrase[], rule: string) => {
      for (const p of chain) {
        if (p.name || p.placeFrom !== 'marker' || p.place) continue;
        // A level the home does not have (`区委书记` in a county paper): say so, with the place.
        const title = text.slice(p.start, p.end);
        doc.messages.push({
          level: 'info',
          message: `Office: no jurisdiction for ${title} of ${person.name} (home ${doc.meta.home ?? 'unknown'}); no Office made`,
          start: p.start,
          end: p.end,
          rule: 'office.no-jurisdiction',
        });
      }
      let named = 0;
      for (const p of chain) if (p.name) named++;
      const sentence = sentenceAt(sentences, person.start) ?? { start: person.start, end: person.end };
      for (const phrase of chain) {
        // `委员、常委、书记`: membership is implied by the higher titles of the same chain.
        if (!phrase.name || (named > 1 && phrase.role === '委员')) continue;
        found.offices.push({
          type: 'Office',
          name: phrase.name!,
          start: phrase.start,
          end: phrase.end,
          rule,
          properties: { title: text.slice(phrase.start, phrase.end), jurisdiction: phrase.place?.name ?? null },
        });
        const facts = found.holdsByPerson.get(person.name);
        const fact = facts !== undefined ? factFor(facts, phrase.name) : undefined;
        const evidence = { start: sentence.start, end: sentence.end, rule };
        if (fact) {
          if (!hasEvidenceAt(fact.evidence, evidence.start)) fact.evidence.push(evidence);
        } else {
          const held: RelationFact = {
            type: 'HOLDS',
            from: { type: 'Person', name: person.name },
            to: { type: 'Office', name: phrase.name },
            evidence: [evidence],
          };
          found.holds.push(held);
          if (facts !== undefined) facts.push(held);
          else found.holdsByPerson.set(person.name, [held]);
        }
      }
    };

    findBylines(doc, lex, addPerson);

    // Title + name, with chains of titles before and lists of names after.
    // In order of end: findAll gives matches by end, and the map keeps its first insertion order.
    for (const match of longestRoles) {
      const end = match.end;
      let p = end;
      while (text[p] === ' ' || text[p] === '\u3000') p++;
      if (p - end > 2) continue;
      let name = nameAt(text, p, lex);
      // `作为荆州开发区党工委副书记、管委会主任,陈明宇表示`: the title is the clause before the name.
      if (!name && (text[p] === '，' || text[p] === ',')) {
        const seg = segmentStart(text, match.start, 0);
        const chainStart = chainFirstStart(text, roleByEnd, seg);
        if (text.startsWith('作为', chainStart) || text.startsWith('作为', chainStart - 2)) name = nameAt(text, p + 1, lex);
      }
      if (!name) continue;
      const floor = nameEndBefore(match.start);
      // `湖北省委书记李鸿忠、副书记张昌尔`: a bare title right after another person's titles is of the same body.
      const neighbour = isChainSeparatorAt(text, floor) ? chainOfNameEndingAt(chainNameEnds, chains, floor) : undefined;
      const chain = chainBefore(text, match, roleByEnd, floor, lex, ctxFor(match.start), neighbour?.[neighbour.length - 1] ?? null);
      if (!chain.length) continue;
      chainNameEnds.push(name.end);
      chains.push(chain);
      addPerson(name, 'person.title-name');
      hold(name, chain, chain.length > 1 ? 'office.title-chain' : 'office.title-name');
      let q = name.end;
      while (text[q] === '、') {
        const next = nameAt(text, q + 1, lex);
        if (!next || roleEndingAt(roleByEnd, next.end) !== undefined || !listItemEnds(text, next.end)) break;
        addPerson(next, 'person.list');
        hold(next, chain, 'office.title-list');
        q = next.end;
      }
    }

    const finders: FinderContext = { text, lex, addPerson, hold, roleByEnd, ctxFor, cues: cueScan(text).personCues };
    findHonorifics(finders, found);
    findElections(finders);
    findAppositions(finders);
    findLists(text, lex, found, addPerson, gazetteer);
    findDecisions(finders);
    findAppointments(finders);
    findRepeats(text, found, addPerson);

    // Plain pushes: a spread call copies its arguments into one more array first.
    const persons = sortedByStart(found.persons);
    for (const person of persons) doc.mentions.push(person);
    for (const office of found.offices) doc.mentions.push(office);
    for (const fact of found.holds) doc.relations.push(fact);
  };
}

/** Does a fact already cite the sentence starting at `start`? */
function hasEvidenceAt(evidence: ReadonlyArray<{ start: number }>, start: number): boolean {
  for (const e of evidence) if (e.start === start) return true;
  return false;
}

/**
 * The persons by start (stable, as Array#sort). An insertion sort: a dozen persons, nearly in
 * order already, and no work array allocated as the built-in sort does.
 */
function sortedByStart(persons: Map<number, Mention>): Mention[] {
  const out: Mention[] = [];
  for (const person of persons.values()) {
    let k = out.length;
    out.push(person);
    for (; k > 0 && out[k - 1]!.start > person.start; k--) out[k] = out[k - 1]!;
    out[k] = person;
  }
  return out;
}

/** What the sentence-structure finders share: the text, the lexicon, the title ends, and how to record people and offices. */
interface FinderContext {
  text: string;
  lex: PeopleLexicon;
  addPerson: (span: NameSpan, rule: string) => void;
  hold: (person: NameSpan, chain: OfficePhrase[], rule: string) => void;
  roleByEnd: RolesByEnd;
  ctxFor: (index: number) => PhraseContext;
  /** Where the cue words of the finders stand (PERSON_CUES, from the shared cue scan): no search of the text per word. */
  cues: readonly AutomatonMatch<number>[];
}

/** The longest titles of an article, one per end position, in order of end (longestRolesByEnd). */
type RolesByEnd = readonly AutomatonMatch<TitleInfo>[];

/** The title of `roles` ending at `end`, by binary search (an article has a few dozen at most). */
function roleEndingAt(roles: RolesByEnd, end: number): AutomatonMatch<TitleInfo> | undefined {
  let lo = 0;
  let hi = roles.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const role = roles[mid]!;
    if (role.end < end) lo = mid + 1;
    else if (role.end > end) hi = mid - 1;
    else return role;
  }
  return undefined;
}

/**
 * The longest title ending at each end position (`党组副书记` over `副书记` and `书记`), in order
 * of end: read back from the places the shared cue scan marked (where a title's last two
 * characters stand), not from a pass of its own over the text.
 */
function longestRolesByEnd(text: string, lex: PeopleLexicon, candidateEnds: readonly number[]): AutomatonMatch<TitleInfo>[] {
  const longest: AutomatonMatch<TitleInfo>[] = [];
  for (const end of candidateEnds) {
    const role = lex.roles.longestEndingAt(text, end, lex.longestTitle);
    if (role) longest.push(role);
  }
  return longest;
}

/** Where the chain of titles whose last segment starts at `seg` starts (for the `作为…，X表示` reading). */
function chainFirstStart(text: string, roleByEnd: RolesByEnd, seg: number): number {
  let start = seg;
  for (let guard = 0; guard < 6 && text[start - 1] === '、'; guard++) {
    const prev = roleEndingAt(roleByEnd, start - 1);
    if (!prev) break;
    start = segmentStart(text, prev.start, 0);
  }
  return start;
}

/** Does a list item end at `i` (another item, the list's end, or a verb after it)? */
function listItemEnds(text: string, i: number): boolean {
  const c = text[i];
  return c === undefined || !isHan(c) || /^(等|出席|参加|在|也|分别|陪同|一同|和|及)/.test(text.slice(i, i + 2));
}

/** Start of the segment a title phrase can occupy: back over CJK characters to punctuation or a name. */
function segmentStart(text: string, roleStart: number, floor: number): number {
  let i = roleStart;
  while (i > floor && i > roleStart - 30 && isHanAt(text, i - 1)) i--;
  return i;
}

/** The most titles a chain before a name takes (`委员、常委、副书记、…`). */
const MAX_CHAIN = 7;
/** Scratch for chainBefore (which never runs inside itself): the starts and titles of a chain, right to left. */
const CHAIN_STARTS = new Int32Array(MAX_CHAIN);
const CHAIN_ROLES: Array<AutomatonMatch<TitleInfo> | null> = new Array<AutomatonMatch<TitleInfo> | null>(MAX_CHAIN).fill(null);

/**
 * The chain of title phrases that ends with `match`: `市委副书记、政法委书记` gives two
 * phrases, parsed left to right so that each can inherit from the one before.
 */
function chainBefore(
  text: string,
  match: AutomatonMatch<TitleInfo>,
  roleByEnd: RolesByEnd,
  floor: number,
  lex: PeopleLexicon,
  ctx: PhraseContext,
  before: OfficePhrase | null = null,
): OfficePhrase[] {
  // Found right to left into the scratch arrays (a chain has at most MAX_CHAIN titles), parsed
  // left to right below: no unshift, and no arrays made per call.
  const starts = CHAIN_STARTS;
  const roles = CHAIN_ROLES;
  let count = 0;
  let role = match;
  for (;;) {
    const seg = segmentStart(text, role.start, floor);
    const start = phraseStart(text, seg, role.start, lex);
    starts[count] = start;
    roles[count] = role;
    count++;
    if (start !== seg || seg <= floor || !isChainSeparatorAt(text, seg - 1)) break;
    const prev = roleEndingAt(roleByEnd, seg - 1);
    if (!prev || count >= MAX_CHAIN) break;
    if (text[seg - 1] !== '、') {
      // Across a comma, only a segment that is nothing but a title continues the chain.
      const prevSeg = segmentStart(text, prev.start, floor);
      if (phraseStart(text, prevSeg, prev.start, lex) !== prevSeg) break;
      if (!startsLikeTitle(text, prevSeg, prev.start, lex)) break;
    }
    role = prev;
  }
  const chain: OfficePhrase[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const start = starts[k]!;
    const r = roles[k]!;
    roles[k] = null;
    // Another person's titles lend their body only to a bare title (`…书记李鸿忠、副书记张昌尔`).
    const prev = chain.length > 0 ? chain[chain.length - 1]! : start === floor + 1 && start === r.start ? before : null;
    chain.push(parsePhrase(text, start, r.start, r.end, r.value, ctx, prev, r.key));
  }
  return chain;
}

/** Does the segment start like a title: a level marker, a party prefix, or a place by its suffix? */
function startsLikeTitle(text: string, start: number, roleStart: number, lex: PeopleLexicon): boolean {
  if (start === roleStart) return true;
  if (lex.levels.has(text[start]!) || text.startsWith('中共', start)) return true;
  return /^[\u4e00-\u9fff]{2,6}?(?:省|市|县|区|州|镇|乡)/.test(text.slice(start, roleStart));
}

/** Reporters: the byline names of the metadata where they occur, and names after `记者` and the like. */
function findBylines(doc: Doc, lex: PeopleLexicon, addPerson: (span: NameSpan, rule: string) => void): void {
  const text = doc.text;
  for (const raw of doc.meta.byline) {
    const name = hasSpace(raw) ? raw.replace(/\s+/g, '') : raw;
    if (!isPlausibleName(name, lex, true)) continue;
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      addPerson({ start: i, end: i + name.length, name }, 'person.byline');
    }
  }
  // The cues come from the article's shared cue scan (one pass for the cue words of five stages).
  for (const cue of leftmostLongest(cueScan(text).bylineCues)) {
    let i = cue.end;
    for (let guard = 0; guard < 6 && i < text.length; guard++) {
      // `记者|李 超`, `摄影：徐美平`: separators between the cue and the names.
      while (isBylineSeparator(text.charCodeAt(i))) i++;
      let j = i;
      while (j < text.length && isHanAt(text, j) && j - i < 12 && !(BYLINE_STOP_FIRSTS[text.charCodeAt(j)] && startsWithAnyAt(text, j, BYLINE_STOPS))) j++;
      if (j === i) break;
      const pieces = splitNameRun(text.slice(i, j), lex);
      if (!pieces) break;
      let at = i;
      for (const piece of pieces) {
        addPerson({ start: at, end: at + piece.length, name: piece }, 'person.byline');
        at += piece.length;
      }
      i = j;
      if (text[i] !== ' ' && text[i] !== '\u3000') break;
    }
  }
}

/** The name that ends at `end` (`学习应勇同志` → 应勇), decided by what precedes it. */
function nameEndingAt(text: string, end: number, lex: PeopleLexicon, known: Map<number, Mention>): NameSpan | null {
  const candidates: NameSpan[] = [];
  for (const len of [2, 3, 4]) {
    const start = end - len;
    if (start < 0) continue;
    const name = text.slice(start, end);
    if (isPlausibleName(name, lex)) candidates.push({ start, end, name });
  }
  if (!candidates.length) return null;
  const knownNames = new Set([...known.values()].map((m) => m.name));
  const isKnown = candidates.find((c) => knownNames.has(c.name));
  if (isKnown) return isKnown;
  const bounded = candidates.filter(
    (c) => c.start === 0 || !isHanAt(text, c.start - 1) || LEFT_CUES.some((w) => text.startsWith(w, c.start - w.length)),
  );
  if (bounded.length) return bounded[0]!;
  return candidates.length === 1 ? candidates[0]! : null;
}

/** `X同志任…`, `X同志担任…` in a notice of appointment; not `任职`, `任期`, `任务`, `任命`. */
const APPOINTED_AS = /^(?:担任|兼任|出任|任(?![职期务命免]))/;

/** `X同志`, `X总书记` (also 委员长, 总理), and appointments `任命X同志<titles>`, `X同志任<titles>`. */
function findHonorifics(
  f: FinderContext,
  found: Found,
): void {
  const { text, lex, addPerson, hold, roleByEnd, ctxFor } = f;
  for (const honorific of HONORIFICS) {
    for (const cue of f.cues) {
      if (cue.key !== honorific) continue;
      const i = cue.start;
      if (honorific === '同志' && text[i + 2] === '们') continue;
      const name = nameEndingAt(text, i, lex, found.persons);
      if (!name) continue;
      addPerson(name, honorific === '同志' ? 'person.comrade' : 'person.honorific');
      const ctx = ctxFor(i);
      if (honorific !== '同志') {
        const phrase = parsePhrase(text, i, i, i + honorific.length, { kind: 'role' }, ctx, null);
        if (phrase.name) hold(name, [phrase], 'office.honorific');
        continue;
      }
      // `任命X同志中共洪湖市委委员、常委、书记`, `X同志任中共监利市委常委、组织部部长`: the titles follow.
      let titles = -1;
      if (text.startsWith('任命', name.start - 2)) titles = i + 2;
      else {
        const verb = APPOINTED_AS.exec(text.slice(i + 2, i + 5));
        if (verb) titles = i + 2 + verb[0].length;
      }
      if (titles < 0) continue;
      const chain = chainAfter(text, titles, roleByEnd, ctx);
      if (chain.length) hold(name, chain, 'office.appointment');
    }
  }
}

/** Title phrases separated by `、` from `start` on, until a title is followed by something else. */
function chainAfter(
  text: string,
  start: number,
  roleByEnd: RolesByEnd,
  ctx: PhraseContext,
): OfficePhrase[] {
  const chain: OfficePhrase[] = [];
  let itemStart = start;
  for (let guard = 0; guard < 8; guard++) {
    let itemEnd = itemStart;
    while (itemEnd < text.length && isHanAt(text, itemEnd) && itemEnd - itemStart < 30) itemEnd++;
    let end = itemEnd;
    const item = text.slice(itemStart, itemEnd);
    for (const tail of ['职务', '的决定']) {
      const at = item.indexOf(tail);
      if (at > 0) {
        end = itemStart + at;
        break;
      }
    }
    const role = roleEndingAt(roleByEnd, end);
    if (!role || role.start < itemStart) break;
    // (No `chain[-1]` read on the first: an index out of bounds is a slow lookup.)
    chain.push(parsePhrase(text, itemStart, role.start, role.end, role.value, ctx, chain.length > 0 ? chain[chain.length - 1]! : null, role.key));
    if (text[itemEnd] !== '、' || end !== itemEnd) break;
    itemStart = itemEnd + 1;
  }
  return chain;
}

const isHanCode = (c: number) => c >= 0x3400 && c <= 0x9fff;

/**
 * Runs of Han words joined by 、 (`王敏、成先军、杜道荣`): what the pattern
 * `/[\u3400-\u9fff]+(?:、[\u3400-\u9fff]+)+/g` matches, found from each 、 outwards. The
 * pattern itself retried every start inside every long run of Han text (quadratic per clause).
 */
export function hanLists(text: string, listMarks: readonly number[] = cueScan(text).listMarks): Array<{ index: number; text: string }> {
  const out: Array<{ index: number; text: string }> = [];
  const spans = hanListSpans(text, listMarks);
  for (let k = 0; k < spans.length; k += 2) out.push({ index: spans[k]!, text: text.slice(spans[k]!, spans[k + 1]!) });
  return out;
}

/** hanLists as spans, `[start, end, start, end, …]`: findLists reads positions only, no object or slice per list. */
function hanListSpans(text: string, listMarks: readonly number[]): number[] {
  const out: number[] = [];
  let from = 0;
  // The 、 of the text in order (from the shared cue scan), those inside a list already read skipped.
  for (const p of listMarks) {
    if (p < from) continue;
    if (p === 0 || !isHanCode(text.charCodeAt(p - 1)) || !isHanCode(text.charCodeAt(p + 1))) continue;
    let start = p - 1;
    while (start > from && isHanCode(text.charCodeAt(start - 1))) start--;
    // Greedy to the right: Han runs joined by 、 for as long as they go.
    let end = p + 1;
    for (;;) {
      while (end < text.length && isHanCode(text.charCodeAt(end))) end++;
      if (text.charCodeAt(end) === 0x3001 && isHanCode(text.charCodeAt(end + 1))) end += 1;
      else break;
    }
    out.push(start, end);
    from = end;
  }
  return out;
}

/** Elections: `刘沛、王琦、刘兵当选为商丘市…副主任`. */
function findElections(
  f: FinderContext,
): void {
  const { text, lex, addPerson, hold, roleByEnd, ctxFor } = f;
  for (const cue of f.cues) {
    if (cue.key !== '当选为') continue;
    const i = cue.start;
    // `丁广治等42位同志当选为…`: the names stand before the count.
    const count = /等[0-9０-９一二三四五六七八九十百]+[位名](?:同志)?$/.exec(text.slice(Math.max(0, i - 12), i));
    const before = count ? i - count[0].length : i;
    let s = before;
    while (s > 0 && (isHanAt(text, s - 1) || text[s - 1] === '、') && before - s < 60) s--;
    const items = text.slice(s, before).split('、');
    const names: NameSpan[] = [];
    let at = s;
    for (const item of items) {
      if (isPlausibleName(item, lex, true)) names.push({ start: at, end: at + item.length, name: item });
      at += item.length + 1;
    }
    if (!names.length || names.length !== items.length) continue;
    const chain = chainAfter(text, cue.end, roleByEnd, ctxFor(i));
    for (const n of names) {
      addPerson(n, 'person.election');
      if (chain.length) hold(n, chain, 'office.election');
    }
  }
}

/** Every other occurrence of a name already found (one automaton of the article's names). */
function findRepeats(text: string, found: Found, addPerson: (span: NameSpan, rule: string) => void): void {
  if (!found.persons.size) return;
  const names = new Set<string>();
  // The persons found before the repeats: a repeat overlapping one of them is not a name.
  const covered: Span[] = [];
  for (const p of found.persons.values()) {
    names.add(p.name);
    covered.push(p);
  }
  for (const m of occurrencesOf(text, names)) {
    // Most repeats are the mentions found already (a person starts here): no scan of the others.
    if (found.persons.has(m.start) || overlapsAny(covered, m.start, m.end)) continue;
    addPerson({ start: m.start, end: m.end, name: m.key }, 'person.repeat');
  }
}

/** Does a span of `spans` overlap `[start, end)`? (A loop: no closure made per occurrence.) */
function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  for (const span of spans) if (start < span.end && span.start < end) return true;
  return false;
}

/** Marks, by character code, the first characters of the names occurrencesOf looks for (cleared after each call). */
const NAME_FIRSTS = new Uint8Array(0x10000);
/** The positions occurrencesOf reads names at (it never runs inside itself). */
const nameFirstPositions = new MarkedPositions();

/**
 * `findLongestOf(text, names)`: every occurrence of each name, then the leftmost-longest
 * choice; found in one pass over the text that stops only at a name's first character (an
 * article has ten names or so, and an indexOf per name read the text as many times). The
 * longest name at each start is taken during the pass, and no start inside the match before:
 * no list of every occurrence to sort, no Map of names by first character.
 */
export function occurrencesOf(text: string, names: Set<string>): Array<{ start: number; end: number; key: string }> {
  const list: string[] = [];
  const firsts: number[] = [];
  for (const name of names) {
    if (!name) continue;
    list.push(name);
    firsts.push(name.charCodeAt(0));
    NAME_FIRSTS[name.charCodeAt(0)] = 1;
  }
  const out: Array<{ start: number; end: number; key: string }> = [];
  const length = text.length;
  // The positions of names' first characters, gathered first, then read in order.
  const count = nameFirstPositions.gather(text, NAME_FIRSTS);
  const candidates = nameFirstPositions.positions;
  let pos = 0;
  for (let p = 0; p < count; p++) {
    const i = candidates[p]!;
    if (i < pos) continue;
    const c = text.charCodeAt(i);
    let longest: string | null = null;
    for (let k = 0; k < list.length; k++) {
      const name = list[k]!;
      if (firsts[k] !== c || (longest !== null && name.length <= longest.length) || i + name.length > length) continue;
      let j = 1;
      while (j < name.length && text.charCodeAt(i + j) === name.charCodeAt(j)) j++;
      if (j === name.length) longest = name;
    }
    if (longest === null) continue;
    out.push({ start: i, end: i + longest.length, key: longest });
    pos = i + longest.length;
  }
  for (const first of firsts) NAME_FIRSTS[first] = 0;
  return out;
}

/**
 * Lists of names without titles (`王敏、成先军、杜道荣…在主席台就座`): three or more items
 * that are names, or two where one is already known. The first item gives the name at its
 * end (`市领导周昌俊`), the last the name at its start (`夏光宏出席`); an item with something
 * glued in front (`金博体育李敢`, spam spliced into the page) gives the name at its end.
 */
function findLists(
  text: string,
  lex: PeopleLexicon,
  found: Found,
  addPerson: (span: NameSpan, rule: string) => void,
  gazetteer: GazetteerLike,
): void {
  // The names known before the lists are read; made at the first list that may hold names (most articles have none).
  let known: Set<string> | null = null;
  const lists = hanListSpans(text, cueScan(text).listMarks);
  for (let l = 0; l < lists.length; l += 2) {
    const listStart = lists[l]!;
    const listEnd = lists[l + 1]!;
    if (!mayHoldTwoNames(text, listStart, listEnd, lex)) continue;
    if (!known) {
      known = new Set<string>();
      for (const p of found.persons.values()) known.add(p.name);
    }
    const parts = splitList(text, listStart, listEnd);
    const items: Array<NameSpan | null> = [];
    let at = listStart;
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const start = at;
      at += part.length + 1;
      if (k === parts.length - 1) items.push(nameAt(text, start, lex));
      else if (isPlausibleName(part, lex, true)) items.push({ start, end: start + part.length, name: part });
      else items.push(tailName(part, start, lex));
    }
    // Runs of consecutive names; an item that is no name ends a run.
    // A run counts where one of its names is already known, or where it ends in 等 (`游俊、冷志明等4名教授`):
    // `作战图、任务图、路线图` are shaped like names too.
    const run: NameSpan[] = [];
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      // `先后到吉首、花垣、凤凰等地`: places are shaped like names too.
      if (!item || (gazetteer.byName(item.name) !== undefined && !known.has(item.name))) {
        addRun(text, run, known, addPerson);
        continue;
      }
      const part = parts[k]!;
      const whole = part === item.name;
      if (!whole && k > 0 && k < parts.length - 1) {
        const glued = part.slice(0, part.length - item.name.length);
        // `杨天然一行在叶红专`: the item ends one list and starts the next; `金博体育李敢` does not.
        if (glued.includes('一行') || hasAnyOf(glued, codeTable(lex.neverInName))) addRun(text, run, known, addPerson);
      }
      run.push(item);
    }
    addRun(text, run, known, addPerson);
  }
}

/**
 * The names of a run of list items, where the run counts (two names or more, closed by 等, or
 * three or more by a verb that follows names (`分别提出`, `出席`), or one of them known); the run
 * is emptied for the next.
 */
function addRun(text: string, run: NameSpan[], knownNames: Set<string>, addPerson: (span: NameSpan, rule: string) => void): void {
  const last = run.length > 0 ? run[run.length - 1] : undefined;
  const closed = last !== undefined && (text[last.end] === '等' || (run.length >= 3 && isHanAt(text, last.end) && nameBoundary(text, last.end) === 2));
  if (run.length >= 2 && (closed || anyKnown(run, knownNames))) for (const item of run) addPerson(item, 'person.list');
  run.length = 0;
}

/** Is a name of `items` in `names`? */
function anyKnown(items: readonly NameSpan[], names: Set<string>): boolean {
  for (const item of items) if (names.has(item.name)) return true;
  return false;
}

/** The items of the list `text[start, end)` (`m.text.split('、')` without the runtime call on a two-byte string). */
function splitList(text: string, start: number, end: number): string[] {
  const parts: string[] = [];
  let itemStart = start;
  for (let i = start; i < end; i++) {
    if (text.charCodeAt(i) !== 0x3001) continue;
    parts.push(text.slice(itemStart, i));
    itemStart = i + 1;
  }
  parts.push(text.slice(itemStart, end));
  return parts;
}

/**
 * Can two items of the list `[start, end)` give names? An item gives one only where a surname
 * stands: at its start (the whole item, or the last item's leading name) or two to four
 * characters before its end (tailName). Most lists (`加快产业转型、优化营商环境`) have no such
 * pair, and are passed over without splitting them.
 */
function mayHoldTwoNames(text: string, start: number, end: number, lex: PeopleLexicon): boolean {
  let candidates = 0;
  for (let itemStart = start; itemStart < end; ) {
    // Items are a few characters: a loop over them, not a search that may run on past the list.
    let itemEnd = itemStart;
    while (itemEnd < end && text.charCodeAt(itemEnd) !== 0x3001) itemEnd++;
    let may = surnameLength(text, itemStart, lex) > 0;
    if (itemEnd < end) for (let len = 2; len <= 4 && !may; len++) may = itemEnd - len > itemStart && surnameLength(text, itemEnd - len, lex) > 0;
    if (may && ++candidates >= 2) return true;
    itemStart = itemEnd + 1;
  }
  return false;
}

/** The name at the end of a list item (`市领导周昌俊` → 周昌俊), or null. */
function tailName(part: string, start: number, lex: PeopleLexicon): NameSpan | null {
  for (const len of [3, 2, 4]) {
    if (part.length <= len) continue;
    const tail = part.slice(-len);
    // The item ends at a separator: the name is closed.
    if (!isPlausibleName(tail, lex, true)) continue;
    // `还向游俊`: a one-character word before a two-character name is no surname.
    if (len === 3 && LEFT_CUES.includes(tail[0]!) && isPlausibleName(tail.slice(1), lex)) continue;
    // `副主任丁萍`: the character before a two-character name may end a title.
    if (len === 3 && lex.roles.longestEndingAt(part, part.length - 2, 8) && isPlausibleName(tail.slice(1), lex)) continue;
    return { start: start + part.length - len, end: start + part.length, name: tail };
  }
  return null;
}

/**
 * Appositions: `黄涛,洪湖市新滩镇镇长,也是武汉经济开发区新滩新区管委会副主任`: a name at the
 * start of a clause, then titles as the next clauses.
 */
function findAppositions(
  f: FinderContext,
): void {
  const { text, lex, addPerson, hold, roleByEnd, ctxFor } = f;
  // Every run of two to four Han characters that opens a clause and ends at a comma (as
  // /(?<![\u3400-\u9fff])([\u3400-\u9fff]{2,4})[，,]/g would match it, without a match object each).
  // The commas of the text in order, from the shared cue scan.
  for (const comma of cueScan(text).commas) {
    // Most commas end a longer clause: with Han at 3, 4 and 5 before the comma, the run is under two or over four.
    if (isHanAt(text, comma - 3) && isHanAt(text, comma - 4) && isHanAt(text, comma - 5)) continue;
    let start = comma;
    while (start > 0 && comma - start <= 4 && isHanAt(text, start - 1)) start--;
    if (comma - start < 2 || comma - start > 4) continue;
    // Most clauses start with no surname: rule them out before slicing the candidate.
    if (!surnameLength(text, start, lex)) continue;
    const name: NameSpan = { start, end: comma, name: text.slice(start, comma) };
    if (!isPlausibleName(name.name, lex, true)) continue;
    const chain: OfficePhrase[] = [];
    let pos = name.end + 1;
    for (let guard = 0; guard < 3; guard++) {
      const lead = /^(也是|还是|现任|系|兼任|兼)/.exec(text.slice(pos, pos + 2));
      const start = pos + (lead?.[0].length ?? 0);
      let end = start;
      while (end < text.length && isHanAt(text, end)) end++;
      const role = roleEndingAt(roleByEnd, end);
      if (!role || role.start < start || !startsLikeTitle(text, start, role.start, lex)) break;
      const part = chainAfter(text, start, roleByEnd, ctxFor(start));
      if (!part.length) break;
      chain.push(...part);
      if (text[end] !== '，' && text[end] !== ',') break;
      pos = end + 1;
    }
    if (!chain.some((p) => p.name)) continue;
    addPerson(name, 'person.apposition');
    hold(name, chain, 'office.apposition');
  }
}

/** Decisions on appointments: `关于王宏为荆门市人民检察院代理检察长的决定`. */
function findDecisions(
  f: FinderContext,
): void {
  const { text, lex, addPerson, hold, roleByEnd, ctxFor } = f;
  for (const cue of f.cues) {
    if (cue.key !== '关于') continue;
    const i = cue.start;
    for (const len of [2, 3, 4]) {
      const name = text.slice(i + 2, i + 2 + len);
      if (text[i + 2 + len] !== '为' || !isPlausibleName(name, lex)) continue;
      const chain = chainAfter(text, i + 3 + len, roleByEnd, ctxFor(i));
      if (!chain.some((p) => p.name)) continue;
      const span = { start: i + 2, end: i + 2 + len, name };
      addPerson(span, 'person.decision');
      hold(span, chain, 'office.decision');
      break;
    }
  }
}

/** Names of an appointment list: `纪冰`, `吕靖、李保庚、李超群三位同志`, `詹夏来、花建慧`; null where an item is no name. */
function namesAt(text: string, start: number, lex: PeopleLexicon): { names: NameSpan[]; end: number } | null {
  const names: NameSpan[] = [];
  let pos = start;
  for (let guard = 0; guard < 30; guard++) {
    let best: NameSpan | null = null;
    for (const len of [2, 3, 4]) {
      const name = text.slice(pos, pos + len);
      if (!isPlausibleName(name, lex)) continue;
      const after = text.slice(pos + len);
      if (/^(、|为|的|同志|等|[一二三四五六七八九十0-9]+[位名]|担任|提出|分别|辞去)/.test(after)) {
        best = { start: pos, end: pos + len, name };
        break;
      }
    }
    if (!best) return null;
    names.push(best);
    pos = best.end;
    if (text[pos] !== '、') break;
    pos++;
  }
  const tail = /^(?:等?[一二三四五六七八九十0-9]*[位名]?同志)?/.exec(text.slice(pos))!;
  return { names, end: pos + tail[0].length };
}

/**
 * Appointments, elections and removals: `任命纪冰为省人大常委会…副主任，王福宏为…主任`,
 * `大会选举张荣华为黄冈市人民政府市长` (each name holds its office); `免去詹夏来、花建慧的…职务` and `朱勇提出辞去…职务` name people whose
 * office is past, so they give Person only.
 */
function findAppointments(
  f: FinderContext,
): void {
  const { text, lex, addPerson, hold, roleByEnd, ctxFor } = f;
  for (const cue of ['任命', '选举', '免去']) {
    const appoints = cue !== '免去';
    for (const match of f.cues) {
      if (match.key !== cue) continue;
      let pos = match.end;
      // `会议决定任命：刘洋为…`: a colon may stand between the cue and the names.
      if (text[pos] === '：' || text[pos] === ':') pos++;
      for (let guard = 0; guard < 12; guard++) {
        const list = namesAt(text, pos, lex);
        // `选举产生`, `选举办法`: an election names its people right after the cue, or is not one.
        if (!list) break;
        for (const n of list.names) addPerson(n, cue === '任命' ? 'person.appointment' : cue === '选举' ? 'person.election' : 'person.removal');
        let end = list.end;
        if (appoints && /^(为|担任)/.test(text.slice(end))) {
          end += text[end] === '为' ? 1 : 2;
          const chain = chainAfter(text, end, roleByEnd, ctxFor(end));
          const rule = cue === '任命' ? 'office.appointment' : 'office.election';
          for (const n of list.names) if (chain.some((p) => p.name)) hold(n, chain, rule);
          while (end < text.length && isHanAt(text, end)) end++;
        } else break;
        // `…副主任，王福宏为…主任`: the appointment goes on after a comma.
        if (!/[，,；;]/.test(text[end] ?? '')) break;
        pos = end + 1;
      }
    }
  }
  // Every cue ends in 辞去: one search finds them all, read cue by cue in the order of the list.
  const resignations: number[] = [];
  for (const cue of f.cues) if (cue.key === '辞去') resignations.push(cue.start);
  if (!resignations.length) return;
  for (const lead of ['提出', '分别提出', '']) {
    for (const at of resignations) {
      const i = at - lead.length;
      if (i < 0 || (lead && !text.startsWith(lead, i))) continue;
      for (const len of [3, 2, 4]) {
        const start = i - len;
        // Before the name: a boundary, or 接受 (`关于接受李明辞去…职务的决定`).
        if (start < 0 || (isHanAt(text, start - 1) && text[start - 1] !== '、' && !text.startsWith('接受', start - 2))) continue;
        const name = text.slice(start, i);
        if (isPlausibleName(name, lex)) {
          addPerson({ start, end: i, name }, 'person.resignation');
          break;
        }
      }
    }
  }
}

/** Does `text` contain a character of the code table? */
function hasAnyOf(text: string, table: Uint8Array): boolean {
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)]) return true;
  return false;
}
