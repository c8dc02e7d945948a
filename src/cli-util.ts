/**
 * Small helpers shared by the commands: a usage error type (exit code 2) and
 * argument parsing with `node:util` `parseArgs` that turns its errors into usage errors.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Exit codes: 0 ok, 1 some input failed (tunable with --fail-on), 2 usage error or crash. */
export const EXIT = { ok: 0, inputFailed: 1, usage: 2 } as const;

/** A mistake in how the command was called; the CLI prints it with the help hint and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Parses argv with an option table; unknown options and missing values become UsageErrors. */
export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
