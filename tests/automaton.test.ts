import { describe, expect, it } from 'vitest';
import { SuffixScanner, Automaton, findLongestOf } from '../src/extract/automaton.js';
import { splitSentences, sentenceAt, spanIndexAt } from '../src/extract/sentences.js';

describe('Automaton', () => {
  const titles = new Automaton<string>([
    ['市委书记', 'party-secretary'],
    ['书记', 'secretary'],
    ['市委副书记', 'deputy-party-secretary'],
    ['市长', 'mayor'],
  ]);

  it('finds every key in one pass, including overlapping ones', () => {
    const found = titles.findAll('市委书记吴锦').map((m) => [m.key, m.start, m.end, m.value]);
    expect(found).toEqual([
      ['书记', 2, 4, 'secretary'],
      ['市委书记', 0, 4, 'party-secretary'],
    ]);
  });

  it('keeps leftmost-longest matches for non-overlapping scans', () => {
    const found = titles.findLongest('市委副书记、市长周志红').map((m) => [m.key, m.start, m.end]);
    expect(found).toEqual([
      ['市委副书记', 0, 5],
      ['市长', 6, 8],
    ]);
  });

  it('gives the end of the last match inside a range, or -1', () => {
    expect(titles.lastMatchEnd('任命市委书记、市长', 0, 9)).toBe(9);
    expect(titles.lastMatchEnd('任命市委书记、市长', 0, 8)).toBe(6);
    expect(titles.lastMatchEnd('任命市委书记、市长', 4, 6)).toBe(6);
    // A key that starts before the range or ends after it does not count.
    expect(titles.lastMatchEnd('任命市委书记、市长', 5, 7)).toBe(-1);
    expect(titles.lastMatchEnd('任命市委书记、市长', 2, 5)).toBe(-1);
    expect(titles.lastMatchEnd('任命', 0, 2)).toBe(-1);
  });

  it('tells whether any key lies inside a range', () => {
    expect(titles.hasMatch('任命市委书记、市长')).toBe(true);
    expect(titles.hasMatch('任命市委书记、市长', 4, 6)).toBe(true);
    // A key that starts before the range or ends after it does not count.
    expect(titles.hasMatch('任命市委书记、市长', 5, 7)).toBe(false);
    expect(titles.hasMatch('任命市委书记、市长', 2, 5)).toBe(false);
    expect(titles.hasMatch('任命', 0, 2)).toBe(false);
  });

  it('tells whether a range is a sequence of keys', () => {
    const words = new Automaton<true>([['提升', true], ['改造', true], ['提升改', true], ['工程', true]]);
    expect(words.covers('古镇提升改造工程', 2, 8)).toBe(true);
    expect(words.covers('古镇提升改造工程', 2, 6)).toBe(true);
    // 提升改 + 造 leaves a character no key covers; 古镇 is no key.
    expect(words.covers('提升改造', 0, 3)).toBe(true);
    expect(words.covers('提升改造', 0, 4)).toBe(true);
    expect(words.covers('古镇提升改造工程', 0, 8)).toBe(false);
    expect(words.covers('提升改造', 1, 4)).toBe(false);
    expect(words.covers('提升改造', 2, 2)).toBe(false);
  });

  it('answers exact and anchored lookups', () => {
    expect(titles.get('市长')).toBe('mayor');
    expect(titles.get('市')).toBeUndefined();
    expect(titles.longestAt('市委书记吴锦', 0)?.key).toBe('市委书记');
    expect(titles.longestEndingAt('市委副书记周向阳', 5)?.key).toBe('市委副书记');
  });
});

describe('Automaton with the first-pair filter (64 or more first characters)', () => {
  // 66 first characters (the filter starts at 64). 县 names of two and three characters, plus one-character keys, which the filter must not skip.
  const firsts = '东南西北中上下前后左右大小新老长青红白金水火木土山川江河湖海天地人和平安康宁远春夏秋冬梅兰竹菊松柏桃李云雨风雪龙凤虎鹤文武广阳光明华';
  const keys: string[] = [];
  for (let i = 0; i < firsts.length; i++) {
    keys.push(`${firsts[i]}${firsts[(i * 7 + 3) % firsts.length]}县`, `${firsts[i]}${firsts[(i * 5 + 1) % firsts.length]}`);
  }
  keys.push('江', '和平', '平安县');
  const automaton = new Automaton(keys.map((k) => [k, k.length] as const));

  /** Every occurrence of every key, ordered as findAll promises: by end, then shortest first. */
  function bruteForce(text: string): Array<[string, number, number]> {
    const out: Array<[string, number, number]> = [];
    for (let end = 1; end <= text.length; end++) {
      for (let start = end - 1; start >= 0; start--) {
        const key = text.slice(start, end);
        if (keys.includes(key)) out.push([key, start, end]);
      }
    }
    return out;
  }

  it('finds exactly what a brute-force scan finds, one-character keys and keys at the very end included', () => {
    const text = '在东南县和平安县之间，江水长流，天地人和平，左右大小，红白金水县江';
    const found = automaton.findAll(text).map((m): [string, number, number] => [m.key, m.start, m.end]);
    expect(found).toEqual(bruteForce(text));
    expect(found).toContainEqual(['平安县', 5, 8]);
    expect(found).toContainEqual(['江', text.length - 1, text.length]);
  });

  it('agrees with brute force on pseudo-random text over the keys\' characters', () => {
    const alphabet = `${firsts}县，`;
    let seed = 7;
    let text = '';
    for (let i = 0; i < 3000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      text += alphabet[seed % alphabet.length];
    }
    const found = automaton.findAll(text).map((m): [string, number, number] => [m.key, m.start, m.end]);
    expect(found.length).toBeGreaterThan(100);
    expect(found).toEqual(bruteForce(text));
    // A range scan sees only what lies inside the range.
    const ranged = automaton.findAll(text, 100, 400).map((m): [string, number, number] => [m.key, m.start, m.end]);
    expect(ranged).toEqual(bruteForce(text.slice(100, 400)).map(([k, s, e]) => [k, s + 100, e + 100]));
  });
});

