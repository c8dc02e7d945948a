/**
 * Paragraphs and speakers. A report of a meeting is a run of speeches: `吴锦强调，要…。要…。`
 * The speaker is the Person mention followed by a speech verb (`强调`, `要求`, `指出` …) or by
 * a colon before a quote; a pronoun (`他说`) continues the last person named. The speaker
 * holds the paragraph until another speaker starts. A paragraph that opens with a quote
 * belongs to the speaker named right after it (`“要全面打响‘四大会战’。”吴锦要求`). A byline
 * (`□中共荆州市委书记 吴锦`) makes the author the speaker of the whole article.
 *
 * Example: `speakers(doc).at(i)` → `['吴锦']` for any index inside 吴锦's paragraph.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Doc, Mention } from '../../types.js';
import { isSpaceCode, rememberLastText, type Span } from '../sentences.js';
import { Automaton } from '../automaton.js';
import { dataPath } from '../../data-path.js';

/** A speech turn: who speaks from `start` on, inside `paragraph`. */
export interface Turn {
  person: string;
  /** Start of the person mention (or of the pronoun) that opens the turn. */
  start: number;
  /** End of the attribution (the speech verb or the colon). */
  end: number;
  paragraph: Span;
  rule: 'speaker.verb' | 'speaker.colon' | 'speaker.pronoun';
}

/** What `speakers()` returns: the turns, and who speaks at a given index. */
export interface Speakers {
  turns: Turn[];
  author: string | null;
  paragraphs: Span[];
  /** The people speaking at `index`: the current turn's person, then the author. */
  at(index: number): string[];
}

let verbs: Automaton<true> | null = null;

/** Speech verbs from data/lexicon/event-cues.yaml (shared with the event stage). */
export function speechVerbs(): Automaton<true> {
  if (verbs) return verbs;
  const cues = parse(readFileSync(dataPath('lexicon/event-cues.yaml'), 'utf8')) as { speech_verbs: string[] };
  verbs = new Automaton<true>(cues.speech_verbs.map((v) => [v, true] as const));
  return verbs;
}

const SENTENCE_END = /[。！？!?]/;
const TAG = /<[^>]*>/g;

/**
 * Paragraph spans: a paragraph ends at a blank line, or at a line break after a sentence end
 * (HTML tags and closing quotes between them ignored). Hard-wrapped lines stay together.
 * Three passes over each article ask for them (campaign sections, campaign and event
 * speakers): split once.
 */
export const paragraphs = rememberLastText(splitParagraphs);

function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (blankLineAt(text, start, i) || endsParagraph(text, start, i)) {
      push(out, text, start, i);
      start = i + 1;
    }
  }
  push(out, text, start, text.length);
  return out;
}

const NEWLINE = 0x0a;
const LT = 0x3c;
/** Blanks that may stand on an empty line: space, tab, ideographic space. */
function isLineBlankCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x3000;
}
/** What may follow a sentence end before the line break: white space and closing quotes or brackets (”’」』）)). */
function isTrailingCode(c: number): boolean {
  return isSpaceCode(c) || c === 0x201d || c === 0x2019 || c === 0x300d || c === 0x300f || c === 0xff09 || c === 0x29;
}
/** 。！？!? */
function isSentenceEndCode(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f;
}

/** Does the line break at `i` start or end a blank line (only spaces between it and another line break)? */
function blankLineAt(text: string, start: number, i: number): boolean {
  // After: within the next 7 characters.
  const limit = Math.min(text.length, i + 8);
  let j = i + 1;
  while (j < limit && isLineBlankCode(text.charCodeAt(j))) j++;
  if (j < limit && text.charCodeAt(j) === NEWLINE) return true;
  // Before: back to the paragraph's start.
  let k = i;
  while (k > start && isLineBlankCode(text.charCodeAt(k - 1))) k--;
  return k > start && text.charCodeAt(k - 1) === NEWLINE;
}

/**
 * Does the line before the break at `i` end a sentence (its last 40 characters, tags and
 * closing quotes aside) or a `</p>`? Character codes: this runs at every line break of
 * every article, where slices and regex replacements cost more than the rest of the split.
 */
function endsParagraph(text: string, start: number, i: number): boolean {
  const from = Math.max(start, i - 40);
  let hasTag = false;
  for (let k = from; k < i; k++) {
    if (text.charCodeAt(k) === LT) {
      hasTag = true;
      break;
    }
  }
  if (hasTag) {
    // Rare (HTML left in the text): the tags come out first.
    const before = text.slice(from, i).replace(TAG, '').replace(/[\s”’」』）)]+$/u, '');
    if (before.length === 0 || SENTENCE_END.test(before[before.length - 1]!)) return true;
  } else {
    let k = i;
    while (k > from && isTrailingCode(text.charCodeAt(k - 1))) k--;
    if (k === from || isSentenceEndCode(text.charCodeAt(k - 1))) return true;
  }
  // `</p>` then only white space.
  let k = i;
  while (k > start && isSpaceCode(text.charCodeAt(k - 1))) k--;
  return k - start >= 4 && text.startsWith('</p>', k - 4);
}

