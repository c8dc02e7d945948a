import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ingestFile, ingestText, readManifest, type IngestOutcome } from '../src/ingest/index.js';
import { spanToSource } from '../src/offsets.js';
import type { Doc } from '../src/types.js';

const SAMPLES = 'data/articles';

/** CPU milliseconds used by this process (user + system). */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const DEV = resolve('../shared/dev/articles');

async function doc(path: string, options = {}): Promise<Doc> {
  const outcome: IngestOutcome = await ingestFile(path, options);
  if (outcome.status !== 'ok') throw new Error(`${path}: ${outcome.status}: ${outcome.reason}`);
  return outcome.doc;
}

/** Every offset points inside the source, and copied characters equal their source characters. */
function expectMapped(d: Doc) {
  expect(d.offsets.length).toBe(d.text.length + 1);
  for (let i = 0; i < d.text.length; i++) {
    expect(d.offsets[i]).toBeGreaterThanOrEqual(0);
    expect(d.offsets[i]).toBeLessThan(d.source.length);
  }
}

describe('the five samples', () => {
  it('000: Jekyll post — front matter title and date, source line, no chrome', async () => {
    const d = await doc(join(SAMPLES, '000_5a8de6c8868ad61b.txt'));
    expect(d.meta).toMatchObject({
      id: '000_5a8de6c8868ad61b.txt',
      title: '强化“四个优先”意识全面打响“四大会战”奋力开创建设鄂中省域区域性中心城市新局面',
      date: '2022-02-10',
      source: '荆州日报',
      url: 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202202102271978589',
      home: '荆州市',
      homeSource: 'publisher',
      lang: 'zh',
      byline: [],
      encoding: 'utf-8',
    });
    // The title leads the text, mapped into the front matter.
    expect(d.text.startsWith(d.meta.title! + '\n2月9日，全市“冲刺三千亿”')).toBe(true);
    const t = spanToSource(d.offsets, d.source, 0, d.meta.title!.length);
    expect(d.source.slice(t.start, t.end)).toBe(d.meta.title);
    expect(d.text.endsWith('（文章来源：荆州日报）')).toBe(true);
    for (const chrome of ['<p', '</p>', 'layout:', 'http', '返回首页', '[', '&nbsp;']) expect(d.text).not.toContain(chrome);
    expectMapped(d);
  });

  it('001: scraped page — hotline and disclaimer gone, source line and bylines read', async () => {
    const d = await doc(join(SAMPLES, '001_f0a28563a02e8bb2.txt'));
    expect(d.meta).toMatchObject({
      title: '“四个一批”吹响荆州奋进号角——党代表热议重振荆州工业雄风',
      date: '2021-12-07',
      source: '荆州日报',
      home: '荆州市',
      homeSource: 'publisher',
    });
    expect(d.meta.byline).toEqual([
      '叶力铭', '张梦瑶', '孙杨', '刘娟', '陈雪玲', '黄思明', '裴蜀华', '王大玲', '佘海燕', '安娇姣', '张明金', '荆文静', '刘洁', '张林', '谭馨', '胡冕', '刘荣',
    ]);
    for (const chrome of ['e线民生', '违法和不良信息举报', '相关新闻', '荆州新闻网微信', '版权与免责声明', '凡本网注明']) expect(d.text).not.toContain(chrome);
    // The source line is article text (the gold has 荆州日报客户端 as an organisation).
    expect(d.text).toContain('来源：荆州日报客户端');
    // The name list keeps its separators.
    expect(d.text).toContain('记者叶力铭 张梦瑶 孙杨 摄');
    expect(d.text.split('\n').at(-1)).toBe('编辑：刘荣');
    expect(d.messages).toEqual([{ level: 'info', message: 'dropped 11 line(s) of site chrome (chrome-cue 1, chrome-end 10)', rule: 'normalise-chrome' }]);
    expectMapped(d);
  });

  it('002: PDF text — doubled title repaired, wraps joined, spaced text joined, home from the author line', async () => {
    const d = await doc(join(SAMPLES, '002_7c54d73f11e2c79f.txt'));
    expect(d.meta).toMatchObject({ title: '以策略精准保障战略实施', date: null, source: null, home: '荆州市', homeSource: 'text', byline: [] });
    const lines = d.text.split('\n');
    expect(lines[0]).toBe('以策略精准保障战略实施');
    expect(lines[1]).toBe('——全市“冲刺3000亿”暨奋力建设鄂中省域区域性中心城市动员推进会解读');
    expect(lines[2]).toBe('□ 中共荆州市委政策研究室');
    // The repaired title maps back into the doubled source line.
    const span = spanToSource(d.offsets, d.source, 0, lines[0]!.length);
    expect(d.source.slice(span.start, span.end)).toBe('以策略精以策略精准保准保障战障战略实施');
    expect(d.text).toContain('去年，省委书记应勇到荆州调研座谈时指出');
    expect(d.text).toContain('省委书记应勇指出，“区域发展重要特征是中心城市做大做强');
    expect(d.text).toContain('刚刚过去的2021年，');
    expect(d.text).toContain('全市经济总量突破2700亿元。壬寅虎年新春伊始，第一场全市性大会聚焦“冲刺3000亿”目标');
    // Headings stay on their own lines.
    expect(lines).toContain('关键词二');
    expect(lines).toContain('全面打响“工业突围战”');
    expect(d.messages.map((m) => m.rule)).toEqual(['normalise-pdf-doubled', 'normalise-pdf-wrap']);
    expectMapped(d);
  });

  it('003: byline split with the surname lexicon', async () => {
    const d = await doc(join(SAMPLES, '003_18502e2dabe3669c.txt'));
    expect(d.meta).toMatchObject({ date: '2021-12-31', source: '荆州日报', home: '荆州市', byline: ['李天然', '夏雨彬', '张星星'] });
    expect(d.text).toContain('本报讯（记者李天然夏雨彬特约记者张星星）12月30日上午，市委经济工作会议举行。');
  });

  it('004: comment widget gone, (来源:荆州日报) read, spaced author name joined', async () => {
    const d = await doc(join(SAMPLES, '004_6696fd7191fe5db3.txt'));
    expect(d.meta).toMatchObject({
      title: '荆州市委书记吴锦：狠抓落地转化 重在行动奔跑',
      date: null,
      source: '荆州日报',
      home: '荆州市',
      homeSource: 'publisher',
      byline: ['吴锦'],
    });
    expect(d.text).toContain('\n□中共荆州市委书记吴锦\n');
    expect(d.text.endsWith('（来源：荆州日报）')).toBe(true);
    for (const chrome of ['评论一下', '抢沙发', '人参与', '最热评论']) expect(d.text).not.toContain(chrome);
    // Section numbers are article structure, not chrome.
    expect(d.text).toContain('\n01\n精神化作动力');
    expect(d.messages).toEqual([{ level: 'info', message: 'dropped 6 line(s) of site chrome (chrome-end 6)', rule: 'normalise-chrome' }]);
  });

  it('ingests each sample in a few milliseconds once warm', async () => {
    const files = ['000_5a8de6c8868ad61b.txt', '001_f0a28563a02e8bb2.txt', '002_7c54d73f11e2c79f.txt', '003_18502e2dabe3669c.txt', '004_6696fd7191fe5db3.txt'];
    const sources = files.map((f) => readFileSync(join(SAMPLES, f), 'utf8'));
    // Warm-up: lexicons load once, the JIT settles.
    for (let round = 0; round < 5; round++) sources.forEach((s, i) => ingestText(s, files[i]!));
    const t0 = cpuMs();
    for (let round = 0; round < 20; round++) sources.forEach((s, i) => ingestText(s, files[i]!));
    const perArticle = (cpuMs() - t0) / 100;
    // A few ms each on an idle machine; the bound leaves room for a busy one.
    expect(perArticle).toBeLessThan(20);
  });

  it('scales linearly: eight times the text takes about eight times as long, not 64', () => {
    const one = readFileSync(join(SAMPLES, '001_f0a28563a02e8bb2.txt'), 'utf8');
    const body = one.split('\n').slice(3, 40).join('\n');
    const copies = (k: number) => Array.from({ length: k }, () => body).join('\n');
    // CPU time (the machine is shared, wall time is not ours), fastest of several runs.
    const fastest = (text: string) => {
      let best = Infinity;
      for (let i = 0; i < 10; i++) {
        const t0 = cpuMs();
        expect(ingestText(text, 'big.txt').status).toBe('ok');
        best = Math.min(best, cpuMs() - t0);
      }
      return best;
    };
    const small = copies(20);
    const large = copies(160);
    // Both sizes once before timing: the first runs of a size compile code the other did not
    // need, and under a loaded test run that alone took the ratio past 32.
    fastest(small);
    fastest(large);
    const ratio = fastest(large) / fastest(small);
    // Linear is 8 (measured 5–11, more on a loaded machine); quadratic would be 64.
    expect(ratio).toBeLessThan(8 * 4);
  });
});

