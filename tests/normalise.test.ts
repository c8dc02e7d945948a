import { describe, expect, it } from 'vitest';
import { HOLDS_META_CUE, HOLDS_PAREN, normaliseBody } from '../src/normalise/index.js';
import { normaliseChars } from '../src/normalise/chars.js';
import { htmlToText } from '../src/normalise/html.js';
import { classifyLines } from '../src/normalise/chrome.js';
import { undoubleLine } from '../src/normalise/pdf.js';
import { fullwidthPunctuation, tidySpaces } from '../src/normalise/spacing.js';
import { mappedSlice } from '../src/normalise/mapped.js';
import { spanToSource } from '../src/offsets.js';
import { bylineFrom, dateFromUrl, namesInByline, publisherFrom, splitNames } from '../src/ingest/meta.js';
import { homeFromAuthorLine, homeFromPublisher, homeFromUrl } from '../src/ingest/home.js';

/** Normalises a whole text and checks the map: copied characters equal their source characters. */
function norm(source: string) {
  const n = normaliseBody(source, 0);
  expect(n.offsets.length).toBe(n.text.length + 1);
  for (let i = 0; i < n.text.length; i++) {
    expect(n.offsets[i]).toBeGreaterThanOrEqual(0);
    expect(n.offsets[i]).toBeLessThan(source.length);
  }
  return n;
}

const undouble = (line: string) => {
  const keep = undoubleLine(line);
  return keep ? keep.map(([s, e]) => line.slice(s, e)).join('') : null;
};

describe('doubled PDF runs', () => {
  it('repairs lines made of runs each written twice', () => {
    expect(undouble('以策略精以策略精准保准保障战障战略实施略实施')).toBe('以策略精准保障战略实施');
    expect(undouble('——全市全市““冲刺冲刺30003000亿亿””暨奋暨奋力建设鄂中省力建设鄂中省域区域性中心城市动员推进会解读域区域性中心城市动员推进会解读')).toBe(
      '——全市“冲刺3000亿”暨奋力建设鄂中省域区域性中心城市动员推进会解读',
    );
  });

  it('leaves ordinary text alone, reduplicated words included', () => {
    expect(undouble('刚刚过去的2021年，全市经济总量突破2700亿元。')).toBeNull();
    expect(undouble('市委书记吴锦出席会议并讲话。')).toBeNull();
    expect(undouble('谢谢谢谢')).toBeNull();
    // Two doubled runs are not enough evidence.
    expect(undouble('冲刺冲刺目标目标')).toBeNull();
    // Opens with a doubled run, but what follows it is neither a doubled run nor punctuation.
    expect(undouble('看看这次会议定下的目标，看看我们的差距。')).toBeNull();
  });

  it('repairs a line that opens with a single punctuation unit or a dash', () => {
    expect(undouble('““冲刺冲刺目标目标实现实现””')).toBe('“冲刺目标实现”');
    expect(undouble('——推进推进改革改革发展发展')).toBe('——推进改革发展');
  });

  it('maps the repaired line into the first copy of each run', () => {
    const source = '以策略精以策略精准保准保障战障战略实施略实施\n正文。';
    const n = norm(source);
    expect(n.text).toBe('以策略精准保障战略实施\n正文。');
    expect(Array.from(n.offsets.slice(0, 6))).toEqual([0, 1, 2, 3, 8, 9]);
    const span = spanToSource(n.offsets, source, 4, 6);
    expect(source.slice(span.start, span.end)).toBe('准保');
    expect(n.messages).toEqual([{ level: 'info', message: 'repaired 1 line(s) of doubled PDF text', rule: 'normalise-pdf-doubled' }]);
  });
});

