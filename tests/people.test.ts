import { describe, expect, it } from 'vitest';
import peopleStage, { hanLists, occurrencesOf } from '../src/extract/2-people.js';
import { includesAnyOf, includesAnyOfIn } from '../src/extract/offices/naming.js';
import { findLongestOf } from '../src/extract/automaton.js';
import { textDoc } from './helpers/text-doc.js';
import type { Doc } from '../src/types.js';

function doc(text: string, home: string | null = '荆州市', byline: string[] = []): Doc {
  return textDoc(text, { home, byline });
}

const stage = peopleStage();
function run(text: string, home: string | null = '荆州市', byline: string[] = []) {
  const d = doc(text, home, byline);
  stage(d);
  return {
    persons: d.mentions.filter((m) => m.type === 'Person').map((m) => [m.name, m.start, m.end, m.rule]),
    offices: d.mentions.filter((m) => m.type === 'Office').map((m) => [m.name, m.start, m.end]),
    holds: d.relations.map((r) => [r.from.name, r.to.name]),
    doc: d,
  };
}

describe('Person and HOLDS from title + name', () => {
  it('reads a chain of titles and names each office with its jurisdiction', () => {
    const r = run('市委副书记、市长周志红作工作部署。');
    expect(r.persons).toEqual([['周志红', 8, 11, 'person.title-name']]);
    expect(r.offices).toEqual([
      ['荆州市委副书记', 0, 5],
      ['荆州市市长', 6, 8],
    ]);
    expect(r.holds).toEqual([
      ['周志红', '荆州市委副书记'],
      ['周志红', '荆州市市长'],
    ]);
    expect(r.doc.relations[0]!.evidence).toEqual([{ start: 0, end: 17, rule: 'office.title-chain' }]);
  });

  it('gives every name of a list the title before it, and stops at the verb', () => {
    const r = run('市委常委严冀钢、李水彬、黄镇、夏光宏出席会议。');
    expect(r.persons.map((p) => p[0])).toEqual(['严冀钢', '李水彬', '黄镇', '夏光宏']);
    expect(new Set(r.holds.map((h) => h[1]))).toEqual(new Set(['荆州市委常委']));
    expect(r.holds).toHaveLength(4);
  });

  it('inherits the organ and the body along a chain', () => {
    expect(run('市委副书记、政法委书记周向阳，市人大常委会主任段昌林出席。').holds).toEqual([
      ['周向阳', '荆州市委副书记'],
      ['周向阳', '荆州市委政法委书记'],
      ['段昌林', '荆州市人大常委会主任'],
    ]);
    expect(run('市中级人民法院党组书记、副院长、代理院长贾亚胜说，').holds).toEqual([
      ['贾亚胜', '荆州市中级人民法院党组书记'],
      ['贾亚胜', '荆州市中级人民法院副院长'],
      ['贾亚胜', '荆州市中级人民法院代理院长'],
    ]);
  });

  it('lets an explicit place win over the home, townships included', () => {
    expect(run('来自基层的公安县狮子口镇党委书记刘昊表示，').holds).toEqual([['刘昊', '公安县狮子口镇党委书记']]);
    expect(run('监利经济开发区党工委书记、管委会主任赵仙国认为：').holds).toEqual([
      ['赵仙国', '监利经济开发区党工委书记'],
      ['赵仙国', '监利经济开发区管委会主任'],
    ]);
  });

  it('resolves the province and, in a county paper, the parent prefecture', () => {
    expect(run('省委书记应勇指出，').holds).toEqual([['应勇', '湖北省委书记']]);
    expect(run('市委副书记、市长刘洁来我县调研。', '团风县').holds).toEqual([
      ['刘洁', '黄冈市委副书记'],
      ['刘洁', '黄冈市市长'],
    ]);
    expect(run('县委副书记、县长胡凯等参加。', '团风县').holds).toEqual([
      ['胡凯', '团风县委副书记'],
      ['胡凯', '团风县县长'],
    ]);
  });

  it('does not let a title swallow a name or a court be read as 市中区', () => {
    const r = run('党组书记江成与大家交流。学习应勇同志的讲话。');
    expect(r.persons.map((p) => p[0])).toContain('应勇');
    expect(r.persons.map((p) => p[0])).not.toContain('成与');
    expect(r.offices).toEqual([]);
  });
});

