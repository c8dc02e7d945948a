/**
 * Stage: events and attendance.
 *
 * Reads `doc.text`, `doc.meta.home`/`date` and the Person mentions of the people stage; adds
 * Event mentions (with `properties.date` when the text dates a held event) and ATTENDED
 * (Person → Event) relation facts.
 *
 * Example: for a 荆州日报 article of 2021-12-31, `12月30日上午，市委经济工作会议举行。市委书记吴锦
 * 出席会议并讲话。` adds the event 荆州市委经济工作会议 {date: 2021-12-30} and ATTENDED 吴锦 → it.
 */
import type { Doc, Mention, Stage } from '../types.js';
import { findEvents } from './events/find.js';
import { attendance } from './events/relations.js';

/** Creates the stage (configured once, run per article). */
export default function eventsStage(): Stage {
  return (doc: Doc) => {
    const events = findEvents(doc);
    for (const e of events) {
      // One literal each way, not a property added after the literal (nor a spread: a slow clone):
      // an added property lands outside the object, in a V8 map of its own that every reader of
      // mentions must then also handle; the literal shares the other stages' map.
      const mention: Mention = e.date
        ? { type: 'Event', name: e.name, start: e.start, end: e.end, rule: e.rule, properties: { date: e.date } }
        : { type: 'Event', name: e.name, start: e.start, end: e.end, rule: e.rule };
      doc.mentions.push(mention);
    }
    attendance(doc, events);
  };
}