describe('spaces', () => {
  const tidy = (s: string) => tidySpaces(mappedSlice(s), 0, s.length).text;
  it('joins spaced-out CJK text and spaces around digits and punctuation', () => {
    expect(tidy('刚 刚 过 去 的 2021 年 ，')).toBe('刚刚过去的2021年，');
    expect(tidy('吴 锦')).toBe('吴锦');
    expect(tidy('冲刺 3000 亿元')).toBe('冲刺3000亿元');
  });
  it('keeps one separator between names of two or three characters', () => {
    expect(tidy('记者叶力铭 张梦瑶 孙杨 摄')).toBe('记者叶力铭 张梦瑶 孙杨 摄');
    expect(tidy('□中共荆州市委书记  吴 锦')).toBe('□中共荆州市委书记吴锦');
    expect(tidy('市委书记 吴锦')).toBe('市委书记 吴锦');
    expect(tidy('New   York  Times')).toBe('New York Times');
  });
  it('treats NBSP and the ideographic space as spaces', () => {
    expect(norm('\u3000\u3000刚\u00a0刚\u3000过\u00a0去的一年，成绩斐然。').text).toBe('刚刚过去的一年，成绩斐然。');
  });
});

describe('characters', () => {
  it('folds full-width letters and digits, keeps Chinese punctuation, keeps characters outside the BMP', () => {
    const source = 'Ｇ２０峰会（𠀋）：１２％，好！';
    const n = normaliseChars(mappedSlice(source));
    expect(n.text).toBe('G20峰会（𠀋）：12%，好！');
    // 𠀋 is two UTF-16 units, both mapped to themselves.
    const at = n.text.indexOf('𠀋');
    expect(source.slice(n.map[at]!, n.map[at + 1]! + 1)).toBe('𠀋');
  });
  it('maps Kangxi radicals from PDF text to the ideograph and drops invisible characters', () => {
    expect(normaliseChars(mappedSlice('⽂\u200b化\ufeff')).text).toBe('文化');
  });
  it('spans over a non-BMP character slice back to it', () => {
    const source = '首页 > 新闻 > 正文\n𠀋字是一个字。';
    const n = norm(source);
    expect(n.text).toBe('𠀋字是一个字。');
    const span = spanToSource(n.offsets, source, 0, 3);
    expect(source.slice(span.start, span.end)).toBe('𠀋字');
  });
});

describe('punctuation in Chinese context', () => {
  it('turns ASCII punctuation after Chinese into the full-width form', () => {
    expect(fullwidthPunctuation('来源:荆州日报,记者(李天然)报道!')).toBe('来源：荆州日报，记者（李天然）报道！');
  });
  it('leaves times, numbers, URLs and Latin parentheses alone', () => {
    expect(fullwidthPunctuation('08:54 1,000 http://a.b/c (a) 2×1000MW')).toBe('08:54 1,000 http://a.b/c (a) 2×1000MW');
    expect(fullwidthPunctuation('(记者吴述')).toBe('（记者吴述');
  });
});

describe('HTML', () => {
  it('turns paragraphs into lines and decodes entities, mapping each into the source', () => {
    const source = '<p>吴锦&nbsp;强调&amp;要求&#x4E00;&#20108;</p>\n <p class="em_media">（文章来源：荆州日报）</p>';
    const m = htmlToText(mappedSlice(source));
    expect(m.text).toBe('\n吴锦\u00a0强调&要求一二\n\n \n（文章来源：荆州日报）\n');
    const amp = m.text.indexOf('&');
    expect(source.slice(m.map[amp]!, m.map[amp]! + 5)).toBe('&amp;');
  });
  it('survives unclosed and truncated markup', () => {
    expect(norm('<p>第一段。<p>第二段。<div class="x').text).toBe('第一段。\n第二段。');
    expect(norm('<p>会议<b>召开</p><!-- 注释').text).toBe('会议召开');
    expect(norm('<p>开幕</p><script>var a = "<p>";</script><p>续会。</p>').text).toBe('开幕\n续会。');
  });
});

describe('Markdown', () => {
  it('keeps link text, drops images, emphasis and heading marks', () => {
    const source = '## 会议**强调**\n![图](a.jpg)详见[全文](http://x.cn/1)。\n> 引用的话。';
    const n = norm(source);
    expect(n.text).toBe('会议强调\n详见全文。\n引用的话。');
    const at = n.text.indexOf('全文');
    expect(source.slice(n.offsets[at]!, n.offsets[at]! + 2)).toBe('全文');
  });
});

