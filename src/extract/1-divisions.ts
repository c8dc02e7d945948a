/**
 * Stage 1: AdminDivision.
 *
 * Reads `doc.text` and `doc.meta.home`; adds an AdminDivision mention for every division or
 * functional zone the text names (canonical name, `{level, code}`), and LOCATED_IN relations
 * from each named division up its gazetteer chain to the province (evidence rule
 * `gazetteer`, no span). `我市`/`全市`/`市委` name nothing by themselves: the home is implied,
 * not named, so they add no mention.
 *
 * Example: `石首市东升镇` → mentions 石首市 (0–3, division.gazetteer) and 东升镇 (3–6, the
 * 东升镇 under 石首市), relations 东升镇 → 石首市 → 荆州市 → 湖北省.
 *
 * The decisions about a single occurrence live in divisions/accept.ts.
 */
import type { Doc, Mention, RelationFact, Stage } from '../types.js';
import { getGazetteer, type Division, type Gazetteer, type GazetteerMatch } from '../gazetteer/index.js';
import { judgeMatch, type MatchContext } from './divisions/accept.js';
import { cueScan } from './cue-scan.js';

/** The rule ids this stage stamps on what it finds. */
export const DIVISION_RULES = {
  name: 'division.gazetteer',
  short: 'division.short',
  former: 'division.former',
  zone: 'division.zone',
  homeZone: 'division.zone-home',
} as const;

/**
 * Abbreviated zone words that, written bare, mean the home's own zone (县委常委、经开区党工委书记
 * in a 宿松县 paper is 宿松经济开发区). The plain word 开发区 is left out: it is generic far
 * more often (开发区建设). The characters before it that make it generic (各经开区, 全省高新区).
 */
export const BARE_ZONE_WORDS: readonly string[] = ['经开区', '高新区'];
/** The bare zone word that starts at `start` (one at most: none starts another). */
function bareZoneWordAt(text: string, start: number): string | undefined {
  for (const word of BARE_ZONE_WORDS) if (text.startsWith(word, start)) return word;
  return undefined;
}
const BARE_ZONE_GENERIC_BEFORE = new Set(['各', '等', '省', '国', '级', '个', '类', '家', '全']);

/** Creates the stage (configured once, run per article). */
export default function divisionsStage(): Stage {
  const gazetteer = getGazetteer();
  return (doc: Doc) => {
    if (doc.meta.home && !gazetteer.byName(doc.meta.home)) {
      // A home the gazetteer does not know cannot anchor short forms: say so, and fall back
      // to the division the text names most.
      doc.messages.push({
        level: 'warning',
        message: `divisions: home jurisdiction "${doc.meta.home}" is not in the gazetteer; short forms are read against the division the text names most`,
        rule: 'division.home-unknown',
      });
    }
    const found = findDivisions(doc.text, doc.meta.home, gazetteer);
    // The divisions by push, not `found.map`: the builtin map makes a holey array where the
    // same map optimised into this stage makes a packed one, and chainRelations' loop, fed
    // both, deoptimised.
    const divisions: Division[] = [];
    for (const f of found) {
      doc.mentions.push(f.mention);
      divisions.push(f.division);
    }
    doc.relations.push(...chainRelations(divisions, gazetteer));
  };
}

/** One accepted division occurrence. */
export interface FoundDivision {
  mention: Mention;
  division: Division;
}

/**
 * Every division named in `text`, resolved relative to `home` and to the division written
 * just before it (`石首市东升镇`: the 东升镇 under 石首市). Without a home the gazetteer
 * knows, the division the text names most by full name stands in for it.
 */