describe('SuffixScanner (findAll from the keys\' ends)', () => {
  // Two- and three-character 县 names sharing last characters, one-character keys, a key that ends another.
  const keys = ['东南县', '南县', '和平', '平安县', '安县', '江', '江北', '北', '长江北', '天地人'];
  const scanner = new SuffixScanner(keys.map((k) => [k, k.length] as const));
  const automaton = new Automaton(keys.map((k) => [k, k.length] as const));
  const triples = (ms: Array<{ key: string; start: number; end: number }>) => ms.map((m): [string, number, number] => [m.key, m.start, m.end]);

  it('finds every key ending at each character, shortest first, as Automaton.findAll does', () => {
    const text = '在东南县和平安县之间，长江北岸江北，天地人和平安，北';
    expect(triples(scanner.findAll(text))).toEqual([
      ['南县', 2, 4],
      ['东南县', 1, 4],
      ['和平', 4, 6],
      ['安县', 6, 8],
      ['平安县', 5, 8],
      ['江', 12, 13],
      ['北', 13, 14],
      ['江北', 12, 14],
      ['长江北', 11, 14],
      ['江', 15, 16],
      ['北', 16, 17],
      ['江北', 15, 17],
      ['天地人', 18, 21],
      ['和平', 21, 23],
      ['北', 25, 26],
    ]);
    expect(scanner.findAll(text)).toEqual(automaton.findAll(text));
  });

  it('sees only what lies wholly inside a range', () => {
    const text = '在东南县和平安县之间，长江北岸';
    // From 2: 东南县 starts before the range, 南县 does not; up to 13: 江北 ends past it.
    expect(triples(scanner.findAll(text, 2, 13))).toEqual([
      ['南县', 2, 4],
      ['和平', 4, 6],
      ['安县', 6, 8],
      ['平安县', 5, 8],
      ['江', 12, 13],
    ]);
  });

  it('agrees with Automaton.findAll on pseudo-random text over the keys\' characters, whole and in ranges', () => {
    const alphabet = '东南县和平安江北长天地人，';
    let seed = 11;
    let text = '';
    for (let i = 0; i < 4000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff;
      text += alphabet[seed % alphabet.length];
    }
    const found = scanner.findAll(text);
    expect(found.length).toBeGreaterThan(500);
    expect(found).toEqual(automaton.findAll(text));
    expect(scanner.findAll(text, 123, 2345)).toEqual(automaton.findAll(text, 123, 2345));
  });

  it('finds keys of every length, 31 characters and longer too, as the forward automaton does', () => {
    // Keys ending in the same pair with many lengths (each length is looked up apart), and keys past the 30 the length mask counts one by one.
    const long = '一二三四五六七八九十'.repeat(4);
    const keys = ['市', '城市', '新城市', '大新城市', long.slice(0, 31), long.slice(0, 35), long.slice(0, 40), long.slice(5, 36), long.slice(9, 40)];
    const s = new SuffixScanner(keys.map((k) => [k, k.length] as const));
    const a = new Automaton(keys.map((k) => [k, k.length] as const));
    const text = `在大新城市里${long}${long}，城市${long.slice(0, 35)}市`;
    const found = s.findAll(text);
    expect(found.filter((m) => m.key.length >= 31).length).toBeGreaterThan(4);
    expect(found).toEqual(a.findAll(text));
    expect(s.findAll(text, 3, 50)).toEqual(a.findAll(text, 3, 50));
    expect(s.maxKeyLength).toBe(40);
  });

  it('keeps a duplicate key once, with its last value', () => {
    const s = new SuffixScanner([['荆州', 1], ['荆州', 2], ['', 3]] as const);
    // A table that grew (the reversed trie starts at twice as many slots as keys; these 3000 keys make ~9000 nodes) still finds every key.
    const many = Array.from({ length: 3000 }, (_, i) => String.fromCharCode(0x4e00 + (i % 97), 0x4e00 + ((i * 7) % 89), 0x5e02 + (i % 3)));
    const big = new SuffixScanner(many.map((k) => [k, k] as const));
    const bigAutomaton = new Automaton(many.map((k) => [k, k] as const));
    const text = many.slice(0, 400).join('，') + many.slice(2600).join('');
    expect(big.findAll(text)).toEqual(bigAutomaton.findAll(text));
    expect(bigAutomaton.longestEndingAt(text, text.length)?.key).toBe(many[2999]);
    // A key right at `from` (its last pair has no character before it in range) is found.
    expect(s.findAll('湖荆州市', 1)).toEqual([{ start: 1, end: 3, key: '荆州', value: 2 }]);
    expect(s.findAll('湖荆州市', 2)).toEqual([]);
    expect(s.size).toBe(1);
    expect(s.findAll('荆州市')).toEqual([{ start: 0, end: 2, key: '荆州', value: 2 }]);
  });
});

