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
import type { Doc, Mention } from '../../types.js';
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
  const held = events.filter((e) => e.occurring).sort((a, b) => a.start - b.start);
  const who = speakers(doc);
  // The people who are no byline, by start: the speakers' list (the campaign stage made it already).
  const people = who.people;
  /** The last held event that starts by `index`. */
  const current = (index: number): EventSpan | null => {
    for (let k = held.length - 1; k >= 0; k--) if (held[k]!.start <= index) return held[k]!;
    return null;
  };
  const add = (person: string, event: string, ev: Span, rule: string) => {
    doc.relations.push({
      type: 'ATTENDED',
      from: { type: 'Person', name: person },
      to: { type: 'Event', name: event },
      evidence: [{ start: ev.start, end: ev.end, rule }],
    });
  };

  // The people by start and the sentences in order: one cursor finds the people of each sentence.
  let nextPerson = 0;
  for (const s of sentences) {
    while (nextPerson < people.length && people[nextPerson]!.start < s.start) nextPerson++;
    let inSentence: Mention[] | null = null;
    for (let k = nextPerson; k < people.length && people[k]!.start < s.end; k++) if (people[k]!.end <= s.end) (inSentence ??= []).push(people[k]!);
    if (!inSentence) continue;
    // 出席会议, 主持开工仪式, 在主席台就座, …讲话。 — not 参加湖北代表团审议.
    // Most sentences naming people hold no verb of attending: ruled out without a list of matches.
    const verbs = lex.attendVerbs.lastMatchEnd(text, s.start, s.end) < 0 ? NO_VERBS : lex.attendVerbs.findAll(text, s.start, s.end).filter((v) => SELF_EVIDENT.has(v.key) || ATTEND_OBJECT.test(text.slice(v.end, Math.min(s.end, v.end + 12))));
    const lastVerb = verbs.length ? verbs[verbs.length - 1]!.start : -1;
    // 出席全省…会议: an event written as the object of the verb is the one attended, held
    // in the text or not.
    const named =
      held.find((e) => e.start >= s.start && e.end <= s.end && verbs.some((v) => v.end <= e.start)) ??
      events.find((e) => e.start >= s.start && e.end <= s.end && verbs.some((v) => v.end <= e.start && !/[，。；,;]/.test(text.slice(v.end, e.start)) && e.start - v.end <= 12));
    const target = named ?? current(s.start);
    if (target && lastVerb >= 0) {
      for (const p of inSentence) if (p.end <= lastVerb) add(p.name, target.name, s, 'attended.verb');
    }
    // 召开X，A，B…: the people listed after a held event in its sentence.
    const heldHere = held.find((e) => e.start >= s.start && e.end <= s.end && /(召开|举行)$/.test(text.slice(s.start, e.start)));
    if (heldHere) {
      for (const p of inSentence) if (p.start >= heldHere.end) add(p.name, heldHere.name, s, 'attended.list');
    }
  }

  for (const t of who.turns) {
    const s0 = sentenceAt(sentences, t.start);
    const e = (s0 && held.find((x) => x.start >= s0.start && x.end <= s0.end)) || current(t.start);
    if (!e) continue;
    const s = sentenceAt(sentences, t.start) ?? { start: t.start, end: t.end };
    add(t.person, e.name, s, 'attended.speaker');
  }
}
