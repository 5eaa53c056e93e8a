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

/** Parses argv; `--help` prints `usage` and exits 0; bad flags print usage and exit 2. */
export function exampleArgs<T extends Options>(usage: string, options: T): ExampleArgs<T> {
  try {
    const parsed = parseArgs({ options: { ...common, ...options }, allowPositionals: true, strict: true });
    if (parsed.values.help) {
      process.stdout.write(`${usage}\n`);
      process.exit(0);
    }
    return { profile: String(parsed.values.profile ?? 'default'), values: parsed.values, positionals: parsed.positionals };
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
}

/** Runs an example's main, printing a typed SDK error as one readable line (exit 1). */
export function run(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const e = err as { name?: string; message?: string };
    process.stderr.write(`${e.name ?? 'Error'}: ${e.message ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
