/**
 * `guanxi show PERSON`: one person's offices with dates, the campaigns they promoted, the
 * events they attended, and the sentences that say so, read from out/graph.json.
 *
 * PERSON is a name (`吴锦`), an alias, or pinyin (`wujin`, `Wu Jin`, `wj`). Same-name
 * people the resolver kept apart are all shown, each with its disambiguator. The pure core
 * is {@link findPeople} + {@link personProfile}; the command reads and prints.
 *
 * ```
 * 吴锦  Wu Jin   (3 articles, 2022-02-10 – 2022-03-09)
 *   Offices
 *     荆州市委书记   2022-02-10 – 2022-03-09
 *         2022-02-10  市委书记吴锦出席会议并强调…   data/articles/000_….txt
 *   Campaigns promoted
 *     四大会战   2022-02-10
 * ```
 */
import { join } from 'node:path';
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { loadConfig } from '../config.js';
import type { Graph, GraphNode, RelationshipType } from '../graph/model.js';
import { pinyinKeys } from '../pinyin.js';
import { articleIndex, clip, dateRange, evidenceOf, nearNames, pinyinOf, readGraphFile, str, strs, type Evidence } from './timeline.js';

/** The text of `guanxi show --help`. */
export const showHelp = `guanxi show PERSON [--out DIR] [--json]

A person's offices with dates, the campaigns they promoted, the events they attended and
the evidence sentences, from DIR/graph.json (default out/). PERSON is a Chinese name, an
alias, or pinyin (wujin, "Wu Jin", wj).

Options:
  --out DIR    the build's output folder (default: guanxi.yaml's out, else out)
  --config F   settings file (default ./guanxi.yaml when present)
  --json       print the profile as JSON
  -h, --help   this help

Exit codes: 0 found, 1 nobody matches (near names are suggested), 2 usage error.`;

/** One related node (an office, campaign or event) with the dates and evidence of the link. */
export interface ProfileLink {
  id: string;
  name: string;
  /** The event's own date, for ATTENDED. */
  date: string;
  firstSeen: string;
  lastSeen: string;
  evidence: Evidence[];
}

/** Everything `show` prints about one person. */
export interface PersonProfile {
  id: string;
  name: string;
  pinyin: string;
  disambiguator: string;
  aliases: string[];
  articleCount: number;
  firstSeen: string;
  lastSeen: string;
  offices: ProfileLink[];
  campaigns: ProfileLink[];
  events: ProfileLink[];
}

/** The lower-case, space-free form a query is compared in. */
function norm(s: string): string {
  return s.replace(/[\s·・.]+/gu, '').toLowerCase();
}

/**
 * People the query names: by name or alias first; when none, by pinyin (full or initials,
 * case and spaces ignored).
 */
export function findPeople(graph: Graph, query: string): GraphNode[] {
  const q = norm(query);
  if (!q) return [];
  const people = graph.nodes.filter((n) => n.label === 'Person');
  const byName = people.filter((p) => [str(p.properties, 'name'), ...strs(p.properties, 'aliases')].some((n) => norm(n) === q));
  if (byName.length || /\p{Script=Han}/u.test(q)) return byName;
  return people.filter((p) => {
    const keys = [norm(pinyinOf(p)), ...pinyinKeys(str(p.properties, 'name'))];
    return keys.includes(q);
  });
}

/** The profile of one person: offices, campaigns and events, each sorted by first date. */
export function personProfile(graph: Graph, person: GraphNode): PersonProfile {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const articles = articleIndex(graph);
  const links = (type: RelationshipType): ProfileLink[] =>
    [...graph.relationships]
      .filter((r) => r.type === type && r.start === person.id && nodes.has(r.end))
      .map((r) => {
        const target = nodes.get(r.end)!;
        const evidence = evidenceOf(r, articles);
        const dates = evidence.map((e) => e.date).filter(Boolean).sort();
        return {
          id: target.id,
          name: str(target.properties, 'name'),
          date: str(target.properties, 'date'),
          firstSeen: str(r.properties, 'firstSeen') || dates[0] || '',
          lastSeen: str(r.properties, 'lastSeen') || dates[dates.length - 1] || '',
          evidence,
        };
      })
      .sort((a, b) => (a.firstSeen || '9999').localeCompare(b.firstSeen || '9999') || a.name.localeCompare(b.name, 'zh'));
  const p = person.properties;
  const count = p.articleCount;
  return {
    id: person.id,
    name: str(p, 'name'),
    pinyin: pinyinOf(person),
    disambiguator: str(p, 'disambiguator'),
    aliases: strs(p, 'aliases'),
    articleCount: typeof count === 'number' ? count : 0,
    firstSeen: str(p, 'firstSeen'),
    lastSeen: str(p, 'lastSeen'),
    offices: links('HOLDS'),
    campaigns: links('PROMOTES'),
    events: links('ATTENDED'),
  };
}

/** The text the command prints for one profile. */
export function formatProfile(p: PersonProfile): string {
  const head = [`${p.name}${p.disambiguator ? `（${p.disambiguator}）` : ''}  ${p.pinyin}`];
  const facts: string[] = [];
  if (p.articleCount) facts.push(`${p.articleCount} article${p.articleCount === 1 ? '' : 's'}`);
  if (p.firstSeen || p.lastSeen) facts.push(dateRange(p.firstSeen, p.lastSeen));
  if (p.aliases.length) facts.push(`also ${p.aliases.join('、')}`);
  if (facts.length) head.push(`  (${facts.join(', ')})`);
  const lines = [head.join('')];
  const section = (title: string, items: ProfileLink[], event = false) => {
    lines.push(`  ${title}`);
    if (!items.length) lines.push('    none recorded');
    for (const it of items) {
      const when = event && it.date ? it.date : dateRange(it.firstSeen, it.lastSeen);
      lines.push(`    ${it.name}   ${when}`);
      for (const e of it.evidence) lines.push(`        ${(e.date || '????-??-??').padEnd(10)}  ${clip(e.sentence)}   ${e.source}`);
    }
  };
  section('Offices', p.offices);
  section('Campaigns promoted', p.campaigns);
  section('Events attended', p.events, true);
  return lines.join('\n');
}

/** Runs `guanxi show`. */
export async function showCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(showHelp + '\n');
    return EXIT.ok;
  }
  const query = positionals.join(' ');
  if (!query.trim()) throw new UsageError('show needs a person, e.g. guanxi show 吴锦');
  // The build's folder: --out, else guanxi.yaml's `out`, else out/.
  const outDir = values.out ?? (await loadConfig(values.config)).out ?? 'out';
  const graph = await readGraphFile(outDir);
  const people = findPeople(graph, query);
  if (!people.length) {
    const names = graph.nodes.filter((n) => n.label === 'Person').flatMap((n) => [str(n.properties, 'name'), ...strs(n.properties, 'aliases')]);
    const near = nearNames(query, names);
    process.stderr.write(
      `guanxi: nobody matches '${query}' in ${join(outDir, 'graph.json')}` +
        (near.length ? `. Did you mean: ${near.join(', ')}?\n` : ' (no person with a similar name)\n'),
    );
    return 1;
  }
  const profiles = people.map((p) => personProfile(graph, p));
  process.stdout.write(values.json ? JSON.stringify(profiles, null, 2) + '\n' : profiles.map(formatProfile).join('\n\n') + '\n');
  return EXIT.ok;
}
