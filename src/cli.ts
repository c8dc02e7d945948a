#!/usr/bin/env node
/**
 * The `guanxi` CLI: parses the command name and dispatches; each command is its own
 * module under src/commands/. Exit codes: 0 ok, 1 some input failed, 2 usage error or crash.
 */
import { EXIT, UsageError } from './cli-util.js';
import { buildCommand } from './commands/build.js';
import { extractCommand } from './commands/extract.js';
import { evalCommand } from './commands/eval.js';
import { timelineCommand } from './commands/timeline.js';
import { showCommand } from './commands/show.js';
import { loadCommand } from './commands/load.js';

type Command = (argv: string[]) => Promise<number>;

/** The command registry: name → [run, one-line summary]. */
const COMMANDS: Record<string, [Command, string]> = {
  build: [buildCommand, 'build the graph from articles and write out/ (and Neo4j with --neo4j)'],
  extract: [extractCommand, 'print the entities and relations of each article as JSON Lines'],
  eval: [evalCommand, 'score extraction against gold annotations'],
  timeline: [timelineCommand, 'who held an office and when, with the sentences that say so'],
  show: [showCommand, "a person's offices, campaigns and events, with evidence"],
  load: [loadCommand, 'load a built graph (out/graph.json) into Neo4j'],
};

const HELP = `guanxi — a knowledge graph of Chinese local-government news

Usage: guanxi <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, [, summary]]) => `  ${name.padEnd(10)}${summary}`)
  .join('\n')}

Run 'guanxi <command> --help' for a command's options.`;

/** An error from a system call (Node's fs and net errors carry `code` and `syscall`). */
function isSystemError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write('guanxi 0.1.0\n');
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) throw new UsageError(`unknown command '${name}'`);
  return entry[0](rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) {
      process.stderr.write(`guanxi: ${err.message}\nRun 'guanxi --help' for usage.\n`);
    } else if (isSystemError(err)) {
      // The machine said no (a full disk, a read-only folder, a directory where a file goes):
      // its message names the call and the file; a stack would add nothing for the user.
      process.stderr.write(`guanxi: ${err.message}\n`);
    } else {
      process.stderr.write(`guanxi: crashed: ${(err as Error)?.stack ?? String(err)}\n`);
    }
    process.exitCode = EXIT.usage;
  },
);