export function findDivisions(text: string, home: string | null, gazetteer: Gazetteer = getGazetteer()): FoundDivision[] {
  const out: FoundDivision[] = [];
  let matches = gazetteer.find(text, 0, text.length, home);
  const known = home ? gazetteer.byName(home) : undefined;
  const homeDiv = known ?? inferHome(matches);
  if (!known && homeDiv) matches = gazetteer.find(text, 0, text.length, homeDiv.name);
  // Full names, and short forms of prefectures and provinces (湘西州), anchor the short
  // forms and townships under them (湘西州 … 吉首、凤凰).
  const anchors: Division[] = [];
  for (const m of matches) {
    const level = m.division.level;
    if (m.kind === 'short' && level !== 'prefecture' && level !== 'province') continue;
    if (!anchors.includes(m.division)) anchors.push(m.division);
  }
  // The division accepted last and where it ends.
  let prevEnd = -1;
  let prevDivision: Division | null = null;
  let ctx: MatchContext | null = null;
  for (const found of matches) {
    let m = found;
    // 荆州区域性中心城市 is 荆州 + 区域, not 荆州区: read the short form.
    if (text.charCodeAt(m.end) === 0x57df /* 域 */ && m.form.endsWith('区')) {
      const form = m.form.slice(0, -1);
      const d = gazetteer.resolve(form, homeDiv?.name ?? null);
      if (!d) continue;
      // GazetteerMatch's fields in findIn's order: one object shape for the loop below.
      m = { start: m.start, end: m.end - 1, division: d, form, kind: gazetteer.formKind(form) ?? 'name' };
    }
    const kind = m.kind;
    // A division written right after another is read inside it (湖南省岳阳市, 石首市东升镇).
    const context: Division | null = prevEnd === m.start ? prevDivision : null;
    const division: Division = (context && gazetteer.resolve(m.form, context.name)) || m.division;
    // One context for the whole text, refilled per match: judgeMatch keeps none of it.
    if (!ctx) {
      ctx = { text, start: m.start, end: m.end, form: m.form, kind, division, home: homeDiv ?? null, context, anchors, gazetteer };
    } else {
      ctx.start = m.start;
      ctx.end = m.end;
      ctx.form = m.form;
      ctx.kind = kind;
      ctx.division = division;
      ctx.context = context;
    }
    if (!judgeMatch(ctx)) continue;
    out.push({
      division,
      mention: {
        type: 'AdminDivision',
        name: division.name,
        start: m.start,
        end: m.end,
        rule: DIVISION_RULES[kind],
        properties: mentionProperties(division),
      },
    });
    prevEnd = m.end;
    prevDivision = division;
  }
  if (homeDiv && (homeDiv.level === 'prefecture' || homeDiv.level === 'county')) {
    const zones = findBareZones(text, homeDiv, out, gazetteer);
    // `out` is in order of start already (the gazetteer's matches are): sort only what the zones join.
    if (zones.length) {
      out.push(...zones);
      out.sort((a, b) => a.mention.start - b.mention.start);
    }
  }
  return out;
}

/** Bare 经开区/高新区 outside any named zone: the home's zone of that kind. */
function findBareZones(text: string, home: Division, found: FoundDivision[], gazetteer: Gazetteer): FoundDivision[] {
  const out: FoundDivision[] = [];
  const stem = home.aliases.find((a) => !a.endsWith('州')) ?? home.name;
  // Every occurrence, in order, from the article's cue scan (a regex pass over the text before):
  // the words neither overlap each other nor themselves, so these are its matches.
  for (const start of cueScan(text).bareZoneStarts) {
    const word = bareZoneWordAt(text, start)!;
    const end = start + word.length;
    if (found.some((f) => f.mention.start < end && f.mention.end > start)) continue;
    if (start > 0 && BARE_ZONE_GENERIC_BEFORE.has(text[start - 1]!)) continue;
    const zone = gazetteer.byName(`${stem}${word}`);
    if (!zone || zone.level !== 'zone') continue;
    out.push({
      division: zone,
      mention: { type: 'AdminDivision', name: zone.name, start, end, rule: DIVISION_RULES.homeZone, properties: mentionProperties(zone) },
    });
  }
  return out;
}

/**
 * A division mention's properties, `{level, code}`: one object per division, shared by its
 * mentions in every article (they become the entity's properties, which the results keep
 * until written). Frozen: whoever would add to them must copy (toExtraction does).
 */
const MENTION_PROPERTIES = new WeakMap<Division, NonNullable<Mention['properties']>>();

function mentionProperties(division: Division): NonNullable<Mention['properties']> {
  let properties = MENTION_PROPERTIES.get(division);
  if (!properties) MENTION_PROPERTIES.set(division, (properties = Object.freeze({ level: division.level, code: division.code })));
  return properties;
}

/**
 * Without a known home, the prefecture or county the text names most often by full name
 * stands in for it, so that its own short forms and townships are read as near.
 */
