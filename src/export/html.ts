/**
 * out/index.html: the interactive graph page, one self-contained file that opens from disk
 * with no server and no network.
 *
 * Reads the resolved Graph; writes index.html with, inlined: Cytoscape.js (its UMD build,
 * read from node_modules at build time), the page's stylesheet and script (src/ui/), and the
 * graph as JSON in a `<script type="application/json">` element. The JSON is escaped so no
 * string in the data can close the element (`</script>` → `\u003c/script>`) or break the
 * script (U+2028, U+2029).
 *
 * The data is shaped for the page by {@link pageData}: each node gets search keys (name,
 * aliases, pinyin such as `wujin` and `wj`, office spellings such as `荆州市长`), its degree,
 * and for articles a link relative to the output folder; each relationship carries its dates
 * and evidence sentences as `{a: articleId, d: date, s: sentence}`.
 *
 * The page is bounded: a graph of more than PAGE_LIMITS.nodes nodes (about 1 500 articles)
 * gives a partial page: at most PAGE_LIMITS.nodes nodes, the most connected first (MENTIONS
 * not counted, ties by id; nodes with no other relationship, most articles, are left out),
 * the relationships among them, at most PAGE_LIMITS.evidence sentences per relationship (the
 * page shows five) each with a link to its article, and a header that says what part is
 * shown. At 100k articles the whole graph would be a ~1 GB page that no browser opens;
 * graph.json, the CSV files and Neo4j hold everything.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve, isAbsolute, sep } from 'node:path';
import { packageRoot } from '../data-path.js';
import { endAt, startAt, typeAt, type Graph, type NodeLabel, type PropertyValue, type RelationshipList } from '../graph/model.js';
import type { MentionStore } from '../graph/mentions.js';
import { compareIds } from '../graph/ids.js';
import { personPinyin, pinyinKeys } from '../pinyin.js';
import { withWriter } from '../graph/write.js';
import type { Exporter } from './types.js';

/** Node colours on the page, one per label (also used by the label filter chips). */
export const LABEL_COLOURS: Record<NodeLabel, string> = {
  Article: '#9aa0a6',
  Person: '#b3261e',
  Office: '#e8710a',
  AdminDivision: '#188038',
  Campaign: '#7b1fa2',
  Project: '#1a73e8',
  Organization: '#00838f',
  Event: '#c2185b',
};

/** One node as the page sees it. */
export interface PageNode {
  id: string;
  label: NodeLabel;
  name: string;
  /** The name shortened for a graph label (long event and article names). */
  short: string;
  pinyin: string;
  disambiguator: string;
  props: Record<string, PropertyValue>;
  /** Lower-case strings the search box matches. */
  keys: string[];
  /** Number of relationships, MENTIONS excluded (they measure press, not connections). */
  deg: number;
  /** Articles: where to open them (url, else the file relative to the page). */
  href?: string;
}

/** One relationship as the page sees it. */
export interface PageEdge {
  id: string;
  type: string;
  s: string;
  t: string;
  f: string;
  l: string;
  /** `href`: on a partial page, the link of an article that is not on it. */
  ev: { a: string; d: string; s: string; href?: string }[];
}

/** Everything the page's script reads. */
export interface PageData {
  title: string;
  /** `21 articles, 2016-03-01 – 2023-05-01`: what the graph covers. */
  span: string;
  labels: Record<string, string>;
  nodes: PageNode[];
  edges: PageEdge[];
}

const str = (v: PropertyValue | undefined): string => (typeof v === 'string' ? v : '');
/** A list's items as strings: the list itself when they are (most are: no copy per list read). */
const strs = (v: PropertyValue | undefined): readonly string[] => (Array.isArray(v) ? (allStrings(v) ? v : v.map(String)) : typeof v === 'string' && v ? [v] : []);

function allStrings(v: readonly unknown[]): v is readonly string[] {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') return false;
  return true;
}

/** A property as the list strs reads: the array itself, a non-empty string as its one item, else none. */
const listOf = (v: PropertyValue | undefined): readonly unknown[] => (Array.isArray(v) ? v : typeof v === 'string' && v ? [v] : []);

