/**
 * Normalisation: the body of an article file → the clean text extractors read, with a map
 * from every text unit back to the source. Order matters:
 *
 * 1. HTML → text (`html.ts`), when the body is HTML;
 * 2. characters (`chars.ts`): NFKC where safe, spaces unified, invisibles dropped;
 * 3. lines classified, site chrome dropped (`chrome.ts`);
 * 4. Markdown markup stripped (`markdown.ts`), doubled PDF runs repaired (`pdf.ts`), spaces
 *    tidied (`spacing.ts`), line by line;
 * 5. hard-wrapped (PDF) text rejoined (`pdf.ts`); paragraphs separated by one `\n`;
 * 6. ASCII punctuation in Chinese context → full-width (`spacing.ts`).
 *
 * Example: `normaliseBody('首页 > 头条 > 正文\n吴 锦出席会议,并讲话。\n', 0)` gives the text
 * `吴锦出席会议，并讲话。` whose offsets point at `吴 锦出席会议,并讲话。` in the source.
 */
import type { Message } from '../types.js';
import { htmlMeta, htmlToText, looksLikeHtml, type HtmlMeta } from './html.js';
import { normaliseChars } from './chars.js';
import { BLANK_VERDICT, HOLDS_MARKDOWN_MARK, classifyLines, unitShapes, unitsShape, type LineKind } from './chrome.js';
import { displayWidth, isHardWrapped, undoubleLine, wrapsInto } from './pdf.js';
import { fullwidthPunctuation, tidySpaces } from './spacing.js';
import { hasMarkdown, stripMarkdown } from './markdown.js';
import { MapScratch, MappedBuilder, UnitScratch, mappedSlice, type Mapped } from './mapped.js';

export { type Mapped, MappedBuilder, mappedSlice } from './mapped.js';
export { normaliseChars } from './chars.js';
export { undoubleLine } from './pdf.js';
export { HOLDS_META_CUE, HOLDS_PAREN } from './chrome.js';

/** One line of the body after character normalisation, with the chrome verdict. */
export interface BodyLine {
  /** The trimmed line (character-normalised, before PDF repair and space tidying). */
  text: string;
  kind: LineKind;
  rule: string;
  /**
   * The line's shape bits (see unitsShape in chrome.ts: HOLDS_PAREN, HOLDS_META_CUE, …), so
   * metadata readers skip searches a line cannot answer; absent: unknown (search).
   */
  shape?: number;
}

export interface NormaliseOptions {
  /** A line to put first (the front matter title), already mapped into the source. */
  lead?: Mapped;
}

export interface Normalised {
  text: string;
  offsets: Int32Array;
  /** Every line of the body, chrome included: metadata is read from them. */
  lines: BodyLine[];
  html: boolean;
  /**
   * What the page's HTML head says (title, date, URL), when the body is HTML (else null).
   * Read on the first call: a manifest or front matter that gives all three leaves it unread.
   */
  htmlMeta: () => HtmlMeta | null;
  hardWrapped: boolean;
  messages: Message[];
}

/** A tidied article line: `from.text[start…end)` (= `text`), with its map. */
interface TidyLine {
  from: Mapped;
  start: number;
  end: number;
  text: string;
}

/** A line of the output: its line index in the body (-1: the lead) and the source index of the break after it. */
interface Piece extends TidyLine {
  line: number;
  breakAt: number;
}

/**
 * `tidySpaces` of `m[start…end)`, without copying a line that has no space inside: trimmed,
 * it is a range of `m` as it is. `spaces` finds spaces in `m.text` for lines taken in order.
 */
function tidyPiece(m: Mapped, start: number, end: number, line: number, spaces?: SpaceFinder, trimmed?: string): Piece {
  const { text } = m;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  const nextSpace = spaces ? spaces.from(start) : text.indexOf(' ', start);
  // The piece is made here, its `breakAt` set by the caller (one object per line, not two).
  if (nextSpace >= 0 && nextSpace < end) {
    const tidy = tidySpaces(m, start, end);
    return { from: tidy, start: 0, end: tidy.text.length, text: tidy.text, line, breakAt: 0 };
  }
  // `trimmed`: the caller's copy of this very range (a line trimmed alike), not sliced again.
  return { from: m, start, end, text: trimmed ?? text.slice(start, end), line, breakAt: 0 };
}

/**
 * The first space at or after an index, for indices that only grow (the lines of a text in
 * order): one scan of the text in all, however many lines ask.
 */
class SpaceFinder {
  private at = -2;
  constructor(private readonly text: string) {}

  from(index: number): number {
    if (this.at !== -1 && this.at < index) this.at = this.text.indexOf(' ', index);
    return this.at;
  }
}

/**
 * Where each line of the last body starts, ends and breaks, three numbers per line (reused,
 * grown as needed; a page of more than MAX_REUSED_LINES lines gets arrays of its own).
 */
