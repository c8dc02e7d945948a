import { describe, expect, it } from 'vitest';
import divisionsStage from '../src/extract/1-divisions.js';
import projectsStage from '../src/extract/5-projects.js';
import { textDoc } from './helpers/text-doc.js';
import type { Doc } from '../src/types.js';
import { sentenceStage, statedInvestment, trailingInvestment } from '../src/extract/projects/parse.js';
import { projectLexicon } from '../src/extract/projects/lexicon.js';

function doc(text: string, home: string | null): Doc {
  return textDoc(text, { home });
}

const divisions = divisionsStage();
const projects = projectsStage();
function run(text: string, home: string | null = '荆州市') {
  const d = doc(text, home);
  divisions(d);
  const before = d.relations.length;
  projects(d);
  const ps = d.mentions.filter((m) => m.type === 'Project');
  return {
    projects: ps.map((m) => [m.name, m.start, m.end, m.rule]),
    names: ps.map((m) => m.name),
    properties: ps.map((m) => m.properties ?? {}),
    located: d.relations.slice(before).map((r) => [r.from.name, r.to.name, r.evidence[0]!.rule]),
  };
}

describe('Project names', () => {
  it('strips the investment size into a property and reads the stage', () => {
    const r = run('东升镇举全镇之力服务好百亿元仙鹤纸业项目顺利开工。');
    expect(r.projects).toEqual([['仙鹤纸业项目', 14, 20, 'project.suffix']]);
    expect(r.properties).toEqual([{ investment: '百亿元', stage: '开工' }]);
    expect(r.located).toEqual([['仙鹤纸业项目', '东升镇', 'project.located-in']]);
  });

  it('takes an amount written before the name with 的', () => {
    const r = run('投资70亿元的江陵煤港电厂项目', '江陵县');
    expect(r.projects).toEqual([['江陵煤港电厂项目', 7, 15, 'project.suffix']]);
    expect(r.properties[0]).toEqual({ investment: '70亿元' });
    // The division inside the name places it.
    expect(r.located).toEqual([['江陵煤港电厂项目', '江陵县', 'project.located-in']]);
  });

  it('reads amounts in full-width digits and in 万亿', () => {
    expect(run('投资２４０亿元的煤制气项目', '江陵县').properties).toEqual([{ investment: '２４０亿元' }]);
    expect(run('总投资1.2万亿元的沿江高铁项目开工').properties).toEqual([{ investment: '1.2万亿元', stage: '开工' }]);
  });

  it('ends names at verbs and list marks, keeping 的 inside a brand', () => {
    const r = run('加快李埠公铁长江大桥建设、荆荆高铁建设及南延,先后来到了金茂源(华中)表面处理循环经济产业园、美的洗衣机荆州产业园');
    expect(r.names).toEqual(['李埠公铁长江大桥', '荆荆高铁', '金茂源(华中)表面处理循环经济产业园', '美的洗衣机荆州产业园']);
  });

  it('keeps one-character function words that are part of a brand or a route (华为, 至)', () => {
    const r = run('总投资50亿元的荆州华为云数据中心项目在荆州高新区开工建设。');
    expect(r.projects).toEqual([['荆州华为云数据中心项目', 8, 19, 'project.suffix']]);
    expect(r.properties[0]).toEqual({ investment: '50亿元', stage: '开工' });
    expect(r.located).toEqual([['荆州华为云数据中心项目', '荆州高新区', 'project.located-in']]);
    expect(run('荆州至岳阳高速公路加快建设').names).toEqual(['荆州至岳阳高速公路']);
    expect(run('、上海大众汽车项目').names).toEqual(['上海大众汽车项目']);
  });

  it('keeps a place in the name unless 在/位于 puts it before the name', () => {
    expect(run('总投资3.5亿元的荆州市第一人民医院新院区项目已完成主体工程。').names).toEqual(['荆州市第一人民医院新院区项目']);
    expect(run('共建荆州高新区智能制造产业园。').names).toEqual(['荆州高新区智能制造产业园']);
    expect(run('开工仪式在城陵矶新港区中创空天新材料产业化基地建设现场举行。', '岳阳市').names).toEqual(['中创空天新材料产业化基地']);
    expect(run('签约项目包括：年产10万吨锂电池材料项目、华润电力风电项目等。').names).toEqual(['年产10万吨锂电池材料项目', '华润电力风电项目']);
  });

  it('counts parks and bridges as projects only where the sentence is about building them', () => {
    expect(run('打造山底湖生态湿地公园、官田湖公园', '石首市').names).toEqual(['山底湖生态湿地公园', '官田湖公园']);
    expect(run('市民在中山公园晨练，从长江大桥经过。').names).toEqual([]);
  });

  it('keeps 及 inside a long name but splits 和 before a bare 项目 or after a finished name', () => {
    expect(run('荆州在荆州经开区湖北菲利华石英玻璃股份有限公司合成石英材料及光电用陶瓷项目现场举行开工活动。').names).toEqual([
      '湖北菲利华石英玻璃股份有限公司合成石英材料及光电用陶瓷项目',
    ]);
    expect(run('全市招商引资和项目建设迎来开门红，松滋市项目投资总额超过百亿元。').names).toEqual([]);
    expect(run('推进五方光电总部基地项目和万华生态板项目建设').names).toEqual(['五方光电总部基地项目', '万华生态板项目']);
    expect(run('先进制造业项目中，法雷奥项目去年1月签约').names).toEqual(['法雷奥项目']);
  });

  it('rejects whole clauses that no boundary word cut', () => {
    expect(run('县委书记梁建松主持召开重点项目建设推进会。积极为企业协调解决项目建设中存在的难题。').names).toEqual([]);
    expect(run('要深化现代农业示范园区发展').names).toEqual([]);
  });

  it('keeps a name-tail verb inside the name and strips a run of places after 在', () => {
    expect(run('开工项目包括大邑县安仁古镇提升改造（二期）项目、新建大邑县委党校项目等9个项目。', '大邑县').names).toEqual([
      '大邑县安仁古镇提升改造（二期）项目',
      '大邑县委党校项目',
    ]);
    const r = run('在大邑县沙渠街道五矿国际时尚运动健康城项目区举行签约暨开工仪式。', '大邑县');
    expect(r.names).toEqual(['五矿国际时尚运动健康城项目']);
    expect(r.located).toEqual([['五矿国际时尚运动健康城项目', '沙渠街道', 'project.located-in']]);
    expect(run('着力提升园区承载能力，主会场法麦克斯三期项目总投资5.2亿元', '沙洋县').names).toEqual(['法麦克斯三期项目']);
  });

  it('places a project by the township in its name before one earlier in the sentence', () => {
    const r = run('县长在夹竹园镇督办项目建设，要求加快推进孟家溪镇污水处理厂建设。', '公安县');
    expect(r.located).toEqual([['孟家溪镇污水处理厂', '孟家溪镇', 'project.located-in']]);
  });

  it('cuts a place written after 在 off the name and locates the project there', () => {
    const r = run('我市在公安县荆州伟胜科技股份有限公司项目建设现场设分会场。');
    expect(r.projects).toEqual([['荆州伟胜科技股份有限公司项目', 6, 20, 'project.suffix']]);
    expect(r.located).toEqual([['荆州伟胜科技股份有限公司项目', '公安县', 'project.located-in']]);
  });

  it('reads clause subjects called projects and items listed before 等重点项目', () => {
    const r = run('盛鸿建材是安徽鸿路钢结构(集团)股份有限公司在我县投资建设的第四期项目。项目位于团风经济开发区临港产业园,计划总投资20亿元。', '团风县');
    expect(r.projects[0]).toEqual(['盛鸿建材', 0, 4, 'project.subject']);
    expect(r.properties[0]).toEqual({ investment: '20亿元' });
    expect(r.located[0]).toEqual(['盛鸿建材', '团风经济开发区', 'project.located-in']);
    const tm = run('全力推动天门新区等重点项目早日开工。要高质高效推进张家湖农文旅融合项目建设。', '天门市');
    expect(tm.projects).toEqual([
      ['天门新区', 4, 8, 'project.listed'],
      ['张家湖农文旅融合项目', 25, 35, 'project.suffix'],
    ]);
    // The second sentence names no place: the county in the sentence before places it, and
    // the rule says it came from context.
    expect(tm.located).toEqual([
      ['天门新区', '天门市', 'project.located-in'],
      ['张家湖农文旅融合项目', '天门市', 'project.located-in-context'],
    ]);
    // With no place anywhere, the home is a guess and says so.
    expect(run('要高质高效推进张家湖农文旅融合项目建设。', '天门市').located).toEqual([
      ['张家湖农文旅融合项目', '天门市', 'project.located-in-home'],
    ]);
    expect(run('抓手是项目。工业发展的关键是招商引资的大项目。2021年是项目建设年。').names).toEqual([]);
  });

  it('rejects counts, categories and verbs with 项目', () => {
    expect(run('全市第一季度52个重大项目集中开工').names).toEqual([]);
    expect(run('246个重大项目、重大项目、工业园区、其中产业类项目').names).toEqual([]);
    expect(run('紧盯项目、大抓项目,没有新项目就没有新发展').names).toEqual([]);
    expect(run('市政府2021年民生实事项目、投资过亿元项目、第四期项目').names).toEqual([]);
    expect(run('签署《湖北省大型火电项目开发协议》').names).toEqual([]);
  });
});

