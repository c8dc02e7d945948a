/**
 * The synthetic world behind the benchmark corpus: divisions (the real gazetteer's 湖北省
 * when data/gazetteer/divisions.tsv is there, else a generated pool), officials drawn from
 * GENERATED name pools holding offices over dated terms (so offices change hands and some
 * people are promoted), same-name different people, campaigns, projects, organisations,
 * newspapers and their reporters. Nothing here is taken from the sample or dev articles:
 * names are surname × given-name characters, campaigns and projects are cue-word
 * combinations, so the resolver sees realistic repetition without memorisable strings.
 *
 * Example: `const world = buildWorld(42, loadDivisions())` is the same world for the same
 * seed and gazetteer file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Rng, mixSeed } from './prng.js';

/** A division in the corpus' world. `level`: P province, C prefecture, X county-level, T township. */
export interface Division {
  code: string;
  name: string;
  short: string;
  level: 'P' | 'C' | 'X' | 'T';
  parent: string | null;
}

/** One person's hold on one office slot: day numbers since 2014-01-01, end exclusive. */
export interface Term {
  person: string;
  from: number;
  to: number;
}

/** An office slot in one division: the title as a local paper writes it, and who held it when. */
export interface OfficeSlot {
  title: string;
  terms: Term[];
}

export interface County {
  division: Division;
  /** `县`, `市` or `区`: decides titles (`县委书记`/`县长`, `市委书记`/`市长`, `区委书记`/`区长`). */
  kind: string;
  secretary: OfficeSlot;
  head: OfficeSlot;
  towns: Array<{ division: Division; secretary: OfficeSlot; head: OfficeSlot }>;
}

export interface City {
  division: Division;
  paper: string;
  /** Romanised paper name for Jekyll categories (`jingzhouribao`-like). */
  slug: string;
  host: string;
  reporters: string[];
  editors: string[];
  secretary: OfficeSlot;
  mayor: OfficeSlot;
  deputySecretary: OfficeSlot;
  congress: OfficeSlot;
  cppcc: OfficeSlot;
  standing: OfficeSlot[];
  viceMayors: OfficeSlot[];
  counties: County[];
  campaigns: Campaign[];
  projects: string[];
  organizations: string[];
  zones: string[];
}

export interface Campaign {
  name: string;
  /** Named parts, for `全面打响“四大会战”` followed by the battles. */
  parts: string[];
}

export interface World {
  seed: number;
  province: Division;
  cities: City[];
  /** Where the divisions came from: `gazetteer` or `generated`. */
  divisionSource: 'gazetteer' | 'generated';
}

/** Days in the corpus' span, 2014-01-01 … 2024-12-31. */
export const DAYS = 4018;
const EPOCH = Date.UTC(2014, 0, 1);

/** `YYYY-MM-DD` of a day number. */
export function dayToDate(day: number): string {
  return new Date(EPOCH + day * 86400000).toISOString().slice(0, 10);
}

// Common surnames by rough frequency (Ministry of Public Security 2020 ranking, top ~80,
// plus compound surnames that test two-character surname handling).
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文'];
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '令狐', '皇甫'];
// Given-name characters common in officials' names of the 1960s–80s cohorts.
const GIVEN = [...'国华明建军平志红伟文光辉永新春海峰东勇俊杰涛斌超波宏刚强林云振兴德安庆荣昌福祥成学玉秀英兰芳丽娟敏静燕霞萍晓立世中友和清正义民生宇飞鹏翔宁远利德水山松柏冬雪梅桂金银铭锦守卫昌俊彬炳洪涛润泽鑫源航博瑞智慧勤'];
const TOWN_CHARS = [...'东西南北中新老河湖山岭桥港口洲湾岗坪集铺店台堤垸沟塘坝渡溪桥关庙寺家陵阳林石田湾'];
const CITY_CHARS = [...'江汉荆楚襄宜恩鄂黄孝随咸昌阳州陵沙松石洪监安公枝当远谷保竹房丹'];
const BRAND_CHARS = [...'华鑫荣达恒盛泰宏新远博瑞金源联合嘉兴立中天海德隆信诚富安康宝丰顺晨光星辰鹏飞'];
const PRODUCTS = ['纸业', '新材料', '新能源电池', '生物医药', '智能制造', '光电', '汽车零部件', '精细化工', '食品加工', '冷链物流', '数据中心', '纺织服装', '装备制造', '电子信息', '绿色建材', '农产品加工'];
const PROJECT_SUFFIX = ['项目', '产业园', '产业园项目', '生产基地项目', '智慧工厂项目'];
const CAMPAIGN_FIELDS = ['工业', '招商', '项目', '环境', '城建', '乡村', '产业', '科技', '开放', '民生', '生态', '改革', '交通', '文旅', '园区', '营商', '安全', '消费'];
const CAMPAIGN_BATTLES = ['突围战', '攻坚战', '阵地战', '立体战', '歼灭战', '保卫战', '持久战', '大会战'];
const NUMERALS = ['两', '三', '四', '五', '六', '七', '八'];
const DEPARTMENTS = ['发改委', '经信局', '住建局', '财政局', '商务局', '自然资源和规划局', '生态环境局', '交通运输局', '农业农村局', '文化和旅游局', '政务数据局', '招商局', '统计局', '审计局', '应急管理局', '市场监管局'];

