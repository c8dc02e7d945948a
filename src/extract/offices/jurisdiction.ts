/**
 * Jurisdictions of offices: which division a title's place refers to. A local paper writes
 * `市委书记` for its own city; `省长` is the home province's; a county paper's `县长` is its
 * county's and its `市委副书记` the parent prefecture's. Explicit places in the text
 * (`石首市东升镇`, `湘西州`, `监利经济开发区`) are read with the gazetteer, or, where the
 * gazetteer does not know them, by their suffix.
 *
 * Example: `markerPlace('市', {home: '江陵县', gazetteer})` → `{name: '荆州市', written: '荆州市'}`.
 */

/** The part of a gazetteer division the office code reads (src/gazetteer/index.ts). */
export interface DivisionLike {
  name: string;
  level: string;
  parent: string | null;
  aliases: string[];
  formerNames?: Array<{ name: string; until: number }>;
}

/** The gazetteer API the office code needs (structurally the one of src/gazetteer/index.ts). */
export interface GazetteerLike {
  byName(nameOrAlias: string): DivisionLike | undefined;
  parentChain(name: string): DivisionLike[];
  find(text: string, from?: number, to?: number, home?: string | null): Array<{ start: number; end: number; division: DivisionLike; form: string }>;
  resolve(form: string, home?: string | null): DivisionLike | undefined;
  /** The longest match `find` would give starting at `start`, without the range's other matches (src/gazetteer has it). */
  matchAt?(text: string, start: number, to: number, home: string | null): FoundPlace | null;
}

type FoundPlace = ReturnType<GazetteerLike['find']>[number];

/** A jurisdiction as an office name writes it: `written` prefixes the title, `name` is the division. */
export interface Place {
  /** Canonical division name (`恩施土家族苗族自治州`), or the written form where the gazetteer does not know it. */
  name: string;
  /** The form put in front of the title (`恩施州`, `公安县狮子口镇`). */
  written: string;
}

/** What the jurisdiction of an article is decided from. */
export interface JurisdictionContext {
  home: string | null;
  gazetteer?: GazetteerLike;
}

const ZONE_WORDS = ['经济技术开发区', '高新技术产业开发区', '经济开发区', '高新区', '经开区', '开发区', '新区', '工业园区'];
const ZONE_EXPANSION: Record<string, string> = { 经开区: '经济开发区' };
/** The level markers (省市县区州镇乡) by code. */
const LEVEL_MARKER_CODES = new Set([...'省市县区州镇乡'].map((c) => c.charCodeAt(0)));

/**
 * Does `form` end in a place suffix: a zone word, 自治州, 自治县, 街道 or a level marker? Every
 * suffix but 街道 ends in a level marker, so the last character says (a regex of the suffixes
 * anchored at the end was tried at every start of the form).
 */
export function endsInPlaceSuffix(form: string): boolean {
  // Both read every time: where nearly every form ends in a marker, an endsWith read only for
  // the others first ran after optimisation and deoptimised this function and placesAt.
  const street = form.endsWith('街道');
  return LEVEL_MARKER_CODES.has(form.charCodeAt(form.length - 1)) || street;
}
/** A place piece recognised by its suffix alone; it must not contain characters of bodies (委, 局, 会…). */
const PIECE = /^[\u4e00-\u9fff]{2,6}?(?:经济技术开发区|高新技术产业开发区|经济开发区|高新区|经开区|开发区|新区|自治州|自治县|街道|省|市|县|区|州|镇|乡)/;
const BODY_CHARS = /[委局会部院府党组长团司校社厅处办协法检]/;

/** The first zone word (in ZONE_WORDS' order) written at `pos` and ending by `limit`: a loop, no closure per call. */
function zoneWordAt(text: string, pos: number, limit: number): string | undefined {
  for (const z of ZONE_WORDS) if (pos + z.length <= limit && text.startsWith(z, pos)) return z;
  return undefined;
}

/** The home division and the divisions above it, nearest first. */
function homeChain(ctx: JurisdictionContext): DivisionLike[] {
  if (!ctx.home) return [];
  const gz = ctx.gazetteer;
  const self = gz?.byName(ctx.home);
  if (!gz || !self) return [{ name: ctx.home, level: 'unknown', parent: null, aliases: [] }];
  const chain = [self];
  for (const d of gz.parentChain(self.name)) if (!chain.some((c) => c.name === d.name)) chain.push(d);
  return chain;
}

/** The form of a division ending in `marker`: `恩施州` for 恩施土家族苗族自治州 under `州`. */
function formEndingIn(d: DivisionLike, marker: string): string | null {
  if (marker === '州') {
    const short = [...d.aliases].filter((a) => a.endsWith('州') && a.length >= 3).sort((a, b) => a.length - b.length)[0];
    if (d.name.endsWith('自治州')) return short ?? d.name;
    return d.name.endsWith('州') ? d.name : null;
  }
  return d.name.endsWith(marker) ? d.name : null;
}

/**
 * The division a one-character level marker (`省`, `市`, `县`, `区`, `州`, `镇`, `乡`)
 * means in an article: the nearest of the home and its parents whose name ends in it.
 */
export function markerPlace(marker: string, ctx: JurisdictionContext): Place | null {
  // Every 市 of an article asks the same question: remember the answer per gazetteer, home and
  // marker (maps by home, then marker: no key string made per call; the last home's map at hand).
  const gazetteer = ctx.gazetteer ?? NO_GAZETTEER;
  const home = ctx.home ?? '';
  let byMarker: Map<string, Place | null> | undefined;
  if (gazetteer === lastGazetteer && home === lastHome) byMarker = lastByMarker!;
  else {
    let byHome = markerCache.get(gazetteer);
    if (!byHome) markerCache.set(gazetteer, (byHome = new Map()));
    byMarker = byHome.get(home);
    if (!byMarker) byHome.set(home, (byMarker = new Map()));
    lastGazetteer = gazetteer;
    lastHome = home;
    lastByMarker = byMarker;
  }
  const known = byMarker.get(marker);
  if (known !== undefined) return known;
  const place = findMarkerPlace(marker, ctx);
  byMarker.set(marker, place);
  return place;
}

