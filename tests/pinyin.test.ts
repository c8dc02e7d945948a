import { describe, it, expect } from 'vitest';
import { personPinyin, pinyinKeys, splitName } from '../src/pinyin.js';

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
