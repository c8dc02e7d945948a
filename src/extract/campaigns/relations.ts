/**
 * Campaign relations, from the spans the finder returned:
 *
 * - `part-of.list`: a counted parent and the members written in its frame. `强化“四个优先”意识`
 *   followed by `强化工业优先意识`, `强化招商优先意识` … (same verb, same tail, same following
 *   word); `全面打响“四大会战”` followed by `打响“工业突围战”` …. At most as many members as
 *   the numeral says. Members not yet found become Campaign mentions (`campaign.member`).
 * - `part-of.section`: a member that is itself a battle or programme (`工业突围战`) owns the
 *   campaigns introduced after it in its paragraph (the next paragraph too when it stands as a
 *   heading), up to the next sibling.
 * - `part-of.doing`: `推动“千名干部进千企”，做到“十问十帮”`: what is to be done *in* the
 *   campaign just named belongs to it.
 * - `promotes.speaker`: the speaker of the sentence (see speakers.ts) promotes every campaign in it.
 */
import type { Doc, Message, RelationFact } from '../../types.js';
import { splitSentences, sentenceAt, spanIndexAt, type Span } from '../sentences.js';
import { campaignLexicon } from './lexicon.js';
import { canonicalName, chineseNumber, codePointLength, isCounted } from './parse.js';
import { paragraphs, speakers } from './speakers.js';
import type { CampaignSpan } from './find.js';

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** Punctuation that ends a member's text, by character code. */
const PUNCT_CODES = codeTable('，。；：！？,;:!?、\n（）()');
const QUOTE_CODES = codeTable('“”‘’');

interface Family {
  parent: CampaignSpan;
  members: CampaignSpan[];
}

/** Adds member campaigns, PART_OF and PROMOTES facts for the spans found in `doc`. */
export function campaignRelations(doc: Doc, spans: CampaignSpan[]): void {
  // Every fact below starts from a campaign found in the text.
  if (!spans.length) return;
  const text = doc.text;
  const sentences = splitSentences(text);
  const sentenceOf = (i: number): Span => sentenceAt(sentences, i) ?? { start: i, end: i };
  const all = [...spans];
  const families = countedFamilies(text, spans, doc.messages);
  for (const f of families) {
    for (const m of f.members) {
      if (!all.some((s) => s.start === m.start && s.end === m.end && s.name === m.name)) {
        all.push(m);
        doc.mentions.push({ type: 'Campaign', name: m.name, start: m.start, end: m.end, rule: m.rule });
      }
      addFact(doc, 'PART_OF', m.name, f.parent.name, sentenceOf(m.start), 'part-of.list');
    }
  }
  // The finder returns its spans by start: only members added out of order need the sort.
  if (!inOrder(all)) all.sort((a, b) => a.start - b.start);
  sectionParts(doc, all, families, sentenceOf);

  const who = speakers(doc);
  for (const s of all) {
    const people = who.at(s.start);
    if (!people.length) continue;
    const sentence = sentenceOf(s.start);
    for (const person of people) {
      const fact: RelationFact = {
        type: 'PROMOTES',
        from: { type: 'Person', name: person },
        to: { type: 'Campaign', name: s.name },
        evidence: [{ start: sentence.start, end: sentence.end, rule: 'promotes.speaker' }],
      };
      doc.relations.push(fact);
    }
  }
}

/** Are the spans in order of start? */
function inOrder(spans: readonly CampaignSpan[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k]!.start < spans[k - 1]!.start) return false;
  return true;
}

function addFact(doc: Doc, type: 'PART_OF', from: string, to: string, ev: Span, rule: string): void {
  if (from === to) return;
  doc.relations.push({
    type,
    from: { type: 'Campaign', name: from },
    to: { type: 'Campaign', name: to },
    evidence: [{ start: ev.start, end: ev.end, rule }],
  });
}

/** Finds the members of every counted parent written in the parent's frame. */
function countedFamilies(text: string, spans: CampaignSpan[], messages: Message[]): Family[] {
  const families: Family[] = [];
  const parentNames = new Set<string>();
  for (const s of spans) if (isCounted(s.name)) parentNames.add(s.name);
  // Most articles name no counted campaign: nothing to gather.
  if (!parentNames.size) return families;
  for (const name of parentNames) {
    // Every occurrence of the parent is a possible frame (a headline's frame differs from the
    // body's): keep the one that gathers most members.
    let best: Family | null = null;
    for (const occurrence of spans.filter((s) => s.name === name)) {
      const family = familyOf(text, occurrence, spans, parentNames);
      if (family && (!best || family.members.length > best.members.length)) best = family;
    }
    if (best) {
      families.push(best);
      const n = countOf(name);
      if (n && best.members.length !== n) {
        messages.push({
          level: 'info',
          message: `${name}: the numeral says ${n} parts, the text lists ${best.members.length} (${best.members.map((m) => m.name).join('、')})`,
          start: best.parent.start,
          end: best.parent.end,
          rule: 'part-of.count',
        });
      }
    }
  }
  return families;
}

/** The number a counted name announces (`四大会战` → 4), or null. */
function countOf(name: string): number | null {
  const k = numeralPrefixLength(name, campaignLexicon().numeralCodes);
  return k ? chineseNumber(name.slice(0, k)) : null;
}

/** How many UTF-16 units of `name` its leading numerals take (numerals read by code point, no array of characters). */
function numeralPrefixLength(name: string, numeralCodes: Set<number>): number {
  let k = 0;
  while (k < name.length) {
    const c = name.codePointAt(k)!;
    if (!numeralCodes.has(c)) break;
    k += c > 0xffff ? 2 : 1;
  }
  return k;
}

