/**
 * Person names: where one starts and how long it is. A name is a surname from the lexicon
 * (single or compound) and a given name of one or two characters; its end is decided by
 * what follows it (punctuation, or a word that follows names in news text: 表示, 出席, 同志…),
 * since Chinese writes no space after a name.
 *
 * Example: `nameAt('市委书记吴锦出席会议', 4, lex)` → `{start: 4, end: 6, name: '吴锦'}`.
 */
import { Automaton, pairHash } from '../automaton.js';
import type { PeopleLexicon } from './lexicon.js';

/** A name found in text: `text.slice(start, end)` is `name`. */
export interface NameSpan {
  start: number;
  end: number;
  name: string;
}

/**
 * Words that follow a name: speech and meeting verbs, connectives, honorifics, byline marks.
 * A name candidate is accepted only where one of these (or punctuation) follows it.
 */
const AFTER_NAME = [
  '出席', '主持', '表示', '指出', '说', '认为', '强调', '要求', '介绍', '讲话', '致辞', '作', '在', '到', '来', '赴', '率',
  '带领', '带队', '率队', '一行', '同志', '等', '和', '与', '及', '以及', '参加', '陪同', '调研', '宣布', '宣读', '代表', '就',
  '对', '向', '为', '是', '也', '还', '均', '分别', '先后', '亲自', '深入', '前往', '会见', '看望', '慰问', '察看', '听取',
  '希望', '提出', '称', '坦言', '透露', '告诉', '回答', '感慨', '当选', '任', '被', '将', '已', '于', '今天', '日前', '近日',
  '当天', '摄', '报道', '通讯员', '特约记者', '记者', '编辑', '出任', '一同', '共同', '所作', '来到', '走访',
  '考察', '检查', '督办', '发表', '寄语', '讲', '的', '指示', '批示', '首先', '最后', '随后', '接着', '又', '再', '则', '此前',
  '坚持', '主讲', '通报', '部署', '总结', '解读', '答', '带着', '从', '把', '给', '让', '请', '曾', '现', '原', '现任', '生于',
  '出生', '同样', '多次', '一直', '认真', '充分', '详细', '高度', '专门', '深情', '动情', '呼吁', '号召', '承诺', '回忆', '特别',
  '总书记', '书记', '市长', '主任', '等人', '所', '发言', '汇报', '报告', '作了', '讲解', '宣讲', '点评', '签批', '签署', '签约',
  '签订', '会谈', '接见', '座谈', '交流', '调度', '督导', '督查', '视察', '查看', '走进', '率领', '领衔', '牵头', '参与', '观看',
  '聆听', '审议', '表决', '任职', '履职', '获得', '荣获', '获评', '入选', '捐赠', '捐款', '致信', '致电', '发来', '肯定', '称赞',
  '表扬', '表彰', '颁发', '颁奖', '揭牌', '启动', '上台', '登台', '亲临', '到场', '莅临', '现场', '同时', '随即', '立即', '当即',
  '迅速', '第一时间', '指导', '带头', '率先', '主动', '始终', '积极', '围绕', '结合', '针对', '通过', '按照', '根据', '作为',
  '分析', '说明', '解释', '补充', '评价', '点赞', '寄予', '勉励', '叮嘱', '嘱咐', '提醒', '注意', '关注', '关心', '重视', '谈到',
  '说到', '提到', '讲到', '回顾', '展望', '畅谈', '讲述', '分享', '问', '询问', '了解', '获悉', '得知',
  '列席', '担任', '兼任', '应邀', '受邀', '专程', '参会', '到会', '接受', '召集', '分管', '主抓', '督促', '签发',
  '发布',
];

const afterName = new Automaton(AFTER_NAME.map((w) => [w, true] as const));

/** Characters that never stand inside a given name. */
const MIDDLE_NEVER = new Set([...'的了着是们个这那我你他她它']);
const codeTables = new WeakMap<Set<string>, Uint8Array>();
let lastCodeTableSet: Set<string> | null = null;
let lastCodeTable: Uint8Array | null = null;
const MIDDLE_NEVER_CODES = codeTable(MIDDLE_NEVER);

/**
 * A set of single characters as a table by character code (remembered per set): `name[i]`
 * makes a string per CJK character, a code lookup makes none.
 */