describe('sentenceStage', () => {
  // The plain reading: every occurrence of every word, stage by stage and word by word; the nearest wins, the first on a tie.
  const reference = (sentence: string, at: number): string | null => {
    let best: { stage: string; distance: number } | null = null;
    for (const [stage, words] of projectLexicon().stages) {
      for (const w of words) {
        for (let i = sentence.indexOf(w); i !== -1; i = sentence.indexOf(w, i + 1)) {
          const distance = Math.abs(i - at);
          if (!best || distance < best.distance) best = { stage, distance };
        }
      }
    }
    return best?.stage ?? null;
  };

  it('picks the stage word nearest to the project, as a walk over every word does', () => {
    const pieces = ['签约', '签订', '开工', '动工', '投产', '竣工', '建成', '完工', '项目', '集中', '暨', '，', '签', '开', '建'];
    let seed = 5;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let k = 0; k < 2000; k++) {
      let sentence = '';
      for (let j = rnd(8); j >= 0; j--) sentence += pieces[rnd(pieces.length)];
      const at = rnd(sentence.length + 2);
      expect(sentenceStage(sentence, projectLexicon(), at), `${sentence} @${at}`).toBe(reference(sentence, at));
    }
    expect(sentenceStage('集中开工暨集中签约', projectLexicon(), 9)).toBe('签约');
    expect(sentenceStage('没有', projectLexicon())).toBeNull();
  });

  it('reads an amount written right before a name, and one stated in a sentence', () => {
    expect(trailingInvestment('投资70亿元的')).toBe('70亿元');
    expect(trailingInvestment('计划总投资约12.5亿元')).toBe('12.5亿元');
    expect(trailingInvestment('三百万元的')).toBe('三百万元');
    // The amount must end the text: nothing after 元 or 元的.
    expect(trailingInvestment('投资70亿元建设')).toBeNull();
    expect(trailingInvestment('70亿元')).toBeNull();
    expect(statedInvestment('该项目计划总投资20亿元，年内开工')).toBe('20亿元');
    expect(statedInvestment('投入更新改造资金4248.06万元')).toBe('4248.06万元');
    expect(statedInvestment('项目总投资待定')).toBeNull();
    expect(statedInvestment('年产值20亿元')).toBeNull();
  });
});

