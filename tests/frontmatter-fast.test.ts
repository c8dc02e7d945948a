import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { flatFields, readFrontMatter } from '../src/ingest/frontmatter.js';

// The fast path must give exactly what the YAML parser gives, or step aside (null).
describe('flatFields: front matter without the YAML parser', () => {
  it('reads a Jekyll post header into the same strings yaml does', () => {
    const block = 'layout: post\ntitle: "强化“四个优先”意识全面打响“四大会战”"\ndate: 2022-02-10 08:54:01 +0800\ncategories: jingzhouribao\ntags: 荆州日报新闻';
    expect(flatFields(block)).toEqual({
      layout: 'post',
      title: '强化“四个优先”意识全面打响“四大会战”',
      date: '2022-02-10 08:54:01 +0800',
      categories: 'jingzhouribao',
      tags: '荆州日报新闻',
    });
    expect(flatFields(block)).toEqual(parse(block, { version: '1.2' }));
  });

  it.each([
    ['a number', 'page: 12'],
    ['a float', 'weight: 1.5e3'],
    ['a boolean', 'published: true'],
    ['a null', 'author: ~'],
    ['an empty value', 'author:'],
    ['a list', 'tags: [要闻, 时政]'],
    ['a block list', 'tags:\n  - 要闻'],
    ['a comment', 'title: 标题 #注释'],
    ['a colon inside a plain value', 'title: 标题: 副标题'],
    ['an escape in double quotes', 'title: "a\\"b"'],
    ['a doubled single quote', "title: 'it''s'"],
    ['a repeated key', 'title: 一\ntitle: 二'],
  ])('steps aside for %s', (_what, block) => {
    expect(flatFields(block)).toBeNull();
  });

  it('agrees with yaml on quoted titles with colons and spaces', () => {
    for (const block of ['title: "标题：副标题: 二"', "title: ' 前后空格 '", 'title:   多个空格   ', 'url: https://news.example.cn/a?b=1#c']) {
      expect(flatFields(block)).toEqual(parse(block, { version: '1.2' }));
    }
  });

  it('keeps readFrontMatter output and the title span the same', () => {
    const source = '---\ntitle: "标题"\ndate: 2022-02-10 08:54:01 +0800\n---\n<p>正文</p>';
    expect(readFrontMatter(source)).toEqual({ data: { title: '标题', date: '2022-02-10 08:54:01 +0800' }, bodyStart: 52, titleSpan: { start: 12, end: 14 }, messages: [] });
  });
});
