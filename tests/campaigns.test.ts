import { describe, expect, it } from 'vitest';
import campaignsStage from '../src/extract/4-campaigns.js';
import { findCampaigns } from '../src/extract/campaigns/find.js';
import { canonicalName, hasCount, isCounted } from '../src/extract/campaigns/parse.js';
import { findQuotes } from '../src/extract/campaigns/quotes.js';
import { paragraphs } from '../src/extract/campaigns/speakers.js';
import { personMentions, textDoc } from './helpers/text-doc.js';
import type { Doc, Mention } from '../src/types.js';

/** A doc whose Person mentions are set up here, as the people stage would. */
function makeDoc(text: string, people: string[] = []): Doc {
  return textDoc(text, { date: '2022-02-10', home: '荆州市' }, personMentions(text, people));
}

const found = (text: string) => findCampaigns(text).map((s) => [s.name, s.start, s.end, s.rule]);
const names = (text: string) => [...new Set(findCampaigns(text).map((s) => s.name))];

describe('campaign names', () => {
  it('writes amounts with digits and drops quotes, spaces and 元', () => {
    expect(canonicalName('冲刺三千亿')).toBe('冲刺3000亿');
    expect(canonicalName('冲刺 3000 亿元')).toBe('冲刺3000亿');
    expect(canonicalName('‘双优化’攻坚战')).toBe('双优化攻坚战');
    expect(canonicalName('千名干部进千企')).toBe('千名干部进千企');
    expect(canonicalName('三新百千万')).toBe('三新百千万');
  });

  it('tells counted forms from idioms with numerals', () => {
    for (const s of ['四个优先', '四大会战', '十问十帮', '六比六看', '五区五中心', '四策并举', '千名干部进千企']) expect(isCounted(s), s).toBe(true);
    for (const s of ['千军万马', '一难两难多难', '十四五', '五加二', '三重压力', '一线工作法']) expect(isCounted(s), s).toBe(false);
  });

  it('counts characters, not UTF-16 units, in the shape tests', () => {
    // 𠀀 (U+20000) is one character in two units: 十𠀀十帮 repeats its numeral as 十问十帮 does.
    expect(isCounted('十𠀀十帮')).toBe(true);
    expect(isCounted('四𠀀并举')).toBe(true);
    expect(isCounted('四𠀀𠀀并举')).toBe(false);
    // A long name after a short one: the buffer the tests read grows.
    expect(isCounted('四大' + '会'.repeat(100))).toBe(true);
  });

  it('finds a numeral followed by a measure anywhere in a name', () => {
    expect(hasCount('高效办成一件事')).toBe(true);
    expect(hasCount('𠀀一件事')).toBe(true);
    expect(hasCount('高效办成事')).toBe(false);
    expect(hasCount('一')).toBe(false);
  });

  it('pairs nested quotes', () => {
    expect(findQuotes('“要打响‘四大会战’。”')).toEqual([
      { open: 0, close: 11, depth: 0 },
      { open: 4, close: 9, depth: 1 },
    ]);
  });
});