function personName(rng: Rng): string {
  const surname = rng.chance(0.015) ? rng.pick(COMPOUND_SURNAMES) : rng.zipf(SURNAMES, 0.8);
  const given = rng.chance(0.7) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return surname + given;
}

/** Reads the real gazetteer's 湖北省 (code 42…) when present; `null` when the file is not there. */
export function loadDivisions(path = 'data/gazetteer/divisions.tsv'): Division[] | null {
  if (!existsSync(path)) return null;
  const out: Division[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.startsWith('42')) continue;
    const [code, name, level, parent, shorts] = line.split('\t');
    if (!code || !name || !level) continue;
    const short = shorts?.split('|')[0] || name.replace(/(市|县|区|镇|乡|街道|省)$/u, '');
    out.push({ code, name, short, level: level as Division['level'], parent: parent || null });
  }
  return out.length ? out : null;
}

/** A small generated province when the gazetteer has not landed (same shape as the real one). */
function generatedDivisions(rng: Rng): Division[] {
  const out: Division[] = [{ code: '990000', name: '江汉省', short: '江汉', level: 'P', parent: null }];
  const used = new Set<string>();
  const fresh = (chars: string[]) => {
    for (;;) {
      const s = rng.pick(chars) + rng.pick(chars);
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };
  for (let c = 1; c <= 12; c++) {
    const short = fresh(CITY_CHARS);
    const code = `99${String(c).padStart(2, '0')}00`;
    out.push({ code, name: short + '市', short, level: 'C', parent: '990000' });
    for (let x = 1; x <= rng.int(4, 8); x++) {
      const xs = fresh(CITY_CHARS);
      const suffix = x === 1 ? '区' : rng.pick(['县', '县', '市', '区']);
      const xcode = code.slice(0, 4) + String(x).padStart(2, '0');
      out.push({ code: xcode, name: xs + suffix, short: xs, level: 'X', parent: code });
      for (let t = 1; t <= rng.int(5, 12); t++) {
        const ts = fresh(TOWN_CHARS);
        out.push({ code: xcode + String(100 + t), name: ts + (rng.chance(0.8) ? '镇' : '乡'), short: ts, level: 'T', parent: xcode });
      }
    }
  }
  return out;
}

/** Builds the office-holder timeline of one slot: consecutive terms of 2–5 years. */
function slot(rng: Rng, title: string, newPerson: () => string, promote: string[]): OfficeSlot {
  const terms: Term[] = [];
  let day = -rng.int(0, 1500);
  while (day < DAYS) {
    const len = rng.int(700, 1800);
    // Promotions make one person hold several offices over the years (副市长 → 市长 → 书记).
    const person = promote.length && rng.chance(0.4) ? rng.pick(promote) : newPerson();
    terms.push({ person, from: day, to: day + len });
    day += len;
  }
  return { title, terms };
}

/** Who holds `slot` on `day`. */
export function holder(s: OfficeSlot, day: number): string {
  for (const t of s.terms) if (day >= t.from && day < t.to) return t.person;
  return s.terms[s.terms.length - 1]!.person;
}

/** Builds the world for a seed; `divisions` from `loadDivisions()` or null for the generated pool. */
export function buildWorld(seed: number, divisions: Division[] | null): World {
  const rng = new Rng(mixSeed(seed, 0x5eed));
  const divs = divisions ?? generatedDivisions(rng);
  const province = divs.find((d) => d.level === 'P')!;
  const children = new Map<string, Division[]>();
  for (const d of divs) {
    if (!d.parent) continue;
    if (!children.has(d.parent)) children.set(d.parent, []);
    children.get(d.parent)!.push(d);
  }
  const allNames: string[] = [];
  const newPerson = () => {
    // Same-name different people: now and then a new official gets a name already in use elsewhere.
    const name = allNames.length > 50 && rng.chance(0.03) ? rng.pick(allNames) : personName(rng);
    allNames.push(name);
    return name;
  };
  const cityDivs = rng.sample(children.get(province.code)?.filter((d) => d.level === 'C') ?? [], 99);
  const cities: City[] = cityDivs.map((division) => {
    const countyDivs = (children.get(division.code) ?? []).filter((d) => d.level === 'X');
    const counties: County[] = countyDivs.map((cd) => {
      const kind = cd.name.endsWith('县') ? '县' : cd.name.endsWith('区') ? '区' : '市';
      const towns = rng.sample((children.get(cd.code) ?? []).filter((d) => /[镇乡]$/u.test(d.name)), 6).map((td) => {
        const t = td.name.endsWith('乡') ? '乡' : '镇';
        return { division: td, secretary: slot(rng, `${t}党委书记`, newPerson, []), head: slot(rng, `${t}长`, newPerson, []) };
      });
      const head = slot(rng, `${kind}长`, newPerson, []);
      const secretary = slot(rng, `${kind}委书记`, newPerson, head.terms.map((t) => t.person));
      return { division: cd, kind, secretary, head, towns };
    });
    const standing = Array.from({ length: 7 }, () => slot(rng, '市委常委', newPerson, []));
    const viceMayors = Array.from({ length: 5 }, () => slot(rng, '副市长', newPerson, []));
    const juniors = [...standing, ...viceMayors].flatMap((s) => s.terms.map((t) => t.person));
    const mayor = slot(rng, '市长', newPerson, juniors);
    const secretary = slot(rng, '市委书记', newPerson, mayor.terms.map((t) => t.person));
    const short = division.short;
    const slug = `${[...short].map((c) => c.codePointAt(0)!.toString(36)).join('')}ribao`;
    const campaigns: Campaign[] = [];
    for (let i = 0; i < 24; i++) {
      const form = rng.int(0, 5);
      if (form <= 1) campaigns.push({ name: rng.pick(CAMPAIGN_FIELDS) + rng.pick(CAMPAIGN_BATTLES), parts: [] });
      else if (form === 2) {
        const n = rng.int(2, 5);
        const parts = rng.sample(CAMPAIGN_FIELDS, n).map((f) => f + rng.pick(CAMPAIGN_BATTLES));
        campaigns.push({ name: `${NUMERALS[n - 2]}大会战`, parts });
      } else if (form === 3) campaigns.push({ name: `${rng.pick(NUMERALS)}个${rng.pick(['优先', '一批', '必须', '坚持'])}`, parts: [] });
      else if (form === 4) campaigns.push({ name: `千名${rng.pick(['干部', '专家', '党员', '企业家'])}进千${rng.pick(['企', '村', '户', '校'])}`, parts: [] });
      else campaigns.push({ name: `${rng.pick(['绿满', '美丽', '平安', '数字', '幸福'])}${short}${rng.pick(['行动', '工程'])}`, parts: [] });
    }
    const projects: string[] = [];
    for (let i = 0; i < 120; i++) {
      const r = rng.float();
      if (r < 0.7) projects.push(rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS) + rng.pick(PRODUCTS) + rng.pick(PROJECT_SUFFIX));
      else if (r < 0.85 && countyDivs.length) projects.push(rng.pick(countyDivs).short + rng.pick(TOWN_CHARS) + '长江大桥');
      else projects.push(short + rng.pick(cityDivs).short.slice(0, 1) + rng.pick(['高铁', '城际铁路', '高速公路', '港区作业区']));
    }
    const zones = [`${short}开发区`, `${short}高新区`];
    const organizations = [
      ...rng.sample(DEPARTMENTS, 8).map((d) => `市${d}`),
      ...Array.from({ length: 6 }, () => rng.pick(BRAND_CHARS) + rng.pick(BRAND_CHARS) + rng.pick(['集团', '股份有限公司', '实业有限公司'])),
    ];
    const reporters = Array.from({ length: rng.int(8, 16) }, () => personName(rng));
    const editors = Array.from({ length: 3 }, () => personName(rng));
    return {
      division,
      paper: `${short}日报`,
      slug,
      host: `news.${slug.slice(0, 12)}.com.cn`,
      reporters,
      editors,
      secretary,
      mayor,
      deputySecretary: slot(rng, '市委副书记', newPerson, juniors),
      congress: slot(rng, '市人大常委会主任', newPerson, juniors),
      cppcc: slot(rng, '市政协主席', newPerson, juniors),
      standing,
      viceMayors,
      counties,
      campaigns,
      projects,
      organizations,
      zones,
    };
  });
  return { seed, province, cities, divisionSource: divisions ? 'gazetteer' : 'generated' };
}
