/**
 * Stage: AdminDivision. PLACEHOLDER until the extractor lands.
 */
import type { Stage } from '../types.js';

/** Creates the stage (configured once, run per article). */
export default function divisionsStage(): Stage {
  return () => {};
}
