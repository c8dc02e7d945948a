/**
 * Stage 5: Project and LOCATED_IN Project → AdminDivision.
 *
 * Reads `doc.text`, the AdminDivision mentions of stage 1 and `doc.meta.home`; adds a
 * Project mention for every named, concrete project, park, bridge, railway or platform
 * (properties `investment` and `stage` where the text says them), and LOCATED_IN from the
 * project to the division the text places it in.
 *
 * Example: `石首市东升镇…服务好百亿元仙鹤纸业项目顺利开工` → Project 仙鹤纸业项目
 * `{investment: '百亿元', stage: '开工'}` and LOCATED_IN 仙鹤纸业项目 → 东升镇.
 *
 * Finding names: projects/find.ts; amounts and stages: projects/parse.ts; cue words:
 * data/lexicon/project-cues.yaml.
 */
import type { Doc, Mention, RelationFact, Stage } from '../types.js';
import { splitSentences, type Span } from './sentences.js';
import { projectLexicon, type ProjectLexicon } from './projects/lexicon.js';
import { findProjectsInSentence, firstFrom, insideTitle, maySubjectBeProject, type ProjectCandidate } from './projects/find.js';
import { sentenceStage, statedInvestment, statedInvestmentAfter } from './projects/parse.js';
import { getGazetteer } from '../gazetteer/index.js';
import { cueScan } from './cue-scan.js';

/** Creates the stage (configured once, run per article). */
export default function projectsStage(): Stage {
  const lexicon = projectLexicon();
  return (doc: Doc) => extractProjects(doc, lexicon);
}