describe('campaign rules', () => {
  it('finds a quote ending in a campaign suffix', () => {
    expect(found('要以“咬定青山、铁杵磨针”的耐心，打响“工业突围战”。')).toEqual([['工业突围战', 20, 25, 'campaign.quoted-cue']]);
  });

  it('keeps a suffix written after the quote', () => {
    expect(found('全面推行“六多合一”改革，把“清减降通”专项行动落到实处。')).toEqual([
      ['六多合一改革', 5, 12, 'campaign.quoted-suffix'],
      ['清减降通专项行动', 15, 24, 'campaign.quoted-suffix'],
    ]);
  });

  it('gives two quotes joined by 和 the suffix written after the last', () => {
    expect(found('把深化“放管服”和“一件事一次办”改革作为重要举措。')).toEqual([
      ['放管服改革', 4, 7, 'campaign.shared-suffix'],
      ['一件事一次办改革', 10, 19, 'campaign.quoted-suffix'],
    ]);
  });

  it('does not take the items before a count as one campaign', () => {
    expect(names('持续推进削权减证、流程再造、规范用权“五大行动”。')).toEqual(['五大行动']);
  });

  it('does not glue a suffix to a quoted word inside a longer noun phrase', () => {
    expect(names('加快推进天然气“下乡”工程实施。')).toEqual([]);
  });

  it('finds counted forms and slogan-targets', () => {
    expect(found('开展“六比六看”，锚定“双冲刺”目标。')).toEqual([
      ['六比六看', 3, 7, 'campaign.counted'],
      ['双冲刺', 12, 15, 'campaign.target'],
    ]);
  });

  it('rejects rhetoric: metaphors, qualities, speech and idioms', () => {
    const text =
      '选派“虎狼之师”，发动“千军万马”，当好“店小二”，抓牢项目建设“牛鼻子”，牢固树立“项目为王”理念，以“拼抢实”作风和“跳起来摘桃子”的精神，以“猛虎出山”之势，面对“一难两难多难”的挑战，“工业是财富之源、发展之基”，保持“起步就是冲刺”的劲头。';
    expect(names(text)).toEqual([]);
  });

  it('rejects a counted word that qualifies a noun (“四大家”领导)', () => {
    expect(names('王敏等市“四大家”领导在主席台就座。')).toEqual([]);
  });

  it('names a campaign between a launching verb and a suffix, without quotes', () => {
    expect(found('深化扩权赋能强县改革，破除体制障碍。')).toEqual([['扩权赋能强县改革', 2, 10, 'campaign.bare-cue']]);
    expect(names('大力开展乡村建设行动，打好污染防治攻坚战。深入实施强省会战略。')).toEqual(['乡村建设行动', '污染防治攻坚战', '强省会战略']);
  });

  it('splits two battles after one verb, and counts with 场', () => {
    expect(names('全力打赢重大项目攻坚战和环境整治攻坚战，聚力打好“八场硬仗”。')).toEqual(['重大项目攻坚战', '环境整治攻坚战', '八场硬仗']);
  });

  it('does not repeat a quoted battle with the generic word after it', () => {
    expect(names('要深入开展“百日攻坚大会战”行动。')).toEqual(['百日攻坚大会战']);
  });

  it('keeps a short battle name but not a two-character kind of work', () => {
    expect(names('全力打好蓝天保卫战，推进民生工程，开展专项整治行动。')).toEqual(['蓝天保卫战']);
  });

  it('keeps the kind of programme written between the quote and its suffix', () => {
    expect(found('大力实施“百企千村”帮扶工程。')).toEqual([['百企千村帮扶工程', 5, 14, 'campaign.quoted-suffix']]);
  });

  it('does not take a general word as a bare campaign', () => {
    expect(names('全面深化改革，深化改革开放，用改革的办法攻坚克难，成为党员干部的行动自觉。')).toEqual([]);
  });

  it('keeps a counted quote inside a bare name', () => {
    expect(names('要深化实施干部素质提升“六大行动”。')).toEqual(['干部素质提升六大行动', '六大行动']);
  });

  it('splits a list that shares one suffix', () => {
    expect(found('要实施产业链提升、技改提能强基、数字创新引领、市场主体倍增等四大工程。')).toEqual([
      ['产业链提升工程', 3, 8, 'campaign.shared-suffix'],
      ['技改提能强基工程', 9, 15, 'campaign.shared-suffix'],
      ['数字创新引领工程', 16, 22, 'campaign.shared-suffix'],
      ['市场主体倍增工程', 23, 29, 'campaign.shared-suffix'],
    ]);
  });

  it('joins a quote and what 暨 adds up to a campaign suffix', () => {
    expect(names('在全市广泛开展“思想破冰引领发展突围”暨加快建设区域性中心城市大研讨主题活动。').sort()).toEqual([
      '思想破冰引领发展突围',
      '思想破冰引领发展突围暨加快建设区域性中心城市大研讨主题活动',
    ]);
  });

  it('takes an amount alone for no slogan-target', () => {
    expect(names('总投资“3000亿”。')).toEqual([]);
  });

  it('takes a quoted line of work and the unquoted first item of a list of campaigns', () => {
    expect(found('加大“招硕引博”工作力度。')).toEqual([['招硕引博', 3, 7, 'campaign.work']]);
    expect(found('历经党史学习教育、“思想破冰”大研讨和“双优化”专项治理。')).toEqual([
      ['党史学习教育', 2, 8, 'campaign.list-sibling'],
      ['思想破冰大研讨', 10, 18, 'campaign.quoted-suffix'],
      ['双优化专项治理', 20, 28, 'campaign.quoted-suffix'],
    ]);
    // Without campaign siblings, a bare noun phrase is not taken.
    expect(names('历经党史学习教育、技能培训和知识竞赛。')).toEqual([]);
  });

  it('finds later unquoted occurrences of a name (amount written with digits)', () => {
    expect(found('全市“冲刺三千亿”暨动员推进会召开。奋力冲刺3000亿元。')).toEqual([
      ['冲刺3000亿', 3, 8, 'campaign.target'],
      ['冲刺3000亿', 20, 27, 'campaign.repeat'],
    ]);
  });
});

