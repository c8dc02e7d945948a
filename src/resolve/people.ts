/**
 * Telling people with one name apart, and joining the mentions of one person.
 *
 * Reads every occurrence of one person name key in the corpus, each with its context (the
 * jurisdictions of the offices the person holds in that article, or the paper's home for a
 * byline name) and the other people named in the same article; gives clusters, each one
 * Person node, plus review items for a person to confirm.
 *
 * Rules (ids appear in merge reasons and review items):
 * - `person.context-compatible`: jurisdictions that are equal or nested (石首市 lies in 荆州市)
 *   belong to one person; so do jurisdictions held together in one article.
 * - `person.context-conflict`: unrelated jurisdictions (石首市 and 襄阳市, or two counties of
 *   one city) stay apart; each cluster gets a `disambiguator` (its broadest jurisdiction).
 * - `person.single-candidate`: a bare name (no office, no byline) joins the only cluster.
 * - `person.co-mentioned`: with several clusters, a bare name joins the one cluster whose
 *   articles name some of the same other people; otherwise it stays unresolved for review.
 * - `override.same` / `override.different`: the user's data/resolve.yaml decides.
 *
 * Work is per name: distinct jurisdictions of one name are compared pairwise (a handful),
 * occurrences are only scanned, so a corpus resolves in linear time.
 */
import type { Gazetteer, Division } from '../gazetteer/index.js';
import { compareIds } from '../graph/ids.js';
import type { Overrides } from './overrides.js';

/** The disambiguator of the node that collects bare-name mentions no rule could place. */
export const UNRESOLVED = '待确认';

/** One article's mention of the name, with what the resolver knows around it. */
export interface PersonOccurrence {
  article: string;
  /** Jurisdictions of the offices held in this article (sorted); empty: no context. */
  jurisdictions: string[];
  /** Name keys of the people in the article (this name included; shared between occurrences). */
  coMentioned: ReadonlySet<string>;
}

export interface PersonCluster {
  /** Indexes into the occurrences given. */
  members: number[];
  /** '' when the name has one person only; the jurisdiction shown otherwise; UNRESOLVED. */
  disambiguator: string;
  jurisdictions: string[];
  /** Why the members were merged (rule ids and a sentence), or '' for a single mention. */
  reason: string;
}

export interface PersonReview {
  kind: 'ambiguous-mention' | 'split' | 'bridged-merge';
  /** Indexes into the clusters. */
  clusters: number[];
  reason: string;
  articles: string[];
  suggestion?: string;
}

export interface PersonOutcome {
  clusters: PersonCluster[];
  review: PersonReview[];
  messages: string[];
}

const RANK: Record<string, number> = { province: 0, prefecture: 1, county: 2, zone: 3, township: 4 };

