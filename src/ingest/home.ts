/**
 * Home jurisdiction: the division `市委`, `我市`, `县长` refer to in an article.
 *
 * Decided in this order, and recorded in `meta.homeSource`: manifest `home` → front matter
 * `home` → the publisher table (data/publishers.yaml) by publisher name, or else the division
 * a medium is named after (`商丘日报` → 商丘市) (`publisher`) → by
 * URL host (`url`) → an author line naming a party committee (`□ 中共荆州市委政策研究室` →
 * 荆州市, `text`) → a headline opening with a division and its body or a meeting verb
 * (`孝感市委理论学习中心组举行…` → 孝感市, `title`) → `--home` (`cli`) → null.
 *
 * Example: `homeFromPublisher('荆州日报')` → `荆州市`; `homeFromUrl('http://www.shishou.gov.cn/…')` → `石首市`.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';
import type { BodyLine } from '../normalise/index.js';
import { getGazetteer } from '../gazetteer/index.js';

export interface PublisherEntry {
  home: string;
  names: string[];
  hosts: string[];
}

let table: PublisherEntry[] | null = null;

/** The publisher table from data/publishers.yaml, in file order. */
export function publisherTable(): PublisherEntry[] {
  if (table) return table;
  const raw = parse(readFileSync(dataPath('publishers.yaml'), 'utf8')) as { publishers?: unknown };
  const list = Array.isArray(raw?.publishers) ? raw.publishers : [];
  table = list
    .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object' && typeof (e as { home?: unknown }).home === 'string')
    .map((e) => ({
      home: e.home as string,
      names: Array.isArray(e.names) ? e.names.map(String) : [],
      hosts: Array.isArray(e.hosts) ? e.hosts.map(String) : [],
    }));
  return table;
}

/** All publisher names of the table (to recognise them in front matter tags). */
export function publisherNames(): string[] {
  return (names ??= publisherTable().flatMap((e) => e.names));
}
let names: string[] | null = null;

// A corpus names the same few publishers over and over: remember each name's answer.
const homeByPublisher = new Map<string, string | null>();

/** The home of a publisher named `name` (substring match, longest name first), or null. */
export function homeFromPublisher(name: string | null | undefined): string | null {
  if (!name) return null;
  const known = homeByPublisher.get(name);
  if (known !== undefined) return known;
  const home = searchPublisherTable(name) ?? homeFromMediaName(name);
  if (homeByPublisher.size < 10_000) homeByPublisher.set(name, home);
  return home;
}

/**
 * A medium named after its division (`商丘日报` → 商丘市, `四川日报` → 四川省, `恩施晚报`,
 * `睢阳区融媒体中心`, `监利市人民政府网`): the division the gazetteer knows by the name before the medium's word,
 * when one province, prefecture or county answers at the highest level among its forms
 * (`长沙晚报` → 长沙市, not 长沙县); a county by its full name, or by its short form when the
 * province governs it directly (`天门日报` → 天门市). Names such as 人民日报,
 * 光明日报, 楚天都市报 or 新华日报 name no division, or an ambiguous one, and give none.
 */
export function homeFromMediaName(name: string): string | null {
  const m = MEDIA_OF_DIVISION.exec(name);
  if (!m) return null;
  const stem = m[1]!;
  // A county by its full name, or by its short form when the province governs it directly
  // (仙桃日报, 天门日报): short forms of districts are common words (光明日报 is no 光明区's).
  const gazetteer = getGazetteer();
  const candidates = gazetteer
    .candidates(stem)
    .filter((d) => d.level === 'province' || d.level === 'prefecture' || (d.level === 'county' && (d.name === stem || gazetteer.byName(d.parent ?? '')?.level === 'province')));
  for (const level of ['province', 'prefecture', 'county'] as const) {
    const atLevel = candidates.filter((d) => d.level === level);
    if (atLevel.length === 1) return atLevel[0]!.name;
    if (atLevel.length > 1) return null;
  }
  return null;
}