function inferHome(matches: GazetteerMatch[]): Division | undefined {
  const counts = new Map<Division, number>();
  for (const m of matches) {
    const kind = m.kind;
    if (kind === 'short' || (m.division.level !== 'prefecture' && m.division.level !== 'county')) continue;
    counts.set(m.division, (counts.get(m.division) ?? 0) + 1);
  }
  let best: Division | undefined;
  let bestCount = 0;
  // forEach: for-of over a map's entries makes a pair per entry.
  counts.forEach((n, d) => {
    if (!best || n > bestCount) {
      best = d;
      bestCount = n;
    }
  });
  return best;
}

/**
 * The properties and evidence of every chain relation: the same for all of them, so shared
 * (three objects less per relation, and results live until written). Frozen: nothing adds
 * evidence to a gazetteer fact, and a change would throw instead of reaching every article.
 */
const GAZETTEER_PROPERTIES: RelationFact['properties'] = Object.freeze({ source: 'gazetteer' });
const GAZETTEER_EVIDENCE = Object.freeze([Object.freeze({ start: 0, end: 0, rule: 'gazetteer' })]) as RelationFact['evidence'];

/**
 * LOCATED_IN from each named division to its parent, and on up to the province: the gold
 * keeps the whole chain (宿松县 → 安庆市 → 安徽省) even where the text names no parent.
 */
export function chainRelations(divisions: Division[], gazetteer: Gazetteer = getGazetteer()): RelationFact[] {
  const edges = new EdgeSet();
  // A division named again adds nothing: its chain was walked the first time.
  const walked = new Set<Division>();
  const out: RelationFact[] = [];
  for (const d of divisions) {
    if (walked.has(d)) continue;
    walked.add(d);
    const facts = chainFactsOf(d, gazetteer);
    for (let i = 0; i < facts.length; i++) {
      const fact = facts[i]!;
      if (!edges.add(fact.from.name, fact.to.name)) break;
      out.push(fact);
    }
  }
  return out;
}

/**
 * Each division's chain facts (it → its parent, the parent → the grandparent, … up to the
 * province), by gazetteer: made once per division and shared by every article that names it
 * (objects the results keep until written, four per edge, made afresh per article before).
 * Frozen, as the gazetteer evidence: a change would throw instead of reaching every article.
 */
const CHAIN_FACTS = new WeakMap<Gazetteer, WeakMap<Division, readonly RelationFact[]>>();

function chainFactsOf(division: Division, gazetteer: Gazetteer): readonly RelationFact[] {
  let byDivision = CHAIN_FACTS.get(gazetteer);
  if (!byDivision) CHAIN_FACTS.set(gazetteer, (byDivision = new WeakMap()));
  const known = byDivision.get(division);
  if (known) return known;
  const facts: RelationFact[] = [];
  const parents = gazetteer.parentsOf(division);
  let from = divisionRef(division);
  for (let i = 0; i < parents.length; i++) {
    const to = divisionRef(parents[i]!);
    facts.push(Object.freeze({ type: 'LOCATED_IN', from, to, properties: GAZETTEER_PROPERTIES, evidence: GAZETTEER_EVIDENCE }));
    from = to;
  }
  Object.freeze(facts);
  byDivision.set(division, facts);
  return facts;
}

/** One shared, frozen reference per division (by object). */
const DIVISION_REFS = new WeakMap<Division, RelationFact['from']>();

function divisionRef(division: Division): RelationFact['from'] {
  let ref = DIVISION_REFS.get(division);
  if (!ref) DIVISION_REFS.set(division, (ref = Object.freeze({ type: 'AdminDivision', name: division.name })));
  return ref;
}

/**
 * Child → parent edges by name. A child name nearly always has one parent (its first is kept
 * in a map); joined keys are made only for the rare second parent of a name (two 城关镇).
 */
class EdgeSet {
  private firstParent = new Map<string, string>();
  private more: Set<string> | null = null;

  /** Adds the edge; false when it was there already. */
  add(child: string, parent: string): boolean {
    const first = this.firstParent.get(child);
    if (first === undefined) {
      this.firstParent.set(child, parent);
      return true;
    }
    if (first === parent) return false;
    this.more ??= new Set();
    const key = `${child}\u0000${parent}`;
    if (this.more.has(key)) return false;
    this.more.add(key);
    return true;
  }
}