/** Item `i` of `list` as strs(list)[i] has it (String of a non-string; undefined past the end or at a hole), read alone. */
function textAt(list: readonly unknown[], i: number): string | undefined {
  const x = list[i];
  if (typeof x === 'string') return x;
  return i < list.length && i in list ? String(x) : undefined;
}

/**
 * Where the store's block of MENTIONS that starts at position `i` of `rels` ends (one past its
 * last), or `i` when none starts there: the block is stepped over or read from the store at once.
 */
function mentionBlockEnd(rels: RelationshipList, i: number): number {
  const store = rels.mentionStore;
  if (!store || !rels.mentionIndex || !rels.idAt || store.length === 0 || rels.mentionIndex(i) !== 0) return i;
  const last = i + store.length - 1;
  return last < rels.length && rels.mentionIndex(last) === store.length - 1 ? last + 1 : i;
}

/**
 * The page's edges of the store's MENTIONS, in order (on a partial page those with both ends
 * on it), from the ids and endpoints: one test of two flags per MENTIONS, no Set lookups.
 */
function pushMentionEdges(store: MentionStore, chosen: Set<string> | null, edges: PageEdge[]): void {
  const onPage = (ids: readonly string[]) => (chosen ? Uint8Array.from(ids, (id) => (chosen.has(id) ? 1 : 0)) : undefined);
  const startsOn = onPage(store.startValues);
  const endsOn = onPage(store.endValues);
  // A partial page usually has no article: their only relationships are MENTIONS, not counted.
  if (startsOn && !startsOn.includes(1)) return;
  for (let m = 0; m < store.length; m++) {
    if (startsOn && !(startsOn[store.startIndex(m)] === 1 && endsOn![store.endIndex(m)] === 1)) continue;
    edges.push({ id: store.id(m), type: 'MENTIONS', s: store.start(m), t: store.end(m), f: '', l: '', ev: [] });
  }
}

/** The lower-case, space-free form the page compares search text in. */
function norm(s: string): string {
  return s.replace(/[\s·・.]+/gu, '').toLowerCase();
}

/** Office spellings people type: 荆州市市长 → 荆州市长, 荆州 + 市委书记. */
function officeSpellings(props: Record<string, PropertyValue>): string[] {
  const out: string[] = [];
  const j = str(props.jurisdiction);
  const t = str(props.title);
  if (j && t) {
    out.push(j + t);
    const short = j.replace(/(省|市|县|区)$/u, '');
    if ([...short].length >= 2) out.push(short + t);
  }
  return out.map((s) => s.replace(/(省|市|县|区|州|镇|乡)\1/gu, '$1'));
}

/** Evidence dates in order, undated last. */
const byDate = (a: string, b: string): number => (a || '9999').localeCompare(b || '9999');
/** Evidence by date, undated last. */
const byEvidenceDate = (a: { d: string }, b: { d: string }): number => byDate(a.d, b.d);