describe('site chrome', () => {
  it('drops banners, breadcrumbs, hotlines, image names, URLs and trailing widgets', () => {
    const page = [
      '2023年05月06日 星期六',
      '新闻热线:0716-1234567 违法和不良信息举报:0716-7654321',
      '网站首页 > 要闻 > 正文',
      '某县召开项目推进会',
      '来源: 某县融媒体中心 2023-05-05',
      'IMG_20230505_1032.jpg',
      '5月5日，县委书记张三主持召开项目推进会。',
      '会议要求，要抓好项目建设。',
      '(记者 李四)',
      '<https://example.cn/news/2023-05/05/1.html>',
      '[返回首页](//example.cn/)',
      '相关阅读',
      '某县另一条新闻标题',
      '评论 0人参与，0条评论',
      '网站地图 | 联系我们',
      'Copyright © 2023 某县融媒体中心',
    ].join('\n');
    const n = norm(page);
    expect(n.text).toBe(
      ['某县召开项目推进会', '来源：某县融媒体中心2023-05-05', '5月5日，县委书记张三主持召开项目推进会。', '会议要求，要抓好项目建设。', '（记者 李四）'].join('\n'),
    );
    expect(n.lines.map((l) => l.rule)).toEqual([
      'chrome-date-banner', 'chrome-cue', 'chrome-breadcrumb', 'article', 'article', 'chrome-image-file', 'article', 'article', 'article',
      'chrome-url', 'chrome-markdown-link', 'chrome-end', 'chrome-end', 'chrome-end', 'chrome-end', 'chrome-end',
    ]);
    // Without the end marker the footer lines go by their own cues.
    const v = classifyLines(['正文第一句。', '网站地图 | 联系我们', 'Copyright © 2023 某县融媒体中心', '[2023-05-05]']);
    expect(v.map((x) => x.rule)).toEqual(['article', 'chrome-cue', 'chrome-cue', 'chrome-date-line']);
  });

  it('drops a menu of short lines above the headline, and footer lines', () => {
    const n = norm(['首页', '新闻中心', '政务公开', '', '办事服务', '某县召开项目推进会', '5月5日，县委书记张三主持召开会议。', '主办：某县人民政府办公室 承办：某县融媒体中心'].join('\n'));
    expect(n.text).toBe('某县召开项目推进会\n5月5日，县委书记张三主持召开会议。');
    expect(n.lines.map((l) => l.rule)).toEqual(['chrome-cue', 'chrome-nav', 'chrome-nav', 'blank', 'chrome-nav', 'article', 'article', 'chrome-cue']);
  });

  it('keeps a cue word that sits inside an article sentence', () => {
    const v = classifyLines(['3D打印产业园开工', '会议指出，当前位置决定发展方向，要把相关新闻宣传好。', '首页', '【打印】 【关闭】', '点赞 0']);
    expect(v.map((x) => x.rule)).toEqual(['article', 'article', 'chrome-cue', 'chrome-cue', 'chrome-cue']);
  });

  it('reads a summary cue through the full-width colon of a long sentence line', () => {
    const v = classifyLines(['摘要：全市召开项目建设推进会，部署下一阶段重点工作任务。', '会议要求，全力推进项目建设，确保各项目标任务落到实处。']);
    expect(v.map((x) => x.rule)).toEqual(['chrome-summary', 'article']);
  });

  it('tells sentence lines from short unpunctuated ones by their punctuation', () => {
    const v = classifyLines(['新闻中心', '政务公开', '办事服务', '标题在这里', '第一句；', '下一篇 关闭']);
    expect(v.map((x) => x.rule)).toEqual(['chrome-nav', 'chrome-nav', 'chrome-nav', 'chrome-nav', 'article', 'chrome-cue']);
  });

  it('does not cut at an end marker before the article has begun', () => {
    const v = classifyLines(['相关新闻', '标题', '第一句。', '相关新闻', '别的标题']);
    expect(v.map((x) => x.rule)).toEqual(['article', 'article', 'article', 'chrome-end', 'chrome-end']);
  });
});

