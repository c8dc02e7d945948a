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
    const located = new Map<string, RelationFact>();
    for (const f of found.sort((a, b) => a.start - b.start)) {
      mentions.push({ type: 'Organization', name: f.name, start: f.start, end: f.end, rule: f.rule, properties: { jurisdiction: f.jurisdiction } });
      if (!f.jurisdiction) continue;
      const sentence = sentenceAt(sentences, f.start) ?? { start: f.start, end: f.end };
      const key = `${f.name}\u0000${f.jurisdiction}`;
      const evidence = { start: sentence.start, end: sentence.end, rule: f.rule };
      const fact = located.get(key);
      if (fact) {
        if (!fact.evidence.some((e) => e.start === evidence.start)) fact.evidence.push(evidence);
      } else {
        located.set(key, {
          type: 'LOCATED_IN',
          from: { type: 'Organization', name: f.name },
          to: { type: 'AdminDivision', name: f.jurisdiction },
          evidence: [evidence],
        });
      }
    }
    // A loop, not a spread of the map's iterator.
    for (const fact of located.values()) doc.relations.push(fact);
  };
}
