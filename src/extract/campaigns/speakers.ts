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
import { isSpaceCode, sentenceAt, sharedSpans, type Span } from '../sentences.js';
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
  paragraphs: readonly Span[];
  /** The Person mentions that are no byline (isByline), by start: who may speak or attend. */
  people: readonly Mention[];
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
export const paragraphs = sharedSpans(splitParagraphs);

function splitParagraphs(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  // The first < at or after the window endsParagraph reads (that window only moves forward): one
  // walk over the text for all its line breaks, where each break looked at 40 characters.
  let tag = text.indexOf('<');
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    const from = Math.max(start, i - 40);
    if (tag >= 0 && tag < from) tag = text.indexOf('<', from);
    if (blankLineAt(text, start, i) || endsParagraph(text, start, i, tag >= 0 && tag < i)) {
      push(out, text, start, i);
      start = i + 1;
    }
  }
  push(out, text, start, text.length);
  return out;
}

const NEWLINE = 0x0a;
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
 * closing quotes aside) or a `</p>`? `hasTag`: is there a < in those 40 characters? Character codes: this runs at every line break of
 * every article, where slices and regex replacements cost more than the rest of the split.
 */
function endsParagraph(text: string, start: number, i: number, hasTag: boolean): boolean {
  const from = Math.max(start, i - 40);
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
  // Character tests first: the regexes below can only match where these hold (most people are no byline).
  const from = Math.max(0, m.start - 6);
  let k = m.start;
  while (k > from && isSpaceCode(text.charCodeAt(k - 1))) k--;
  const last = k > from ? text.charCodeAt(k - 1) : -1;
  // 者 (记者, 见习记者, 特约记者), 员 (通讯员), 影 (摄影), 辑 (编辑).
  if (last === 0x8005 || last === 0x5458 || last === 0x5f71 || last === 0x8f91) {
    if (/(记者|通讯员|摄影|编辑|见习记者|特约记者)\s*$/.test(text.slice(from, m.start))) return true;
  }
  // -1 at the end of the text, not charCodeAt's NaN: a read past the end deoptimises the function the first time.
  const next = m.end < text.length ? text.charCodeAt(m.end) : -1;
  // A blank before more names, or 报 (报道), 摄, 供 (供图), 整 (整理).
  if (!isLineBlankCode(next) && next !== 0x62a5 && next !== 0x6444 && next !== 0x4f9b && next !== 0x6574) return false;
  return /^(?:[ \t\u3000]+[\u3400-\u9fff]{2,3})*[ \t\u3000]*(报道|摄|供图|整理)/.test(text.slice(m.end, m.end + 24));
}

/** Where 他 and 她 stand, in order (two indexOf walks merged: cheaper than a regex over the text). */
function pronounsOf(text: string): number[] {
  const out: number[] = [];
  let he = text.indexOf('他');
  let she = text.indexOf('她');
  while (he >= 0 || she >= 0) {
    if (she < 0 || (he >= 0 && he < she)) {
      out.push(he);
      he = text.indexOf('他', he + 1);
    } else {
      out.push(she);
      she = text.indexOf('她', she + 1);
    }
  }
  return out;
}

/**
 * The answer for the last doc asked: the campaign and the event stages of one article ask in
 * turn, with the same people. One slot, not a WeakMap entry per doc (its set cost more than
 * the lookups it saved, and every entry weighs on the collector).
 */
let remembered: { doc: Doc; text: string; persons: number; answer: Speakers } | null = null;

/** Finds the speech turns and the author of a doc from its Person mentions (computed once while they stay the same). */
export function speakers(doc: Doc): Speakers {
  let persons = 0;
  for (const m of doc.mentions) if (m.type === 'Person') persons++;
  const known = remembered;
  if (known && known.doc === doc && known.text === doc.text && known.persons === persons) return known.answer;
  const answer = findSpeakers(doc);
  remembered = { doc, text: doc.text, persons, answer };
  return answer;
}

/** Are the spans in order of start? */
function inOrder(spans: ReadonlyArray<{ start: number }>): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k]!.start < spans[k - 1]!.start) return false;
  return true;
}