describe('sentences', () => {
  it('splits on end marks and keeps closing quotes with the sentence', () => {
    const text = '吴锦强调：“要打响。”周志红主持会议。\n市领导出席';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['吴锦强调：“要打响。”', '周志红主持会议。', '市领导出席']);
    expect(text.slice(sentenceAt(spans, 12)!.start, sentenceAt(spans, 12)!.end)).toBe('周志红主持会议。');
  });

  it('finds the position of the span containing an index, -1 in a gap or outside', () => {
    const spans = [
      { start: 0, end: 3 },
      { start: 5, end: 9 },
      { start: 9, end: 10 },
    ];
    expect([0, 2, 3, 4, 5, 8, 9, 10, -1].map((i) => spanIndexAt(spans, i))).toEqual([0, 0, -1, -1, 1, 1, 2, -1, -1]);
    expect(spanIndexAt([], 0)).toBe(-1);
  });

  it('ends at every end mark and line break, at a full stop only before white space or the end, with closers kept', () => {
    const text = '投资3.5亿元！他说：“好。”然后；市委副书记.市长出席\nHe spoke. It rained!\t(ok) done.';
    const spans = splitSentences(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual([
      '投资3.5亿元！',
      '他说：“好。”',
      '然后；',
      '市委副书记.市长出席',
      'He spoke.',
      'It rained!',
      '(ok) done.',
    ]);
  });

  it('gives every stage of one article the same frozen spans, so a stage cannot change another stage\'s', () => {
    const text = '市委书记主持会议。县长出席。';
    const first = splitSentences(text);
    expect(splitSentences(text)).toBe(first);
    expect(() => {
      (first[0] as { start: number }).start = 3;
    }).toThrow(TypeError);
    expect(() => (first as Array<{ start: number; end: number }>).push({ start: 0, end: 1 })).toThrow(TypeError);
    expect(first.map((s) => text.slice(s.start, s.end))).toEqual(['市委书记主持会议。', '县长出席。']);
  });
});

describe('findLongestOf', () => {
  it('picks the same leftmost-longest, non-overlapping matches as an automaton of the same keys', () => {
    const text = '吴锦强调，吴锦同志、周志红和吴 锦出席；周志红周志红。';
    const keys = ['吴锦', '周志红', '周志', '志红周'];
    const viaAutomaton = new Automaton(keys.map((k) => [k, true] as const)).findLongest(text).map(({ start, end, key }) => ({ start, end, key }));
    expect(findLongestOf(text, keys)).toEqual(viaAutomaton);
    expect(findLongestOf(text, keys)).toEqual([
      { start: 0, end: 2, key: '吴锦' },
      { start: 5, end: 7, key: '吴锦' },
      { start: 10, end: 13, key: '周志红' },
      { start: 20, end: 23, key: '周志红' },
      { start: 23, end: 26, key: '周志红' },
    ]);
  });

  it('finds overlapping occurrences of one key as the automaton does (AAA holds AA at 0, then 2 is left)', () => {
    expect(findLongestOf('哈哈哈哈哈', ['哈哈'])).toEqual([
      { start: 0, end: 2, key: '哈哈' },
      { start: 2, end: 4, key: '哈哈' },
    ]);
  });
});

describe('Automaton built to find keys from their ends', () => {
  it('finds exactly what the forward scan finds, and still answers the anchored lookups', () => {
    const keys = ['书记', '副书记', '市委书记', '市长', '副市长', '主任', '常务副主任', '长'];
    const forward = new Automaton(keys.map((k) => [k, k.length] as const));
    const fromEnds = new Automaton(keys.map((k) => [k, k.length] as const), { findFromEnds: true });
    const text = '市委书记吴某、市委副书记、市长周某，常务副主任李某和副市长，长';
    expect(fromEnds.findAll(text)).toEqual(forward.findAll(text));
    expect(fromEnds.findAll(text).map((m) => [m.key, m.start, m.end])).toContainEqual(['市委书记', 0, 4]);
    expect(fromEnds.findAll(text, 7, 13)).toEqual(forward.findAll(text, 7, 13));
    expect(fromEnds.longestAt(text, 13)?.key).toBe('市长');
    expect(fromEnds.longestEndingAt(text, 12)?.key).toBe('副书记');
    expect(fromEnds.get('常务副主任')).toBe(5);
  });
});
