/**
 * Stage: English articles, through compromise. PLACEHOLDER until the extractor lands.
 */
import type { Stage } from '../../types.js';

/** Creates the English stage (configured once, run per article). */
export default function englishStage(): Stage {
  return () => {};
}