describe('Person from honorifics, bylines and repeats', () => {
  it('finds X总书记 and its office', () => {
    const r = run('认真贯彻习近平总书记考察湖北时的重要讲话精神。');
    expect(r.persons).toEqual([['习近平', 4, 7, 'person.honorific']]);
    expect(r.holds).toEqual([['习近平', '中共中央总书记']]);
  });

  it('splits reporters written without separators', () => {
    const r = run('本报讯(记者李天然夏雨彬特约记者张星星)12月30日上午。');
    expect(r.persons).toEqual([
      ['李天然', 6, 9, 'person.byline'],
      ['夏雨彬', 9, 12, 'person.byline'],
      ['张星星', 16, 19, 'person.byline'],
    ]);
    expect(r.holds).toEqual([]);
  });

  it('finds a name again once it is known', () => {
    const r = run('市委书记吴锦出席会议。吴锦强调，要加快发展。');
    expect(r.persons).toEqual([
      ['吴锦', 4, 6, 'person.title-name'],
      ['吴锦', 11, 13, 'person.repeat'],
    ]);
  });

  it('reads elections and appointments', () => {
    expect(run('刘沛、王琦当选为商丘市第五届人民代表大会常务委员会副主任，', '商丘市').holds).toEqual([
      ['刘沛', '商丘市人大常委会副主任'],
      ['王琦', '商丘市人大常委会副主任'],
    ]);
    expect(run('任命伍昌军同志中共洪湖市委委员、常委、书记。', '荆州市').holds).toEqual([
      ['伍昌军', '洪湖市委常委'],
      ['伍昌军', '洪湖市委书记'],
    ]);
  });
});

describe('Person lists and decisions', () => {
  it('reads a list of names without titles, spam glued in front included', () => {
    const r = run('市领导周昌俊、夏光宏、金博体育李敢、韩旭出席。');
    expect(r.persons.map((p) => p[0])).toEqual(['周昌俊', '夏光宏', '李敢', '韩旭']);
    expect(r.offices).toEqual([]);
  });

  it('reads 关于X为…的决定 and a 部长 organ of the party committee', () => {
    expect(run('表决通过了关于王宏为荆门市人民检察院代理检察长的决定。', '荆门市').holds).toEqual([['王宏', '荆门市人民检察院代理检察长']]);
    expect(run('县委常委、县委办主任、宣传部长石承抚出席。', '宿松县').holds).toEqual([
      ['石承抚', '宿松县委常委'],
      ['石承抚', '宿松县委办主任'],
      ['石承抚', '宿松县委宣传部长'],
    ]);
  });
});

