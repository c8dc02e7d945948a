/**
 * The user's resolver overrides (data/resolve.yaml or `--resolve FILE`), read with `yaml`
 * and checked entry by entry: a bad entry is skipped with a message naming the file and
 * the key (`data/resolve.yaml: same[2]: unknown label "Persn"`), the rest still applies.
 *
 * Shape (every section optional):
 *
 *   same:        # pairs that are one entity
 *     - [Person:王敏@石首市, Person:王敏@洪湖市]
 *     - [Person:王敏, Person:王敏@石首市]      # the bare-name mentions belong to the 石首市 one
 *   different:   # pairs that must stay apart
 *     - [Person:王敏@石首市, Person:王敏@荆州市]
 *   aliases:     # label → canonical name → variants
 *     Campaign:
 *       四大会战: [四场会战]
 *
 * A reference is `Label:name` or `Label:name@disambiguator` (the jurisdiction shown in the
 * node's `disambiguator`); without `Label:` it means a Person.
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { ENTITY_TYPES, type EntityType } from '../types.js';
import { nameKey } from './normalise.js';

/** One side of a `same`/`different` pair. */
export interface EntityReference {
  label: EntityType;
  /** Matching key of the name (see nameKey). */
  key: string;
  /** The jurisdiction after `@`, or null for the bare name. */
  disambiguator: string | null;
  /** As written in the file, for messages. */
  text: string;
  /** `same[0]`, for messages. */
  where: string;
}

/** The checked content of an override file. */
export interface Overrides {
  file: string;
  same: Array<[EntityReference, EntityReference]>;
  different: Array<[EntityReference, EntityReference]>;
  /** label → variant key → canonical key. */
  aliases: Map<EntityType, Map<string, string>>;
  /** Problems found while reading, each naming file and key. */
  messages: string[];
}

/** An override file that cannot be read or parsed at all. */
export class OverrideFileError extends Error {
  override name = 'OverrideFileError';
}

const SECTIONS = ['same', 'different', 'aliases'];

/** An empty override set (no file). */
export function emptyOverrides(file = ''): Overrides {
  return { file, same: [], different: [], aliases: new Map(), messages: [] };
}

/** Parses one reference; returns a message instead when it is malformed. */
export function parseReference(raw: unknown, where: string, file: string): EntityReference | string {
  if (typeof raw !== 'string' || !raw.trim()) return `${file}: ${where}: expecting a reference like "Person:王敏@石首市" but got ${JSON.stringify(raw)}`;
  let text = raw.trim();
  let label: string = 'Person';
  const colon = text.indexOf(':');
  if (colon > 0 && /^[A-Za-z]+$/.test(text.slice(0, colon))) {
    label = text.slice(0, colon);
    text = text.slice(colon + 1);
  }
  if (!(ENTITY_TYPES as readonly string[]).includes(label)) {
    return `${file}: ${where}: unknown label ${JSON.stringify(label)}. Expecting one of ${ENTITY_TYPES.join(', ')}`;
  }
  const at = text.lastIndexOf('@');
  const name = at >= 0 ? text.slice(0, at) : text;
  const disambiguator = at >= 0 ? text.slice(at + 1).trim() : null;
  if (!name.trim()) return `${file}: ${where}: empty name in ${JSON.stringify(raw)}`;
  if (disambiguator !== null && label !== 'Person') {
    return `${file}: ${where}: only Person references take @disambiguator, not ${JSON.stringify(raw)}`;
  }
  return { label: label as EntityType, key: nameKey(label as EntityType, name), disambiguator: disambiguator || null, text: raw.trim(), where };
}