/** The members written in the frame of one occurrence of a counted parent, or null. */
function familyOf(text: string, parent: CampaignSpan, spans: CampaignSpan[], parents: Set<string>): Family | null {
  const lex = campaignLexicon();
  const name = parent.name;
  const k = numeralPrefixLength(name, lex.numeralCodes);
  if (k >= name.length) return null;
  const measure = name.codePointAt(k)!;
  if (!lex.measureCodes.has(measure)) return null;
  const n = chineseNumber(name.slice(0, k));
  if (!n || n < 2 || n > 12) return null;
  // The last character of what follows the measure (会战 → 战), '' when nothing does.
  const last = k + (measure > 0xffff ? 2 : 1) < name.length ? name.slice(-1) : '';
  const opener = text[parent.start - 1] === '“' || text[parent.start - 1] === '‘' ? parent.start - 1 : parent.start;
  const verb = lex.triggers.longestEndingAt(text, opener, 4);
  if (!verb || !last) return null;
  // The word after the parent (意识 in 强化“四个优先”意识) must follow the members too, when
  // it is not already the start of a new phrase (a headline runs on: 打响“四大会战”奋力开创…).
  const closeAt = text[parent.end] === '”' || text[parent.end] === '’' ? parent.end + 1 : parent.end;
  const after = text.slice(closeAt, closeAt + 2);
  const follow = /^[\u3400-\u9fff]{2}$/.test(after) ? after : '';
  const members: CampaignSpan[] = [];
  const seen = new Set<string>([parent.name]);
  // Members may be written before the parent too (a commentary's layout puts items first).
  let from = Math.max(0, parent.start - 3000);
  const limit = Math.min(text.length, parent.end + 4000);
  while (members.length < n) {
    const at = text.indexOf(verb.key, from);
    if (at < 0 || at >= limit) break;
    from = at + verb.key.length;
    const m = readMember(text, from, last, follow);
    if (!m) continue;
    const name = canonicalName(text.slice(m.start, m.end));
    if (seen.has(name) || codePointLength(name) < 3 || parents.has(name)) continue;
    seen.add(name);
    const known = spans.find((s) => s.start <= m.start + 1 && s.end >= m.end - 1 && s.name === name);
    members.push(known ?? { name, start: m.start, end: m.end, rule: 'campaign.member', anchor: from });
  }
  return members.length >= 2 ? { parent, members } : null;
}

/** After a frame verb: optional quote, up to 12 characters ending with `last`, then `follow`. */
function readMember(text: string, from: number, last: string, follow: string): { start: number; end: number } | null {
  let start = from;
  if (text[start] === '“' || text[start] === '‘') start++;
  // Character codes: this runs at every occurrence of the frame verb in the article.
  const lastCode = last.charCodeAt(0);
  let bare = 0;
  for (let i = start; i < text.length && i < start + 14; i++) {
    const ch = text.charCodeAt(i);
    if (PUNCT_CODES[ch]) return null;
    if (!QUOTE_CODES[ch]) bare++;
    if (bare >= 3 && ch === lastCode) {
      const end = i + 1;
      const after = text[end] === '”' || text[end] === '’' ? end + 1 : end;
      if (follow && !text.startsWith(follow, after)) continue;
      return { start, end };
    }
  }
  return null;
}

/** `part-of.section` and `part-of.doing` (see the file comment). */
function sectionParts(doc: Doc, all: CampaignSpan[], families: Family[], sentenceOf: (i: number) => Span): void {
  // Sections belong to the members of a family: no family, nothing to split.
  if (!families.length) return;
  const text = doc.text;
  const lex = campaignLexicon();
  const paras = paragraphs(text);
  for (const f of families) {
    const heads = f.members.filter((m) => lex.contentSuffixes.longestEndingAt(m.name, m.name.length, 6));
    // Added one by one: a spread of `members.map(...)` iterated arrays of two element kinds
    // (an empty map result is one of small integers) and deoptimised this function.
    const siblingNames = new Set<string>();
    siblingNames.add(f.parent.name);
    for (let i = 0; i < f.members.length; i++) siblingNames.add(f.members[i]!.name);
    heads.forEach((head, k) => {
      // Paragraphs are sorted and disjoint: the one containing the head by binary search (a
      // findIndex with a closure per paragraph was ~5% of the campaign stage).
      const pi = spanIndexAt(paras, head.start);
      if (pi < 0) return;
      let end = paras[pi]!.end;
      const para = text.slice(paras[pi]!.start, paras[pi]!.end);
      if (!/[。！？]/.test(para) && para.length < 40 && paras[pi + 1]) end = paras[pi + 1]!.end;
      const next = heads[k + 1];
      if (next && next.start > head.end) end = Math.min(end, next.start);
      let prev: CampaignSpan | null = null;
      for (const s of all) {
        if (s.start < head.end || s.start >= end || siblingNames.has(s.name)) continue;
        const lead = text.slice(Math.max(0, s.start - 4), s.start).replace(/[“‘]/g, '');
        const doing = prev && /[，,]?做到$/.test(lead) && text.slice(prev.end, s.start).replace(/[”’“‘，,]/g, '') === '做到';
        const owner = doing ? prev!.name : head.name;
        addFact(doc, 'PART_OF', s.name, owner, sentenceOf(s.start), doing ? 'part-of.doing' : 'part-of.section');
        prev = s;
      }
    });
  }
}