function push(out: Span[], text: string, s: number, e: number): void {
  while (s < e && isSpaceCode(text.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(text.charCodeAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

/**
 * True when a person mention is a byline's reporter or photographer (`记者甘勇`,
 * `记者汪伟 毛雪 刘辉报道`): they write about the meeting, they do not speak at it.
 */
export function isByline(text: string, m: { start: number; end: number }): boolean {
  const before = text.slice(Math.max(0, m.start - 6), m.start);
  if (/(记者|通讯员|摄影|编辑|见习记者|特约记者)\s*$/.test(before)) return true;
  return /^(?:[ \t\u3000]+[\u3400-\u9fff]{2,3})*[ \t\u3000]*(报道|摄|供图|整理)/.test(text.slice(m.end, m.end + 24));
}

function paragraphAt(paras: Span[], index: number): Span | null {
  for (const p of paras) if (p.start <= index && index < p.end) return p;
  return null;
}

/** The last answer per doc: the campaign and the event stages both ask, with the same people. */
const remembered = new WeakMap<Doc, { text: string; persons: number; answer: Speakers }>();

/** Finds the speech turns and the author of a doc from its Person mentions (computed once while they stay the same). */
export function speakers(doc: Doc): Speakers {
  let persons = 0;
  for (const m of doc.mentions) if (m.type === 'Person') persons++;
  const known = remembered.get(doc);
  if (known && known.text === doc.text && known.persons === persons) return known.answer;
  const answer = findSpeakers(doc);
  remembered.set(doc, { text: doc.text, persons, answer });
  return answer;
}

function findSpeakers(doc: Doc): Speakers {
  const text = doc.text;
  const paras = paragraphs(text);
  const people = doc.mentions.filter((m) => m.type === 'Person' && !isByline(text, m)).sort((a, b) => a.start - b.start);
  const turns: Turn[] = [];
  const verbsA = speechVerbs();
  const pronouns = /[他她]/g;

  const attribution = (from: number, stopAt: number): { end: number; rule: Turn['rule'] } | null => {
    const after = text.slice(from, from + 3);
    const colon = /^\s*[：:]\s*[“"]/.exec(after + text.slice(from + 3, from + 6));
    if (colon) return { end: from + colon[0].length - 1, rule: 'speaker.colon' };
    let limit = Math.min(text.length, from + 20, stopAt);
    for (let i = from; i < limit; i++) {
      if (SENTENCE_END.test(text[i]!) || text[i] === '；' || text[i] === '“') {
        limit = i;
        break;
      }
    }
    // 应勇同志…的讲话, 重要讲话精神: the speech as a thing, not the person speaking here.
    const hit = verbsA
      .findAll(text, from, limit)
      .find((h) => text[h.start - 1] !== '的' && text.slice(h.start - 2, h.start) !== '重要' && text.slice(h.end, h.end + 2) !== '精神');
    return hit ? { end: hit.end, rule: 'speaker.verb' } : null;
  };

  people.forEach((p: Mention, i) => {
    const next = people[i + 1]?.start ?? text.length;
    const a = attribution(p.end, next);
    const para = paragraphAt(paras, p.start);
    if (a && para) turns.push({ person: p.name, start: p.start, end: a.end, paragraph: para, rule: a.rule });
  });
  for (const m of text.matchAll(pronouns)) {
    const at = m.index!;
    // 其他/他们 are not a pronoun for the last person named.
    if (text[at - 1] === '其' || text[at + 1] === '们') continue;
    const a = attribution(at + 1, text.length);
    if (!a || a.rule !== 'speaker.verb' || a.end - at > 4) continue;
    const para = paragraphAt(paras, at);
    if (!para) continue;
    // The pronoun's person: the last one named in its paragraph, else whoever spoke last.
    const named = [...people]
      .reverse()
      .find((p) => p.end <= at && p.start >= para.start);
    const lastTurn = [...turns].reverse().find((t) => t.start < at);
    const person = named?.name ?? lastTurn?.person;
    if (person) turns.push({ person, start: at, end: a.end, paragraph: para, rule: 'speaker.pronoun' });
  }
  turns.sort((a, b) => a.start - b.start);

  // A byline: □ then (title and) a person within the same line.
  let author: string | null = null;
  for (const m of text.matchAll(/□/g)) {
    const lineEnd = text.indexOf('\n', m.index!);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const p = people.find((x) => x.start > m.index! && x.end <= end);
    if (p) {
      author = p.name;
      break;
    }
  }

  return {
    turns,
    author,
    paragraphs: paras,
    at(index: number): string[] {
      const out: string[] = [];
      const para = paragraphAt(paras, index);
      if (para) {
        const inPara = turns.filter((t) => t.paragraph.start === para.start);
        const current = [...inPara].reverse().find((t) => t.start <= index);
        if (current) out.push(current.person);
        else if (inPara.length && /^(?:<[^>]*>|\s)*[“"]/.test(text.slice(para.start, para.start + 40))) {
          // “…”吴锦要求: the opening quote is the speech of the person named after it.
          const close = text.indexOf('”', para.start);
          if (close >= 0 && index < close && inPara[0]!.start - close <= 2) out.push(inPara[0]!.person);
        }
      }
      if (author && !out.includes(author)) out.push(author);
      return out;
    },
  };
}