export function codeTable(chars: Set<string>): Uint8Array {
  // The same set is asked for at every name candidate: the last one answers without a WeakMap lookup.
  if (chars === lastCodeTableSet) return lastCodeTable!;
  let table = codeTables.get(chars);
  if (!table) {
    table = new Uint8Array(0x10000);
    for (const c of chars) if (c.length === 1) table[c.charCodeAt(0)] = 1;
    codeTables.set(chars, table);
  }
  lastCodeTableSet = chars;
  lastCodeTable = table;
  return table;
}

/** Is `c` a CJK ideograph (the characters a name is made of)? */
export function isHan(c: string | undefined): boolean {
  if (c === undefined) return false;
  // One character, the usual call (`isHan(text[i])`): a range test, no regex run.
  if (c.length === 1) {
    const code = c.charCodeAt(0);
    return code >= 0x3400 && code <= 0x9fff;
  }
  return /[\u3400-\u9fff]/.test(c);
}

/** Is the character at `i` of `text` a CJK ideograph? (`isHan(text[i])` without making a one-character string.) */
export function isHanAt(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const code = text.charCodeAt(i);
  return code >= 0x3400 && code <= 0x9fff;
}

/** Length of the surname starting at `i` (2 for a compound surname, 1 for a single one), or 0. */
export function surnameLength(text: string, i: number, lex: PeopleLexicon): number {
  if (i < 0 || i >= text.length) return 0;
  const codes = surnameCodes(lex);
  const c = text.charCodeAt(i);
  // Character codes, no one- and two-character strings: this runs at every candidate position.
  if (codes.compoundFirst[c] && i + 1 < text.length && codes.compound.has(c * 0x10000 + text.charCodeAt(i + 1))) return 2;
  return codes.single[c]!;
}

/** The surname sets as tables of UTF-16 codes (compound surnames as `first * 2^16 + second`). */
interface SurnameCodes {
  single: Uint8Array;
  compoundFirst: Uint8Array;
  compound: Set<number>;
}

const surnameCodesOf = new WeakMap<Set<string>, SurnameCodes>();

let lastSingleSurnames: Set<string> | null = null;
let lastCompoundSurnames: Set<string> | null = null;
let lastSurnameCodes: SurnameCodes | null = null;

function surnameCodes(lex: PeopleLexicon): SurnameCodes {
  // One lexicon in practice: the last one's tables answer without two WeakMap lookups per candidate.
  if (lex.singleSurnames === lastSingleSurnames && lex.compoundSurnames === lastCompoundSurnames) return lastSurnameCodes!;
  const codes = surnameCodesFor(lex);
  lastSingleSurnames = lex.singleSurnames;
  lastCompoundSurnames = lex.compoundSurnames;
  lastSurnameCodes = codes;
  return codes;
}

function surnameCodesFor(lex: PeopleLexicon): SurnameCodes {
  let codes = surnameCodesOf.get(lex.singleSurnames);
  if (codes && surnameCodesOf.get(lex.compoundSurnames) === codes) return codes;
  codes = { single: new Uint8Array(0x10000), compoundFirst: new Uint8Array(0x10000), compound: new Set() };
  for (const s of lex.singleSurnames) if (s.length === 1) codes.single[s.charCodeAt(0)] = 1;
  for (const s of lex.compoundSurnames) {
    if (s.length !== 2) continue;
    codes.compoundFirst[s.charCodeAt(0)] = 1;
    codes.compound.add(s.charCodeAt(0) * 0x10000 + s.charCodeAt(1));
  }
  surnameCodesOf.set(lex.singleSurnames, codes);
  surnameCodesOf.set(lex.compoundSurnames, codes);
  return codes;
}

/** The slot of a word's first two characters in a stop-word pair table (a name has two at least). */
function namePairSlot(word: string): number {
  return pairHash(word.charCodeAt(0), word.charCodeAt(1)) >>> 18;
}

let lastStopWords: Set<string> | null = null;
let lastStopWordPairs: Uint8Array | null = null;

/**
 * The slots of the stop words' first two characters (remembered for the last set: one lexicon in
 * practice): most names start with no stop word's pair, and are passed without hashing them
 * for the Set. A word of one character is never a name.
 */
