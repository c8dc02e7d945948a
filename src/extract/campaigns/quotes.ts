/**
 * Quoted spans of a text, nested quotes included: `“要全面打响‘四大会战’，…”` gives the outer
 * quote and the inner `‘四大会战’`. Chinese papers quote campaign names, so quotes are the
 * first place the campaign rules look.
 *
 * Example: `findQuotes('打响“工业突围战”')` → `[{open: 2, close: 8, depth: 0}]`
 * (content is `text.slice(open + 1, close)`).
 */

export interface Quote {
  /** Index of the opening mark. */
  open: number;
  /** Index of the closing mark. */
  close: number;
  /** 0 for an outermost quote, 1 for a quote inside it, … */
  depth: number;
}

const PAIRS: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };
/** Every quote mark, opening and closing (the cue scan lists where they stand). */
export const QUOTE_MARKS: readonly string[] = Object.entries(PAIRS).flat();
// Character codes (closer → opener), so the scan over every character allocates no strings.
const OPENERS = new Set(Object.keys(PAIRS).map((o) => o.charCodeAt(0)));
const CLOSERS = new Map(Object.entries(PAIRS).map(([o, c]) => [c.charCodeAt(0), o.charCodeAt(0)]));

/**
 * Every balanced quote, ordered by opening position. Unbalanced marks are ignored. `marks`,
 * when the caller has them, are the positions of every quote mark in the text, in order
 * (the cue scan's): then only those are read.
 */
export function findQuotes(text: string, marks?: readonly number[]): Quote[] {
  const stack: Array<{ mark: number; at: number }> = [];
  const out: Quote[] = [];
  if (marks) {
    for (const i of marks) takeMark(text.charCodeAt(i), i, stack, out);
  } else {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // Every mark lies in U+2018–U+201D or U+300C–U+300F: two unsigned range tests rule out the rest.
      if ((ch - 0x2018) >>> 0 > 5 && (ch - 0x300c) >>> 0 > 3) continue;
      takeMark(ch, i, stack, out);
    }
  }
  return out.sort((a, b) => a.open - b.open);
}

/** Reads the character `ch` at `i`: an opener goes on the stack, a closer pops to its opener and makes a quote. */
function takeMark(ch: number, i: number, stack: Array<{ mark: number; at: number }>, out: Quote[]): void {
  if (OPENERS.has(ch)) {
    stack.push({ mark: ch, at: i });
    return;
  }
  const opener = CLOSERS.get(ch);
  if (opener === undefined) return;
  // Pop to the matching opener; marks left open inside it were stray.
  let k = stack.length - 1;
  while (k >= 0 && stack[k]!.mark !== opener) k--;
  if (k < 0) return;
  const at = stack[k]!.at;
  // Pops (usually one): cheaper than setting the length.
  while (stack.length > k) stack.pop();
  out.push({ open: at, close: i, depth: k });
}