/** 0, 1, …, n - 1. */
function positions(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * The first `k` of `items` in the order a stable sort by `compare` gives (equal items keep
 * their order), by insertion into a list of at most `k`: a relationship's evidence can be
 * thousands of items, of which a partial page keeps five.
 */
export function firstSorted<T>(items: readonly T[], k: number, compare: (a: T, b: T) => number): T[] {
  const out: T[] = [];
  if (k <= 0) return out;
  for (const item of items) {
    // Not before the last kept one: an equal item goes after it, so past the k kept.
    if (out.length === k && compare(out[k - 1]!, item) <= 0) continue;
    let at = out.length;
    while (at > 0 && compare(out[at - 1]!, item) > 0) at--;
    out.splice(at, 0, item);
    if (out.length > k) out.pop();
  }
  return out;
}

/** A link to an article from a page written into `outDir`: its url, else a relative file path. */
function articleHref(props: Record<string, PropertyValue>, outDir: string): string | undefined {
  const url = str(props.url);
  if (url) return url;
  const path = str(props.path);
  if (!path) return undefined;
  const rel = relative(resolve(outDir), isAbsolute(path) ? path : resolve(path));
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/** How much of a graph the page holds (see the module comment). */
export interface PageLimits {
  /** Nodes on the page at most; a larger graph shows its most connected. */
  nodes: number;
  /** Evidence sentences per relationship on a partial page. */
  evidence: number;
}

/** The page's limits: the whole graph up to 10 000 nodes. */
export const PAGE_LIMITS: PageLimits = { nodes: 10_000, evidence: 5 };

/** Shapes a Graph for the page (pure; `outDir` only makes article links relative). */
export function pageData(graph: Graph, outDir = 'out', title = '关系 guanxi', limits: PageLimits = PAGE_LIMITS): PageData {
  const deg = new Map<string, number>();
  const rels = graph.relationships;
  // By position: type and endpoints are read without making the relationship (MENTIONS, most
  // of them, are made on read and not counted here: a store's block of them is stepped over).
  for (let i = 0; i < rels.length; i++) {
    const pastBlock = mentionBlockEnd(rels, i);
    if (pastBlock > i) {
      i = pastBlock - 1;
      continue;
    }
    if (typeAt(rels, i) === 'MENTIONS') continue;
    const start = startAt(rels, i);
    const end = endAt(rels, i);
    deg.set(start, (deg.get(start) ?? 0) + 1);
    deg.set(end, (deg.get(end) ?? 0) + 1);
  }
  const articleDates: string[] = [];
  for (const n of graph.nodes) if (n.label === 'Article' && str(n.properties.date)) articleDates.push(str(n.properties.date));
  const partial = graph.nodes.length > limits.nodes;
  let shown = graph.nodes;
  let chosen: Set<string> | null = null;
  if (partial) {
    // Connected nodes only: a node without relationships (most articles) says nothing here.
    const top = graph.nodes
      .filter((n) => deg.has(n.id))
      .sort((a, b) => deg.get(b.id)! - deg.get(a.id)! || compareIds(a.id, b.id))
      .slice(0, limits.nodes);
    chosen = new Set(top.map((n) => n.id));
    shown = graph.nodes.filter((n) => chosen!.has(n.id));
  }
  const nodes: PageNode[] = shown.map((n) => {
    const p = n.properties;
    const name = str(p.name) || str(p.title) || str(p.path).split(/[\\/]/).pop() || n.id;
    const aliases = strs(p.aliases);
    const pinyin = n.label === 'Person' ? str(p.pinyin) || personPinyin(name) : '';
    const keys = new Set<string>([name, ...aliases, ...strs(p.formerNames)].map(norm));
    if (n.label === 'Person' || n.label === 'AdminDivision') for (const a of [name, ...aliases]) for (const k of pinyinKeys(a)) keys.add(k);
    if (pinyin) keys.add(norm(pinyin));
    if (n.label === 'Office') for (const s of officeSpellings(p)) keys.add(norm(s));
    if (n.label === 'Article') for (const k of [str(p.path), str(p.title)]) if (k) keys.add(norm(k));
    const chars = [...name];
    const node: PageNode = {
      id: n.id,
      label: n.label,
      name,
      short: chars.length > 14 ? chars.slice(0, 13).join('') + '…' : name,
      pinyin,
      disambiguator: str(p.disambiguator),
      props: p,
      keys: [...keys].filter(Boolean),
      deg: deg.get(n.id) ?? 0,
    };
    if (n.label === 'Article') node.href = articleHref(p, outDir);
    return node;
  });
  // Evidence names its article by node id, path or file name depending on the producer;
  // the page looks articles up by node id, so map every form to it.
  const articleIds = new Map<string, string>();
  const addArticleKey = (k: string, id: string) => {
    if (k && !articleIds.has(k)) articleIds.set(k, id);
  };
  for (const n of graph.nodes) {
    if (n.label !== 'Article') continue;
    const path = str(n.properties.path);
    addArticleKey(n.id, n.id);
    addArticleKey(path, n.id);
    // The file name: what follows the last / or \\ (split(/[\\/]/).pop(), without the parts).
    addArticleKey(path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1), n.id);
    addArticleKey(str(n.properties.url), n.id);
  }
  const hrefs = new Map<string, string>();
  if (partial) {
    for (const n of graph.nodes) {
      if (n.label !== 'Article' || chosen!.has(n.id)) continue;
      const href = articleHref(n.properties, outDir);
      if (href) hrefs.set(n.id, href);
    }
  }
  // Per evidence article as written: its node id, and on a partial page the link of one not on
  // the page (the page's script links evidence through the article's node). Worked out once
  // per article: evidence items name the same articles again and again.
  const evidenceArticles = new Map<string, { id: string; href: string | undefined }>();
  const evidenceArticle = (written: string) => {
    let known = evidenceArticles.get(written);
    if (known === undefined) {
      const id = articleIds.get(written) ?? written;
      known = { id, href: partial && !chosen!.has(id) ? hrefs.get(id) : undefined };
      evidenceArticles.set(written, known);
    }
    return known;
  };
  const edges: PageEdge[] = [];
  for (let i = 0; i < rels.length; i++) {
    // A resolver's MENTIONS (made on read) has no evidence, firstSeen or lastSeen: its edge
    // comes from its id and endpoints, without making it; the store's block in one go.
    const pastBlock = mentionBlockEnd(rels, i);
    if (pastBlock > i) {
      pushMentionEdges(rels.mentionStore!, chosen, edges);
      i = pastBlock - 1;
      continue;
    }
    if (chosen && !(chosen.has(startAt(rels, i)) && chosen.has(endAt(rels, i)))) continue;
    if (rels.mentionIndex && rels.idAt && rels.mentionIndex(i) >= 0) {
      edges.push({ id: rels.idAt(i), type: 'MENTIONS', s: startAt(rels, i), t: endAt(rels, i), f: '', l: '', ev: [] });
      continue;
    }
    const r = rels.at(i)!;
    const p = r.properties;
    // Read item by item: a partial page reads all dates but only the kept sentences and articles.
    const sentences = listOf(p.evidenceSentences);
    const arts = listOf(p.evidenceArticles);
    const dates = listOf(p.evidenceDates);
    const dateAt = (k: number) => textAt(dates, k) ?? '';
    const item = (k: number): PageEdge['ev'][number] => {
      const written = textAt(arts, k);
      const article = written === undefined ? undefined : evidenceArticle(written);
      const e: PageEdge['ev'][number] = { a: article ? article.id : '', d: dateAt(k), s: textAt(sentences, k)! };
      if (article?.href) e.href = article.href;
      return e;
    };
    // A partial page keeps the first few by date: picked as a stable sort would order them, without
    // sorting all, and by position, so that only the items kept are made.
    const ev =
      partial && limits.evidence >= 0
        ? firstSorted(positions(sentences.length), limits.evidence, (x, y) => byDate(dateAt(x), dateAt(y))).map(item)
        : sentences.map((_, k) => item(k)).sort(byEvidenceDate);
    if (partial) ev.length = Math.min(ev.length, limits.evidence);
    edges.push({ id: r.id, type: r.type, s: r.start, t: r.end, f: str(p.firstSeen), l: str(p.lastSeen), ev });
  }
  articleDates.sort();
  const articles = graph.nodes.filter((n) => n.label === 'Article').length;
  const span =
    `${articles} article${articles === 1 ? '' : 's'}` +
    (articleDates.length ? `, ${articleDates[0]}${articleDates.length > 1 && articleDates.at(-1) !== articleDates[0] ? ` – ${articleDates.at(-1)}` : ''}` : '') +
    (partial ? `; this page shows the ${nodes.length} most connected of ${graph.nodes.length} nodes (graph.json has them all)` : '');
  return { title, span, labels: { ...LABEL_COLOURS }, nodes, edges };
}

/**
 * JSON that is safe inside a `<script>` element: `<` is written `\u003c` (so neither
 * `</script>` nor `<!--` can appear) and U+2028/U+2029 are escaped.
 */
export function scriptSafeJson(value: unknown): string {
  // One pass over the (page-sized) JSON rather than three.
  return JSON.stringify(value).replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c]!);
}