describe('Person lists, appositions and 作为…', () => {
  it('does not take 作战图、任务图 for names, but reads a list closed by 等', () => {
    expect(run('制定作战图、任务图、路线图、施工图。').persons).toEqual([]);
    expect(run('还向游俊、冷志明等4名教授颁发聘书。').persons).toEqual([
      ['游俊', 2, 4, 'person.list'],
      ['冷志明', 5, 8, 'person.list'],
    ]);
  });

  it('finds names where a list item only ends in one, and passes over lists of phrases', () => {
    // The first item's name is its tail, the last item's name its head; only those two positions hold a surname.
    expect(run('会上陈立新、孙晓东等人发言。', '公安县').persons).toEqual([
      ['陈立新', 2, 5, 'person.list'],
      ['孙晓东', 6, 9, 'person.list'],
    ]);
    // One item that could be a name is no list of names.
    expect(run('加快产业转型升级、优化营商环境、陈立新出席。').persons).toEqual([]);
  });

  it('reads a name followed by its titles as clauses', () => {
    const r = run('黄涛,洪湖市新滩镇镇长,也是武汉经济开发区新滩新区管委会副主任。', '湖北省');
    expect(r.persons).toEqual([['黄涛', 0, 2, 'person.apposition']]);
    expect(r.holds).toEqual([
      ['黄涛', '洪湖市新滩镇镇长'],
      ['黄涛', '武汉经济开发区新滩新区管委会副主任'],
    ]);
  });

  it('reads 作为<titles>，X表示', () => {
    expect(run('作为荆州开发区党工委副书记、管委会主任,陈明宇表示,').holds).toEqual([
      ['陈明宇', '荆州开发区党工委副书记'],
      ['陈明宇', '荆州开发区管委会主任'],
    ]);
  });

  it('takes the name after a title inside a list item, not the title character before it', () => {
    const r = run('市人大常委会党组副书记、副主任刘启华、谢继先,市人大常委会副主任丁萍、周美元出席会议。', '荆门市');
    expect(r.persons.map((p) => p[0])).toEqual(['刘启华', '谢继先', '丁萍', '周美元']);
  });
});

describe('Elections with a count', () => {
  it('reads 丁广治等42位同志当选为…委员', () => {
    expect(run('丁广治等42位同志当选为商丘市第五届人大常委会委员。', '商丘市').holds).toEqual([['丁广治', '商丘市人大常委会委员']]);
  });

  it('prefers the longer name where both readings end before a one-character word', () => {
    expect(run('市委副书记、代市长王春来在会上说。').persons[0]).toEqual(['王春来', 9, 12, 'person.title-name']);
  });
});

describe('More title forms', () => {
  it('names national offices and keeps 中共 before 中央', () => {
    expect(run('中共中央政治局常委、国务院总理李强作报告。').holds).toEqual([
      ['李强', '中共中央政治局常委'],
      ['李强', '国务院总理'],
    ]);
  });

  it('carries an explicit place to the next title, and drops 人民政府 before a head', () => {
    expect(run('江陵县委书记王三元、县长陈四参加。荆州市人民政府副市长李四到会。').holds).toEqual([
      ['王三元', '江陵县委书记'],
      ['陈四', '江陵县县长'],
      ['李四', '荆州市副市长'],
    ]);
  });

  it('ends a name before a speech verb and names a company office in full', () => {
    const r = run('全国人大代表、市人大常委会主任段昌林发言。湖北宏泰集团董事长曾鑫表示。');
    expect(r.holds).toEqual([
      ['段昌林', '荆州市人大常委会主任'],
      ['曾鑫', '湖北宏泰集团董事长'],
    ]);
  });

  it('emits no office for a title whose level the home does not have', () => {
    const r = run('区委副书记、区长张华在讲话中指出。', '公安县');
    expect(r.persons).toEqual([['张华', 8, 10, 'person.title-name']]);
    expect(r.holds).toEqual([]);
    expect(r.doc.messages).toEqual([
      { level: 'info', message: 'Office: no jurisdiction for 区委副书记 of 张华 (home 公安县); no Office made', start: 0, end: 5, rule: 'office.no-jurisdiction' },
      { level: 'info', message: 'Office: no jurisdiction for 区长 of 张华 (home 公安县); no Office made', start: 6, end: 8, rule: 'office.no-jurisdiction' },
    ]);
  });
});

describe('A bare title after another person', () => {
  it('takes the body of the person before it', () => {
    expect(run('市委书记吴锦、副书记周向阳出席。县领导张胜、续红林参加。').holds).toEqual([
      ['吴锦', '荆州市委书记'],
      ['周向阳', '荆州市委副书记'],
    ]);
    expect(run('市委书记吴锦、副书记周向阳出席。县领导张胜、续红林参加。').persons.map((p) => p[0])).toEqual([
      '吴锦',
      '周向阳',
      '张胜',
      '续红林',
    ]);
  });
});