const NO_GAZETTEER = {};
const markerCache = new WeakMap<object, Map<string, Map<string, Place | null>>>();
let lastGazetteer: object | null = null;
let lastHome: string | null = null;
let lastByMarker: Map<string, Place | null> | null = null;

function findMarkerPlace(marker: string, ctx: JurisdictionContext): Place | null {
  const chain = homeChain(ctx);
  for (const [i, d] of chain.entries()) {
    if (marker === '省' && d.level !== 'unknown' && d.level !== 'province') continue;
    if (marker === '市' && d.level === 'province') continue;
    // An article whose home is written by a former name (`监利县`, renamed 监利市 in 2020)
    // predates the renaming: its `县长` is 监利县县长, its `市` the parent prefecture.
    const homeForm = i === 0 && ctx.home && ctx.home !== d.name ? ctx.home : null;
    if (homeForm) {
      if (homeForm.endsWith(marker)) return { name: d.name, written: homeForm };
      if (/[省市县区州]$/.test(homeForm)) continue;
    }
    const written = formEndingIn(d, marker);
    if (written) return { name: d.name, written };
    // A title of the level the home had before a renaming (`县委书记` in a 监利 article of 2016).
    const former = i === 0 ? d.formerNames?.find((f) => f.name.endsWith(marker)) : undefined;
    if (former) return { name: d.name, written: former.name };
  }
  return null;
}

/** The home's name without its level suffix (`宿松县` → `宿松`), for zones written without a place. */
function homeStem(ctx: JurisdictionContext): string | null {
  const chain = homeChain(ctx);
  const d = chain.find((c) => c.level !== 'province') ?? chain[0];
  if (!d) return null;
  return d.name.replace(/(?:土家族苗族自治州|自治州|自治县|市|县|区)$/, '');
}

/**
 * Explicit places written at `start` (a chain such as `公安县狮子口镇`), up to `limit`.
 * Returns the end of the chain and the place it names, or null.
 */
export function placesAt(text: string, start: number, limit: number, ctx: JurisdictionContext): { end: number; place: Place } | null {
  let pos = start;
  let written = '';
  let last: DivisionLike | null = null;
  const gz = ctx.gazetteer;
  const matchAt = gz?.matchAt;
  while (pos < limit) {
    let advanced = false;
    if (gz) {
      // The longest match starting at `pos`: the real gazetteer answers that without the range's
      // other matches (matchAt); a GazetteerLike without it, from find.
      let here: FoundPlace | undefined;
      if (matchAt) here = matchAt.call(gz, text, pos, limit, ctx.home) ?? undefined;
      else for (const m of gz.find(text, pos, limit, ctx.home)) if (m.start === pos && (!here || m.end > here.end)) here = m;
      // Does the form end in a place suffix? Asked by both tests below: read once, before
      // them (a call reached only past a level marker first ran after optimisation and
      // deoptimised this function).
      const hereEndsInSuffix = here !== undefined && endsInPlaceSuffix(here.form);
      // `市中级人民法院` is not 市中区's court: a short form never starts with a level marker.
      const markerShort = here && LEVEL_MARKER_CODES.has(text.charCodeAt(pos)) && !hereEndsInSuffix;
      // A short form (`南京`) is a place of a title only before `委` or a zone word; `南京东金…公司` is a company.
      const bareShort = here && !hereEndsInSuffix && text[here.end] !== '委' && !ZONE_WORDS.some((z) => text.startsWith(z, here.end));
      if (here && !markerShort && !bareShort) {
        let form = text.slice(here.start, here.end);
        let end = here.end;
        const zone = zoneWordAt(text, end, limit);
        // Read whichever branch follows (both ask; read in only one, the rarer first ran after
        // optimisation and deoptimised this function).
        const formEndsInSuffix = endsInPlaceSuffix(form);
        const divisionName = here.division.name;
        if (zone && !formEndsInSuffix) {
          // `监利经济开发区`: the zone is named after the place; keep it as written.
          form += ZONE_EXPANSION[zone] ?? zone;
          end += zone.length;
          last = null;
        } else {
          if (here.division.level === 'zone') form = divisionName;
          else if (!formEndsInSuffix) form = divisionName;
          last = here.division;
        }
        written += form;
        pos = end;
        advanced = true;
      }
    }
    if (!advanced) {
      const zone = pos === start ? zoneWordAt(text, pos, limit) : undefined;
      if (zone) {
        // A zone without a place (`经开区党工委书记`) is the home's zone.
        const resolved = gz?.resolve(zone, ctx.home);
        const stem = homeStem(ctx);
        if (resolved && resolved.level === 'zone') written += resolved.name;
        else if (stem) written += stem + (ZONE_EXPANSION[zone] ?? zone);
        else break;
        pos += zone.length;
        last = resolved ?? null;
        continue;
      }
      // Places not in the gazetteer, by their suffix; never from a level marker (`市公安局…`).
      if (pos === start && LEVEL_MARKER_CODES.has(text.charCodeAt(pos))) break;
      const m = PIECE.exec(text.slice(pos, limit));
      if (!m || BODY_CHARS.test(m[0])) break;
      written += m[0];
      pos += m[0].length;
      last = null;
    }
  }
  if (pos === start) return null;
  return { end: pos, place: { name: last && written.endsWith(last.name) ? last.name : written, written } };
}
