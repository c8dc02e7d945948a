import { describe, expect, it } from 'vitest';
import { endsInPlaceSuffix } from '../src/extract/offices/jurisdiction.js';

/** The pattern endsInPlaceSuffix stands for. */
const SUFFIX = /(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|开发区|新区|自治州|自治县|街道|省|市|县|区|州|镇|乡)$/;

describe('endsInPlaceSuffix', () => {
  it('is true where the form ends in a place suffix, as the pattern of the suffixes reads it', () => {
    const forms = [
      '', '市', '荆州', '荆州市', '湖北省', '江陵县', '沙市区', '恩施州', '恩施土家族苗族自治州', '长阳土家族自治县',
      '东升镇', '狮子口乡', '城南街道', '街道', '街', '荆州经济技术开发区', '高新区', '经开区', '新区', '新', '监利经济开发区',
      '市场', '公安局', '道', '南京', 'a市', '区委',
    ];
    for (const form of forms) expect(endsInPlaceSuffix(form)).toBe(SUFFIX.test(form));
  });
});