let reusedBounds = new Int32Array(3 * 1024);
/** Each line's shape (see unitsShape), reused and grown like the bounds (a third of their length). */
let reusedShapes = new Uint8Array(1024);
const MAX_REUSED_LINES = 1 << 16;
/** The bounds and shapes of the lines scanLines found last. */
let scannedBounds = reusedBounds;
let scannedShapes = reusedShapes;

/**
 * `identity[i] = i`, grown as needed: the map of a body starting at `start` is the view
 * `identity[start…]`, never written (maps are read; builders write their own arrays), so a
 * body's map costs no loop at all.
 */
let identity = identityMap(1 << 14);
const MAX_REUSED_MAP = 1 << 20;

function identityMap(length: number): Int32Array {
  const map = new Int32Array(length);
  for (let i = 0; i < length; i++) map[i] = i;
  return map;
}

/** Where the body's HTML and character steps write their maps (two: the second reads the first). */
const htmlScratch = new MapScratch();
const charsScratch = new MapScratch();
/** The units of the body's text after the character step (read for each line's shape). */
const bodyUnits = new UnitScratch();

/**
 * Splits `text` (whose units are `units`) at `\n`: pushes each line, trimmed of spaces, to
 * `lineTexts`, and leaves in scannedBounds its start, end and break and in scannedShapes its shape
 * (unitsShape of the trimmed line). One pass over the units finds the breaks and ORs the
 * shape bits; a line with spaces at an end (few) has its shape read again without them.
 * Returns the number of lines.
 */
function scanLines(text: string, units: Uint16Array, lineTexts: string[]): number {
  const shapeOf = unitShapes();
  const n = units.length;
  let bounds = reusedBounds;
  let shapes = reusedShapes;
  let count = 0;
  for (let from = 0; ; ) {
    let shape = 0;
    let lineEnd = from;
    for (; lineEnd < n; lineEnd++) {
      const u = units[lineEnd]!;
      if (u === 0x0a) break;
      shape |= shapeOf[u]!;
    }
    let s = from;
    let e = lineEnd;
    while (s < e && units[s] === 0x20) s++;
    while (e > s && units[e - 1] === 0x20) e--;
    if (s !== from || e !== lineEnd) shape = e > s ? unitsShape(units, s, e) : 0;
    lineTexts.push(text.slice(s, e));
    if (3 * count + 3 > bounds.length) {
      const grown = new Int32Array(2 * bounds.length);
      grown.set(bounds);
      bounds = grown;
      const grownShapes = new Uint8Array(2 * shapes.length);
      grownShapes.set(shapes);
      shapes = grownShapes;
    }
    bounds[3 * count] = s;
    bounds[3 * count + 1] = e;
    bounds[3 * count + 2] = lineEnd;
    shapes[count] = shape;
    count++;
    if (lineEnd >= n) break;
    from = lineEnd + 1;
  }
  scannedBounds = bounds;
  scannedShapes = shapes;
  if (bounds.length <= 3 * MAX_REUSED_LINES) {
    reusedBounds = bounds;
    reusedShapes = shapes;
  }
  return count;
}

/** `mappedSlice(source, start)` with its map a view of the shared identity map (a new one for huge sources). */
function bodySlice(source: string, start: number): Mapped {
  if (source.length > MAX_REUSED_MAP) return mappedSlice(source, start);
  if (identity.length < source.length) identity = identityMap(Math.min(MAX_REUSED_MAP, Math.max(source.length, 2 * identity.length)));
  return { text: source.slice(start), map: identity.subarray(start, source.length) };
}

const noPageMeta = (): HtmlMeta | null => null;

/** Every empty body line (read only, like all body lines: metadata readers never change them). */
const EMPTY_LINE: BodyLine = { text: '', kind: 'blank', rule: 'blank', shape: 0 };

/** `htmlMeta(html)`, computed on the first call and remembered. */
function pageMetaOf(html: string): () => HtmlMeta | null {
  let meta: HtmlMeta | undefined;
  return () => (meta ??= htmlMeta(html));
}