const MEDIA_OF_DIVISION = /^([\u4e00-\u9fff]{2,10}?)(?:日报|晚报|都市报|新闻网|融媒体中心|广播电视台|电视台|发布|新闻|人民政府网|人民政府|政府网)$/;

function searchPublisherTable(name: string): string | null {
  let best: { home: string; len: number } | null = null;
  for (const entry of publisherTable()) {
    for (const n of entry.names) if (name.includes(n) && (!best || n.length > best.len)) best = { home: entry.home, len: n.length };
  }
  return best?.home ?? null;
}

// The same few sites over and over: remember each host's answer.
const homeByHost = new Map<string, string | null>();

function hostMatches(host: string, pattern: string): boolean {
  const labels = host.split(/[.-]/);
  if (pattern.endsWith('.*')) return labels.includes(pattern.slice(0, -2));
  return host === pattern || host.endsWith(`.${pattern}`) || host.includes(`-${pattern.replace(/\./g, '-')}`);
}

/** The home of the site a URL belongs to, or null. */
export function homeFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let host: string;
  try {
    host = new URL(url.startsWith('//') ? `http:${url}` : url).hostname.toLowerCase();
  } catch {
    return null;
  }
  const known = homeByHost.get(host);
  if (known !== undefined) return known;
  let home: string | null = null;
  for (const entry of publisherTable()) {
    if (entry.hosts.some((p) => hostMatches(host, p))) {
      home = entry.home;
      break;
    }
  }
  if (homeByHost.size < 10_000) homeByHost.set(host, home);
  return home;
}

/**
 * The jurisdiction an author line names: `□ 中共荆州市委政策研究室` or `□中共荆州市委书记 吴 锦`
 * → 荆州市 (the committee's division, made canonical through the publisher table when it
 * knows a longer official name such as 恩施土家族苗族自治州 for 恩施州).
 */
export function homeFromAuthorLine(lines: BodyLine[]): string | null {
  let seen = 0;
  for (const { text, kind } of lines) {
    if (kind === 'blank') continue;
    if (++seen > 12) break;
    // Author lines open with □ or ■; a line opening with a CJK ideograph is none.
    const first = text.charCodeAt(0);
    if (first >= 0x4e00 && first <= 0x9fff) continue;
    const m = /^[□■]\s*(?:中共)?([\u4e00-\u9fff]{1,8}?[省市县区州])(?:委|人民政府|政府|人大|政协)/.exec(text.replace(/\s+/g, ''));
    if (m) return canonicalDivision(m[1]!);
  }
  return null;
}

/**
 * The division a headline is about, where it opens with the division and one of its bodies or
 * a meeting verb: `孝感市委理论学习中心组举行专题学习会` → 孝感市, `湖南省岳阳市平江县召开经济
 * 工作会议` → 平江县 (the last of a chain), `十堰市委书记王清华在郧阳区调研` → 十堰市. Local papers
 * title their own news so; a headline that opens otherwise (`荆门市与比亚迪签约`) gives none.
 */
export function homeFromTitle(title: string | null): string | null {
  if (!title) return null;
  const gazetteer = getGazetteer();
  let pos = 0;
  let last: string | null = null;
  for (let guard = 0; guard < 4; guard++) {
    const m = gazetteer.matchAt(title, pos, Math.min(title.length, pos + 16), last);
    if (!m || m.division.level === 'township' || m.division.level === 'zone') break;
    last = m.division.name;
    pos = m.end;
  }
  if (!last || !TITLE_SUBJECT_AFTER.test(title.slice(pos, pos + 4))) return null;
  return last;
}

/** What follows the division at the start of a headline about it: one of its bodies, or a meeting verb. */
const TITLE_SUBJECT_AFTER = /^(?:[省市县区州]?委|人民政府|政府|人大|政协|召开|举行)/;

function canonicalDivision(name: string): string {
  const stem = name.slice(0, -1);
  const suffix = name.slice(-1);
  const known = publisherTable().find((e) => e.home === name || (e.home.startsWith(stem) && e.home.endsWith(suffix) && stem.length >= 2));
  return known?.home ?? name;
}
