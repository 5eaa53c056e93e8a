// Wraps any logger so that nothing it receives can carry a known secret.
import type { Redactor } from '../redact.js';
import type { Logger } from './types.js';

export function redactingLogger(logger: Logger, redactor: Redactor): Logger {
  const wrap =
    (level: keyof Logger) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      const clean = redactor.redactString(message);
      if (fields === undefined) logger[level](clean);
      else logger[level](clean, redactor.redact(fields));
    };
  return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
}