/** Normalises `source[bodyStart…]` (the part after any front matter). */
export function normaliseBody(source: string, bodyStart: number, options: NormaliseOptions = {}): Normalised {
  const messages: Message[] = [];
  let m = bodySlice(source, bodyStart);
  const html = looksLikeHtml(m.text);
  const meta = html ? pageMetaOf(m.text) : noPageMeta;
  if (html) m = htmlToText(m, htmlScratch);
  m = normaliseChars(m, charsScratch);

  // The lines at `\n`, trimmed of spaces: where each starts and ends in `m`, where its line
  // break is, and its text (one pass, no object per line).
  const lineTexts: string[] = [];
  const units = bodyUnits.unitsOf(m.text);
  const lineCount = scanLines(m.text, units, lineTexts);
  const bounds = scannedBounds;
  const shapes = scannedShapes.subarray(0, lineCount);
  const verdicts = classifyLines(lineTexts, shapes);
  // By push, not `map`: the array's elements kind then does not depend on whether this
  // function runs optimised (see classifyLines), and its readers do not deoptimise.
  const lines: BodyLine[] = [];
  for (let i = 0; i < lineTexts.length; i++) {
    const text = lineTexts[i]!;
    // An empty line is always blank (no rule changes a blank verdict): one shared object
    // for all of them (nearly half the lines of an HTML page).
    if (text.length === 0 && verdicts[i] === BLANK_VERDICT) lines.push(EMPTY_LINE);
    else lines.push({ text, kind: verdicts[i]!.kind, rule: verdicts[i]!.rule, shape: shapes[i]! });
  }

  // Say what was dropped as chrome, by rule, so a report shows why text is missing.
  // (Counted by rule in first-seen order. A page drops lines by a handful of rules at most: two
  // short arrays searched in order cost less than a Map and a closure per page.)
  const droppedRules: string[] = [];
  const droppedCounts: number[] = [];
  let total = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.kind !== 'chrome') continue;
    let r = 0;
    while (r < droppedRules.length && droppedRules[r] !== l.rule) r++;
    if (r === droppedRules.length) {
      droppedRules.push(l.rule);
      droppedCounts.push(1);
    } else droppedCounts[r]!++;
    total++;
  }
  if (total) {
    let byRule = '';
    for (let r = 0; r < droppedRules.length; r++) byRule += `${r ? ', ' : ''}${droppedRules[r]} ${droppedCounts[r]}`;
    messages.push({ level: 'info', message: `dropped ${total} line(s) of site chrome (${byRule})`, rule: 'normalise-chrome' });
  }

  // Article lines: doubled runs repaired, spaces tidied.
  const pieces: Piece[] = [];
  if (options.lead && options.lead.text.trim()) {
    const lead = normaliseChars(options.lead);
    const piece = tidyPiece(lead, 0, lead.text.length, -1);
    piece.breakAt = lead.map[lead.map.length - 1]! + 1;
    pieces.push(piece);
  }
  let doubled = 0;
  const spaces = new SpaceFinder(m.text);
  for (let i = 0; i < lineTexts.length; i++) {
    if (verdicts[i]!.kind !== 'article') continue;
    const start = bounds[3 * i]!;
    const end = bounds[3 * i + 1]!;
    const text = lineTexts[i]!;
    // Most lines need neither Markdown stripping nor PDF repair: they are tidied in place in
    // `m`, without a mapped copy of their own.
    const markdown = hasMarkdown(text, (shapes[i]! & HOLDS_MARKDOWN_MARK) !== 0);
    let line: Mapped | null = markdown ? stripMarkdown({ text, map: m.map.subarray(start, end) }) : null;
    const keep = undoubleLine(line ? line.text : text);
    if (keep) {
      line ??= { text, map: m.map.subarray(start, end) };
      const b = new MappedBuilder();
      for (const [s, e] of keep) b.copy(line, s, e);
      line = b.finish();
      doubled++;
    }
    const tidy = line ? tidyPiece(line, 0, line.text.length, i) : tidyPiece(m, start, end, i, spaces, text);
    if (!tidy.text) continue;
    const nl = bounds[3 * i + 2]!;
    const breakAt = nl < m.map.length ? m.map[nl]! : Math.min(source.length, tidy.from.map[tidy.end - 1]! + 1);
    tidy.breakAt = breakAt;
    pieces.push(tidy);
  }
  if (doubled) messages.push({ level: 'info', message: `repaired ${doubled} line(s) of doubled PDF text`, rule: 'normalise-pdf-doubled' });

  // Plain loops over the pieces: array methods on `texts` deoptimised this function whenever
  // an article had no article line (an empty array of another elements kind).
  const texts: string[] = new Array(pieces.length);
  let capacity = 0;
  for (let k = 0; k < pieces.length; k++) {
    texts[k] = pieces[k]!.text;
    capacity += pieces[k]!.text.length + 1;
  }
  const hardWrapped = isHardWrapped(texts);
  const widths: number[] = [];
  if (hardWrapped) for (let k = 0; k < texts.length; k++) widths.push(displayWidth(texts[k]!));
  const out = new MappedBuilder(capacity);
  let joins = 0;
  for (let k = 0; k < pieces.length; k++) {
    if (k > 0) {
      const prev = pieces[k - 1]!;
      if (hardWrapped && prev.line >= 0 && wrapsInto(texts, widths, k - 1)) {
        joins++;
        if (/[A-Za-z0-9]$/.test(texts[k - 1]!) && /^[A-Za-z]/.test(texts[k]!)) out.replace(' ', prev.breakAt);
      } else out.replace('\n', Math.min(prev.breakAt, Math.max(0, source.length - 1)));
    }
    const piece = pieces[k]!;
    out.copyAs(piece.text, piece.from, piece.start, piece.end);
  }
  if (joins) messages.push({ level: 'info', message: `joined ${joins} hard-wrapped line(s)`, rule: 'normalise-pdf-wrap' });
  const done = out.finishWithEnd(source.length);
  // Same length out as in, so the offsets stay.
  const text = fullwidthPunctuation(done.text);
  return { text, offsets: done.offsets, lines, html, htmlMeta: meta, hardWrapped, messages };
}
