/**
 * Writes one synthetic article of the genre (local-government news) in one of the three
 * formats the samples come in: a Jekyll post with front matter and `<p>` HTML, a scraped
 * page with site chrome around the text, or PDF-extracted text with hard line breaks and
 * a doubled title. Sentences recombine the genre's structures (`市委书记X出席会议并强调…`,
 * `市委副书记、市长X主持会议`, attendance lists, `打响“…战”`, `总投资N亿元的…项目`,
 * bylines) over the people, offices and places of a `World`.
 *
 * Example: `generateArticle(world, 7)` is always the same `{name, content, manifest}`.
 */
import { Rng, mixSeed } from './prng.js';
import { DAYS, dayToDate, holder, type City, type World } from './world.js';

/** One generated article: its file name, its bytes (as a string) and its manifest line. */
export interface GeneratedArticle {
  name: string;
  content: string;
  format: 'jekyll' | 'scraped' | 'pdf';
  manifest: { path: string; url: string; date: string; home: string; title: string };
}

const VERBS = ['坚持', '强化', '推动', '加快', '深化', '聚焦', '狠抓', '持续优化', '全力推进', '大力实施', '扎实做好', '着力提升'];
const OBJECTS = ['项目建设', '招商引资', '营商环境', '产业转型升级', '乡村振兴', '城市更新', '民生保障', '安全生产', '生态环境保护', '科技创新', '数字经济发展', '县域经济', '园区承载能力', '要素保障', '干部作风建设', '重点改革任务'];
const TAILS = ['，奋力开创高质量发展新局面', '，确保各项目标任务落到实处', '，以实绩实效检验工作成效', '，推动经济量级新跨越', '，为建设区域性中心城市贡献力量', '，努力在危机中育新机、于变局中开新局', '，形成比学赶超的浓厚氛围', ''];
const IDIOMS = ['咬定青山、铁杵磨针', '攻城拔寨、千帆竞发', '只争朝夕、不负韶华', '敢为人先、勇立潮头', '滴水穿石、久久为功'];
const MEETINGS = ['优化营商环境推进会', '招商引资工作会议', '项目建设现场推进会', '经济运行调度会', '安全生产工作会议', '乡村振兴工作会议', '作风建设大会', '重点项目集中开工动员会'];

function clause(rng: Rng): string {
  return rng.pick(VERBS) + rng.pick(OBJECTS) + '，' + rng.pick(VERBS) + rng.pick(OBJECTS) + rng.pick(TAILS);
}

function sentence(rng: Rng): string {
  const lead = rng.pick(['会议指出，', '会议强调，', '会议要求，', '', '', '要', '必须']);
  return lead + clause(rng) + '。';
}

function list(names: string[]): string {
  return names.join('、');
}

interface Ctx {
  rng: Rng;
  city: City;
  day: number;
  world: World;
}

function cityOfficials(ctx: Ctx) {
  const { city, day } = ctx;
  return {
    secretary: holder(city.secretary, day),
    mayor: holder(city.mayor, day),
    deputy: holder(city.deputySecretary, day),
    congress: holder(city.congress, day),
    cppcc: holder(city.cppcc, day),
    standing: city.standing.map((s) => holder(s, day)),
    vice: city.viceMayors.map((s) => holder(s, day)),
  };
}

function campaignParagraph(ctx: Ctx, speaker: string): string {
  const { rng, city } = ctx;
  const c = rng.pick(city.campaigns);
  if (c.parts.length) {
    const parts = c.parts.map((p) => `要以“${rng.pick(IDIOMS)}”的干劲，打响“${p}”。${clause(rng)}。`).join('');
    return `“要全面打响‘${c.name}’，${clause(rng)}。”${speaker}要求，${parts}`;
  }
  return `${speaker}强调，要${rng.pick(['深入开展', '全面打响', '持续推进', '扎实推进'])}“${c.name}”，${clause(rng)}。${sentence(rng)}`;
}

function projectParagraph(ctx: Ctx): string {
  const { rng, city } = ctx;
  const county = city.counties.length ? rng.pick(city.counties) : null;
  const town = county?.towns.length ? rng.pick(county.towns).division.name : '';
  const place = county ? county.division.name + town : city.division.name;
  const n = rng.int(3, 60);
  const projects = rng.sample(city.projects, rng.int(1, 3));
  const lines = projects.map((p) => {
    const amount = rng.chance(0.2) ? '百亿元' : `${rng.int(2, 150)}${rng.chance(0.3) ? '.' + rng.int(1, 9) : ''}亿元`;
    return `总投资${amount}的${p}${rng.pick(['落户', '开工建设', '签约落地', '正式投产'])}${place}`;
  });
  return `${dayToDate(ctx.day).slice(5, 7).replace(/^0/, '')}月以来，全市集中开工${n}个重大项目、总投资${rng.int(50, 1500)}亿元。其中，${lines.join('；')}。${sentence(rng)}`;
}