describe('Honorifics after a name', () => {
  it('reads X委员长 and X总理, not 各位副委员长 or 国务院总理', () => {
    const r = run('赵乐际委员长讲话。李强总理指出，根据国务院总理的提名。委员长、各位副委员长：');
    expect(r.persons).toEqual([
      ['赵乐际', 0, 3, 'person.honorific'],
      ['李强', 9, 11, 'person.honorific'],
    ]);
    expect(r.holds).toEqual([['李强', '国务院总理']]);
  });
});

describe('Renamed homes, places in lists, company chains', () => {
  it('keeps the title of its time where the home is written by its former name', () => {
    expect(run('县长黄镇,县委常委、常务副县长张道毅陪同调研。', '监利县').holds).toEqual([
      ['黄镇', '监利县县长'],
      ['张道毅', '监利县委常委'],
      ['张道毅', '监利县常务副县长'],
    ]);
  });

  it('does not read places of a list as names', () => {
    expect(run('先后到吉首、花垣、凤凰等地考察。').persons).toEqual([]);
  });

  it('does not lend a company of one person to the next', () => {
    expect(run('为广州明珠星集团董事长刘锦成,南桂铝业集团董事长彭小龙颁发聘书。').holds).toEqual([
      ['刘锦成', '广州明珠星集团董事长'],
      ['彭小龙', '南桂铝业集团董事长'],
    ]);
  });

  it('reads reporters after a separator', () => {
    expect(run('记者|李超\n摄影：徐美平').persons.map((p) => p[0])).toEqual(['李超', '徐美平']);
  });
});

describe('Appointments, removals and resignations', () => {
  it('reads 任命X为…，Y为… with an office each', () => {
    expect(run('其中任命纪冰为省人大常委会财政经济工作委员会副主任,王福宏为省人大常委会内务司法工作委员会主任。', '安徽省').holds).toEqual([
      ['纪冰', '安徽省人大常委会财政经济工作委员会副主任'],
      ['王福宏', '安徽省人大常委会内务司法工作委员会主任'],
    ]);
    expect(run('决定任命吕靖、李保庚三位同志为永丰县监察委员会委员。', '永丰县').holds).toEqual([
      ['吕靖', '永丰县监察委员会委员'],
      ['李保庚', '永丰县监察委员会委员'],
    ]);
  });

  it('names people removed or resigning, without an office', () => {
    const r = run('决定免去詹夏来、花建慧的省人民政府副省长职务。张志轩、张荣国、王晓林分别提出辞去省人大常委会委员职务。', '安徽省');
    expect(r.persons.map((p) => [p[0], p[3]])).toEqual([
      ['詹夏来', 'person.removal'],
      ['花建慧', 'person.removal'],
      ['张志轩', 'person.list'],
      ['张荣国', 'person.list'],
      ['王晓林', 'person.list'],
    ]);
    expect(r.holds).toEqual([]);
  });
});

describe('同志 after collectives', () => {
  it('reads no name in 一位女同志 or 党员同志', () => {
    expect(run('一位女同志说，广大党员同志要学习。学习应勇同志讲话。').persons).toEqual([['应勇', 19, 21, 'person.comrade']]);
  });
});

describe('hanLists', () => {
  const PATTERN = /[\u3400-\u9fff]+(?:、[\u3400-\u9fff]+)+/g;
  it('finds the runs joined by 、 that the list pattern matches, at the same places', () => {
    const text = '市领导王敏、李强，和张三、李四、王五出席、。先后到吉首、花垣等地';
    expect(hanLists(text)).toEqual([
      { index: 0, text: '市领导王敏、李强' },
      { index: 9, text: '和张三、李四、王五出席' },
      { index: 22, text: '先后到吉首、花垣等地' },
    ]);
    expect(hanLists(text)).toEqual([...text.matchAll(PATTERN)].map((m) => ({ index: m.index, text: m[0] })));
  });

  it('ignores a 、 without Han text on both sides', () => {
    expect(hanLists('、王敏、、成先军 a、b')).toEqual([]);
  });
});

