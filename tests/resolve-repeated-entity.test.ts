/**
 * An extraction that lists one entity twice (the extractor groups mentions by type and name,
 * but a hand-made or older extraction may not): the resolver keeps one occurrence with the
 * mentions of both entries, and the entities around it keep theirs.
 */
import { describe, expect, it } from 'vitest';
import { resolveWith } from '../src/resolve/index.js';
import { emptyOverrides } from '../src/resolve/overrides.js';
import type { ExtractionResult } from '../src/types.js';

const text = '吴锦出席会议。周志红主持。吴锦讲话。周志红总结。吴锦离开。';
const at = (form: string, from = 0) => text.indexOf(form, from);
const mention = (form: string, from: number, rule: string) => ({ start: at(form, from), end: at(form, from) + form.length, text: form, rule });

function extraction(entities: ExtractionResult['entities']): ExtractionResult {
  return {
    article: { id: 'r1.txt', path: 'articles/r1.txt', title: null, date: '2022-01-01', source: null, url: null, home: null, lang: 'zh', byline: [], homeSource: null, encoding: 'utf-8' },
    entities,
    relations: [],
    messages: [],
  } as unknown as ExtractionResult;
}

function mentionsOf(entities: ExtractionResult['entities']) {
  const res = resolveWith([extraction(entities)], emptyOverrides(), null);
  const out: Record<string, unknown> = {};
  for (const r of res.graph.relationships) {
    if (r.type !== 'MENTIONS') continue;
    const node = res.graph.nodes.find((n) => n.id === r.end)!;
    out[String(node.properties.name)] = { starts: r.properties.starts, ends: r.properties.ends, rules: r.properties.rules, texts: r.properties.texts };
  }
  return out;
}

describe('an entity listed twice in one extraction', () => {
  it('joins the mentions of both entries, in order, and leaves the others alone', () => {
    const wu1 = [mention('吴锦', 0, 'test.a'), mention('吴锦', at('吴锦', 1), 'test.a')];
    const zhou = [mention('周志红', 0, 'test.z'), mention('周志红', at('周志红') + 1, 'test.z')];
    const wu2 = [mention('吴锦', at('吴锦讲话') + 5, 'test.b'), mention('吴锦', 0, 'test.b')];
    const got = mentionsOf([
      { type: 'Person', name: '吴锦', properties: {}, mentions: wu1 },
      { type: 'Person', name: '周志红', properties: {}, mentions: zhou },
      { type: 'Person', name: '吴锦', properties: {}, mentions: wu2 },
    ]);
    // 0 appears in both entries: kept once, with the smaller rule id.
    expect(got['吴锦']).toEqual({
      starts: [0, at('吴锦讲话'), at('吴锦离开')],
      ends: [2, at('吴锦讲话') + 2, at('吴锦离开') + 2],
      rules: ['test.a', 'test.a', 'test.b'],
      texts: ['吴锦', '吴锦', '吴锦'],
    });
    expect(got['周志红']).toEqual({
      starts: [at('周志红'), at('周志红总结')],
      ends: [at('周志红') + 3, at('周志红总结') + 3],
      rules: ['test.z', 'test.z'],
      texts: ['周志红', '周志红'],
    });
  });

  it('gives what one entry with all the mentions gives', () => {
    const a = [mention('吴锦', 0, 'test.a')];
    const b = [mention('吴锦', at('吴锦离开'), 'test.a'), mention('吴锦', at('吴锦讲话'), 'test.a')];
    const zhou = [mention('周志红', 0, 'test.z')];
    const split = mentionsOf([
      { type: 'Person', name: '吴锦', properties: {}, mentions: a },
      { type: 'Person', name: '周志红', properties: {}, mentions: zhou },
      { type: 'Person', name: '吴锦', properties: {}, mentions: b },
    ]);
    const whole = mentionsOf([
      { type: 'Person', name: '吴锦', properties: {}, mentions: [...a, ...b] },
      { type: 'Person', name: '周志红', properties: {}, mentions: zhou },
    ]);
    expect(split).toEqual(whole);
  });
});
