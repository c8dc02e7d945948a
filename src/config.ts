/**
 * guanxi.yaml: inputs, home jurisdiction, outputs and Neo4j settings, read with `yaml`.
 * CLI flags override it (see {@link mergeConfig}).
 *
 * A config file is checked key by key against {@link CONFIG_SCHEMA}: an unknown key or a value
 * of the wrong type is a {@link ConfigError} that names the file, the key path and what was
 * expected, with a "did you mean" for near misses, e.g.
 * `guanxi.yaml: unknown key 'neo4j.batchsize' (did you mean 'neo4j.batchSize'?)`.
 * The CLI turns it into exit code 2 like any other usage error.
 *
 * ```yaml
 * inputs: [data/articles]
 * home: 荆州市
 * out: out
 * neo4j: { uri: bolt://localhost:7687, database: neo4j, username: neo4j, batchSize: 500 }
 * ```
 */
import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { UsageError } from './cli-util.js';

/** The settings guanxi.yaml may hold; every key is optional (see {@link CONFIG_SCHEMA}). */
export interface GuanxiConfig {
  inputs?: string[];
  home?: string;
  out?: string;
  manifest?: string;
  resolve?: string;
  jobs?: number;
  /** Export formats to write (default: all); see `guanxi build --formats`. */
  formats?: string[];
  neo4j?: {
    uri?: string;
    database?: string;
    username?: string;
    password?: string;
    batchSize?: number;
    concurrency?: number;
  };
}

/** A bad config file: a usage error (exit 2) whose message names the file and the key. */
export class ConfigError extends UsageError {
  override name = 'ConfigError';
}

type Kind = 'string' | 'string[]' | 'positive integer';
type Shape = { [key: string]: Kind | Shape };

/** Every key guanxi.yaml may hold, with its type; nested objects are nested shapes. */
export const CONFIG_SCHEMA: Shape = {
  inputs: 'string[]',
  home: 'string',
  out: 'string',
  manifest: 'string',
  resolve: 'string',
  jobs: 'positive integer',
  formats: 'string[]',
  neo4j: {
    uri: 'string',
    database: 'string',
    username: 'string',
    password: 'string',
    batchSize: 'positive integer',
    concurrency: 'positive integer',
  },
};

/** The default file name looked for in the working directory. */
export const DEFAULT_CONFIG = 'guanxi.yaml';

/** Edit distance, case-insensitive, for "did you mean". */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}

function checkKind(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'positive integer':
      return typeof value === 'number' && Number.isInteger(value) && value > 0;
  }
}

/**
 * Checks a parsed config against the schema and returns it typed. `file` only labels the
 * messages. A single string where a list is expected (`inputs: data/articles`) is accepted
 * as a one-item list, since that is what people write.
 */
export function validateConfig(raw: unknown, file = DEFAULT_CONFIG): GuanxiConfig {
  if (raw === null || raw === undefined) return {};
  const walk = (value: unknown, shape: Shape, prefix: string): Record<string, unknown> => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ConfigError(`${file}: '${prefix || '(top level)'}' must be a mapping of keys, not ${describe(value)}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const want = shape[key];
      if (want === undefined) {
        const near = Object.keys(shape)
          .map((k) => [k, distance(k, key)] as const)
          .filter(([, d]) => d <= 2)
          .sort((x, y) => x[1] - y[1])[0];
        const hint = near ? ` (did you mean '${prefix ? `${prefix}.` : ''}${near[0]}'?)` : ` (known keys: ${Object.keys(shape).join(', ')})`;
        throw new ConfigError(`${file}: unknown key '${path}'${hint}`);
      }
      if (v === null || v === undefined) continue; // `password:` left empty means "not set"
      if (typeof want === 'object') {
        out[key] = walk(v, want, path);
      } else if (want === 'string[]' && typeof v === 'string') {
        out[key] = [v];
      } else if (!checkKind(want, v)) {
        throw new ConfigError(`${file}: '${path}' must be a ${want}, not ${describe(v)}`);
      } else {
        out[key] = v;
      }
    }
    return out;
  };
  return walk(raw, CONFIG_SCHEMA, '') as GuanxiConfig;
}

/**
 * Reads `path`, or ./guanxi.yaml when it exists; an empty config when no path is given and
 * there is no default file. A path that was asked for but is missing, YAML syntax errors and
 * schema errors are ConfigErrors (exit 2).
 */
export async function loadConfig(path?: string): Promise<GuanxiConfig> {
  const file = path ?? DEFAULT_CONFIG;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (!path && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`${file}: cannot read the config file: ${(err as Error).message}`);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const where = e.linePos ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new ConfigError(`${file}${where}: not valid YAML: ${e.message.split('\n')[0]}`);
  }
  return validateConfig(doc.toJS(), file);
}

/**
 * Config with command-line values on top: a flag that was given wins over the file, an
 * absent flag (undefined) keeps the file's value. Neo4j settings merge key by key.
 */
export function mergeConfig(file: GuanxiConfig, flags: GuanxiConfig): GuanxiConfig {
  const pick = <T extends object>(a: T | undefined, b: T | undefined): T => {
    const out = { ...(a ?? {}) } as Record<string, unknown>;
    for (const [k, v] of Object.entries(b ?? {})) if (v !== undefined) out[k] = v;
    return out as T;
  };
  const { neo4j: fileNeo, ...fileTop } = file;
  const { neo4j: flagNeo, ...flagTop } = flags;
  const merged: GuanxiConfig = pick(fileTop, flagTop);
  const neo4j = pick(fileNeo, flagNeo);
  if (Object.keys(neo4j).length) merged.neo4j = neo4j;
  return merged;
}