describe('hard-wrapped text', () => {
  it('joins words broken at the column and keeps headings apart', () => {
    const source = [
      '关键词一',
      '一直以来，省委、省政府对荆州发展格',
      '外关心厚爱、格外寄予厚望。去年，省委书',
      '记应勇到荆州调研座谈时指出，荆州要承',
      '担起这个责任，湖北发展就多了一个增长',
      '',
      '极，有了更加坚实的基础和更强的支撑。',
      '强化项目优先意识',
      '项目是高质量发展的“第一抓手”和“最大',
      '变量”。抓项目就是抓发展，抓发展必须',
      '抓项目，在这次会议上主要领导详实阐述。',
    ].join('\n');
    const n = norm(source);
    expect(n.hardWrapped).toBe(true);
    expect(n.text.split('\n')).toEqual([
      '关键词一',
      '一直以来，省委、省政府对荆州发展格外关心厚爱、格外寄予厚望。去年，省委书记应勇到荆州调研座谈时指出，荆州要承担起这个责任，湖北发展就多了一个增长极，有了更加坚实的基础和更强的支撑。',
      '强化项目优先意识',
      '项目是高质量发展的“第一抓手”和“最大变量”。抓项目就是抓发展，抓发展必须抓项目，在这次会议上主要领导详实阐述。',
    ]);
  });

  it('does not take long unpunctuated web lines for a PDF column', () => {
    const long = '这是一个没有句号结尾但是非常长的网页段落，用来检验长行不会被当成版面折行'.repeat(3);
    const n = norm(Array.from({ length: 10 }, (_, i) => `${i}${long}`).join('\n'));
    expect(n.hardWrapped).toBe(false);
    expect(n.text.split('\n')).toHaveLength(10);
  });

  it('does not join lines of ordinary web text', () => {
    const n = norm('标题\n第一段没有句号\n第二段。\n第三段。\n第四段。\n第五段。\n第六段。\n第七段。\n第八段。');
    expect(n.hardWrapped).toBe(false);
    expect(n.text.split('\n').length).toBe(9);
  });
});

describe('metadata helpers', () => {
  it('splits run-together names with the surname lexicon', () => {
    expect(splitNames('李天然夏雨彬')).toEqual(['李天然', '夏雨彬']);
    expect(splitNames('蒋斌胡威虎')).toEqual(['蒋斌', '胡威虎']);
    expect(splitNames('欧阳金旭王强')).toEqual(['欧阳金旭', '王强']);
    expect(namesInByline('记者李天然夏雨彬特约记者张星星')).toEqual(['李天然', '夏雨彬', '张星星']);
    expect(namesInByline('记者叶力铭 张梦瑶 孙杨 摄')).toEqual(['叶力铭', '张梦瑶', '孙杨']);
    expect(namesInByline('编辑: 刘荣')).toEqual(['刘荣']);
    expect(namesInByline('文/图 记者张三 通讯员李四')).toEqual(['张三', '李四']);
  });

  it('reads dates from URLs, never from year-month alone', () => {
    expect(dateFromUrl('http://news.cnchu.com/jzrb/html/2021-01/11/content_1559.htm')).toBe('2021-01-11');
    expect(dateFromUrl('http://www.tianmen.gov.cn/xwzx/tmxw/202509/t20250902_5760676.shtml')).toBe('2025-09-02');
    expect(dateFromUrl('http://news.jznews.com.cn/system/2014/12/05/011588418.shtml')).toBe('2014-12-05');
    expect(dateFromUrl('http://sqsrd.henanrd.gov.cn/2017/06-13/21682.html')).toBe('2017-06-13');
    expect(dateFromUrl('http://news.cnhubei.com/xw/zw/201712/t4040731.shtml')).toBeNull();
    expect(dateFromUrl('http://example.cn/news/2025/04/424750.shtml')).toBeNull();
    expect(dateFromUrl('http://example.cn/2021-02-30/x.html')).toBeNull();
  });

  it('maps publishers and hosts to their home jurisdiction', () => {
    expect(homeFromPublisher('荆州日报')).toBe('荆州市');
    expect(homeFromPublisher('荆州新闻网')).toBe('荆州市');
    expect(homeFromPublisher('湖北日报')).toBe('湖北省');
    expect(homeFromPublisher('恩施日报')).toBe('恩施土家族苗族自治州');
    expect(homeFromPublisher('某某晚报')).toBeNull();
    expect(homeFromUrl('http://www.shishou.gov.cn/xwzx/1.html')).toBe('石首市');
    expect(homeFromUrl('http://www.jiangling.gov.cn/a.html')).toBe('江陵县');
    expect(homeFromUrl('http://news.jznews.com.cn/system/1.shtml')).toBe('荆州市');
    expect(homeFromUrl('http://www-jmnews-cn.mirror.example.net/news/1.shtml')).toBe('荆门市');
    expect(homeFromUrl('http://news.cnhubei.com/xw/1.shtml')).toBe('湖北省');
    expect(homeFromUrl('https://www.example.com/a.html')).toBeNull();
    expect(homeFromAuthorLine([{ text: '□ 中共荆州市委政策研究室', kind: 'article', rule: 'article' }])).toBe('荆州市');
  });
});

