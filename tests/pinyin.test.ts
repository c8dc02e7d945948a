import { describe, it, expect } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { personPinyin, pinyinKeys, splitName, toneless } from '../src/pinyin.js';

describe('personPinyin', () => {
  it('reads surnames with their surname reading', () => {
    expect(personPinyin('单雄信')).toBe('Shan Xiongxin');
    expect(personPinyin('曾国藩')).toBe('Zeng Guofan');
    expect(personPinyin('仇英')).toBe('Qiu Ying');
    expect(personPinyin('吴锦')).toBe('Wu Jin');
  });
  it('keeps a compound surname as one word', () => {
    expect(splitName('欧阳修')).toEqual(['欧阳', '修']);
    expect(personPinyin('欧阳修')).toBe('Ouyang Xiu');
    expect(personPinyin('司马光')).toBe('Sima Guang');
    // Two characters only: 欧阳 alone is read as surname 欧 + given 阳.
    expect(splitName('欧阳')).toEqual(['欧', '阳']);
  });
  it('leaves non-Han names alone', () => {
    expect(personPinyin('John Smith')).toBe('John Smith');
    expect(personPinyin('')).toBe('');
  });
});

describe('pinyinKeys', () => {
  it('gives full pinyin and initials for search', () => {
    expect(pinyinKeys('吴锦')).toEqual(['wujin', 'wj']);
  });
  it('spells ü three ways', () => {
    const keys = pinyinKeys('吕健');
    expect(keys).toContain('lüjian');
    expect(keys).toContain('lvjian');
    expect(keys).toContain('lujian');
    expect(keys).toContain('lj');
  });
});

describe('toneless', () => {
  it("gives what pinyin-pro's toneType 'none' gives, for every syllable of the CJK block", () => {
    // One call over every character: the same segmentation for both, so item i is the same syllable.
    let text = '';
    for (let c = 0x4e00; c <= 0x9fff; c++) text += String.fromCharCode(c);
    const marked = pinyin(text, { type: 'array' });
    const none = pinyin(text, { type: 'array', toneType: 'none' });
    expect(marked.length).toBe(none.length);
    const differ = marked.filter((s, i) => toneless(s) !== none[i]);
    expect(differ).toEqual([]);
  });
  it('takes the marks off letters and off n, m and ê with a combining mark', () => {
    expect(toneless('Lǚ Yáng')).toBe('Lü Yang');
    expect(toneless('ń ň ǹ n\u0304 ḿ m\u0304 m\u030c m\u0300 ê\u0304 ế ê\u030c ề')).toBe('n n n n m m m m ê ê ê ê');
    expect(personPinyin('吕一')).toBe(pinyin('吕一', { surname: 'head', type: 'array', toneType: 'none' }).map((s, i) => (i === 0 ? 'Lü' : s[0]!.toUpperCase() + s.slice(1))).join(' '));
  });
});
