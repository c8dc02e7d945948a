/**
 * `guanxi load [OUT]`: loads a built graph (OUT/graph.json, default out/) into Neo4j.
 * A thin shell around `loadGraph`: parses flags, reads the graph, prints one line on failure.
 */
import { parseCommandArgs, UsageError, EXIT } from '../cli-util.js';
import { loadConfig } from '../config.js';
import { readGraph, GraphReadError } from '../graph/read.js';
import { loadGraph, LoadError } from '../load/index.js';

export const loadHelp = `guanxi load [OUT] [--neo4j URI] [--database NAME] [--batch-size N] [--concurrency N]

Loads the graph that 'guanxi build' wrote into OUT (default out/, reading OUT/graph.json)
into Neo4j: constraints and indexes first, then nodes per label, then relationships per
type, in batches. Every statement MERGEs, so loading again (or after an interrupted load)
leaves no duplicates, and loading two builds merges them.

Options:
  --neo4j URI         bolt://, neo4j:// (routing) or neo4j+s:// (Aura); default
                      NEO4J_URI, then neo4j.uri in guanxi.yaml
  --database NAME     database (default: the server's default)
  --batch-size N      rows per transaction (default 1000)
  --concurrency N     parallel writers (default 4)
  --config FILE       guanxi.yaml to read neo4j settings from
  --json              print the load summary as JSON on stdout
  -h, --help          this help

Credentials: NEO4J_USERNAME / NEO4J_PASSWORD, else neo4j.username / neo4j.password in
guanxi.yaml (user neo4j by default). The password is never printed.

Exit codes: 0 loaded, 2 usage error, unreachable server, refused credentials or failed load.`;

function positiveInt(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, not ${value}`);
  return n;
}

export async function loadCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    neo4j: { type: 'string' },
    database: { type: 'string' },
    'batch-size': { type: 'string' },
    concurrency: { type: 'string' },
    config: { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(loadHelp + '\n');
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`load takes one output folder, not ${positionals.length}`);
  const config = await loadConfig(values.config);
  const uri = values.neo4j ?? process.env.NEO4J_URI ?? config.neo4j?.uri;
  if (!uri) throw new UsageError('no Neo4j URI: pass --neo4j URI, or set NEO4J_URI or neo4j.uri in guanxi.yaml');
  try {
    const graph = await readGraph(positionals[0] ?? config.out ?? 'out');
    const summary = await loadGraph(graph, {
      uri,
      database: values.database ?? config.neo4j?.database,
      batchSize: positiveInt('--batch-size', values['batch-size']) ?? config.neo4j?.batchSize,
      concurrency: positiveInt('--concurrency', values.concurrency) ?? config.neo4j?.concurrency,
      configPath: values.config,
    });
    if (values.json) process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    return EXIT.ok;
  } catch (err) {
    if (err instanceof LoadError || err instanceof GraphReadError) {
      process.stderr.write(`guanxi: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