/** The speech attribution right after a person or pronoun ending at `from` (a colon before a quote, or a speech verb before `stopAt`), or null. */
function attribution(text: string, verbsA: Automaton<true>, from: number, stopAt: number): { end: number; rule: Turn['rule'] } | null {
  // A colon within the next six characters, then a quote (`：“`); the regex only where a colon is.
  const window = Math.min(text.length, from + 6);
  for (let i = from; i < window; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xff1a || c === 0x3a) {
      const colon = /^\s*[：:]\s*[“"]/.exec(text.slice(from, window));
      if (colon) return { end: from + colon[0].length - 1, rule: 'speaker.colon' };
      break;
    }
  }
  let limit = Math.min(text.length, from + 20, stopAt);
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    // A sentence end, ；or “.
    if (isSentenceEndCode(c) || c === 0xff1b || c === 0x201c) {
      limit = i;
      break;
    }
  }
  // 应勇同志…的讲话, 重要讲话精神: the speech as a thing, not the person speaking here.
  if (limit <= from) return null;
  // Most people named have no speech verb after them: rule that out without a list of matches.
  if (verbsA.lastMatchEnd(text, from, limit) < 0) return null;
  for (const h of verbsA.findAll(text, from, limit)) {
    if (text.charCodeAt(h.start - 1) !== DE_CODE && !(h.start >= 2 && text.startsWith('重要', h.start - 2)) && !text.startsWith('精神', h.end)) return { end: h.end, rule: 'speaker.verb' };
  }
  return null;
}
const DE_CODE = '的'.charCodeAt(0);

function findSpeakers(doc: Doc): Speakers {
  const text = doc.text;
  const paras = paragraphs(text);
  const people = doc.mentions.filter((m) => m.type === 'Person' && !isByline(text, m));
  // The people stage writes its mentions by start: the sort (and its copy) only when they are not.
  if (!inOrder(people)) people.sort((a, b) => a.start - b.start);
  const turns: Turn[] = [];
  const verbsA = speechVerbs();

  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    const next = i + 1 < people.length ? people[i + 1]!.start : text.length;
    const a = attribution(text, verbsA, p.end, next);
    const para = sentenceAt(paras, p.start);
    if (a && para) turns.push({ person: p.name, start: p.start, end: a.end, paragraph: para, rule: a.rule });
  }
  for (const at of pronounsOf(text)) {
    // 其他/他们 are not a pronoun for the last person named.
    if (text[at - 1] === '其' || text[at + 1] === '们') continue;
    const a = attribution(text, verbsA, at + 1, text.length);
    if (!a || a.rule !== 'speaker.verb' || a.end - at > 4) continue;
    const para = sentenceAt(paras, at);
    if (!para) continue;
    // The pronoun's person: the last one named in its paragraph, else whoever spoke last.
    let person: string | undefined;
    for (let k = people.length - 1; k >= 0 && person === undefined; k--) {
      const p = people[k]!;
      if (p.end <= at && p.start >= para.start) person = p.name;
    }
    for (let k = turns.length - 1; k >= 0 && person === undefined; k--) if (turns[k]!.start < at) person = turns[k]!.person;
    if (person) turns.push({ person, start: at, end: a.end, paragraph: para, rule: 'speaker.pronoun' });
  }
  // In order already unless a pronoun's turn came before a later person's: sorted only then.
  if (!inOrder(turns)) turns.sort((a, b) => a.start - b.start);

  // A byline: □ then (title and) a person within the same line.
  let author: string | null = null;
  for (let box = text.indexOf('□'); box >= 0; box = text.indexOf('□', box + 1)) {
    const lineEnd = text.indexOf('\n', box);
    const end = lineEnd < 0 ? text.length : lineEnd;
    const p = people.find((x) => x.start > box && x.end <= end);
    if (p) {
      author = p.name;
      break;
    }
  }

  // The turns of each paragraph, in order, gathered when first asked (at() runs per campaign).
  let byParagraph: Map<number, Turn[]> | null = null;
  const turnsOf = (para: Span): Turn[] => {
    if (!byParagraph) {
      byParagraph = new Map();
      for (const t of turns) {
        const list = byParagraph.get(t.paragraph.start);
        if (list) list.push(t);
        else byParagraph.set(t.paragraph.start, [t]);
      }
    }
    return byParagraph.get(para.start) ?? [];
  };

  return {
    turns,
    author,
    paragraphs: paras,
    people,
    at(index: number): string[] {
      const out: string[] = [];
      const para = sentenceAt(paras, index);
      if (para) {
        const inPara = turnsOf(para);
        let current: Turn | undefined;
        for (let k = inPara.length - 1; k >= 0 && !current; k--) if (inPara[k]!.start <= index) current = inPara[k];
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
