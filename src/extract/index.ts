/**
 * The extractor: composes the per-article stages in order (order matters: later stages
 * read the mentions of earlier ones, e.g. PROMOTES needs people and campaigns).
 * Chinese articles go through the numbered stages; English ones through `english/`.
 *
 * Example: `const extract = createExtractor(); extract(doc);` fills doc.mentions and doc.relations.
 */
import type { Doc, Stage } from '../types.js';
import divisionsStage from './1-divisions.js';
import peopleStage from './2-people.js';
import organizationsStage from './3-organizations.js';
import campaignsStage from './4-campaigns.js';
import projectsStage from './5-projects.js';
import eventsStage from './6-events.js';
import englishStage from './english/index.js';

/** Builds the extractor once; the returned function runs all stages on one doc. */
export function createExtractor(): (doc: Doc) => void {
  const chinese: Stage[] = [
    divisionsStage(),
    peopleStage(),
    organizationsStage(),
    campaignsStage(),
    projectsStage(),
    eventsStage(),
  ];
  const english = englishStage();
  return (doc: Doc) => {
    if (doc.meta.lang === 'en') {
      english(doc);
      return;
    }
    for (const stage of chinese) stage(doc);
  };
}