describe('campaign relations', () => {
  const text = [
    '吴锦指出，要强化“四个优先”意识。',
    '吴锦强调，要强化工业优先意识。要强化招商优先意识，坚持招商引资“一号工程”地位不动摇。要强化项目优先意识。要强化环境优先意识。',
    '“要全面打响‘四大会战’，拼抢实跑出加速度。”吴锦要求，要打响“工业突围战”。要深入推动“千名干部进千企”，做到“十问十帮”。',
    '吴锦强调，要打响“招商阵地战”。开展“六比六看”，深入实施“回归工程”。',
    '吴锦强调，要打响“投资立体战”。要聚焦“五个重大”。',
    '吴锦强调，要打响“双优化”攻坚战。深入实施“六大专项治理”。',
    '市委副书记、市长周志红主持会议并强调，要把“清减降通”专项行动落到实处。',
    '会议通报了“十优十差”科室评选情况。',
  ].join('\n');
  const doc = makeDoc(text, ['吴锦', '周志红']);
  campaignsStage()(doc);
  const facts = (type: string) => doc.relations.filter((r) => r.type === type).map((r) => `${r.from.name}→${r.to.name}:${r.evidence[0]!.rule}`);

  it('reads members in the frame of a counted parent, and the sections of battles', () => {
    expect(facts('PART_OF').sort()).toEqual(
      [
        '工业优先→四个优先:part-of.list',
        '招商优先→四个优先:part-of.list',
        '项目优先→四个优先:part-of.list',
        '环境优先→四个优先:part-of.list',
        '工业突围战→四大会战:part-of.list',
        '招商阵地战→四大会战:part-of.list',
        '投资立体战→四大会战:part-of.list',
        '双优化攻坚战→四大会战:part-of.list',
        '千名干部进千企→工业突围战:part-of.section',
        '十问十帮→千名干部进千企:part-of.doing',
        '六比六看→招商阵地战:part-of.section',
        '回归工程→招商阵地战:part-of.section',
        '五个重大→投资立体战:part-of.section',
        '六大专项治理→双优化攻坚战:part-of.section',
      ].sort(),
    );
  });

  it('adds the members as Campaign mentions with their offsets', () => {
    const m = doc.mentions.find((x) => x.name === '工业优先')!;
    expect([m.type, text.slice(m.start, m.end), m.rule]).toEqual(['Campaign', '工业优先', 'campaign.member']);
  });

  it('lets the speaker of a paragraph promote its campaigns, a quote-first paragraph included', () => {
    const promotes = new Set(facts('PROMOTES').map((f) => f.split(':')[0]));
    expect(promotes.has('吴锦→四大会战')).toBe(true);
    expect(promotes.has('吴锦→十问十帮')).toBe(true);
    expect(promotes.has('吴锦→工业优先')).toBe(true);
    expect(promotes.has('周志红→清减降通专项行动')).toBe(true);
    expect(promotes.has('吴锦→清减降通专项行动')).toBe(false);
    // A paragraph without a speaker promotes nothing.
    expect([...promotes].some((p) => p.endsWith('→十优十差'))).toBe(false);
  });

  it('gives the sentence as evidence', () => {
    const f = doc.relations.find((r) => r.type === 'PROMOTES' && r.to.name === '清减降通专项行动')!;
    expect(text.slice(f.evidence[0]!.start, f.evidence[0]!.end)).toBe('市委副书记、市长周志红主持会议并强调，要把“清减降通”专项行动落到实处。');
  });

  it('notes when a counted parent lists fewer parts than its numeral says', () => {
    const d = makeDoc('全面打响“四大会战”。打响“工业突围战”。打响“招商阵地战”。打响“投资立体战”。');
    campaignsStage()(d);
    expect(d.messages).toEqual([
      {
        level: 'info',
        message: '四大会战: the numeral says 4 parts, the text lists 3 (工业突围战、招商阵地战、投资立体战)',
        start: 5,
        end: 9,
        rule: 'part-of.count',
      },
    ]);
  });

  it('keeps offsets as indices of doc.text when a character outside the BMP comes first', () => {
    const d = makeDoc('𠀾吴锦强调，要打响“工业突围战”。', ['吴锦']);
    campaignsStage()(d);
    const m = d.mentions.find((x) => x.type === 'Campaign')!;
    expect([m.start, m.end, d.text.slice(m.start, m.end)]).toEqual([11, 16, '工业突围战']);
    expect(d.relations.map((r) => `${r.from.name}→${r.to.name}`)).toEqual(['吴锦→工业突围战']);
  });

  it('never takes a reporter of the byline as the speaker a pronoun points to', () => {
    const d = makeDoc('记者汪伟 毛雪报道:县委书记查宏到上津镇调研。他强调，要抓实“三个经济”。', ['汪伟', '毛雪', '查宏']);
    campaignsStage()(d);
    expect(d.relations.map((r) => `${r.from.name}→${r.to.name}`)).toEqual(['查宏→三个经济']);
  });

  it('makes a byline author the speaker of the whole article', () => {
    const d = makeDoc('狠抓落地转化\n□中共荆州市委书记 吴锦\n\n持续开展“绿满荆州”行动。', ['吴锦']);
    campaignsStage()(d);
    expect(d.relations.map((r) => `${r.type} ${r.from.name}→${r.to.name}`)).toEqual(['PROMOTES 吴锦→绿满荆州行动']);
  });
});

