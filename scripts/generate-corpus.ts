/**
 * `node dist/scripts/generate-corpus.js --articles N --seed S --out DIR [--no-gazetteer]`:
 * writes a deterministic synthetic corpus of local-government news for the benchmark
 * (see scripts/lib/world.ts for what it contains and why).
 */
import { parseArgs } from 'node:util';
import { generateCorpus } from './lib/generate.js';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    gazetteer: { type: 'string' },
    'no-gazetteer': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write('generate-corpus --articles N --seed S --out DIR [--gazetteer TSV | --no-gazetteer]\n');
  process.exit(0);
}
const articles = Number(values.articles);
const seed = Number(values.seed);
if (!Number.isInteger(articles) || articles < 0 || !Number.isInteger(seed)) {
  process.stderr.write('generate-corpus: --articles and --seed must be integers\n');
  process.exit(2);
}
const out = values.out ?? `bench/corpus-${articles}-s${seed}`;
const t0 = performance.now();
const summary = generateCorpus({ articles, seed, out, gazetteer: values['no-gazetteer'] ? null : values.gazetteer });
process.stderr.write(
  `generate-corpus: ${summary.files} articles, ${(summary.bytes / 1e6).toFixed(1)} MB (${JSON.stringify(summary.formats)}, divisions: ${summary.divisionSource}) → ${out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