function countyVoices(ctx: Ctx, k: number): string[] {
  const { rng, city, day } = ctx;
  return rng.sample(city.counties, k).map((c) => {
    const useTown = c.towns.length > 0 && rng.chance(0.35);
    if (useTown) {
      const t = rng.pick(c.towns);
      return `${c.division.name}${t.division.name}${t.secretary.title}${holder(t.secretary, day)}表示：“${clause(rng)}。”`;
    }
    const slotUsed = rng.chance(0.6) ? c.secretary : c.head;
    return `${c.division.name}${slotUsed.title}${holder(slotUsed, day)}${rng.pick(['表示', '说', '认为'])}，“${clause(rng)}。${clause(rng)}。”`;
  });
}

/** The paragraphs of one article and its title. */
function body(ctx: Ctx): { title: string; paragraphs: string[]; byline: string[] } {
  const { rng, city, day } = ctx;
  const o = cityOfficials(ctx);
  const date = dayToDate(day);
  const md = `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
  const byline = rng.sample(city.reporters, rng.int(1, 4));
  const genre = rng.float();
  const paragraphs: string[] = [];
  let title: string;
  if (genre < 0.6) {
    const meeting = rng.chance(0.3) ? `市委经济工作会议` : `全市${rng.pick(MEETINGS)}`;
    title = `${clause(rng).replace(/，/gu, '').slice(0, 24)}`;
    paragraphs.push(
      `${md}${rng.pick(['上午', '下午', ''])}，${meeting}${rng.pick(['召开', '举行'])}。市委书记${o.secretary}出席会议并${rng.pick(['强调', '讲话'])}，${clause(rng)}。市委副书记、市长${o.mayor}${rng.pick(['主持会议', '作工作部署'])}。`,
    );
    if (rng.chance(0.6)) {
      paragraphs.push(
        `市委副书记${o.deputy}，市人大常委会主任${o.congress}，市政协主席${o.cppcc}，市委常委${list(rng.sample(o.standing, rng.int(3, 7)))}出席会议。`,
      );
    } else {
      paragraphs.push(`市领导${list(rng.sample([...o.standing, ...o.vice], rng.int(2, 6)))}出席会议。`);
    }
    for (let i = rng.int(3, 10); i > 0; i--) paragraphs.push(sentence(rng) + sentence(rng) + sentence(rng) + sentence(rng));
    paragraphs.push(`${o.secretary}${rng.pick(['指出', '强调'])}，${clause(rng)}。${sentence(rng)}`);
    paragraphs.push(campaignParagraph(ctx, o.secretary));
    if (rng.chance(0.5)) paragraphs.push(projectParagraph(ctx));
    paragraphs.push(...countyVoices(ctx, rng.int(0, 3)));
    if (rng.chance(0.5)) paragraphs.push(`会议以电视电话会议形式开到各县（市、区）。${rng.pick(city.organizations)}、${rng.pick(city.zones)}作交流发言。`);
  } else if (genre < 0.8) {
    const county = city.counties.length ? rng.pick(city.counties) : null;
    const p = rng.pick(city.projects);
    title = `${p}${rng.pick(['开工', '签约', '投产'])}`;
    paragraphs.push(
      `${md}，${p}${rng.pick(['开工仪式', '签约仪式', '投产仪式'])}在${county ? county.division.name : city.division.name}举行。市委书记${o.secretary}宣布项目开工，副市长${rng.pick(o.vice)}主持仪式。`,
    );
    paragraphs.push(projectParagraph(ctx));
    for (let i = rng.int(2, 7); i > 0; i--) paragraphs.push(sentence(rng) + sentence(rng) + sentence(rng));
    if (county) paragraphs.push(...countyVoices(ctx, 1));
  } else {
    const c = rng.pick(city.campaigns);
    title = `以“${c.name}”为抓手${clause(rng).split('，')[0]}`;
    paragraphs.push(`${clause(rng)}。${city.division.short}${rng.pick(['当前', '今年', '近年来'])}，${clause(rng)}。`);
    for (let i = rng.int(4, 12); i > 0; i--) paragraphs.push(sentence(rng) + sentence(rng) + sentence(rng) + sentence(rng));
    paragraphs.push(campaignParagraph(ctx, o.mayor));
    paragraphs.push(...countyVoices(ctx, rng.int(1, 4)));
  }
  return { title, paragraphs, byline };
}

function doubled(rng: Rng, s: string): string {
  // The PDF extraction fault of the samples: runs of 2–4 characters each written twice.
  let out = '';
  for (let i = 0; i < s.length; ) {
    const n = rng.int(2, 4);
    const run = s.slice(i, i + n);
    out += run + run;
    i += n;
  }
  return out;
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i += width) out.push(chars.slice(i, i + width).join(''));
  return out;
}

const ASCII_PUNCT: Record<string, string> = { '，': ',', '：': ':', '（': '(', '）': ')', '；': ';' };

/** Generates article `index` of the corpus for `world`; a pure function of (world, index). */
export function generateArticle(world: World, index: number): GeneratedArticle {
  const rng = new Rng(mixSeed(world.seed, index + 1));
  const city = rng.zipf(world.cities, 1.1);
  const day = rng.int(0, DAYS - 1);
  const ctx: Ctx = { rng, city, day, world };
  const { title, paragraphs, byline } = body(ctx);
  const date = dayToDate(day);
  const id = rng.hex(16);
  const name = `${String(index).padStart(6, '0')}_${id}.txt`;
  const url = `http://${city.host}/system/${date.replace(/-/gu, '/')}/${String(rng.int(1e8, 9e8))}.shtml`;
  const r = rng.float();
  const format: GeneratedArticle['format'] = r < 0.45 ? 'jekyll' : r < 0.85 ? 'scraped' : 'pdf';
  let content: string;
  if (format === 'jekyll') {
    const first = `本报讯(记者${byline.join('')}${rng.chance(0.5) ? '特约记者' + rng.pick(city.reporters) : ''})${paragraphs[0]}`;
    const time = `${String(rng.int(6, 22)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`;
    content =
      `---\nlayout: post\ntitle: "${title}"\ndate: ${date} ${time} +0800\ncategories: ${city.slug}\ntags: ${city.paper}新闻\n---\n` +
      [first, ...paragraphs.slice(1)].map((p) => `<p>${p}</p>`).join('\n ') +
      `<p class="em_media">（文章来源：${city.paper}）</p>\n\n<${url}>\n\n[返回${city.paper}新闻](//${city.host}/category/${city.slug}.html)｜[返回首页](//${city.host}/)\n`;
  } else if (format === 'scraped') {
    const ascii = rng.chance(0.6);
    const fix = (s: string) => (ascii ? s.replace(/[，：（）；]/gu, (c) => ASCII_PUNCT[c]!) : s);
    const phone = `1${rng.int(3, 9)}${rng.int(100000000, 999999999)}`;
    content =
      `e线民生短信通道:${phone}违法和不良信息举报:0716-${rng.int(8000000, 8999999)}\n\n${title}\n\n${rng.chance(0.5) ? title + '\n\n' : ''}` +
      `来源: ${city.paper}客户端 ${date}\n\n` +
      paragraphs.map(fix).join('\n\n') +
      `\n\n记者${byline.join(' ')}\n\n编辑: ${rng.pick(city.editors)}\n\n相关新闻\n\n  • ${city.division.short}新闻网微信\n\n  • 无线${city.division.short}APP\n\n` +
      `${city.division.short}新闻网版权与免责声明\n\n1、凡本网注明“来源:${city.division.short}新闻网”的所有作品,版权均属于${city.division.short}新闻网,未经本网授权不得转载、摘编或利用其它方式使用上述作品。\n` +
      `2、已经本网授权使用作品的,应在授权范围内使用,并注明"来源:${city.division.short}新闻网"。\n\n评论一下\n评论 0人参与,0条评论\n`;
  } else {
    const lines: string[] = [` ${doubled(rng, title)}`, '', `□ 中共${city.division.name}委政策研究室`, ''];
    for (const p of paragraphs) {
      lines.push(...wrap(p, 17));
      lines.push('');
      if (rng.chance(0.2)) lines.push('');
    }
    content = lines.join('\n');
  }
  return { name, content, format, manifest: { path: name, url, date, home: city.division.name, title } };
}