function stopWordPairs(words: Set<string>): Uint8Array {
  if (words === lastStopWords) return lastStopWordPairs!;
  const table = new Uint8Array(1 << 14);
  for (const word of words) if (word.length >= 2) table[namePairSlot(word)] = 1;
  lastStopWords = words;
  lastStopWordPairs = table;
  return table;
}

/**
 * Characters that end real two-character given names (张永和, 王秋月, 李延年, 王亚男) but far
 * more often follow a name or a number in news text (`吴锦和周志红`, `2021年`): lexicon's
 * never-in-name characters that a name may still end in where the name is closed, i.e. where
 * nothing can continue the phrase after it (a separator, or a verb such as 主持 or 出席).
 */
const FINAL_WHEN_CLOSED = new Set([...'和年月男']);
const NIAN = 0x5e74; // 年
const YUE = 0x6708; // 月
const FINAL_WHEN_CLOSED_CODES = codeTable(FINAL_WHEN_CLOSED);

/**
 * Is `name` shaped like a full name: surname + one or two characters, no function words, not a
 * stop word? `closed`: the name is known to end where it ends (a whole list item, a byline, or
 * a separator, 等 or a verb after it), so a two-character given name may end in 和, 年, 月 or
 * 男, and a one-character one in 年 or 月.
 */
export function isPlausibleName(name: string, lex: PeopleLexicon, closed = false): boolean {
  const s = surnameLength(name, 0, lex);
  if (!s) return false;
  const given = name.length - s;
  if (given < 1 || given > 2) return false;
  for (let i = 0; i < name.length; i++) if (!isHanAt(name, i)) return false;
  // Function words end phrases, not names (`吴锦在…`); inside a name they occur (`汪在祥`).
  const last = name.charCodeAt(name.length - 1);
  // (A one-character given name may end so only in 年 or 月, 王月 or 张年: `吴和` is 吴 and a conjunction.)
  if (codeTable(lex.neverInName)[last] && !(closed && FINAL_WHEN_CLOSED_CODES[last] && (given === 2 || last === NIAN || last === YUE))) return false;
  if (given === 2 && MIDDLE_NEVER_CODES[name.charCodeAt(s)]) return false;
  if (name.includes('同志')) return false;
  if (stopWordPairs(lex.stopWords)[namePairSlot(name)] && lex.stopWords.has(name)) return false;
  for (const p of lex.stopPrefixes) if (name.startsWith(p)) return false;
  return true;
}

/**
 * How strongly position `i` ends a name: 2 at the end of text, before punctuation or a word
 * of two or more characters that follows names (出席, 表示); 1 before a one-character word
 * (在, 来, 作), which may also be the last character of a longer name; 0 otherwise.
 */
export function nameBoundary(text: string, i: number): 0 | 1 | 2 {
  if (!isHanAt(text, i)) return 2;
  const m = afterName.longestAt(text, i);
  if (!m) return 0;
  return m.key.length >= 2 ? 2 : 1;
}

/**
 * Verbs after which a name is closed: `县委书记刘顺和主持会议` can only read 刘顺和, since a
 * conjunction 和 would need a second name or title after it (`吴锦和周志红出席`, `吴锦和市长…`).
 */
const CLOSING_VERBS = new Automaton(
  [
    '出席', '主持', '表示', '指出', '强调', '要求', '介绍', '讲话', '致辞', '参加', '陪同', '调研', '宣布', '宣读',
    '会见', '看望', '慰问', '察看', '听取', '带领', '带队', '率队', '率领', '发言', '汇报', '当选', '出任', '前往',
    '来到', '深入', '考察', '检查', '视察', '认为', '希望', '提出', '说', '列席', '担任', '兼任', '应邀', '参会', '到会',
    '接受', '发布', '通报', '等',
  ].map((w) => [w, true] as const),
);

/** Does position `i` close a name: end of text, a non-Han character (punctuation, space) or a verb of CLOSING_VERBS? */
export function closesName(text: string, i: number): boolean {
  return !isHanAt(text, i) || CLOSING_VERBS.longestAt(text, i) !== null;
}

/** Is position `i` a place where a name may end? */
export function isNameBoundary(text: string, i: number): boolean {
  return nameBoundary(text, i) > 0;
}

