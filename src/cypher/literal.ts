/**
 * Cypher text for names and values, for the few places where text is unavoidable: labels,
 * relationship types and property keys (which cannot be parameters) and the literal maps of
 * graph.cypher's `:param` lines (which cypher-shell evaluates as a Cypher expression).
 *
 * Identifiers are validated against a strict pattern and backtick-quoted; strings follow
 * the string-literal grammar of Cypher (single quotes, backslash escapes), so any text,
 * including quotes, backslashes, backticks, braces, newlines, CJK and characters outside
 * the BMP, reads back unchanged. Example: `cypherString("it's")` is `'it\'s'`.
 */

/** An identifier that is not safe to put into query text. */
export class CypherIdentifierError extends Error {
  override name = 'CypherIdentifierError';
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Backtick-quotes a label, relationship type or property key. Only plain ASCII names are
 * accepted: every name comes from schema/graph.yaml, so anything else is a schema mistake
 * (or an injection attempt) and must stop the export rather than be escaped.
 */
export function quoteIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new CypherIdentifierError(`quoteIdentifier: unsafe identifier. Expecting ${IDENTIFIER} but got ${JSON.stringify(name)}`);
  }
  return '`' + name + '`';
}

/** Escapes for the characters Cypher's string literals give a short form. */
const SHORT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Any character `cypherString` writes other than as itself. */
const NEEDS_ESCAPE = /[\\'\u0000-\u001f\u007f\u2028\u2029]/;

/**
 * A single-quoted Cypher string literal. Backslash and the quote get backslash escapes;
 * control characters and the line/paragraph separators become `\uXXXX` so a literal never
 * spans lines (cypher-shell reads a `:param` command to the end of its line). Everything
 * else, CJK and astral characters included, is written as is (the file is UTF-8).
 */
export function cypherString(value: string): string {
  // Most values (CJK names, ids, dates) need no escape at all: one regex test instead of a
  // per-code-point loop (the loop was the export's top self-time entry on 1 000 articles).
  if (!NEEDS_ESCAPE.test(value)) return "'" + value + "'";
  let out = "'";
  for (const ch of value) {
    const short = SHORT_ESCAPES[ch];
    if (short) out += short;
    else {
      const code = ch.codePointAt(0)!;
      if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
        out += '\\u' + code.toString(16).padStart(4, '0');
      } else out += ch;
    }
  }
  return out + "'";
}

/** Map keys repeat on every row (a handful of property names): quote each once. */
const MAP_KEYS = new Map<string, string>();

export function mapKey(k: string): string {
  let q = MAP_KEYS.get(k);
  if (q === undefined) {
    q = IDENTIFIER.test(k) ? k : '`' + k.replace(/`/g, '``') + '`';
    if (MAP_KEYS.size < 10_000) MAP_KEYS.set(k, q);
  }
  return q;
}

/**
 * A Cypher literal for a parameter value: strings, finite numbers (integers stay integers),
 * booleans, null, lists and maps with identifier keys (other keys are backtick-quoted with
 * doubled backticks, as the grammar allows).
 */
export function cypherLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cypherLiteral: not a finite number: ${value}`);
    if (Number.isInteger(value)) return String(value);
    // A float must read back as a float, so it always carries a point or an exponent.
    const text = String(value);
    return /[.eE]/.test(text) ? text : `${text}.0`;
  }
  if (Array.isArray(value)) {
    // Concatenation rather than map + join: no intermediate array per list (rows hold many).
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ', ' : '') + cypherLiteral(value[i]);
    return out + ']';
  }
  if (typeof value === 'object') {
    let out = '{';
    let first = true;
    for (const k in value as Record<string, unknown>) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      out += (first ? '' : ', ') + mapKey(k) + ': ' + cypherLiteral((value as Record<string, unknown>)[k]);
      first = false;
    }
    return out + '}';
  }
  throw new TypeError(`cypherLiteral: cannot write a ${typeof value} as Cypher`);
}

/**
 * Reads a Cypher string literal back (the inverse of `cypherString`, and of any literal the
 * grammar allows: either quote, short escapes, `\uXXXX`, `\UXXXXXXXX`). Tests use it to
 * check round trips; exported for them.
 */
export function parseCypherString(literal: string): string {
  const quote = literal[0];
  if ((quote !== "'" && quote !== '"') || literal[literal.length - 1] !== quote || literal.length < 2) {
    throw new SyntaxError(`parseCypherString: not a string literal: ${literal}`);
  }
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === quote) throw new SyntaxError(`parseCypherString: unescaped quote at ${i + 1}`);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    switch (next) {
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16)); i += 4; break;
      case 'U': out += String.fromCodePoint(parseInt(body.slice(i + 1, i + 9), 16)); i += 8; break;
      default: throw new SyntaxError(`parseCypherString: unknown escape \\${next} at ${i}`);
    }
  }
  return out;
}
