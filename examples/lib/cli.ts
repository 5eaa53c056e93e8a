// Shared command-line handling for the examples: every example takes `--profile <name>`
// (a section of credentials.<product>, as cbapi's scripts do) plus its own options.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface ExampleArgs<T extends Options> {
  profile: string;
  values: ReturnType<typeof parseArgs<{ options: T & typeof common; allowPositionals: true }>>['values'];
  positionals: string[];
}

const common = {
  profile: { type: 'string', default: 'default' },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** A bad command line (missing or malformed argument): printed with the usage, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

let currentUsage = '';

/** Parses argv; `--help` prints `usage` and exits 0; bad flags print usage and exit 2. */
export function exampleArgs<T extends Options>(usage: string, options: T): ExampleArgs<T> {
  currentUsage = usage;
  try {
    const parsed = parseArgs({ options: { ...common, ...options }, allowPositionals: true, strict: true });
    const shared = parsed.values as { help?: boolean; profile?: string };
    if (shared.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { profile: shared.profile ?? 'default', values: parsed.values as ExampleArgs<T>['values'], positionals: parsed.positionals };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
}

/** The value of a required option, or a UsageError naming it. */
export function required<V>(value: V | undefined, flag: string): V {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

/** A non-negative integer option (`--max 10`), or a UsageError. */
export function intOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a non-negative integer, got '${value}'`);
  return n;
}

/** A number option (`--rate 2.5`), or a UsageError. */
export function numberOption(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`${flag} must be a number, got '${value}'`);
  return n;
}

/** One of `choices` (the subcommand of the *_operations examples), or a UsageError. */
export function choice<C extends string>(value: string | undefined, what: string, choices: readonly C[]): C {
  if (value === undefined) throw new UsageError(`missing ${what}: one of ${choices.join(', ')}`);
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`unknown ${what} '${value}': one of ${choices.join(', ')}`);
  return value as C;
}

/**
 * Runs an example's main, printing a typed SDK error as one readable line (exit 1; a
 * UsageError also prints the usage and exits 2). Exits explicitly once main settles so that
 * idle keep-alive sockets or timers cannot hold a finished script open.
 */
export function run(main: () => Promise<void>): void {
  main().then(
    // main may have set a status of its own (e.g. "nothing done", "found something").
    () => finish(typeof process.exitCode === 'number' ? process.exitCode : 0),
    (err: unknown) => {
      const e = err as { name?: string; message?: string };
      process.stderr.write(`${e.name ?? 'Error'}: ${oneLine(e.message ?? String(err))}\n`);
      if (err instanceof UsageError) {
        process.stderr.write(`\n${currentUsage}\n`);
        finish(2);
      } else finish(1);
    },
  );
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function finish(code: number): void {
  process.exitCode = code;
  // Let stdout/stderr drain (they are pipes in tests and the tour) before exiting.
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
