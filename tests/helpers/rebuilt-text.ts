import { TextBuilder } from '../../src/offsets.js';

/**
 * The text ingest would make of `source` by copying `pieces` (each `[text, where it starts in
 * source]`) and dropping the rest, with its offset map: the fixture of the offset tests.
 */
export function rebuiltText(source: string, pieces: Array<[string, number]>): { text: string; offsets: Int32Array } {
  const builder = new TextBuilder();
  for (const [piece, at] of pieces) builder.appendCopied(piece, at);
  return builder.finish(source.length);
}