const SCRIPT_UNSAFE = /[<\u2028\u2029]/g;
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** JavaScript source made safe to inline: a literal `</script` would end the element early. */
function inlineScript(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** The page's static parts: Cytoscape.js, the stylesheet and the script, read once. */
export interface PageAssets {
  cytoscape: string;
  css: string;
  js: string;
}

let cached: PageAssets | null = null;

/**
 * Reads the assets: Cytoscape's UMD build from node_modules (it is a runtime dependency:
 * `guanxi build` writes the page) and src/ui/style.css + app.js from the package root.
 */
export function loadAssets(): PageAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const ui = join(packageRoot(), 'src', 'ui');
  cached = {
    // The package exports its minified UMD build under this subpath (for `require`).
    cytoscape: readFileSync(require.resolve('cytoscape/dist/cytoscape.min.js'), 'utf8'),
    css: readFileSync(join(ui, 'style.css'), 'utf8'),
    js: readFileSync(join(ui, 'app.js'), 'utf8'),
  };
  return cached;
}

/** The whole page as one HTML string. */
export function renderPage(data: PageData, assets: PageAssets = loadAssets()): string {
  return [...pageChunks(data, assets)].join('');
}

/**
 * The page in pieces (concatenated they are renderPage's text): the data's JSON comes one
 * node and one relationship at a time, so writing a page of 100k articles (60 MB, the
 * nodes and relationships of a partial page) never holds the JSON or the page as one string.
 */
