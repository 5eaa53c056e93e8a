// The SDK's default logger. Quiet unless asked: debug/info are dropped, warn/error reach the
// console. `DEBUG=cb:*` (or `cb:http`, ...) turns on debug lines on stderr without any code
// change, which is how users of the `debug` package expect to switch diagnostics on.
import { debugEnabled } from './debug-match.js';
import type { Logger } from './types.js';

export interface CreateLoggerOptions {
  /** A caller-supplied logger: used as is for every level. */
  logger?: Logger | undefined;
  /** The DEBUG setting to honour (default: process.env.DEBUG). */
  debugEnv?: string | undefined;
  /** The namespace matched against DEBUG and printed on each line (default 'cb:http'). */
  namespace?: string | undefined;
  /** Where debug lines go (default: process.stderr). For tests. */
  write?: ((line: string) => void) | undefined;
}

type Fields = Readonly<Record<string, unknown>> | undefined;

function format(namespace: string, level: string, message: string, fields: Fields): string {
  const extra = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
  return `${new Date().toISOString()} ${namespace} ${level} ${message}${extra}\n`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable fields]';
  }
}

const noop = (): void => {};

export function createLogger(options: CreateLoggerOptions = {}): Logger {
  if (options.logger) return options.logger;
  const namespace = options.namespace ?? 'cb:http';
  const debugEnv = 'debugEnv' in options ? options.debugEnv : process.env['DEBUG'];
  const warn = (message: string, fields?: Fields): void => {
    // lint-allow-console: the default logger is the one place that prints.
    if (fields) console.warn(`${namespace} ${message}`, fields); // lint-allow-console
    else console.warn(`${namespace} ${message}`); // lint-allow-console
  };
  const error = (message: string, fields?: Fields): void => {
    if (fields) console.error(`${namespace} ${message}`, fields); // lint-allow-console
    else console.error(`${namespace} ${message}`); // lint-allow-console
  };
  if (!debugEnabled(namespace, debugEnv)) return { debug: noop, info: noop, warn, error };
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  return {
    debug: (message, fields) => write(format(namespace, 'debug', message, fields)),
    info: (message, fields) => write(format(namespace, 'info', message, fields)),
    warn,
    error,
  };
}