/** A table by UTF-16 code with 1 for each of `chars` (one read, where a Set of codes hashed every lookup). */
function codeTable(chars: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/** How specific a division level is: the most specific place wins. */
const SPECIFIC: Record<string, number> = { township: 5, zone: 5, county: 4, prefecture: 3, province: 1 };

/** A sentence that goes on about the last project (`项目位于…`, `该项目…`, `该泵站投入…`). */
const ANAPHOR = /^(?:[^，,。]{0,6}?该|)(?:项目|[\u4e00-\u9fff]{0,2}(?:泵站|电厂|园区|基地|大桥|工程))/;
/** How many characters before a project a division may stand and still place it. */
const NEAR = 16;
const LOCATES = /(?:位于|落户|坐落于|选址|在)$/;
const LOCATES_LAST_CODES = codeTable('于户址在');
/** No project word in a sentence (most sentences): one shared empty list. */
const NONE: ReturnType<typeof cueScan>['projectSuffixes'] = [];
/** No candidate in a sentence: one shared empty list (never changed). */
const NO_CANDIDATES: readonly ProjectCandidate[] = [];

function extractProjects(doc: Doc, lexicon: ProjectLexicon): void {
  const { text } = doc;
  const divisions = byStart(doc.mentions.filter((m) => m.type === 'AdminDivision'));
  const sentences = splitSentences(text);
  const found: Array<{ c: ProjectCandidate; sentence: Span; index: number; properties: Record<string, unknown> }> = [];
  const located = new Map<string, { to: string; evidence: Span; weak?: boolean; rule: string }>();
  let last: (typeof found)[number] | null = null;
  // The project words of the whole text (one scan), handed to each sentence: those inside it.
  const suffixes = cueScan(text).projectSuffixes;
  // Without a project word, a sentence has a candidate only where a subject or list pattern
  // matches: where none can in this text, such sentences are not asked.
  const subjects = maySubjectBeProject(text, lexicon);
  let nextSuffix = 0;
  // A loop, not forEach: the cursor and the last project stay locals, not a closure's context.
  for (let index = 0; index < sentences.length; index++) {
    const s = sentences[index]!;
    // Ordered by end: skip those ending before the sentence, take those ending inside that start inside.
    while (nextSuffix < suffixes.length && suffixes[nextSuffix]!.end <= s.start) nextSuffix++;
    const first = nextSuffix;
    let crossing = 0;
    while (nextSuffix < suffixes.length && suffixes[nextSuffix]!.end <= s.end) if (suffixes[nextSuffix++]!.start < s.start) crossing++;
    // A slice is sized to the sentence's words (a list grown by push reserved 17 slots); a
    // word that starts before the sentence (rare) is left out.
    let inSentence: typeof suffixes = NONE;
    if (nextSuffix - first > crossing) {
      inSentence = suffixes.slice(first, nextSuffix);
      if (crossing) inSentence = inSentence.filter((m) => m.start >= s.start);
    }
    const cands = inSentence === NONE && !subjects ? NO_CANDIDATES : findProjectsInSentence(text, s.start, s.end, lexicon, divisions, inSentence);
    const afterProject = last !== null && index - last.index <= 2;
    // Most sentences neither name a project nor follow one: nothing to read in them.
    if (!cands.length && !afterProject) continue;
    const sentence = text.slice(s.start, s.end);
    const anaphoric = afterProject && ANAPHOR.test(sentence);
    if (!cands.length || anaphoric) {
      // A sentence about the last project adds its amount and place.
      if (last && anaphoric) {
        const amount = statedInvestment(sentence);
        if (amount && !last.properties.investment) last.properties.investment = amount;
        const place = placeAfterVerb(text, s, divisions);
        if (place && (located.get(last.c.name)?.weak ?? true)) located.set(last.c.name, { to: place.name, evidence: s, rule: 'project.located-in' });
      }
      if (!cands.length) continue;
    }
    for (const c of cands) {
      const stage = sentenceStage(sentence, lexicon, c.end - s.start);
      const properties: Record<string, unknown> = {};
      // Several projects in a sentence: each only by the amount stated right after it.
      const own = c.investment ?? statedInvestmentAfter(sentence, c.end - s.start);
      const amount = own ?? (cands.length === 1 && !anaphoric ? statedInvestment(sentence) : null);
      if (amount) properties.investment = amount;
      if (stage) properties.stage = stage;
      const entry = { c, sentence: s, index, properties };
      found.push(entry);
      last = entry;
      if (!located.has(c.name)) {
        const place = placeOf(doc, c, s, sentences, index, divisions);
        if (place) located.set(c.name, { to: place.name, evidence: s, weak: place.weak, rule: place.rule ?? 'project.located-in' });
      }
    }
  }
  for (const { c, properties } of found) {
    // One literal each way, not `properties` added after the literal (see the events stage: the
    // added property would give Project mentions a V8 map of their own).
    const mention: Mention = Object.keys(properties).length
      ? { type: 'Project', name: c.name, start: c.start, end: c.end, rule: c.rule, properties }
      : { type: 'Project', name: c.name, start: c.start, end: c.end, rule: c.rule };
    doc.mentions.push(mention);
  }
  const relations: RelationFact[] = [];
  for (const [name, { to, evidence, rule }] of located) {
    relations.push({
      type: 'LOCATED_IN',
      from: { type: 'Project', name },
      to: { type: 'AdminDivision', name: to },
      evidence: [{ start: evidence.start, end: evidence.end, rule }],
    });
  }
  doc.relations.push(...relations);
}

/** The mentions sorted by start (a stable sort), without a sort's copy when they already are (the divisions stage writes them in order). */
function byStart(mentions: Mention[]): Mention[] {
  for (let k = 1; k < mentions.length; k++) if (mentions[k]!.start < mentions[k - 1]!.start) return mentions.sort((a, b) => a.start - b.start);
  return mentions;
}

/** The most specific division right after 位于/在 in a sentence, or null. `divisions` are sorted by start. */
function placeAfterVerb(text: string, s: Span, divisions: Mention[]): Mention | null {
  // The divisions inside the sentence: those starting in it (a range of the sorted list) that end in it.
  const from = firstFrom(divisions, s.start);
  let to = from;
  while (to < divisions.length && divisions[to]!.start < s.end) to++;
  let best: Mention | null = null;
  for (let k = from; k < to; k++) {
    const d = divisions[k]!;
    if (d.end > s.end) continue;
    // LOCATES ends in 于, 户, 址 or 在: test that character before slicing for the regex.
    if (d.start <= s.start || !LOCATES_LAST_CODES[text.charCodeAt(d.start - 1)]) continue;
    if (!LOCATES.test(text.slice(Math.max(s.start, d.start - 3), d.start))) continue;
    // A run of divisions after the verb (湖北|江陵经济开发区): take the most specific of the run.
    for (let j = from; j < to; j++) {
      const x = divisions[j]!;
      if (x.end <= s.end && x.start >= d.start && x.start - d.start <= 12 && (!best || specific(x) > specific(best))) best = x;
    }
    return best;
  }
  return null;
}

function specific(m: Mention): number {
  return SPECIFIC[String(m.properties?.level ?? '')] ?? 0;
}

/**
 * Where the text places a project: a place cut off its name (`在公安县|…项目`), a county,
 * township or zone inside its name (`江陵煤港电厂项目`), a division after 位于/在 in its
 * sentence, the nearest division before it in the sentence, a city inside its name, a
 * specific division in the sentences before, or the home.
 */
function placeOf(
  doc: Doc,
  c: ProjectCandidate,
  s: Span,
  sentences: readonly Span[],
  index: number,
  divisions: Mention[],
): { name: string; weak?: boolean; rule?: string } | null {
  if (c.place) return { name: c.place.name };
  // The divisions are sorted by start: each rule reads only the range that can hold its division.
  // A county, township or zone in its name (孟家溪镇污水处理厂, 江陵煤港电厂项目) places it best (the first most specific).
  let bestInside: Mention | null = null;
  const inName = firstFrom(divisions, c.start);
  for (let k = inName; k < divisions.length && divisions[k]!.start < c.end; k++) {
    const d = divisions[k]!;
    if (d.end <= c.end && (!bestInside || specific(d) > specific(bestInside))) bestInside = d;
  }
  if (bestInside && specific(bestInside) >= 4) return { name: bestInside.name };
  const afterVerb = placeAfterVerb(doc.text, s, divisions);
  if (afterVerb) return { name: afterVerb.name };
  // A province before it (or one inside a document title) says less than a place in its name.
  // Only a division close before it (within its clause or a few characters) places it: the last such.
  for (let k = inName - 1; k >= 0 && divisions[k]!.start >= s.start; k--) {
    const d = divisions[k]!;
    if (d.end <= c.start && c.start - d.end <= NEAR && specific(d) >= 3 && !insideTitle(doc.text, s.start, d.start)) return { name: d.name };
  }
  if (bestInside) return { name: bestInside.name };
  // The sentences just before (a list of tasks split by ；), nearest first, may name the county: its last one.
  for (let i = index - 1; i >= Math.max(0, index - 3); i--) {
    const p = sentences[i]!;
    for (let k = firstFrom(divisions, p.end) - 1; k >= 0 && divisions[k]!.start >= p.start; k--) {
      const d = divisions[k]!;
      if (d.end <= p.end && specific(d) >= 4) return { name: d.name, weak: true, rule: 'project.located-in-context' };
    }
  }
  // The home is only a guess: a later sentence about the project (项目位于…) overrides it.
  const home = doc.meta.home ? getGazetteer().byName(doc.meta.home) : undefined;
  if (home && home.level !== 'province' && home.level !== 'township') return { name: home.name, weak: true, rule: 'project.located-in-home' };
  return null;
}