export function* pageChunks(data: PageData, assets: PageAssets = loadAssets()): Generator<string> {
  const [head, tail] = pageShell(data, assets);
  yield head;
  // scriptSafeJson(data), piece by piece: its escapes are per character.
  const safe = (s: string) => s.replace(SCRIPT_UNSAFE, (c) => SCRIPT_ESCAPES[c]!);
  let first = true;
  yield '{';
  for (const [k, v] of Object.entries(data)) {
    if (v === undefined || typeof v === 'function') continue;
    yield (first ? '' : ',') + safe(JSON.stringify(k)) + ':';
    first = false;
    if (!Array.isArray(v)) {
      yield safe(JSON.stringify(v));
      continue;
    }
    yield '[';
    // A few elements per JSON.stringify: each call, yield and write has its cost, and an
    // array's JSON is its elements' JSON (undefined as null) joined with commas.
    for (let i = 0; i < v.length; i += PAGE_ELEMENTS_PER_PIECE) {
      const json = JSON.stringify(v.slice(i, i + PAGE_ELEMENTS_PER_PIECE));
      yield (i ? ',' : '') + safe(json.slice(1, -1));
    }
    yield ']';
  }
  yield '}';
  yield tail;
}

/** Nodes or relationships per piece of the page's data (~1 KB of JSON each). */
const PAGE_ELEMENTS_PER_PIECE = 16;

/** The page before and after the data's JSON. */
function pageShell(data: PageData, assets: PageAssets): [string, string] {
  const head = `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="guanxi">
<title>${escapeHtml(data.title)}</title>
<style>
${assets.css}
</style>
</head>
<body>
<header>
  <div class="brand"><b>关系</b><span>guanxi · ${escapeHtml(data.span)}</span></div>
  <div class="search">
    <input id="search" type="search" placeholder="Search 名字 or pinyin (wujin) — press /" autocomplete="off" spellcheck="false" aria-label="Search by name or pinyin">
    <ul id="results" role="listbox"></ul>
  </div>
  <nav class="tabs">
    <button type="button" data-view="graph" class="on">Graph</button>
    <button type="button" data-view="timeline">Office timelines</button>
  </nav>
</header>
<div id="filters" aria-label="Filter by label"></div>
<main>
  <section id="graph-view"><div id="cy"></div><div id="empty"></div><div id="stats"></div></section>
  <section id="timeline-view" hidden>
    <div id="offices"><input id="office-filter" type="search" placeholder="Filter offices (荆州市长)" autocomplete="off"><ul id="office-list"></ul></div>
    <div id="timeline"></div>
  </section>
  <aside id="details" aria-live="polite"></aside>
</main>
<script type="application/json" id="guanxi-data">`;
  const tail = `</script>
<script>
${inlineScript(assets.cytoscape)}
</script>
<script>
${inlineScript(assets.js)}
</script>
</body>
</html>
`;
  return [head, tail];
}

/** The page's file name in the output folder. */
export const HTML_FILE = 'index.html';

/** The `html` exporter: writes `outDir/index.html`. */
export const htmlExporter: Exporter = {
  name: 'html',
  output: HTML_FILE,
  async write(graph, outDir) {
    const path = join(outDir, HTML_FILE);
    // Each piece goes straight into the file's block (joining them into larger strings first cost more).
    await withWriter(path, async (w) => {
      for (const chunk of pageChunks(pageData(graph, outDir))) w.sink.text(chunk);
    });
    return [path];
  },
};