describe('the dev articles with their manifest', () => {
  it('reads the manifest keyed by absolute path; dates and homes come from it', async () => {
    const manifest = await readManifest(join(DEV, 'manifest.jsonl'));
    expect(manifest.size).toBe(16);
    const lines = readFileSync(join(DEV, 'manifest.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { path: string; date: string | null; home: string; url: string });
    for (const entry of lines) {
      const d = await doc(join(DEV, entry.path), { manifest });
      expect(d.meta.date, entry.path).toBe(entry.date);
      expect(d.meta.home, entry.path).toBe(entry.home);
      expect(d.meta.homeSource).toBe('manifest');
      expect(d.meta.url).toBe(entry.url);
      expectMapped(d);
    }
  });

  it('without the manifest the pages still give their dates, sources and homes', async () => {
    const d01 = await doc(join(DEV, 'D01.txt'));
    // The scrape-date banner at the top is not the publication date.
    expect(d01.meta).toMatchObject({ date: '2014-12-05', source: '湖北日报', home: '湖北省', title: '壮腰新看点：洪湖气场升腾挂云帆' });
    expect(d01.text).not.toContain('2021年08月18日');
    expect(d01.text).not.toContain('e线民生热线');
    const d11 = await doc(join(DEV, 'D11.txt'));
    expect(d11.meta).toMatchObject({ date: '2025-09-02', source: '天门日报', home: '天门市', title: '市委市政府召开9月份工作例会', byline: ['吴述'] });
    expect(d11.text).not.toContain('当前位置');
    const d07 = await doc(join(DEV, 'D07.txt'));
    expect(d07.meta).toMatchObject({ date: '2015-01-13', source: '恩施日报', home: '恩施土家族苗族自治州', byline: ['向竹清'] });
    for (const chrome of ['菜单', '最新动态', '当前位置', '字体']) expect(d07.text).not.toContain(chrome);
    expect(d07.text.split('\n')[0]).toBe('恩施州党政考察团赴湘西共商武陵山区扶贫攻坚');
  });

  it('drops image file names, separators, breadcrumbs and page summaries', async () => {
    const d14 = await doc(join(DEV, 'D14.txt'));
    expect(d14.text).not.toMatch(/\.jpg|微信图片|当前位置/);
    expect(d14.meta.byline).toEqual(['叶芬']);
    // `红网时刻岳阳3月30日讯` names an app and a place, not a publisher.
    expect(d14.meta.source).toBeNull();
    const d03 = await doc(join(DEV, 'D03.txt'));
    expect(d03.text).not.toMatch(/首页|\.jpg/);
    expect(d03.text).toContain('（伍昌军。图片来源：荆州长安网）');
    expect(d03.meta.source).toBe('南方都市报');
    const d04 = await doc(join(DEV, 'D04.txt'));
    expect(d04.text.startsWith('本报讯（记者高奇特约记者张卫斌）1月9日上午')).toBe(true);
    expect(d04.meta.byline).toEqual(['高奇', '张卫斌']);
    const d08 = await doc(join(DEV, 'D08.txt'));
    expect(d08.text).not.toMatch(/文章简介|浏览|字体/);
    expect(d08.meta).toMatchObject({ date: '2017-11-18', source: '十堰热线', home: '十堰市', byline: ['张俊良'] });
    const d02 = await doc(join(DEV, 'D02.txt'));
    // A truncated article keeps its last headings.
    expect(d02.text).toContain('投资40亿元的煤炭储备基地二期项目\n该项目建设地点位于');
  });
});

describe('other shapes of input', () => {
  it('a saved HTML page: head metadata, navigation and footer dropped', () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>石首市召开项目推进会_石首新闻网</title>
<meta property="og:url" content="http://www.shishou.gov.cn/xwzx/2021-03/02/1.html">
<meta name="publishdate" content="2021-03-02 09:30">
<script>var x = "<p>不是正文</p>";</script><style>p { color: red }</style></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/xw">新闻</a> &gt; 正文</div>
<h1>石首市召开项目推进会</h1>
<div class="content"><p>3月1日，市委书记石必成主持召开项目推进会。</p><p>会议要求，要抓好项目建设。</p></div>
<div class="footer">版权所有：石首市人民政府 鄂ICP备12345678号</div></body></html>`;
    const o = ingestText(html, 'page.html');
    if (o.status !== 'ok') throw new Error(o.reason);
    expect(o.doc.meta).toMatchObject({
      title: '石首市召开项目推进会',
      date: '2021-03-02',
      url: 'http://www.shishou.gov.cn/xwzx/2021-03/02/1.html',
      home: '石首市',
      homeSource: 'url',
    });
    expect(o.doc.text).toBe('石首市召开项目推进会\n3月1日，市委书记石必成主持召开项目推进会。\n会议要求，要抓好项目建设。');
  });

  it('an English article is marked en; a manifest title and --home apply', () => {
    const text = 'Jingzhou party secretary Wu Jin chaired a meeting on industrial investment on Wednesday. Officials discussed projects.';
    const o = ingestText(text, resolve('en.txt'), { home: '荆州市', manifest: new Map([[resolve('en.txt'), { path: 'en.txt', title: 'Meeting' }]]) });
    if (o.status !== 'ok') throw new Error(o.reason);
    expect(o.doc.meta).toMatchObject({ lang: 'en', title: 'Meeting', home: '荆州市', homeSource: 'cli', date: null });
  });
});
