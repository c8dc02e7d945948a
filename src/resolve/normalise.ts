/**
 * Name keys for cross-article matching: two surface names that mean the same entity get
 * the same key, so the resolver can block candidates by key in one hash lookup instead
 * of comparing all pairs.
 *
 * Reads an entity type and a canonical name from an extraction; gives a key (for
 * matching) and, for offices, a normal form (for display). Examples:
 * `nameKey('Person', '吴 锦')` → `吴锦`; `nameKey('Campaign', '“双优化”攻坚战')` →
 * `双优化攻坚战`; `nameKey('Campaign', '冲刺三千亿')` = `nameKey('Campaign', '冲刺3000亿')`;
 * `officeNormalForm('荆州市长')` → `荆州市市长`; `nameKey('Organization', '中共荆州市委员会')`
 * → `中共荆州市委`; `nameKey('AdminDivision', '荆州经开区')` → `荆州开发区`.
 */
import type { EntityType } from '../types.js';

/** Quotation marks and brackets that texts put around names and vary between articles. */
const QUOTES = /[“”‘’"'「」『』《》〈〉【】]/g;
const SPACE = /\s+/g;

/** NFKC, whitespace removed (`吴 锦` → `吴锦`), quotes removed. */
export function cleanName(name: string): string {
  return name.normalize('NFKC').replace(SPACE, '').replace(QUOTES, '');
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CN_RUN = /[零〇一二两三四五六七八九十百千]+/g;

/**
 * Rewrites runs of Chinese numerals below ten thousand as Arabic digits, leaving 万 and 亿
 * as words, so `三千亿` and `3000亿` agree (`冲刺三千亿` → `冲刺3000亿`); digit strings
 * without units read digit by digit (`二〇二二` → `2022`). Used for keys only: a key
 * need not read well, it must only agree between the variants.
 */
export function normaliseNumerals(s: string): string {
  return s.replace(CN_RUN, (run) => {
    if (!/[十百千]/.test(run)) return [...run].map((c) => String(CN_DIGITS[c])).join('');
    let total = 0;
    let cur = 0;
    for (const c of run) {
      if (c in CN_UNITS) {
        total += (cur || 1) * CN_UNITS[c]!;
        cur = 0;
      } else {
        cur = CN_DIGITS[c]!;
      }
    }
    return String(total + cur);
  });
}

/** One rewrite of the office normal form, with the rule id the merge record cites. */
interface Rewrite {
  rule: string;
  match: RegExp;
  replace: string | ((...groups: string[]) => string);
}

/**
 * Office rewrites, in order. The titles of heads of government are written with and
 * without the unit (`荆州市长` / `荆州市市长`, `沙市区长` / `沙市区区长`): the normal form
 * writes the jurisdiction in full, then the title.
 */
const OFFICE_REWRITES: Rewrite[] = [
  // `中共荆州市委书记` is the office 荆州市委书记; `中共中央总书记` keeps its prefix (no jurisdiction follows).
  { rule: 'office.drop-cpc-prefix', match: /^(?:中国共产党|中共)(?!中央)/, replace: '' },
  { rule: 'office.committee-short', match: /委员会(?=(?:副|常务副)?书记|常委|委员)/, replace: '委' },
  { rule: 'office.npc-short', match: /人民代表大会常务委员会/, replace: '人大常委会' },
  {
    rule: 'office.cppcc-order',
    match: /^(?:中国人民政治协商会议|政协)(.+?)委员会(.*)$/,
    replace: (_m, place, title) => `${place}政协${title}`,
  },
  {
    rule: 'office.head-unit',
    match: /^(.*?)(副|代理|常务副)?([市县区镇乡])长$/,
    replace: (_m, place, deputy = '', unit) => (place && !place.endsWith(unit) ? `${place}${unit}${deputy}${unit}长` : `${place}${deputy}${unit}长`),
  },
];

/** The normal form of an office name: `荆州市长` → `荆州市市长`, `中共荆州市委员会书记` → `荆州市委书记`. */
export function officeNormalForm(name: string): string {
  let s = cleanName(name);
  for (const r of OFFICE_REWRITES) s = s.replace(r.match, r.replace as string);
  return s;
}

/** Organisation variants: `中共荆州市委员会` → `中共荆州市委`; the people's congress written short. */
const ORG_REWRITES: Rewrite[] = [
  { rule: 'org.cpc-prefix', match: /^中国共产党/, replace: '中共' },
  { rule: 'org.committee-short', match: /^(中共.+?)委员会$/, replace: '$1委' },
  { rule: 'org.npc-short', match: /人民代表大会常务委员会/, replace: '人大常委会' },
  { rule: 'org.government-short', match: /人民政府$/, replace: '政府' },
];

/** Functional-zone variants: 经济技术开发区 / 经济开发区 / 经开区 → 开发区; 高新技术产业开发区 → 高新区. */
const ZONE_REWRITES: Rewrite[] = [
  { rule: 'zone.hitech', match: /高新技术产业开发区$|高新技术开发区$/, replace: '高新区' },
  { rule: 'zone.development', match: /经济技术开发区$|经济开发区$|经开区$/, replace: '开发区' },
];

function applyAll(s: string, rewrites: Rewrite[]): string {
  for (const r of rewrites) s = s.replace(r.match, r.replace as string);
  return s;
}

/** The matching key of a name of the given entity type (see the module comment). */
export function nameKey(type: EntityType, name: string): string {
  const clean = cleanName(name);
  switch (type) {
    case 'Person':
      return clean;
    case 'Office':
      return officeNormalForm(clean);
    case 'Organization':
      return applyAll(clean, ORG_REWRITES);
    case 'AdminDivision':
      return applyAll(clean, ZONE_REWRITES);
    case 'Campaign':
    case 'Project':
    case 'Event':
      return normaliseNumerals(clean);
  }
}

/**
 * Picks the display name among the surface names of one entity: the most frequent, then
 * the smaller code-point string (so Arabic digits beat Chinese numerals: `冲刺3000亿`),
 * which keeps the choice independent of input order.
 */
export function pickDisplayName(counts: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [name, n] of counts) {
    if (n > bestN || (n === bestN && name < best)) {
      best = name;
      bestN = n;
    }
  }
  return best;
}
