/**
 * Fields of a project read from the words around it: the investment size (`百亿元`,
 * `240亿元`, `4248.06万元`) and the stage a sentence reports (签约/开工/投产/竣工).
 *
 * Example: `leadingInvestment('百亿元仙鹤纸业项目')` → `{investment: '百亿元', length: 3}`.
 */
import type { ProjectLexicon, StageWord } from './lexicon.js';

// Digits may be full-width where the source was not NFKC-normalised (２４０亿元).
const AMOUNT = String.raw`(?:[\d０-９]+(?:[.．][\d０-９]+)?|[一二三四五六七八九十百千两]+)(?:多)?(?:万亿|亿|万)?元`;

/** An amount at the very start of a name (`百亿元仙鹤纸业项目`, `总投资20亿元的X项目`), and how many characters it takes. */
const LEADING = new RegExp(String.raw`^(?:(?:计划)?总?投资(?:约|达)?)?(${AMOUNT})(?:的)?`);
/** An amount written just before a name, ending the clause part before it (`投资240亿元的`). */
const TRAILING = new RegExp(String.raw`(?:(?:计划)?总?投资(?:约|达)?)(${AMOUNT})(?:的)?$|(${AMOUNT})(?:的)$`);
/** An amount stated in a sentence about a project (`计划总投资20亿元`, `投入更新改造资金4248.06万元`). */
const STATED = new RegExp(String.raw`(?:总投资|计划投资|投资总额|投入[^，,。；;]{0,10}?资金|投资)(?:约|达|为)?(${AMOUNT})`);

/** The investment at the start of `name`, or null. */
export function leadingInvestment(name: string): { investment: string; length: number } | null {
  const m = LEADING.exec(name);
  if (!m || (!/[亿万]/.test(m[1]!) && !/^[\d０-９]/.test(m[1]!))) return null;
  return { investment: m[1]!, length: m[0].length };
}

/** The investment written right before a name (`投资70亿元的`|江陵煤港电厂项目), or null. */
export function trailingInvestment(before: string): string | null {
  // Both alternatives end the text with an amount (…元) and an optional 的: without that ending,
  // no start needs trying.
  if (!before.endsWith('元') && !before.endsWith('元的')) return null;
  const m = TRAILING.exec(before);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** The first investment amount stated in a sentence, or null. */
export function statedInvestment(sentence: string): string | null {
  // Every cue holds 投 and every amount ends in 元: a sentence without both states none.
  if (!sentence.includes('元') || !sentence.includes('投')) return null;
  return STATED.exec(sentence)?.[1] ?? null;
}

/**
 * The investment stated right after a project ending at `after` (an offset into the sentence),
 * in its own clause: `其中湖北华鲁新材料产业园项目投资20亿元` gives 20亿元, not the 56.8亿元 the
 * sentence states first for all its projects. Null if the clause states none.
 */
export function statedInvestmentAfter(sentence: string, after: number): string | null {
  if (!sentence.includes('元') || !sentence.includes('投')) return null;
  let clauseEnd = after;
  while (clauseEnd < sentence.length && !CLAUSE_END.includes(sentence[clauseEnd]!)) clauseEnd++;
  if (clauseEnd - after < 4) return null;
  return STATED.exec(sentence.slice(after, clauseEnd))?.[1] ?? null;
}

const CLAUSE_END = '，,。；;！？!?';

/**
 * The stage a sentence reports, or null: the stage word nearest to `at` (an offset into the
 * sentence, the project's position) when there are several (集中开工暨集中签约…在X项目现场);
 * of words equally near, the one listed first, then the one written first.
 * One pass over the sentence, trying the words that start with each character, where an
 * `indexOf` walk per word read the sentence once per word.
 */
export function sentenceStage(sentence: string, lexicon: ProjectLexicon, at = 0): string | null {
  const { firstBits, byFirst, rankLimit } = lexicon.stageWords;
  let best: StageWord | null = null;
  // Distance, then rank, as one number: one comparison that every match runs (a second one
  // run only on a tie had no type feedback when first reached and deoptimised the stage).
  let bestScore = Infinity;
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if ((firstBits[c >>> 5]! & (1 << (c & 31))) === 0) continue;
    for (const w of byFirst.get(c)!) {
      if (!sentence.startsWith(w.word, i)) continue;
      const score = Math.abs(i - at) * rankLimit + w.rank;
      if (score < bestScore) {
        best = w;
        bestScore = score;
      }
    }
  }
  return best?.stage ?? null;
}
