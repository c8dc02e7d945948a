import { describe, expect, it } from 'vitest';
import { sourceEndOf, sourceStartOf, spanToSource } from '../src/offsets.js';
import { rebuiltText } from './helpers/rebuilt-text.js';

describe('spanToSource', () => {
  // `<b>湖北</b>𠀀省`: markup dropped, and a character outside the BMP (a surrogate pair in the source).
  const source = '<b>湖北</b>𠀀省';
  const { text, offsets } = rebuiltText(source, [['湖北', 3], ['𠀀省', 9]]);

  it('maps a span of the text back to the source it came from', () => {
    expect(text).toBe('湖北𠀀省');
    const span = spanToSource(offsets, source, 0, 2);
    expect(source.slice(span.start, span.end)).toBe('湖北');
    const across = spanToSource(offsets, source, 1, 5);
    expect(source.slice(across.start, across.end)).toBe('北</b>𠀀省');
  });

  it('never cuts a surrogate pair in half', () => {
    // The text span ends after the pair's first half: the source span keeps the whole pair.
    const span = spanToSource(offsets, source, 2, 3);
    expect(source.slice(span.start, span.end)).toBe('𠀀');
  });

  it('maps an empty span, or one past the end, to a position', () => {
    expect(spanToSource(offsets, source, 1, 1)).toEqual({ start: 4, end: 4 });
    expect(spanToSource(offsets, source, 9, 12)).toEqual({ start: source.length, end: source.length });
  });

  it('sourceStartOf and sourceEndOf give the same two numbers without the object', () => {
    for (let start = -1; start <= text.length + 1; start++) {
      for (let end = -1; end <= text.length + 1; end++) {
        const span = spanToSource(offsets, source, start, end);
        expect([sourceStartOf(offsets, start), sourceEndOf(offsets, source, start, end)]).toEqual([span.start, span.end]);
      }
    }
  });
});

describe('spanToSource across a gap', () => {
  it('maps spans of rebuilt text back into the source, whole surrogate pairs included', () => {
    const source = '<p>吴 锦𠀋说</p>';
    const { text, offsets } = rebuiltText(source, [['吴', 3], ['锦𠀋说', 5]]);
    expect(text).toBe('吴锦𠀋说');
    const span = spanToSource(offsets, source, 0, 4);
    expect(source.slice(span.start, span.end)).toBe('吴 锦𠀋');
    const one = spanToSource(offsets, source, 2, 4);
    expect(source.slice(one.start, one.end)).toBe('𠀋');
  });
});