function readPairs(value: unknown, section: string, file: string, messages: string[]): Array<[EntityReference, EntityReference]> {
  const out: Array<[EntityReference, EntityReference]> = [];
  if (value == null) return out;
  if (!Array.isArray(value)) {
    messages.push(`${file}: ${section}: expecting a list of pairs but got ${typeof value}`);
    return out;
  }
  value.forEach((pair, i) => {
    const where = `${section}[${i}]`;
    if (!Array.isArray(pair) || pair.length !== 2) {
      messages.push(`${file}: ${where}: expecting a pair [A, B] but got ${JSON.stringify(pair)}`);
      return;
    }
    const a = parseReference(pair[0], where, file);
    const b = parseReference(pair[1], where, file);
    if (typeof a === 'string') return void messages.push(a);
    if (typeof b === 'string') return void messages.push(b);
    if (a.label !== b.label) return void messages.push(`${file}: ${where}: ${a.text} and ${b.text} have different labels`);
    out.push([a, b]);
  });
  return out;
}

/** Checks a parsed override document; never throws on bad entries. */
export function checkOverrides(doc: unknown, file: string): Overrides {
  const o = emptyOverrides(file);
  if (doc == null) return o;
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    o.messages.push(`${file}: expecting a map with keys ${SECTIONS.join(', ')}`);
    return o;
  }
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) {
    if (!SECTIONS.includes(k)) o.messages.push(`${file}: ${k}: unknown key. Expecting one of ${SECTIONS.join(', ')}`);
  }
  o.same = readPairs(d.same, 'same', file, o.messages);
  o.different = readPairs(d.different, 'different', file, o.messages);
  const aliases = d.aliases;
  if (aliases != null) {
    if (typeof aliases !== 'object' || Array.isArray(aliases)) {
      o.messages.push(`${file}: aliases: expecting a map label → canonical name → [variants]`);
    } else {
      for (const [label, byName] of Object.entries(aliases as Record<string, unknown>)) {
        if (!(ENTITY_TYPES as readonly string[]).includes(label)) {
          o.messages.push(`${file}: aliases.${label}: unknown label. Expecting one of ${ENTITY_TYPES.join(', ')}`);
          continue;
        }
        if (!byName || typeof byName !== 'object' || Array.isArray(byName)) {
          o.messages.push(`${file}: aliases.${label}: expecting a map canonical name → [variants]`);
          continue;
        }
        const map = o.aliases.get(label as EntityType) ?? new Map<string, string>();
        for (const [canonical, variants] of Object.entries(byName as Record<string, unknown>)) {
          const list = typeof variants === 'string' ? [variants] : variants;
          if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
            o.messages.push(`${file}: aliases.${label}.${canonical}: expecting a list of names but got ${JSON.stringify(variants)}`);
            continue;
          }
          const target = nameKey(label as EntityType, canonical);
          for (const v of list as string[]) {
            const key = nameKey(label as EntityType, v);
            if (key !== target) map.set(key, target);
          }
        }
        o.aliases.set(label as EntityType, map);
      }
    }
  }
  // `same` between two different names of one label is an alias: the first name wins.
  for (const [a, b] of o.same) {
    if (a.key !== b.key) {
      const map = o.aliases.get(a.label) ?? new Map<string, string>();
      map.set(b.key, a.key);
      o.aliases.set(a.label, map);
    }
  }
  // References speak of the entity after aliasing, as the resolver sees it.
  for (const pair of [...o.same, ...o.different]) {
    for (const ref of pair) ref.key = o.aliases.get(ref.label)?.get(ref.key) ?? ref.key;
  }
  return o;
}

/** Parses override text; YAML syntax errors become messages with line numbers. */
export function parseOverrides(text: string, file: string): Overrides {
  const doc = parseDocument(text);
  if (doc.errors.length) {
    const o = emptyOverrides(file);
    for (const e of doc.errors) {
      const line = e.linePos?.[0]?.line;
      o.messages.push(`${file}${line ? `:${line}` : ''}: ${e.message.split('\n')[0]}`);
    }
    return o;
  }
  return checkOverrides(doc.toJS(), file);
}

/**
 * Reads an override file. `required` (an explicit `--resolve FILE`) makes a missing file an
 * OverrideFileError; the default data/resolve.yaml may be absent.
 */
export async function readOverrides(path: string, required: boolean): Promise<Overrides> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return emptyOverrides(path);
    throw new OverrideFileError(`${path}: cannot read the resolver overrides: ${(err as Error).message}`);
  }
  return parseOverrides(text, path);
}
