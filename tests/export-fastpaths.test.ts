/**
 * The exporters' fast paths (issue 6) must write exactly what the plain escaping did: each
 * is checked against the straightforward version on hand-picked and generated strings.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { xmlEscape, xmlListJson, xmlText } from '../src/export/graphml.js';
import { pickArrayDelimiter } from '../src/export/csv.js';
import { cypherString } from '../src/cypher/literal.js';
import type { Graph } from '../src/graph/model.js';

/** xmlEscape as it was: every replacement applied to every value. */
function xmlEscapeSlow(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
    .replace(/[\u0085\u2028\u2029]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

describe('xmlEscape fast path', () => {
  it('leaves plain text alone and escapes each special character', () => {
    expect(xmlEscape('荆州市委书记 吴锦')).toBe('荆州市委书记 吴锦');
    expect(xmlEscape('"沙市区" & <荆州>')).toBe('&quot;沙市区&quot; &amp; &lt;荆州&gt;');
    expect(xmlEscape("it's\r\n\u2028\u0085")).toBe('it&apos;s&#13;\n&#x2028;&#x85;');
    expect(xmlEscape('a\u0001b\uD800c😀')).toBe('a\uFFFDb\uFFFDc😀');
  });
  it('agrees with the plain escaping on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => xmlEscape(s) === xmlEscapeSlow(s)), { numRuns: 3000 });
  });
});

/** Element text as the plain escaping writes it: xmlEscapeSlow with the quotes left as they are. */
const xmlTextSlow = (s: string) => xmlEscapeSlow(s).replace(/&quot;/g, '"').replace(/&apos;/g, "'");

describe('xmlText (element content)', () => {
  it('keeps quotes and escapes every other special character', () => {
    expect(xmlText('["荆州市","沙市区"]')).toBe('["荆州市","沙市区"]');
    expect(xmlText(`"沙市区" & <荆州> it's`)).toBe(`"沙市区" &amp; &lt;荆州&gt; it's`);
    expect(xmlText('a\r\u2028\u0001\uD800😀')).toBe('a&#13;&#x2028;\uFFFD\uFFFD😀');
  });
  it('agrees with the plain escaping on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => xmlText(s) === xmlTextSlow(s)), { numRuns: 3000 });
  });
});

describe('xmlListJson fast path', () => {
  it('joins plain lists and escapes the rest as xmlText(JSON.stringify(list))', () => {
    expect(xmlListJson(['市领导出席会议。', '2019-06-23'])).toBe('["市领导出席会议。","2019-06-23"]');
    expect(xmlListJson([174, 224.5])).toBe('[174,224.5]');
    expect(xmlListJson([])).toBe('[]');
    expect(xmlListJson(['a"b<', 'c\\d\t'])).toBe('["a\\"b&lt;","c\\\\d\\t"]');
    expect(xmlListJson([1, Number.NaN, null])).toBe('[1,null,null]');
    expect(xmlListJson(['a', 1])).toBe('["a",1]');
  });
  it('agrees with xmlText(JSON.stringify(list)) on any list of strings or numbers', () => {
    const item = fc.oneof(fc.string({ unit: 'binary' }), fc.string(), fc.double(), fc.integer(), fc.constant(null));
    fc.assert(fc.property(fc.array(item), (list) => xmlListJson(list) === xmlTextSlow(JSON.stringify(list))), { numRuns: 3000 });
    fc.assert(fc.property(fc.array(fc.string({ unit: 'grapheme' })), (list) => xmlListJson(list) === xmlTextSlow(JSON.stringify(list))), { numRuns: 1000 });
  });
});

describe('cypherString fast path', () => {
  it('quotes plain text as is and escapes the rest', () => {
    expect(cypherString('公安县')).toBe("'公安县'");
    expect(cypherString("县'长\\")).toBe("'县\\'长\\\\'");
    expect(cypherString('a\u2028b\u0000')).toBe("'a\\u2028b\\u0000'");
  });
});

describe('pickArrayDelimiter', () => {
  const graph = (aliases: string[], rules: string[]): Graph => ({
    nodes: [{ id: 'person:1', label: 'Person', properties: { id: 'person:1', name: '吴锦', aliases } }],
    relationships: [{ id: 'holds:1', type: 'HOLDS', start: 'person:1', end: 'office:1', properties: { id: 'holds:1', rules } }],
  });
  it('skips every candidate found in a node or a relationship list', () => {
    expect(pickArrayDelimiter(graph(['吴锦同志'], ['holds.title']))).toBe(';');
    expect(pickArrayDelimiter(graph(['a;b'], ['holds.title']))).toBe('|');
    expect(pickArrayDelimiter(graph(['a;b'], ['x|y']))).toBe('¦');
  });
  it('finds a candidate in any item of a longer list, and each candidate of that list', () => {
    expect(pickArrayDelimiter(graph(['吴锦', '吴局长', '吴;锦'], ['holds.title']))).toBe('|');
    expect(pickArrayDelimiter(graph(['a|b', '吴锦', 'c;d'], ['holds.title']))).toBe('¦');
    // Neither joined item holds a candidate; only the items that do count.
    expect(pickArrayDelimiter(graph(['a', 'b'], ['holds.title', 'holds.acting']))).toBe(';');
  });
});
