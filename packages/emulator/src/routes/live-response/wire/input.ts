// Command bodies → CommandInput. Cb Response and Defense name the operand `object`; Carbon
// Black Cloud v6 uses `path` (and `pid` for kill), cbc-live-response.md §3.5. Unknown command
// names and missing operands are request errors (400); everything else is the sensor's call.
import { KNOWN_COMMANDS, TARGETLESS } from '../engine/commands.js';
import type { CommandInput } from '../engine/types.js';

export class InputError extends Error {}

type Body = Record<string, unknown>;

const OPTION_KEYS = new Set(['file_id', 'overwrite', 'value_type', 'value_data', 'wait', 'output_file', 'working_directory', 'compress']);

function optionalString(body: Body, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new InputError(`${key} must be a string`);
  return v;
}

function optionalInt(body: Body, key: string): number | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new InputError(`${key} must be an integer`);
  return n;
}

const truthy = (v: unknown): boolean | undefined => (v === undefined || v === null ? undefined : v === true || v === 'true' || v === 1);

function commandName(body: Body): string {
  const name = body.name;
  if (typeof name !== 'string' || !name) throw new InputError('Missing required field: name');
  if (!KNOWN_COMMANDS.has(name)) throw new InputError(`Unknown command: ${name}`);
  return name;
}

function options(name: string, target: CommandInput['target'], body: Body): CommandInput {
  const echo: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (OPTION_KEYS.has(k)) echo[k] = v;
  return {
    name,
    target,
    fileId: optionalInt(body, 'file_id'),
    overwrite: truthy(body.overwrite),
    valueType: body.value_type,
    valueData: body.value_data,
    wait: truthy(body.wait),
    outputFile: optionalString(body, 'output_file'),
    workingDirectory: optionalString(body, 'working_directory'),
    compress: truthy(body.compress),
    echo,
  };
}

/** Cb Response / Defense: `{"name", "object", ...}`. */
export function legacyInput(body: Body): CommandInput {
  const name = commandName(body);
  const object = body.object;
  if (TARGETLESS.has(name)) return options(name, null, body);
  if (object === undefined || object === null || object === '') throw new InputError('Missing required field: object');
  if (typeof object !== 'string' && typeof object !== 'number') throw new InputError('object must be a string or a number');
  return options(name, object, body);
}

/** Carbon Black Cloud v6: `{"name", "path" | "pid", ...}`. */
export function cloudInput(body: Body): CommandInput {
  const name = commandName(body);
  if (TARGETLESS.has(name)) return options(name, null, body);
  if (name === 'kill') {
    const pid = optionalInt(body, 'pid');
    if (pid === undefined) throw new InputError('Missing required field: pid');
    return options(name, pid, body);
  }
  const path = optionalString(body, 'path');
  if (path === undefined) throw new InputError('Missing required field: path');
  return options(name, path, body);
}
