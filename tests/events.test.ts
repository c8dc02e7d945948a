import { describe, expect, it } from 'vitest';
import eventsStage from '../src/extract/6-events.js';
import { findEvents } from '../src/extract/events/find.js';
import { personMentions, textDoc } from './helpers/text-doc.js';
import type { Doc, Mention } from '../src/types.js';

/** A doc whose Person mentions are set up here, as the people stage would. */
function makeDoc(text: string, home: string | null, date: string | null, people: string[] = []): Doc {
  return textDoc(text, { date, home }, personMentions(text, people));
}

const events = (text: string, home = '荆州市', date: string | null = '2021-12-31') =>
  findEvents(makeDoc(text, home, date)).map((e) => [e.name, e.start, e.end, e.rule, e.occurring, e.date ?? null]);

describe('event names', () => {
  it('makes the home jurisdiction explicit and dates a held meeting', () => {
    expect(events('12月30日上午，市委经济工作会议举行。')).toEqual([['荆州市委经济工作会议', 9, 17, 'event.meeting', true, '2021-12-30']]);
  });

  it('names the same meeting by the home of each article asked in turn (names are remembered per home)', () => {
    const text = '12月30日上午，市委经济工作会议举行。';
    expect(events(text, '荆州市').map((e) => e[0])).toEqual(['荆州市委经济工作会议']);
    expect(events(text, '宜昌市').map((e) => e[0])).toEqual(['宜昌市委经济工作会议']);
    expect(events(text, null).map((e) => e[0])).toEqual([]);
    expect(events(text, '荆州市').map((e) => e[0])).toEqual(['荆州市委经济工作会议']);
  });

  it('names a meeting by the body holding it, for each body in turn', () => {
    expect(events('荆州市委召开常委会会议。', null).map((e) => e[0])).toEqual(['荆州市委常委会会议']);
    expect(events('宜昌市委召开常委会会议。', null).map((e) => e[0])).toEqual(['宜昌市委常委会会议']);
  });

  it('keeps referenced meetings undated and gives 省 the home province', () => {
    expect(events('会议深入贯彻落实党的十九届六中全会、中央经济工作会议和省委经济工作会议精神。')).toEqual([
      ['党的十九届六中全会', 8, 17, 'event.meeting', false, null],
      ['中央经济工作会议', 18, 26, 'event.meeting', false, null],
      ['湖北省委经济工作会议', 27, 35, 'event.meeting', false, null],
    ]);
  });

  it('expands a list of session ordinals', () => {
    expect(events('落实好省委十一届七次、八次全会部署。').map((e) => e[0])).toEqual(['湖北省委十一届七次全会', '湖北省委十一届八次全会']);
  });

  it('finds party congresses and knows a future one is not held', () => {
    expect(events('以优异成绩迎接党的二十大胜利召开！')).toEqual([['党的二十大', 7, 12, 'event.congress', false, null]]);
  });

  it('keeps a meeting named by its quoted slogan without the scope word', () => {
    expect(events('2月9日，全市“冲刺三千亿”暨奋力建设鄂中省域区域性中心城市动员推进会召开。', '荆州市', '2022-02-10')).toEqual([
      ['“冲刺三千亿”暨奋力建设鄂中省域区域性中心城市动员推进会', 5, 35, 'event.meeting', true, '2022-02-09'],
    ]);
  });

  it('joins an organ to its session and expands 人大 abbreviations', () => {
    expect(events('4月25日,市十届人大常委会举行第二十六次会议。', '荆门市', null).map((e) => e[0])).toEqual(['荆门市十届人大常委会第二十六次会议']);
    expect(events('6月13日上午,市五届人大一次会议在市工人文化宫举行第三次大会。', '商丘市', '2017-06-13').map((e) => [e[0], e[5]])).toEqual([
      ['商丘市第五届人民代表大会第一次会议', '2017-06-13'],
    ]);
  });

  it('prefixes the subject of 举行 when the name has no place', () => {
    expect(events('27日上午,江陵县举行2019年三季度项目集中签约仪式,总投资369.8亿元。', '江陵县', null).map((e) => e[0])).toEqual([
      '江陵县2019年三季度项目集中签约仪式',
    ]);
  });

  it('joins two meetings written as one with 暨', () => {
    expect(events('9月26日下午,全市县(区)委书记座谈会暨信访、安全稳定工作会议召开。', '宝鸡市', '2023-09-27').map((e) => [e[0], e[5]])).toEqual([
      ['宝鸡市县(区)委书记座谈会暨信访、安全稳定工作会议', '2023-09-26'],
    ]);
  });

  it('keeps listed quoted themes and drops the adverb from the subject', () => {
    expect(events('2月16日上午,溧阳市委、市政府隆重召开“重大项目攻坚年”、“环境整治攻坚年”动员大会。', '溧阳市', '2016-02-17').map((e) => e[0])).toEqual([
      '溧阳市委、市政府“重大项目攻坚年”、“环境整治攻坚年”动员大会',
    ]);
  });

  it('takes a national body as its own place', () => {
    expect(events('新华社北京3月3日电 中国人民政治协商会议第十一届全国委员会第四次会议3日下午在人民大会堂开幕。', null, '2011-03-04').map((e) => [e[0], e[4], e[5]])).toEqual([
      ['中国人民政治协商会议第十一届全国委员会第四次会议', true, '2011-03-03'],
    ]);
  });

  it('rejects generic meetings and organs', () => {
    expect(events('这次会议既是总结表彰会，又是动员推进会，更是一次收心鼓劲的誓师大会。市人大常委会主任主持会议。')).toEqual([]);
    expect(events('选举商丘市第五届人民代表大会常务委员会主任。', '商丘市', null)).toEqual([]);
  });

  it('gives one name to two writings of one event', () => {
    const t = '市委市政府召开9月份工作例会\n9月1日,纪道清主持召开市委、市政府9月份工作例会。';
    expect([...new Set(events(t, '天门市', '2025-09-02').map((e) => e[0]))]).toEqual(['天门市委、市政府9月份工作例会']);
  });
});

