/**
 * Stage: campaigns and their relations.
 *
 * Reads `doc.text` and the Person mentions of the people stage; adds Campaign mentions,
 * PART_OF (Campaign → Campaign) and PROMOTES (Person → Campaign) relation facts.
 *
 * Example: in `吴锦强调，要全面打响“四大会战”。要以…的耐心，打响“工业突围战”。` it adds the
 * campaigns 四大会战 and 工业突围战 and the fact PROMOTES 吴锦 → 四大会战.
 */
import type { Doc, Stage } from '../types.js';
import { findCampaigns } from './campaigns/find.js';
import { campaignRelations } from './campaigns/relations.js';

/** Creates the stage (configured once, run per article). */
export default function campaignsStage(): Stage {
  return (doc: Doc) => {
    const spans = findCampaigns(doc.text);
    for (const s of spans) {
      doc.mentions.push({ type: 'Campaign', name: s.name, start: s.start, end: s.end, rule: s.rule });
    }
    campaignRelations(doc, spans);
  };
}
