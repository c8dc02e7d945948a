/**
 * `guanxi eval --gold DIR [--manifest FILE] PATH...`: scores extraction against gold files.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { runPipeline } from '../pipeline.js';
import { formatReport, scoreAll, type GoldFile } from '../eval/score.js';
import type { ExtractionResult } from '../types.js';

export const evalHelp = `guanxi eval --gold DIR [--manifest FILE] [--home DIVISION] [--json] [--details] PATH...

Scores extraction against hand annotations (one DIR/<article>.json per article):
precision, recall and F1 per entity and relation type, and the headline micro-average
over Person, Office, AdminDivision, Campaign, Project and HOLDS.

Options:
  --gold DIR        folder of gold files (required)
  --manifest FILE   JSON Lines manifest for the articles
  --home DIVISION   fallback home jurisdiction
  --json            the report as JSON
  --details         list missed and spurious items per article
  -h, --help        this help`;

/** Reads every `*.json` gold file in a folder, keyed by article file name. */
export async function readGoldDir(dir: string): Promise<Map<string, GoldFile>> {
  const gold = new Map<string, GoldFile>();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new UsageError(`--gold ${dir}: no such folder`);
  }
  for (const name of names.sort()) {
    if (!name.endsWith('.json')) continue;
    const parsed = JSON.parse(await readFile(join(dir, name), 'utf8')) as GoldFile;
    gold.set(parsed.article ?? name.replace(/\.json$/, ''), parsed);
  }
  return gold;
}

export async function evalCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    gold: { type: 'string' },
    manifest: { type: 'string' },
    home: { type: 'string' },
    json: { type: 'boolean' },
    details: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(evalHelp + '\n');
    return EXIT.ok;
  }
  if (!values.gold) throw new UsageError('eval needs --gold DIR');
  const paths = positionals.length ? positionals : ['data/articles'];
  const gold = await readGoldDir(values.gold);
  const predictions = new Map<string, ExtractionResult>();
  await runPipeline(paths, { manifestPath: values.manifest, home: values.home }, (o) => {
    if (o.result) predictions.set(basename(o.path), o.result);
    else process.stderr.write(`guanxi: ${o.path}: ${o.status}: ${o.reason}\n`);
  });
  const report = scoreAll(predictions, gold);
  if (values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    process.stdout.write(formatReport(report) + '\n');
    if (values.details) {
      for (const d of report.diffs) {
        if (!Object.keys(d.missed).length && !Object.keys(d.spurious).length) continue;
        process.stdout.write(`\n## ${d.article}\n`);
        for (const [t, items] of Object.entries(d.missed)) process.stdout.write(`  missed   ${t}: ${items.join(' | ')}\n`);
        for (const [t, items] of Object.entries(d.spurious)) process.stdout.write(`  spurious ${t}: ${items.join(' | ')}\n`);
      }
    }
  }
  return EXIT.ok;
}
