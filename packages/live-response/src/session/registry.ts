// Registry commands. Values are addressed as `<key>\<value name>`.
import { callTiming } from '../timing.js';
import { toRegistryListing, toRegistryValue } from '../internal/normalise.js';
import type { CommandName, CommandOptions, RegistryData, RegistryKeyListing, RegistryValue, RegistryValueType } from '../types.js';
import { runCommand } from './command.js';
import type { SessionCore } from './core.js';

const DWORD_MIN = -0x8000_0000;
const DWORD_MAX = 0xffff_ffff;

/**
 * The value type cbapi infers when none is given: integers → REG_DWORD (REG_QWORD beyond 32
 * bits, which cbapi silently overflowed), arrays → REG_MULTI_SZ (items as strings), anything
 * else → REG_SZ.
 */
export function inferRegistryType(value: RegistryData): { type: RegistryValueType; data: RegistryData } {
  if (Array.isArray(value)) return { type: 'REG_MULTI_SZ', data: value.map((v) => String(v)) };
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return { type: value >= DWORD_MIN && value <= DWORD_MAX ? 'REG_DWORD' : 'REG_QWORD', data: value };
  }
  return { type: 'REG_SZ', data: String(value) };
}

export interface SetRegistryValueOptions extends CommandOptions {
  /** Replace an existing value (default true). */
  overwrite?: boolean | undefined;
  /** e.g. `REG_EXPAND_SZ`; inferred from the value when omitted (see inferRegistryType). */
  valueType?: RegistryValueType | undefined;
}

function run(core: SessionCore, name: CommandName, target: string, options: CommandOptions, extra?: Record<string, unknown>) {
  return runCommand(core, { name, target, extra }, { timing: callTiming(core.timings.command, options), signal: options.signal });
}

export async function listKeysAndValues(core: SessionCore, key: string, options: CommandOptions): Promise<RegistryKeyListing> {
  return toRegistryListing((await run(core, 'reg enum key', key, options)).completed);
}

export async function getValue(core: SessionCore, path: string, options: CommandOptions): Promise<RegistryValue> {
  const done = await run(core, 'reg query value', path, options);
  const name = path.slice(path.lastIndexOf('\\') + 1);
  return toRegistryValue(done.completed['value'], name);
}

export async function setValue(core: SessionCore, path: string, value: RegistryData, options: SetRegistryValueOptions): Promise<void> {
  const inferred = inferRegistryType(value);
  const type = options.valueType ?? inferred.type;
  // An explicit type keeps the caller's data as is (e.g. a number for REG_QWORD).
  const data = options.valueType === undefined ? inferred.data : Array.isArray(value) ? value.map((v) => String(v)) : value;
  await run(core, 'reg set value', path, options, { overwrite: options.overwrite ?? true, value_type: type, value_data: data });
}

export async function simpleRegistryCommand(
  core: SessionCore,
  name: 'reg create key' | 'reg delete key' | 'reg delete value',
  path: string,
  options: CommandOptions,
): Promise<void> {
  await run(core, name, path, options);
}
