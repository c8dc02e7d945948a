/**
 * Pinyin for people's names, shown next to them in `guanxi timeline`, `guanxi show` and the
 * graph page, and used to search by pinyin.
 *
 * Names are read as names: the surname takes its surname reading (单 → Shan, 曾 → Zeng,
 * 仇 → Qiu, 解 → Xie), which pinyin-pro's `surname: 'head'` mode knows, and a two-character
 * surname (欧阳, 司马, 诸葛) stays one word, as the Chinese standard for romanised names
 * (GB/T 28039-2011) writes it: 欧阳修 → "Ouyang Xiu", 吴锦 → "Wu Jin", 单雄信 → "Shan Xiongxin".
 */
import { pinyin } from 'pinyin-pro';

/**
 * Two-character surnames (the compound surnames of the 百家姓 and a few later ones). A
 * 3-character name starting with one of these is read as surname + one-character given name.
 * Source: 百家姓 复姓 section, cross-checked with GB/T 28039-2011 examples; 2026-11.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '太史', '端木', '上官', '司马', '东方', '独孤', '南宫', '万俟', '闻人', '夏侯', '诸葛',
  '尉迟', '公羊', '赫连', '澹台', '皇甫', '宗政', '濮阳', '公冶', '太叔', '申屠', '公孙', '慕容',
  '仲孙', '钟离', '长孙', '宇文', '司徒', '鲜于', '司空', '闾丘', '子车', '亓官', '司寇', '巫马',
  '公西', '颛孙', '壤驷', '公良', '漆雕', '乐正', '宰父', '谷梁', '拓跋', '夹谷', '轩辕', '令狐',
  '段干', '百里', '呼延', '东郭', '南门', '羊舌', '微生', '公户', '公玉', '公仪', '梁丘', '公仲',
  '公上', '公门', '公山', '公坚', '左丘', '公伯', '西门', '公祖', '第五', '公乘', '贯丘', '公皙',
  '南荣', '东里', '东宫', '仲长', '子书', '子桑', '即墨', '达奚', '褚师',
]);

/** True when `s` is written in Han characters only (what a Chinese personal name is). */
function isHan(s: string): boolean {
  return /^\p{Script=Han}+$/u.test(s);
}

function capitalise(s: string): string {
  return s ? s[0]!.toUpperCase() + s.slice(1) : s;
}

/** Splits a Chinese personal name into surname and given name (`欧阳修` → [`欧阳`, `修`]). */
export function splitName(name: string): [surname: string, given: string] {
  const chars = [...name];
  if (chars.length >= 3 && COMPOUND_SURNAMES.has(chars.slice(0, 2).join(''))) {
    return [chars.slice(0, 2).join(''), chars.slice(2).join('')];
  }
  return [chars[0] ?? '', chars.slice(1).join('')];
}

/**
 * Syllables of a name with their tone marks, with the surname reading for its first
 * character(s). Tone marks are taken off by `toneless` once per part of the name: pinyin-pro's
 * `toneType: 'none'` runs nine regular expressions over each syllable, most of what a name costs.
 */
function syllables(name: string): string[] {
  return pinyin(name, { surname: 'head', type: 'array' });
}

/** The letters with a tone mark pinyin-pro writes, and the letter its `toneType: 'none'` leaves. */
const TONELESS: Readonly<Record<string, string>> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o',
  ē: 'e', é: 'e', ě: 'e', è: 'e',
  ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ū: 'u', ú: 'u', ǔ: 'u', ù: 'u',
  ǖ: 'ü', ǘ: 'ü', ǚ: 'ü', ǜ: 'ü',
  ń: 'n', ň: 'n', ǹ: 'n',
  ḿ: 'm',
  ế: 'ê', ề: 'ê',
};

/**
 * What pinyin-pro's `toneType: 'none'` rewrites (getPinyinWithoutTone): the letters above, and
 * n, m or ê followed by a combining tone mark (n̄, m̄ m̌ m̀, ê̄ ê̌), which lose the mark. No form
 * spans two syllables, so a joined run of syllables is rewritten as each of them would be.
 */
const TONE_MARKED = /[āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜńňǹḿếề]|n\u0304|m[\u0304\u030c\u0300]|ê[\u0304\u030c]/g;

/** `syllables` joined as pinyin-pro's `toneType: 'none'` would give them: `Lǚ` → `Lü`. */
export function toneless(text: string): string {
  return text.replace(TONE_MARKED, (form) => (form.length > 1 ? form[0]! : TONELESS[form]!));
}

/**
 * The romanised form of a Chinese personal name: `吴锦` → `Wu Jin`, `欧阳修` → `Ouyang Xiu`,
 * `单雄信` → `Shan Xiongxin`. Names that are not all Han characters come back unchanged.
 */
export function personPinyin(name: string): string {
  if (!name || !isHan(name)) return name;
  const [surname] = splitName(name);
  const syl = syllables(name);
  const n = [...surname].length;
  const sur = capitalise(toneless(syl.slice(0, n).join('')));
  const giv = capitalise(toneless(syl.slice(n).join('')));
  return giv ? `${sur} ${giv}` : sur;
}

/**
 * Lower-case keys a search box matches against: the full pinyin without spaces
 * (`wujin`), with `ü` also as `v` and `u` (`lvjian`, `lujian`), and the initials (`wj`).
 * Non-Han text gives its lower-cased self.
 */
export function pinyinKeys(text: string): string[] {
  if (!text) return [];
  if (!/\p{Script=Han}/u.test(text)) return [text.toLowerCase()];
  const syl = pinyin(text, { surname: 'head', toneType: 'none', type: 'array', nonZh: 'consecutive' }).map((s) =>
    s.toLowerCase().replace(/\s+/g, ''),
  );
  const full = syl.join('');
  const keys = new Set([full, full.replace(/ü/g, 'v'), full.replace(/ü/g, 'u'), syl.map((s) => s[0] ?? '').join('')]);
  return [...keys].filter(Boolean);
}