describe('a conjunction at the start of a project name', () => {
  it('leaves 和 out when it joins the name to the clause before', () => {
    expect(run('实地察看汉江生态经济带建设和东风汽车零部件产业园项目。', '十堰市').projects).toEqual([
      ['东风汽车零部件产业园项目', 14, 26, 'project.suffix'],
    ]);
  });

  it('keeps 和平 and the like, which are words', () => {
    expect(run('加快建设和平路改造提升项目。', '荆州市').names).toEqual(['和平路改造提升项目']);
  });
});

describe('the investment of one project among several', () => {
  it('takes the amount stated right after the project, not the sentence\'s total', () => {
    const r = run('此次集中开工项目共12个，总投资56.8亿元，其中湖北华鲁新材料产业园项目投资20亿元。', '石首市');
    expect(r.names).toEqual(['湖北华鲁新材料产业园项目']);
    expect(r.properties).toEqual([{ investment: '20亿元', stage: '开工' }]);
  });

  it('still takes the sentence\'s amount when nothing follows the project', () => {
    expect(run('总投资12亿元的岑河农产品加工园项目开工建设。', '沙市区').properties).toEqual([{ investment: '12亿元', stage: '开工' }]);
  });
});

describe('works named by what is done to a facility', () => {
  it('reads 加固工程 and 提标改造工程 as projects, with no conjunction inside', () => {
    expect(run('察看江汉平原粮食生产和荆江大堤加固工程。', '湖北省').names).toEqual(['荆江大堤加固工程']);
    expect(run('其中污水处理厂提标改造工程投资1.2亿元。', '石首市').projects).toEqual([['污水处理厂提标改造工程', 2, 13, 'project.suffix']]);
  });

  it('leaves programmes in 工程 to the campaigns', () => {
    expect(run('深入实施“强村富民”工程和回归工程。', '荆州市').names).toEqual([]);
  });
});
