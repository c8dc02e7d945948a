/**
 * Hand-made extractions for the resolver and exporter tests: literal Chinese names, the
 * `guanxi extract --json` shape. `article()` takes the article text and finds each
 * entity's mentions in it, so offsets are real.
 */
import type { EntityType, ExtractionResult, RelationType } from '../src/types.js';

export interface EntitySpec {
  type: EntityType;
  name: string;
  /** Surface forms to find in the text (default: the name). */
  forms?: string[];
  properties?: Record<string, unknown>;
}

export interface RelationSpec {
  type: RelationType;
  from: [EntityType, string];
  to: [EntityType, string];
  /** The evidence sentence, found in the text; omitted: gazetteer evidence. */
  sentence?: string;
  rule?: string;
}

/** One article's extraction. */
export function article(
  id: string,
  meta: { date?: string | null; home?: string | null; byline?: string[]; source?: string | null; title?: string | null },
  text: string,
  entities: EntitySpec[],
  relations: RelationSpec[] = [],
): ExtractionResult {
  return {
    article: {
      id,
      path: `articles/${id}`,
      title: meta.title ?? null,
      date: meta.date ?? null,
      source: meta.source ?? '荆州日报',
      url: null,
      home: meta.home ?? '荆州市',
      lang: 'zh',
      byline: meta.byline ?? [],
      homeSource: 'publisher',
      encoding: 'utf-8',
    },
    entities: entities.map((e) => {
      const mentions: ExtractionResult['entities'][number]['mentions'] = [];
      for (const form of e.forms ?? [e.name]) {
        let at = text.indexOf(form);
        while (at >= 0) {
          mentions.push({ start: at, end: at + form.length, text: form, rule: `test.${e.type.toLowerCase()}` });
          at = text.indexOf(form, at + form.length);
        }
      }
      if (!mentions.length) throw new Error(`fixture: ${e.name} not found in ${id}`);
      return { type: e.type, name: e.name, properties: e.properties ?? {}, mentions };
    }),
    relations: relations.map((r) => {
      let evidence: ExtractionResult['relations'][number]['evidence'];
      if (r.sentence === undefined) evidence = [{ sentence: '', start: 0, end: 0, rule: 'gazetteer' }];
      else {
        const at = text.indexOf(r.sentence);
        if (at < 0) throw new Error(`fixture: sentence not found in ${id}: ${r.sentence}`);
        evidence = [{ sentence: r.sentence, start: at, end: at + r.sentence.length, rule: r.rule ?? `test.${r.type.toLowerCase()}` }];
      }
      return { type: r.type, from: { type: r.from[0], name: r.from[1] }, to: { type: r.to[0], name: r.to[1] }, properties: {}, evidence };
    }),
    messages: [],
  };
}