describe('bylines in the body', () => {
  it('reads 文/图 lines, photo credits and cut-off parentheses', async () => {
    const { ingestText } = await import('../src/ingest/index.js');
    const o = ingestText(['标题', '文/图 记者张三 通讯员李四', '会议召开。记者王五 赵六 摄', '正文。（记者孙七'].join('\n'), 'b.txt');
    if (o.status !== 'ok') throw new Error(o.reason);
    expect(o.doc.meta.byline).toEqual(['张三', '李四', '王五', '赵六', '孙七']);
  });
});

describe('line shapes on body lines', () => {
  it('say which lines may hold a parenthesis or a metadata cue, and the metadata read with them equals the metadata read without', () => {
    const source = ['标题', '来源：荆州日报', '荆州日报讯（记者 张三 通讯员 李四）会议召开。', '会议召开。记者王五 赵六 摄', '正文没有线索。'].join('\n');
    const { lines } = normaliseBody(source, 0);
    const paren = (t: string) => /[(（]/.test(t);
    const cue = (t: string) => /[来讯息摄]/.test(t);
    for (const l of lines) {
      expect(l.shape! & HOLDS_PAREN ? true : false).toBe(paren(l.text));
      expect(l.shape! & HOLDS_META_CUE ? true : false).toBe(cue(l.text));
    }
    const unshaped = lines.map(({ text, kind, rule }) => ({ text, kind, rule }));
    expect(bylineFrom(lines)).toEqual(['张三', '李四', '王五', '赵六']);
    expect(bylineFrom(unshaped)).toEqual(bylineFrom(lines));
    expect(publisherFrom(lines, null, [])).toBe('荆州日报');
    expect(publisherFrom(unshaped, null, [])).toBe(publisherFrom(lines, null, []));
  });
});

describe('byline names remembered across articles', () => {
  it('gives the same names for a fragment met again, in another article', () => {
    const first = bylineFrom([{ text: '会议召开。（记者 张三 通讯员 李四）', kind: 'article', rule: 'article' }]);
    const again = bylineFrom([{ text: '另一篇报道。（记者 张三 通讯员 李四）', kind: 'article', rule: 'article' }, { text: '编辑：王五', kind: 'article', rule: 'article' }]);
    expect(first).toEqual(['张三', '李四']);
    expect(again).toEqual(['张三', '李四', '王五']);
    expect(namesInByline('记者 张三 通讯员 李四')).toEqual(['张三', '李四']);
  });
});