describe('attendance', () => {
  it('links the people before a verb of attending, and the chair, to the held meeting', () => {
    const text =
      '12月30日上午，市委经济工作会议举行。市委书记吴锦出席会议并讲话，市委副书记、市长周志红作工作部署。\n市委副书记周向阳，市人大常委会主任段昌林出席会议。\n认真贯彻习近平总书记参加湖北代表团审议时的重要讲话精神。';
    const doc = makeDoc(text, '荆州市', '2021-12-31', ['吴锦', '周志红', '周向阳', '段昌林', '习近平']);
    eventsStage()(doc);
    const attended = doc.relations.filter((r) => r.type === 'ATTENDED').map((r) => `${r.from.name}→${r.to.name}`);
    expect([...new Set(attended)].sort()).toEqual(
      ['吴锦→荆州市委经济工作会议', '周志红→荆州市委经济工作会议', '周向阳→荆州市委经济工作会议', '段昌林→荆州市委经济工作会议'].sort(),
    );
    const e = doc.mentions.find((m) => m.type === 'Event')!;
    expect([e.name, e.properties]).toEqual(['荆州市委经济工作会议', { date: '2021-12-30' }]);
  });

  it('links people listed after a held event in its sentence', () => {
    const text = '1月27日,青山湖区召开2023“三请三回”恳谈会暨招商引资签约推介会,市委常委、副市长肖云,区委书记袁一旦等约200人欢聚一堂。';
    const doc = makeDoc(text, '青山湖区', null, ['肖云', '袁一旦']);
    eventsStage()(doc);
    expect(doc.relations.map((r) => `${r.from.name}→${r.to.name}:${r.evidence[0]!.rule}`)).toEqual([
      '肖云→青山湖区2023“三请三回”恳谈会暨招商引资签约推介会:attended.list',
      '袁一旦→青山湖区2023“三请三回”恳谈会暨招商引资签约推介会:attended.list',
    ]);
  });

  it('links the object of a verb of attending even when the text does not say it is held', () => {
    const doc = makeDoc('市委书记吴锦出席全省优化营商环境大会。', '荆州市', null, ['吴锦']);
    eventsStage()(doc);
    expect(doc.relations.map((r) => `${r.from.name}→${r.to.name}:${r.evidence[0]!.rule}`)).toEqual(['吴锦→湖北省优化营商环境大会:attended.verb']);
  });

  it('links nobody when no event is held', () => {
    const doc = makeDoc('市委书记吴锦出席会议并讲话。', '荆州市', null, ['吴锦']);
    eventsStage()(doc);
    expect(doc.relations).toEqual([]);
  });
});