describe('occurrencesOf', () => {
  it('finds what findLongestOf finds: every occurrence, leftmost-longest, names sharing a first character too', () => {
    const names = new Set(['王敏', '王敏华', '欧阳明', '李强', '强']);
    const texts = ['王敏华、王敏和欧阳明出席，李强强调', '', '王王敏敏华', '欧阳欧阳明李强李强', '没有名字的文本'];
    for (const text of texts) expect(occurrencesOf(text, names)).toEqual(findLongestOf(text, names));
    // The table of first characters is cleared after each call: a later call with other names finds only those.
    expect(occurrencesOf('王敏与李强', new Set(['李强']))).toEqual([{ start: 3, end: 5, key: '李强' }]);
  });
});

describe('includesAnyOf', () => {
  it('answers as words.some((w) => s.includes(w)), an empty word included', () => {
    const words = ['代表', '主席团', '记者', '人大代表'];
    for (const s of ['市人大代表', '主席团主席', '市委书记', '', '代', '特约记者', '表代']) {
      expect(includesAnyOf(s, words)).toBe(words.some((w) => s.includes(w)));
    }
    expect(includesAnyOf('书记', ['', '代表'])).toBe(true);
    expect(includesAnyOf('书记', [])).toBe(false);
  });

  it('reads only text[from, to): a word cut by either end is not there', () => {
    const words = ['代表', '主席团'];
    const text = '会议选举市人大代表主席团成员';
    for (let from = 0; from <= text.length; from++) {
      for (let to = from; to <= text.length; to++) {
        expect(includesAnyOfIn(text, from, to, words)).toBe(includesAnyOf(text.slice(from, to), words));
      }
    }
    expect(includesAnyOfIn(text, 6, 8, words)).toBe(false);
    expect(includesAnyOfIn(text, 7, 9, words)).toBe(true);
  });
});

describe('names before 列席 and the like, and notices of appointment', () => {
  it('ends a name before 列席, as before 出席', () => {
    const r = run('咸丰县委书记韩林、来凤县县长吴卫国列席会议。', '恩施土家族苗族自治州');
    expect(r.persons).toEqual([
      ['韩林', 6, 8, 'person.title-name'],
      ['吴卫国', 14, 17, 'person.title-name'],
    ]);
    expect(r.holds).toEqual([
      ['韩林', '咸丰县委书记'],
      ['吴卫国', '来凤县县长'],
    ]);
  });

  it('reads the titles after `X同志任` as the appointed offices', () => {
    const r = run('经研究决定，王大明同志任中共监利市委常委、组织部部长。', '监利市');
    expect(r.persons).toEqual([['王大明', 6, 9, 'person.comrade']]);
    expect(r.holds).toEqual([
      ['王大明', '监利市委常委'],
      ['王大明', '监利市委组织部部长'],
    ]);
    expect(r.doc.relations.map((rel) => rel.evidence[0]!.rule)).toEqual(['office.appointment', 'office.appointment']);
  });

  it('does not read 任职 or 任期 as an appointment', () => {
    expect(run('王大明同志任职期间，县委书记李四多次调研。', '公安县').holds).toEqual([['李四', '公安县委书记']]);
  });
});

describe('a name with a space after its surname', () => {
  it('reads `刘 涛` after a title as 刘涛, its span covering the space', () => {
    const r = run('临河店乡党委书记刘 涛陪同调研。', '睢阳区');
    expect(r.persons).toEqual([['刘涛', 8, 11, 'person.title-name']]);
    expect(r.holds).toEqual([['刘涛', '临河店乡党委书记']]);
  });

  it('leaves two names separated by a space as two names', () => {
    expect(run('市委书记叶力铭 张梦瑶出席。').persons.map((p) => p[0])).toEqual(['叶力铭']);
  });
});

