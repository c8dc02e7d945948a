/**
 * Resolve: merges per-article extractions into one graph. PLACEHOLDER until the resolver lands.
 */
import type { ExtractionResult } from '../types.js';
import type { Graph } from '../graph/model.js';

/** Why two mentions were merged into one node. */
export interface MergeRecord {
  label: string;
  id: string;
  name: string;
  reason: string;
  articles: string[];
}

/** A doubtful merge or split for a person to confirm (written to out/review.jsonl). */
export interface ReviewItem {
  kind: string;
  label: string;
  name: string;
  candidates: string[];
  reason: string;
}

export interface ResolveOptions {
  /** Path of the user's override file (data/resolve.yaml or --resolve FILE). */
  overridesPath?: string;
}

export interface Resolution {
  graph: Graph;
  merges: MergeRecord[];
  review: ReviewItem[];
  messages: string[];
}

/** Merges the extractions of a corpus into one graph with deterministic ids. */
export async function resolveCorpus(_results: ExtractionResult[], _options: ResolveOptions = {}): Promise<Resolution> {
  return { graph: { nodes: [], relationships: [] }, merges: [], review: [], messages: [] };
}