describe('paragraphs', () => {
  it('keeps hard-wrapped lines together and splits after a sentence end', () => {
    const t = '深入推进“千名干部进千企”，\n做到“十问十帮”。\n\n全面打响“招商阵地战”\n\n大员挂帅。\n开展“六比六看”。';
    expect(paragraphs(t).map((p) => t.slice(p.start, p.end))).toEqual([
      '深入推进“千名干部进千企”，\n做到“十问十帮”。',
      '全面打响“招商阵地战”',
      '大员挂帅。',
      '开展“六比六看”。',
    ]);
  });
});

describe('a quoted slogan of parallel phrases', () => {
  it('names the campaign with its suffix, the 、 kept as written', () => {
    expect(found('要深入实施“百村示范、千村整治”工程，全面推进乡村振兴。')).toEqual([
      ['百村示范、千村整治工程', 6, 18, 'campaign.quoted-suffix'],
    ]);
  });

  it('leaves quoted lists and speech without a suffix alone', () => {
    expect(names('他说：“抓项目、促发展”。')).toEqual([]);
    expect(names('围绕“吃、住、行”做文章。')).toEqual([]);
  });
});

describe('two numbered parts', () => {
  it('counts a quoted 一主两翼 or 三高四新 as a campaign', () => {
    expect(names('全力推进“一主两翼”发展，大力实施“三高四新”。')).toEqual(['一主两翼', '三高四新']);
    expect(isCounted('一区两园')).toBe(true);
  });

  it('leaves idioms of the same shapes alone', () => {
    expect(names('心里“七上八下”，做事“一心一意”，来自“五湖四海”。')).toEqual([]);
    expect(isCounted('千军万马')).toBe(false);
  });
});

describe('study campaigns', () => {
  it('reads the long bare name of a 主题教育', () => {
    expect(names('要扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，奋力推进。')).toEqual(['学习贯彻习近平新时代中国特色社会主义思想主题教育']);
  });

  it('takes 主题教育, 学习教育 and 专题教育 after a quote as the campaign\'s suffix', () => {
    expect(names('深入开展“不忘初心、牢记使命”主题教育。')).toEqual(['不忘初心、牢记使命主题教育']);
    expect(names('推进“两学一做”学习教育常态化制度化。')).toEqual(['两学一做学习教育']);
  });
});