/**
 * The name starting at `start`, or null. Known names (found elsewhere in the article) win;
 * otherwise the shortest plausible name followed by a boundary.
 */
export function nameAt(text: string, start: number, lex: PeopleLexicon, known?: Automaton<true>): NameSpan | null {
  if (known) {
    const k = known.longestAt(text, start);
    if (k) return { start, end: k.end, name: k.key };
  }
  const s = surnameLength(text, start, lex);
  if (!s) return null;
  // The shortest plausible reading followed by a boundary, and the next one (no arrays: this runs at every title).
  let shortEnd = -1;
  let shortStrength = 0;
  let longEnd = -1;
  for (let given = 1; given <= 2; given++) {
    const end = start + s + given;
    if (end > text.length) break;
    const reading = text.slice(start, end);
    if (!isPlausibleName(reading, lex) && !(closesName(text, end) && isPlausibleName(reading, lex, true))) continue;
    const strength = nameBoundary(text, end);
    if (!strength) continue;
    if (shortEnd < 0) {
      shortEnd = end;
      shortStrength = strength;
    } else longEnd = end;
  }
  // `李春来出席`, `王春来在会上`: the two-character reading ends before a one-character word
  // (来) that can also end a name, and the three-character one is followed by a boundary
  // too: the longer name is meant. Function words never end a name (`吴锦在`), so they
  // do not make a longer reading.
  const end = shortEnd >= 0 && longEnd >= 0 && shortStrength === 1 ? longEnd : shortEnd;
  if (end >= 0) return { start, end, name: text.slice(start, end) };
  return spacedNameAt(text, start, s, lex);
}

/**
 * `党委书记刘 涛陪同调研`: a name with a space after its surname, as some sites lay out
 * two-character names; the name is given without the space, its span covers it. Only where the
 * name reads to a boundary, as in nameAt (the space alone says nothing: `记者叶力铭 张梦瑶`).
 */
function spacedNameAt(text: string, start: number, surname: number, lex: PeopleLexicon): NameSpan | null {
  const gap = start + surname;
  const c = text.charCodeAt(gap);
  if (c !== 0x20 && c !== 0x3000) return null;
  for (let given = 1; given <= 2; given++) {
    const end = gap + 1 + given;
    if (end > text.length) break;
    const name = text.slice(start, gap) + text.slice(gap + 1, end);
    if (isPlausibleName(name, lex) && nameBoundary(text, end) === 2) return { start, end, name };
  }
  return null;
}

/**
 * Splits a run of names written without separators (`李天然夏雨彬`) into names, each a
 * surname plus one or two characters; fewest pieces win, then longer first pieces. Returns
 * null when the run cannot be split that way.
 */
export function splitNameRun(run: string, lex: PeopleLexicon): string[] | null {
  // From the end: the fewest pieces the rest from each position splits into (-1: none), and
  // the length of the first piece of that split; the pieces are read off from the start after.
  const length = run.length;
  // Plain arrays: a run is a dozen characters at most, too few for a typed array's making to pay.
  const fewest: number[] = [];
  const firstLength: number[] = [];
  for (let i = 0; i <= length; i++) {
    fewest.push(-1);
    firstLength.push(0);
  }
  fewest[length] = 0;
  for (let i = length - 1; i >= 0; i--) {
    for (const pieceLength of PIECE_LENGTHS) {
      const restAt = i + pieceLength;
      if (restAt > length || fewest[restAt]! < 0 || !isPlausibleName(run.slice(i, restAt), lex)) continue;
      // Fewer pieces win; of equal counts, the first length of PIECE_LENGTHS.
      if (fewest[i]! < 0 || fewest[restAt]! + 1 < fewest[i]!) {
        fewest[i] = fewest[restAt]! + 1;
        firstLength[i] = pieceLength;
      }
    }
  }
  if (fewest[0]! < 0) return null;
  const pieces: string[] = [];
  for (let i = 0; i < length; i += firstLength[i]!) pieces.push(run.slice(i, i + firstLength[i]!));
  return pieces;
}

/** The lengths splitNameRun tries for a name, in order of preference. */
const PIECE_LENGTHS = [3, 2, 4];
