import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cueScan, leftmostLongest } from '../src/extract/cue-scan.js';
import { Automaton } from '../src/extract/automaton.js';
import { campaignLexicon } from '../src/extract/campaigns/lexicon.js';
import { codePointLength } from '../src/extract/campaigns/parse.js';
import { findQuotes } from '../src/extract/campaigns/quotes.js';
import { eventLexicon } from '../src/extract/events/lexicon.js';
import { orgLexicon } from '../src/extract/organizations/find.js';
import { projectLexicon } from '../src/extract/projects/lexicon.js';
import { BYLINE_CUES, PERSON_CUES, peopleLexicon } from '../src/extract/people/lexicon.js';

const dir = join(import.meta.dirname, '../data/articles');
const samples = [
  ...readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')),
  '荆州日报讯 全市重大项目集中开工暨签约仪式在荆州开发区举行，党中央、中共中央和国家发改委、长江大学、荆州市城投有限公司。',
  '实施产业链提升、技改提能强基等四大工程；省委十一届七次、八次全会；党的二十大；推进会、座谈会。',
  '会议长江大桥大会有限公司股份有限公司日报客户端项目',
  '深化改革，推进A、B等专项行动和C、D等三项改革；市委、县政府、州区省。',
  '打响“四大会战”和‘工业突围战’，「甲『乙』」”“‘未闭合',
  '（特约记者 王敏 通讯员 李超）市委书记讲话。责任编辑：张三 编辑：李四 摄影/撰稿 实习生',
  '市委副书记、市长甲乙，省人大常委会副主任丙丁，党组书记、局长戊己，委员会委员长，副总经理，主编、总编辑、总导演',
  '任命甲乙同志为市长，免去丙丁的职务；戊己提出辞去职务；庚辛当选为副主任；关于壬癸为检察长的决定；总书记、委员长、总理，同志们',
  '',
  // Longer than the scan's first position buffer (4096), which then grows.
  '市委书记讲话，推进会、座谈会；“行动”在市县区举行。'.repeat(200),
];
const plain = (ms: Array<{ start: number; end: number; key: string }>) => ms.map((m) => [m.start, m.end, m.key]);
const automaton = (words: string[]) => new Automaton(words.map((w) => [w, true] as const));

describe('cue scan', () => {
  it('gives, per lexicon, what that lexicon finds over the whole text, in the same order', () => {
    const orgs = orgLexicon().file;
    const named = automaton(orgs.named_suffixes);
    const media = automaton(orgs.media_suffixes);
    const bylines = automaton(BYLINE_CUES);
    const persons = automaton(PERSON_CUES);
    for (const text of samples) {
      const cues = cueScan(text);
      expect(plain(cues.eventHeads)).toEqual(plain(eventLexicon().heads.findAll(text)));
      expect(plain(cues.campaignBare)).toEqual(plain(campaignLexicon().bareSuffixes.findAll(text)));
      expect(plain(cues.projectSuffixes)).toEqual(plain(projectLexicon().suffixes.findAll(text)));
      expect(plain(cues.orgNamed)).toEqual(plain(named.findAll(text)));
      expect(plain(cues.orgMedia)).toEqual(plain(media.findAll(text)));
      expect(plain(leftmostLongest(cues.orgNamed))).toEqual(plain(named.findLongest(text)));
      expect(plain(leftmostLongest(cues.bylineCues))).toEqual(plain(bylines.findLongest(text)));
      expect(plain(cues.personCues)).toEqual(plain(persons.findAll(text)));
      // Every end of a title is a candidate, in order, each once.
      const titleEnds = new Set(cues.titleEnds);
      for (const m of peopleLexicon().roles.findAll(text)) expect(titleEnds.has(m.end)).toBe(true);
      expect(cues.titleEnds).toEqual([...titleEnds].sort((a, b) => a - b));
      expect(cues.national.map((m) => m.start)).toEqual([...text.matchAll(/国家/g)].map((m) => m.index));
      expect(cues.hasOrdinalList).toBe(text.includes('次、'));
      expect(cues.hasPartyOf).toBe(text.includes('党的'));
      // A necessary condition of the shared-suffix list (a suffix after 等 or a measure word): true wherever the list matches.
      if (/等([一二三四五六七八九十两]+[大个项类])?(工程|行动|专项行动|改革|计划|攻坚战|专项治理)/.test(text)) expect(cues.hasSharedSuffix).toBe(true);
      expect(cues.levelMarkers).toEqual([...text.matchAll(/[省市县区州]/g)].map((m) => m.index));
      expect(cues.commas).toEqual([...text.matchAll(/[，,]/g)].map((m) => m.index));
      expect(cues.listMarks).toEqual([...text.matchAll(/、/g)].map((m) => m.index));
      expect(cues.quoteMarks).toEqual([...text.matchAll(/[“”‘’「」『』]/g)].map((m) => m.index));
      expect(findQuotes(text, cues.quoteMarks)).toEqual(findQuotes(text));
    }
  });

  it('flags a shared suffix only after 等 or a measure word', () => {
    expect(cueScan('深化改革，实施行动计划').hasSharedSuffix).toBe(false);
    expect(cueScan('推进A、B等专项行动').hasSharedSuffix).toBe(true);
    expect(cueScan('推进A、B等三项改革').hasSharedSuffix).toBe(true);
  });

  it('remembers the last text only', () => {
    const a = cueScan('市委经济工作会议');
    expect(cueScan('市委经济工作会议')).toBe(a);
    cueScan('另一篇');
    expect(cueScan('市委经济工作会议')).not.toBe(a);
  });
});

describe('codePointLength', () => {
  it('counts as spreading the string does', () => {
    for (const s of ['', '中', 'ab', '😀', '中😀文', '\ud83d', '\ude00中', 'a\ud83d']) expect(codePointLength(s), JSON.stringify(s)).toBe([...s].length);
  });
});
