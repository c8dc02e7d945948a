/**
 * Shared contracts of the per-article pipeline (ingest → normalise → extract).
 *
 * One article flows through the stages as a `Doc` (our vfile): ingest fills `source`,
 * `text`, `offsets` and `meta`; each extractor stage appends `mentions`, `relations`
 * and `messages`, never removing another stage's work. Offsets inside a `Doc` are
 * offsets into `text` (the normalised text); `toExtraction` maps them back into
 * `source` (the original file's decoded text) for everything a user sees.
 */

/** Entity types of the graph, as named in spec/extraction-guidelines.md. */
export const ENTITY_TYPES = [
  'Person',
  'Office',
  'AdminDivision',
  'Campaign',
  'Project',
  'Organization',
  'Event',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** Relation types between entities (MENTIONS is derived from mentions, not stored as a relation fact). */
export const RELATION_TYPES = ['HOLDS', 'LOCATED_IN', 'PART_OF', 'PROMOTES', 'ATTENDED'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** How the home jurisdiction of an article was decided. */
export type HomeSource = 'manifest' | 'front-matter' | 'publisher' | 'url' | 'cli' | 'text' | 'title' | null;

/** Article metadata, as written into `extract --json` and `out/articles.jsonl`. */
export interface ArticleMeta {
  /** Stable id: the file name without directories (e.g. `000_5a8de6c8868ad61b.txt`). */
  id: string;
  /** Path as given on the command line (or relative to the manifest). */
  path: string;
  title: string | null;
  /** Publication date `YYYY-MM-DD`, or null where the article states none. */
  date: string | null;
  /** Publisher, e.g. `荆州日报`. */
  source: string | null;
  url: string | null;
  /** Canonical name of the home jurisdiction (`荆州市`), what `市委`/`我市` refer to. */
  home: string | null;
  homeSource: HomeSource;
  /** ISO 639-1 language code: `zh` or `en`. */
  lang: string;
  /** Reporters, editors, photographers named in the byline. */
  byline: string[];
  /** Character encoding the file was decoded from (`utf-8`, `gb18030`, `utf-16le`). */
  encoding: string;
}

export type MessageLevel = 'info' | 'warning' | 'error';

/** A problem or note about the data, with a place: vfile's `file.message`. Offsets into `text`. */
export interface Message {
  level: MessageLevel;
  message: string;
  start?: number;
  end?: number;
  rule: string;
}

/**
 * One occurrence of an entity, found by a rule. `start`/`end` index `Doc.text`.
 * `name` is the canonical name (guidelines), `properties` anything the rule learned
 * (e.g. `{level: 'county', code: '421081'}` for a division, `{investment: '百亿元'}` for a project).
 */
export interface Mention {
  type: EntityType;
  name: string;
  start: number;
  end: number;
  rule: string;
  properties?: Record<string, unknown>;
}

/** A reference to an entity by type and canonical name. */
export interface EntityRef {
  type: EntityType;
  name: string;
}

/** Evidence of a relation: the sentence span in `Doc.text` and the rule that found it. `gazetteer` evidence has no span. */
export interface Evidence {
  start: number;
  end: number;
  rule: string;
}

/** A relation fact found in one article. */
export interface RelationFact {
  type: RelationType;
  from: EntityRef;
  to: EntityRef;
  properties?: Record<string, unknown>;
  evidence: Evidence[];
}

/**
 * The document object that flows through the per-article stages.
 * `offsets[i]` is the index in `source` of `text[i]`; `offsets[text.length]` is the end
 * of the last mapped character, so a span `[s, e)` of `text` maps to
 * `[offsets[s], offsets[e - 1] + 1)`, see `spanToSource` in src/offsets.ts.
 */
export interface Doc {
  meta: ArticleMeta;
  /** The original file's text after decoding (BOM removed). */
  source: string;
  /** Normalised, chrome-free text that extractors read. */
  text: string;
  offsets: Int32Array;
  mentions: Mention[];
  relations: RelationFact[];
  messages: Message[];
}

/** Output shape of `guanxi extract --json`, one per article (offsets into the ORIGINAL source). */
export interface ExtractionResult {
  article: Omit<ArticleMeta, 'encoding' | 'homeSource'> & { homeSource?: HomeSource; encoding?: string };
  entities: Array<{
    type: EntityType;
    name: string;
    properties: Record<string, unknown>;
    mentions: Array<{ start: number; end: number; text: string; rule: string }>;
  }>;
  relations: Array<{
    type: RelationType;
    from: EntityRef;
    to: EntityRef;
    properties: Record<string, unknown>;
    /** `date` is the article's date: what dates a tenure. */
    evidence: Array<{ sentence: string; start: number; end: number; rule: string; date: string | null }>;
  }>;
  messages: Array<{ level: MessageLevel; message: string; start?: number; end?: number; rule: string }>;
}

/** A per-article stage: configured once (factory), run per article. It adds to the doc. */
export type Stage = (doc: Doc) => void;