describe('a meeting named by a level marker, read as in titles', () => {
  it('gives 州委 the short form of an autonomous prefecture, as its 州委书记 has', () => {
    expect(events('3月4日，州委书记胡超文主持召开州委常委会会议。', '恩施土家族苗族自治州', '2024-03-05').map((e) => e[0])).toEqual(['恩施州委常委会会议']);
  });

  it('gives 市委 in a county paper the city above the county, and 县委 the county', () => {
    expect(events('12月30日，市委经济工作会议召开。', '公安县').map((e) => e[0])).toEqual(['荆州市委经济工作会议']);
    expect(events('12月28日，县委经济工作会议召开。', '公安县').map((e) => e[0])).toEqual(['公安县委经济工作会议']);
  });
});

describe('a clause is no event name', () => {
  it('makes no event of a person and the verb they act by before 会议', () => {
    const text = '县政协党组成员、秘书长刘建平发布会议有关情况。';
    expect(findEvents(makeDoc(text, '公安县', '2023-02-20', ['刘建平'])).map((e) => e.name)).toEqual([]);
  });
});

describe('a standing body holding a bare 会议', () => {
  it('names the meeting by the body', () => {
    expect(events('1月4日，宜昌市委常委会召开会议。', '宜昌市', '2024-01-05').map((e) => [e[0], e[5]])).toEqual([['宜昌市委常委会会议', '2024-01-04']]);
    expect(events('县政府常务会召开会议，研究有关事项。', '公安县').map((e) => e[0])).toEqual(['公安县政府常务会议']);
  });

  it('names no meeting for a body that is not a standing one', () => {
    expect(events('市政府召开会议，研究有关事项。', '荆州市').map((e) => e[0])).toEqual([]);
  });
});

describe('the report at a plenary', () => {
  it('makes the one who gives the work report an attendee', () => {
    const text = '1月19日，中国共产党荆州市第六届委员会第七次全体会议召开。市委书记王永红代表市委常委会作工作报告。';
    const doc = makeDoc(text, '荆州市', '2024-01-20', ['王永红']);
    eventsStage()(doc);
    expect(doc.relations.map((r) => `${r.from.name}→${r.to.name}:${r.evidence[0]!.rule}`)).toEqual(['王永红→中国共产党荆州市第六届委员会第七次全体会议:attended.verb']);
  });
});

describe('a meeting chaired by an official of another place', () => {
  it('belongs to the place the chair\'s title names', () => {
    const r1 = '5月9日，监利县委书记黄澜主持召开县委常委会会议。';
    expect(findEvents(makeDoc(r1, '荆州市', '2016-05-10', ['黄澜'])).map((e) => e.name)).toEqual(['监利县委常委会会议']);
    const r2 = '5月9日，石首市委书记张三主持召开全市经济工作会议。';
    expect(findEvents(makeDoc(r2, '荆州市', '2021-05-10', ['张三'])).map((e) => e.name)).toEqual(['石首市经济工作会议']);
  });

  it('stays the home\'s when the chair\'s title names no place', () => {
    const text = '5月9日，市委书记吴锦主持召开全市经济工作会议。';
    expect(findEvents(makeDoc(text, '荆州市', '2021-05-10', ['吴锦'])).map((e) => e.name)).toEqual(['荆州市经济工作会议']);
  });
});