describe('an election written `选举X为<title>`', () => {
  it('gives each elected person the office', () => {
    const r = run('大会选举张荣华为黄冈市人民政府市长，李晓峰、王春梅当选为市人大常委会副主任。', '黄冈市');
    expect(r.persons).toEqual([
      ['张荣华', 4, 7, 'person.election'],
      ['李晓峰', 18, 21, 'person.election'],
      ['王春梅', 22, 25, 'person.election'],
    ]);
    // (HOLDS in the order the finders run: 当选为 before 选举.)
    expect(r.holds).toEqual([
      ['李晓峰', '黄冈市人大常委会副主任'],
      ['王春梅', '黄冈市人大常委会副主任'],
      ['张荣华', '黄冈市市长'],
    ]);
  });

  it('reads no name after 选举 that is not followed by one (选举产生, 选举办法)', () => {
    expect(run('会议选举产生了新一届领导班子，通过了选举办法。', '黄冈市').persons).toEqual([]);
  });
});

describe('a name before 发布', () => {
  it('ends the name before 发布 as before 出席', () => {
    expect(run('县政协秘书长刘建平发布会议有关情况。', '公安县').persons.map((p) => p[0])).toEqual(['刘建平']);
  });
});

describe('a bare title after the title of a named body without a place', () => {
  it('is of that body, without its party committee for a role that is not the committee\'s', () => {
    expect(run('中国五矿集团有限公司党委副书记、总经理张树强一行来荆考察。').holds).toEqual([
      ['张树强', '中国五矿集团有限公司党委副书记'],
      ['张树强', '中国五矿集团有限公司总经理'],
    ]);
    expect(run('比亚迪集团董事长、总裁王传福出席。').holds).toEqual([
      ['王传福', '比亚迪集团董事长'],
      ['王传福', '比亚迪集团总裁'],
    ]);
  });
});

describe('notices of appointment and resignation as congresses write them', () => {
  it('reads names after 任命： and 免去： with a colon', () => {
    const r = run('会议决定任命：刘洋为县人民政府副县长；陈静为县财政局局长。决定免去：张勇的县财政局局长职务。', '江陵县');
    expect(r.persons).toEqual([
      ['刘洋', 7, 9, 'person.appointment'],
      ['陈静', 19, 21, 'person.appointment'],
      ['张勇', 34, 36, 'person.removal'],
    ]);
    expect(r.holds).toEqual([
      ['刘洋', '江陵县副县长'],
      ['陈静', '江陵县财政局局长'],
    ]);
  });

  it('reads the person of 接受X辞去…职务', () => {
    expect(run('会议表决通过了关于接受李明辞去县人民政府副县长职务的决定。', '江陵县').persons).toEqual([['李明', 11, 13, 'person.resignation']]);
  });
});

describe('organs whose names join two fields with 和', () => {
  it('keeps 水利和湖泊局 and 自然资源和规划局 whole in a title', () => {
    expect(run('副县长、县水利和湖泊局局长陈涛陪同。', '公安县').holds).toEqual([
      ['陈涛', '公安县副县长'],
      ['陈涛', '公安县水利和湖泊局局长'],
    ]);
    expect(run('市长和市住房和城乡建设局局长王五出席。').holds).toEqual([['王五', '荆州市住房和城乡建设局局长']]);
  });

  it('still reads a 和 between two people\'s titles as a conjunction', () => {
    expect(run('县委书记吴锦和县教育局局长张三出席。', '公安县').holds).toEqual([
      ['吴锦', '公安县委书记'],
      ['张三', '公安县教育局局长'],
    ]);
    expect(run('市委书记吴锦和发改委主任李四座谈。').holds).toEqual([['吴锦', '荆州市委书记']]);
  });
});
