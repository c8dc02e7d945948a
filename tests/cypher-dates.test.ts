import { describe, expect, test } from 'vitest';
import { planLoad, readGraphSchema } from '../src/cypher/index.js';

const schema = readGraphSchema();

/** The Event row planned for a node whose `date` is `date`, and the plan's messages. */
function eventRow(date: unknown) {
  const plan = planLoad({ nodes: [{ id: 'event:e1', label: 'Event', properties: { id: 'event:e1', name: '全市大会', date: date as string } }], relationships: [] }, { schema });
  return { row: plan.groups[0]!.batches.at(0)![0], messages: plan.messages.map((m) => m.message) };
}

describe('date properties in planned rows', () => {
  test('keep YYYY-MM-DD, cut a time off, and drop what is no such date with a message', () => {
    expect(eventRow('2021-03-04').row).toEqual({ id: 'event:e1', name: '全市大会', date: '2021-03-04' });
    expect(eventRow('2021-03-04T10:00:00Z').row).toEqual({ id: 'event:e1', name: '全市大会', date: '2021-03-04' });
    for (const bad of ['2021-3-04', '2021-03-4x', '２０２１-03-04', '2021/03/04', '2021-03-04 ', 'x2021-03-04', 20210304]) {
      const { row, messages } = eventRow(bad);
      expect(row).toEqual({ id: 'event:e1', name: '全市大会' });
      expect(messages).toEqual([`node "event:e1" (Event): property date dropped. Expecting date but got ${JSON.stringify(bad)}`]);
    }
  });
});
