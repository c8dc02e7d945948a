/**
 * `guanxi extract FILE... [--manifest FILE] [--home DIVISION] --json`: one JSON object per
 * article per line on stdout (entities, relations, messages, offsets into the original file).
 */
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { runPipeline } from '../pipeline.js';

export const extractHelp = `guanxi extract FILE... [--manifest FILE] [--home DIVISION] [--json]

Extracts entities and relations from each article and prints one JSON object per line:
{"article", "entities", "relations", "messages"}. Offsets point into the original file.

Options:
  --manifest FILE   JSON Lines manifest ({"path","url","date","home","title"}) overriding file metadata
  --home DIVISION   home jurisdiction when the article does not say (e.g. 荆州市)
  --json            JSON Lines output (the default and only format)
  -h, --help        this help`;

export async function extractCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    manifest: { type: 'string' },
    home: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(extractHelp + '\n');
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('extract needs at least one FILE');
  let failed = 0;
  await runPipeline(positionals, { manifestPath: values.manifest, home: values.home }, (outcome) => {
    if (outcome.result) process.stdout.write(JSON.stringify(outcome.result) + '\n');
    else {
      failed += outcome.status === 'failed' ? 1 : 0;
      process.stderr.write(`guanxi: ${outcome.path}: ${outcome.status}: ${outcome.reason}\n`);
    }
  });
  return failed ? EXIT.inputFailed : EXIT.ok;
}
