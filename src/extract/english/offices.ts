/**
 * Canonical Chinese office names for English titles, so `Party Secretary of Jingzhou` and
 * `市委书记` in a 荆州 paper meet in one Office node: 荆州市委书记.
 */
import type { PlaceEntry } from './lexicon.js';

export type OfficeKind = 'party-secretary' | 'mayor' | 'governor';

/** The office name for a title kind at a place, or null where the title does not fit the level. */
export function officeName(kind: OfficeKind, place: PlaceEntry): string | null {
  const name = place.name;
  switch (kind) {
    case 'party-secretary':
      // 荆州市 → 荆州市委书记; 江陵县 → 江陵县委书记; 湖北省 → 湖北省委书记; 恩施土家族苗族自治州 → 恩施州委书记.
      if (name.endsWith('自治州')) return `${place.short}州委书记`;
      return `${name}委书记`;
    case 'mayor':
      if (name.endsWith('市')) return `${name}市长`;
      if (name.endsWith('县')) return `${name}县长`;
      if (name.endsWith('区')) return `${name}区长`;
      return null;
    case 'governor':
      return place.level === 'province' ? `${name}省长` : null;
  }
}