class UnionFind {
  parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** The user's override pairs (same or different) that speak about the person name key. */
function overridesOf(key: string, list: Overrides['same']): Overrides['same'] {
  return list.filter(([a, b]) => a.label === 'Person' && a.key === key && b.key === key);
}

/** Whether some override speaks about the person name key (clusterPeople then weighs it; see oneContextOutcome). */
export function hasPersonOverrides(key: string, overrides: Overrides): boolean {
  return overridesOf(key, overrides.same).length > 0 || overridesOf(key, overrides.different).length > 0;
}

/** Clusters the occurrences of one person name key (see the module comment). */
export function clusterPeople(key: string, occs: PersonOccurrence[], overrides: Overrides, gazetteer: Gazetteer | null): PersonOutcome {
  // Overrides that speak about this name.
  const same = overridesOf(key, overrides.same);
  const different = overridesOf(key, overrides.different);
  if (!same.length && !different.length) {
    const one = oneContext(key, occs);
    if (one) return one;
  }
  const messages: string[] = [];
  const review: PersonReview[] = [];
  const jurisdictionSet = new Set<string>();
  for (const o of occs) for (const j of o.jurisdictions) jurisdictionSet.add(j);
  const J = [...jurisdictionSet].sort(compareIds);
  const jIndex = new Map(J.map((j, i) => [j, i]));
  const divisions = J.map((j) => gazetteer?.byName(j));
  const related = (a: number, b: number): boolean => {
    if (a === b) return true;
    const da = divisions[a];
    const db = divisions[b];
    return !!(gazetteer && da && db && (gazetteer.isWithin(da, db) || gazetteer.isWithin(db, da)));
  };

  const cannot: Array<[number, number]> = [];
  const bareBlocked = new Set<string>();
  const bareForced: string[] = [];
  for (const [a, b] of different) {
    if (a.disambiguator && b.disambiguator) {
      const ia = jIndex.get(a.disambiguator);
      const ib = jIndex.get(b.disambiguator);
      if (ia !== undefined && ib !== undefined) cannot.push([ia, ib]);
    } else if (a.disambiguator || b.disambiguator) {
      bareBlocked.add((a.disambiguator ?? b.disambiguator)!);
    }
  }

  const uf = new UnionFind(J.length);
  const edgeRule = new Map<string, string>();
  const tryUnion = (a: number, b: number, rule: string): boolean => {
    const ra = uf.find(a);
    const rb = uf.find(b);
    if (ra === rb) return true;
    for (const [x, y] of cannot) {
      const rx = uf.find(x);
      const ry = uf.find(y);
      if ((rx === ra && ry === rb) || (rx === rb && ry === ra)) return false;
    }
    uf.union(a, b);
    edgeRule.set(`${Math.min(a, b)}:${Math.max(a, b)}`, rule);
    return true;
  };
  for (const [a, b] of same) {
    if (a.disambiguator && b.disambiguator) {
      const ia = jIndex.get(a.disambiguator);
      const ib = jIndex.get(b.disambiguator);
      if (ia !== undefined && ib !== undefined) tryUnion(ia, ib, 'override.same');
    } else if (a.disambiguator || b.disambiguator) {
      bareForced.push((a.disambiguator ?? b.disambiguator)!);
    }
  }
  // Held together in one article: one person (unless the user said otherwise).
  for (const o of occs) {
    for (let i = 1; i < o.jurisdictions.length; i++) {
      if (!tryUnion(jIndex.get(o.jurisdictions[0]!)!, jIndex.get(o.jurisdictions[i]!)!, 'person.same-article')) {
        messages.push(`resolve: ${o.article}: ${key} holds offices in ${o.jurisdictions.join(' and ')}, which data/resolve.yaml keeps apart; filed under ${o.jurisdictions[0]}`);
      }
    }
  }
  for (let a = 0; a < J.length; a++) {
    for (let b = a + 1; b < J.length; b++) if (related(a, b)) tryUnion(a, b, 'person.context-compatible');
  }

  // Components → clusters, in order of their smallest jurisdiction.
  const compOf = new Map<number, number>();
  const clusters: PersonCluster[] = [];
  for (let i = 0; i < J.length; i++) {
    const r = uf.find(i);
    if (!compOf.has(r)) {
      compOf.set(r, clusters.length);
      clusters.push({ members: [], disambiguator: '', jurisdictions: [], reason: '' });
    }
    clusters[compOf.get(r)!]!.jurisdictions.push(J[i]!);
  }
  const clusterOfJ = (j: string) => compOf.get(uf.find(jIndex.get(j)!))!;
  const bare: number[] = [];
  occs.forEach((o, i) => {
    if (o.jurisdictions.length) clusters[clusterOfJ(o.jurisdictions[0]!)]!.members.push(i);
    else bare.push(i);
  });

  if (clusters.length > 1) {
    for (const c of clusters) c.disambiguator = broadest(c.jurisdictions, gazetteer, occs, c.members);
  }
  const contextual = clusters.length;
  for (const c of clusters) {
    const arts = new Set(c.members.map((m) => occs[m]!.article));
    if (arts.size > 1) c.reason = `person.context-compatible: ${key} with ${c.jurisdictions.join(', ')} in ${arts.size} articles`;
    if (c.jurisdictions.length > 1) {
      const notDirect = c.jurisdictions.some((x, i) =>
        c.jurisdictions.some((y, k) => k > i && !related(jIndex.get(x)!, jIndex.get(y)!) && !edgeRule.has(`${jIndex.get(x)}:${jIndex.get(y)}`)),
      );
      if (notDirect) {
        review.push({
          kind: 'bridged-merge',
          clusters: [clusters.indexOf(c)],
          reason: `${key} in ${c.jurisdictions.join(', ')} was merged through a common or enclosing jurisdiction; the unrelated ones may be different people`,
          articles: [...arts].sort(compareIds),
        });
      }
    }
  }
  if (contextual > 1) {
    review.push({
      kind: 'split',
      clusters: clusters.map((_, i) => i),
      reason: `person.context-conflict: ${key} holds offices in unrelated jurisdictions (${clusters.map((c) => c.disambiguator).join(' / ')}); kept as ${contextual} people`,
      articles: [...new Set(occs.filter((o) => o.jurisdictions.length).map((o) => o.article))].sort(compareIds),
      suggestion: `same: [[Person:${key}@${clusters[0]!.disambiguator}, Person:${key}@${clusters[1]!.disambiguator}]]`,
    });
  }

  // Bare names.
  let unresolved: PersonCluster | null = null;
  const coMentionSets = new Map<number, Set<string>>();
  const coMentionOf = (ci: number) => {
    let s = coMentionSets.get(ci);
    if (!s) {
      s = new Set<string>();
      for (const m of clusters[ci]!.members) for (const k of occs[m]!.coMentioned) if (k !== key) s.add(k);
      coMentionSets.set(ci, s);
    }
    return s;
  };
  const forced = bareForced.map((j) => (jIndex.has(j) ? clusterOfJ(j) : -1)).filter((c) => c >= 0);
  const candidates = clusters.map((_, i) => i).filter((i) => i < contextual && !clusters[i]!.jurisdictions.some((j) => bareBlocked.has(j)));
  const joined = new Map<number, Set<string>>();
  for (const i of bare) {
    const o = occs[i]!;
    let target = -1;
    let rule = '';
    if (forced.length === 1) {
      target = forced[0]!;
      rule = 'override.same';
    } else if (candidates.length === 1) {
      target = candidates[0]!;
      rule = 'person.single-candidate';
    } else if (candidates.length > 1) {
      const hits = candidates.filter((c) => {
        const others = coMentionOf(c);
        for (const k of o.coMentioned) if (k !== key && others.has(k)) return true;
        return false;
      });
      if (hits.length === 1) {
        target = hits[0]!;
        rule = 'person.co-mentioned';
      }
    } else if (contextual === 0) {
      target = -2;
    }
    if (target >= 0) {
      clusters[target]!.members.push(i);
      const s = joined.get(target) ?? new Set<string>();
      s.add(rule);
      joined.set(target, s);
      continue;
    }
    if (target === -2 || contextual === 0) {
      // No context anywhere for this name: all bare mentions are one node.
      if (!unresolved) {
        unresolved = { members: [], disambiguator: '', jurisdictions: [], reason: '' };
        clusters.push(unresolved);
      }
      unresolved.members.push(i);
      continue;
    }
    if (!unresolved) {
      unresolved = { members: [], disambiguator: UNRESOLVED, jurisdictions: [], reason: '' };
      clusters.push(unresolved);
    }
    unresolved.members.push(i);
  }
  for (const [ci, rules] of joined) {
    const c = clusters[ci]!;
    const n = c.members.filter((m) => !occs[m]!.jurisdictions.length).length;
    const base = c.reason || `${key} with ${c.jurisdictions.join(', ')}`;
    c.reason = `${base}; ${[...rules].sort().join(', ')}: ${n} mention${n === 1 ? '' : 's'} without context joined`;
  }
  if (unresolved && contextual === 0) {
    const arts = new Set(unresolved.members.map((m) => occs[m]!.article));
    if (arts.size > 1) unresolved.reason = `person.same-name: ${key} without any context in ${arts.size} articles`;
  }
  if (unresolved && unresolved.disambiguator === UNRESOLVED) {
    const ui = clusters.indexOf(unresolved);
    review.push({
      kind: 'ambiguous-mention',
      clusters: [ui, ...candidates],
      reason: `${key} is named without office or byline, and ${candidates.length || contextual} people of that name are known; kept apart until confirmed`,
      articles: [...new Set(unresolved.members.map((m) => occs[m]!.article))].sort(compareIds),
      suggestion: candidates.length ? `same: [[Person:${key}, Person:${key}@${clusters[candidates[0]!]!.disambiguator}]]` : undefined,
    });
  }
  for (const c of clusters) c.members.sort((a, b) => a - b);
  return { clusters, review, messages };
}

/**
 * clusterPeople for a name whose occurrences name one jurisdiction at most, without
 * overrides (most names): one cluster of every occurrence, with the reason the general
 * rules give (person.context-compatible, person.single-candidate or person.same-name).
 * Null when the occurrences name several jurisdictions.
 */
function oneContext(key: string, occs: PersonOccurrence[]): PersonOutcome | null {
  let only: string | null = null;
  for (const o of occs) {
    for (const j of o.jurisdictions) {
      if (only === null) only = j;
      else if (j !== only) return null;
    }
  }
  let bare = 0;
  for (const o of occs) if (!o.jurisdictions.length) bare++;
  if (only === null) return oneContextOutcome(key, occs.length, null, articleCount(occs, () => true), bare);
  return oneContextOutcome(key, occs.length, only, articleCount(occs, (o) => o.jurisdictions.length > 0), bare);
}

/**
 * What clusterPeople gives for a name without overrides whose `count` occurrences name the one
 * jurisdiction `only` at most (null: none names any): one cluster of them all. `articles` is how
 * many articles the occurrences are in (with `only`: those that name it), `bare` how many
 * occurrences name no jurisdiction. For a caller that knows these numbers without making a
 * PersonOccurrence per occurrence.
 */
export function oneContextOutcome(key: string, count: number, only: string | null, articles: number, bare: number): PersonOutcome {
  const members: number[] = [];
  for (let i = 0; i < count; i++) members.push(i);
  if (only === null) {
    const reason = articles > 1 ? `person.same-name: ${key} without any context in ${articles} articles` : '';
    return { clusters: [{ members, disambiguator: '', jurisdictions: [], reason }], review: [], messages: [] };
  }
  let reason = articles > 1 ? `person.context-compatible: ${key} with ${only} in ${articles} articles` : '';
  if (bare) reason = `${reason || `${key} with ${only}`}; person.single-candidate: ${bare} mention${bare === 1 ? '' : 's'} without context joined`;
  return { clusters: [{ members, disambiguator: '', jurisdictions: [only], reason }], review: [], messages: [] };
}

/** How many articles the occurrences that `pick` picks are in. */
function articleCount(occs: PersonOccurrence[], pick: (o: PersonOccurrence) => boolean): number {
  // Occurrences usually come in article order: count the changes, or fall back to a set.
  let n = 0;
  let last: string | null = null;
  for (const o of occs) {
    if (!pick(o) || o.article === last) continue;
    if (last !== null && o.article < last) return new Set(occs.filter(pick).map((x) => x.article)).size;
    last = o.article;
    n++;
  }
  return n;
}

/**
 * The disambiguator of a cluster: its broadest jurisdiction (a prefecture before its
 * counties), then the most frequent, then code-point order.
 */
function broadest(js: string[], gazetteer: Gazetteer | null, occs: PersonOccurrence[], members: number[]): string {
  const freq = new Map<string, number>();
  for (const m of members) for (const j of occs[m]!.jurisdictions) freq.set(j, (freq.get(j) ?? 0) + 1);
  const rank = (j: string) => {
    const d: Division | undefined = gazetteer?.byName(j);
    return d ? (RANK[d.level] ?? 5) : 5;
  };
  return [...js].sort((a, b) => rank(a) - rank(b) || (freq.get(b) ?? 0) - (freq.get(a) ?? 0) || compareIds(a, b))[0]!;
}
