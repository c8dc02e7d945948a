/**
 * ATTENDED (Person → Event), read around the events that are held in the text:
 *
 * - `attended.verb`: people named before a verb of attending in a sentence (`…段昌林，市政协主席
 *   蒋鸿…出席会议`, `周志红主持会议`, `陶然所作的…说明`) attended the event the sentence names, or
 *   else the event held most recently before it.
 * - `attended.list`: people listed after a held event in its own sentence (`召开…推介会，市委常委、
 *   副市长肖云，…聂玉华…欢聚一堂`).
 * - `attended.speaker`: a speaker (speakers.ts) after a held event spoke at it.
 */
import type { Doc } from '../../types.js';
import { splitSentences, sentenceAt, type Span } from '../sentences.js';
import { speakers } from '../campaigns/speakers.js';
import { eventLexicon } from './lexicon.js';
import type { AutomatonMatch } from '../automaton.js';
import type { EventSpan } from './find.js';

const ATTEND_OBJECT = /^(?:召开|举行|[^，。；、,;]{0,10}?(?:会|活动|仪式|开工|讲话|发言|报告|说明|部署|议案|感言|致辞|就座)|并|[，。；,;]|$)/;

/** Verbs that place a person at the meeting whatever follows (陶然所作的关于…的说明, 在会上宣读). */
const SELF_EVIDENT = new Set(['所作', '在会上', '宣读', '就座']);

/** No verbs of attending in a sentence: one shared empty list (never changed). */
const NO_VERBS: ReadonlyArray<AutomatonMatch<true>> = [];

/** Adds ATTENDED facts for the events found in `doc`. */
export function attendance(doc: Doc, events: EventSpan[]): void {
  if (!events.length) return;
  const text = doc.text;
  const lex = eventLexicon();
  const sentences = splitSentences(text);
  // findEvents returns its events by start: the sort only for a caller that does not.
  const held = events.filter((e) => e.occurring);
  if (!byStart(held)) held.sort((a, b) => a.start - b.start);
  const who = speakers(doc);
  // The people who are no byline, by start: the speakers' list (the campaign stage made it already).
  const people = who.people;

  // The people by start and the sentences in order: one cursor finds the people of each sentence.
  // Loops, not find/some with arrow functions: those made closures per sentence with people.
  let nextPerson = 0;
  for (let si = 0; si < sentences.length; si++) {
    const s = sentences[si]!;
    while (nextPerson < people.length && people[nextPerson]!.start < s.start) nextPerson++;
    // The people of the sentence: those of people[nextPerson, past) that end in it (read in
    // place: a list per sentence with people cost an array of 17 slots each).
    let past = nextPerson;
    let named = false;
    for (; past < people.length && people[past]!.start < s.end; past++) if (people[past]!.end <= s.end) named = true;
    if (!named) continue;
    // 出席会议, 主持开工仪式, 在主席台就座, …讲话。 — not 参加湖北代表团审议.
    // Most sentences naming people hold no verb of attending: ruled out without a list of matches.
    const verbs = !lex.attendVerbs.hasMatch(text, s.start, s.end) ? NO_VERBS : lex.attendVerbs.findAll(text, s.start, s.end).filter((v) => SELF_EVIDENT.has(v.key) || ATTEND_OBJECT.test(text.slice(v.end, Math.min(s.end, v.end + 12))));
    if (verbs.length) {
      const lastVerb = verbs[verbs.length - 1]!.start;
      // 出席全省…会议: an event written as the object of the verb is the one attended, held
      // in the text or not.
      const target = namedObject(text, s, held, events, verbs) ?? current(held, s.start);
      if (target) {
        for (let k = nextPerson; k < past; k++) {
          const p = people[k]!;
          if (p.end <= s.end && p.end <= lastVerb) add(doc, p.name, target.name, s, 'attended.verb');
        }
      }
    }
    // 召开X，A，B…: the people listed after a held event in its sentence.
    const heldHere = heldAfterVerb(text, s, held);
    if (heldHere) {
      for (let k = nextPerson; k < past; k++) {
        const p = people[k]!;
        if (p.end <= s.end && p.start >= heldHere.end) add(doc, p.name, heldHere.name, s, 'attended.list');
      }
    }
  }

  for (const t of who.turns) {
    const s0 = sentenceAt(sentences, t.start);
    const e = (s0 && firstInside(held, s0)) || current(held, t.start);
    if (!e) continue;
    const s = s0 ?? { start: t.start, end: t.end };
    add(doc, t.person, e.name, s, 'attended.speaker');
  }
}

function add(doc: Doc, person: string, event: string, ev: Span, rule: string): void {
  doc.relations.push({
    type: 'ATTENDED',
    from: { type: 'Person', name: person },
    to: { type: 'Event', name: event },
    evidence: [{ start: ev.start, end: ev.end, rule }],
  });
}

/** Are the events in order of start? */
function byStart(events: readonly EventSpan[]): boolean {
  for (let k = 1; k < events.length; k++) if (events[k]!.start < events[k - 1]!.start) return false;
  return true;
}

/** The last held event that starts by `index` (`held` by start). */
function current(held: readonly EventSpan[], index: number): EventSpan | null {
  for (let k = held.length - 1; k >= 0; k--) if (held[k]!.start <= index) return held[k]!;
  return null;
}

/** The first of `events` inside the sentence `s`, or undefined. */
function firstInside(events: readonly EventSpan[], s: Span): EventSpan | undefined {
  for (const e of events) if (e.start >= s.start && e.end <= s.end) return e;
  return undefined;
}

/**
 * The event a verb of attending in `s` takes as its object: the first held event of the
 * sentence after a verb, else the first event right after a verb (no clause break, within
 * 12 characters), else undefined.
 */
function namedObject(text: string, s: Span, held: readonly EventSpan[], events: readonly EventSpan[], verbs: ReadonlyArray<AutomatonMatch<true>>): EventSpan | undefined {
  for (const e of held) {
    if (e.start < s.start || e.end > s.end) continue;
    for (const v of verbs) if (v.end <= e.start) return e;
  }
  for (const e of events) {
    if (e.start < s.start || e.end > s.end) continue;
    for (const v of verbs) if (v.end <= e.start && e.start - v.end <= 12 && !hasClauseBreak(text, v.end, e.start)) return e;
  }
  return undefined;
}

/** Is one of ，。；,; in text[from, to)? */
function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff0c || c === 0x3002 || c === 0xff1b || c === 0x2c || c === 0x3b) return true;
  }
  return false;
}

/** The first held event of `s` written right after 召开 or 举行, or undefined. */
function heldAfterVerb(text: string, s: Span, held: readonly EventSpan[]): EventSpan | undefined {
  for (const e of held) {
    if (e.start < s.start || e.end > s.end || e.start - s.start < 2) continue;
    if (text.startsWith('召开', e.start - 2) || text.startsWith('举行', e.start - 2)) return e;
  }
  return undefined;
}
