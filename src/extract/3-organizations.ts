/**
 * Stage: Organization and LOCATED_IN (Organization → AdminDivision).
 *
 * Reads `doc.text`, `doc.meta.home` and `doc.meta.source`; adds Organization mentions
 * (properties `{jurisdiction}`) and, for bodies of a jurisdiction, LOCATED_IN relations
 * whose evidence is the sentence. The publisher (meta.source) is an organisation too where
 * the text names it.
 *
 * Example: `坚决贯彻落实党中央决策部署和省委工作要求` in a 荆州 article → 中共中央 and
 * 中共湖北省委, the latter LOCATED_IN 湖北省.
 */
import type { Doc, RelationFact, Stage } from '../types.js';
import { sentenceAt, splitSentences } from './sentences.js';
import { getGazetteer } from '../gazetteer/index.js';
import type { GazetteerLike } from './offices/jurisdiction.js';
import { peopleLexicon } from './people/lexicon.js';
import { findOrganizations, orgLexicon } from './organizations/find.js';

/** Options of the stage. */
export interface OrganizationsOptions {
  /** The gazetteer (default: the national one of data/gazetteer). */
  gazetteer?: GazetteerLike;
}

/** Creates the stage (lexicons compiled once, run per article). */
export default function organizationsStage(options: OrganizationsOptions = {}): Stage {
  const people = peopleLexicon();
  const orgs = orgLexicon();
  const gazetteer = options.gazetteer ?? getGazetteer();
  return (doc: Doc) => {
    const text = doc.text;
    const sentences = splitSentences(text);
    const found = findOrganizations(text, { home: doc.meta.home, gazetteer, people, orgs });
    const source = doc.meta.source?.trim();
    if (source && source.length >= 2) {
      for (let i = text.indexOf(source); i >= 0; i = text.indexOf(source, i + source.length)) {
        if (!found.some((f) => f.start <= i && i + source.length <= f.end)) {
          found.push({ start: i, end: i + source.length, name: source, rule: 'org.publisher', jurisdiction: null });
        }
      }
    }
    // Mentions go straight onto the doc (in order of start), facts once all are read (their evidence grows).
    const mentions = doc.mentions;
    // The facts in the order first made, and by the organisation's name (the few of one name
    // told apart by jurisdiction): no name-NUL-jurisdiction key string to make and hash per organisation.
    const facts: RelationFact[] = [];
    const factsByName = new Map<string, RelationFact[]>();
    for (const f of sortedByStart(found)) {
      mentions.push({ type: 'Organization', name: f.name, start: f.start, end: f.end, rule: f.rule, properties: { jurisdiction: f.jurisdiction } });
      if (!f.jurisdiction) continue;
      const sentence = sentenceAt(sentences, f.start) ?? { start: f.start, end: f.end };
      const evidence = { start: sentence.start, end: sentence.end, rule: f.rule };
      const named = factsByName.get(f.name);
      const fact = named !== undefined ? factTo(named, f.jurisdiction) : undefined;
      if (fact) {
        if (!hasEvidenceAt(fact.evidence, evidence.start)) fact.evidence.push(evidence);
      } else {
        const made: RelationFact = {
          type: 'LOCATED_IN',
          from: { type: 'Organization', name: f.name },
          to: { type: 'AdminDivision', name: f.jurisdiction },
          evidence: [evidence],
        };
        facts.push(made);
        if (named !== undefined) named.push(made);
        else factsByName.set(f.name, [made]);
      }
    }
    for (const fact of facts) doc.relations.push(fact);
  };
}

/** The fact of `facts` (one organisation name's) that places it in `jurisdiction`. */
function factTo(facts: readonly RelationFact[], jurisdiction: string): RelationFact | undefined {
  for (let i = 0; i < facts.length; i++) if (facts[i]!.to.name === jurisdiction) return facts[i];
  return undefined;
}

/** Does the evidence already cite the sentence starting at `start`? (A loop: no closure per organisation.) */
function hasEvidenceAt(evidence: RelationFact['evidence'], start: number): boolean {
  for (let i = 0; i < evidence.length; i++) if (evidence[i]!.start === start) return true;
  return false;
}

/** Lists of at most this many are sorted by insertion here (no comparator call per step); longer ones by the builtin sort. */
const INSERTION_SORT_MAX = 64;

/**
 * `found` sorted in place by start, stably (as Array#sort): by insertion for the dozen or so of
 * an article, no work array and no comparator call per step.
 */
function sortedByStart<T extends { start: number }>(found: T[]): T[] {
  if (found.length > INSERTION_SORT_MAX) return found.sort((a, b) => a.start - b.start);
  for (let i = 1; i < found.length; i++) {
    const item = found[i]!;
    let j = i - 1;
    while (j >= 0 && found[j]!.start > item.start) {
      found[j + 1] = found[j]!;
      j--;
    }
    found[j + 1] = item;
  }
  return found;
}
