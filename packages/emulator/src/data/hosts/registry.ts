// A simulated Windows registry with the Win32 semantics the LR registry commands see:
// case-insensitive key and value names, RegCreateKeyEx creating missing parents, RegDeleteKey
// refusing keys that still have subkeys, typed values.
import { ERROR_ACCESS_DENIED, ERROR_ALREADY_EXISTS, ERROR_FILE_NOT_FOUND, ERROR_INVALID_PARAMETER, fail } from './win32.js';

export const REG_TYPES = ['REG_SZ', 'REG_EXPAND_SZ', 'REG_DWORD', 'REG_QWORD', 'REG_MULTI_SZ', 'REG_BINARY'] as const;
export type RegType = (typeof REG_TYPES)[number];
export type RegData = string | number | string[] | Uint8Array;

export interface RegValue {
  name: string;
  type: RegType;
  data: RegData;
}

export interface RegKey {
  name: string;
  subkeys: Map<string, RegKey>;
  values: Map<string, RegValue>;
}

const HIVES: Readonly<Record<string, string>> = {
  HKLM: 'HKEY_LOCAL_MACHINE',
  HKEY_LOCAL_MACHINE: 'HKEY_LOCAL_MACHINE',
  HKCU: 'HKEY_CURRENT_USER',
  HKEY_CURRENT_USER: 'HKEY_CURRENT_USER',
  HKU: 'HKEY_USERS',
  HKEY_USERS: 'HKEY_USERS',
  HKCR: 'HKEY_CLASSES_ROOT',
  HKEY_CLASSES_ROOT: 'HKEY_CLASSES_ROOT',
  HKCC: 'HKEY_CURRENT_CONFIG',
  HKEY_CURRENT_CONFIG: 'HKEY_CURRENT_CONFIG',
};

const newKey = (name: string): RegKey => ({ name, subkeys: new Map(), values: new Map() });

/** Value data as it goes on the wire: REG_BINARY as lower-case hex, everything else as stored. */
export function wireData(value: RegValue): string | number | string[] {
  return value.data instanceof Uint8Array ? Buffer.from(value.data).toString('hex') : value.data;
}

function toInt(data: unknown): number | undefined {
  const n = typeof data === 'string' && /^\s*-?\d+\s*$/.test(data) ? Number(data) : data;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : undefined;
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (Array.isArray(data)) {
    if (!data.every((b) => Number.isInteger(b) && b >= 0 && b <= 255)) return undefined;
    return Uint8Array.from(data as number[]);
  }
  if (typeof data !== 'string') return undefined;
  const hex = data.replace(/[\s,:]/g, '').replace(/^0x/i, '');
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) return undefined;
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * Type and data of `reg set value`. Without a type the client's inference applies (integer →
 * REG_DWORD, list → REG_MULTI_SZ, otherwise REG_SZ of the string form). Bad data for the
 * type is ERROR_INVALID_PARAMETER.
 */
export function normaliseValue(type: unknown, data: unknown): { type: RegType; data: RegData } {
  if (type === undefined || type === null || type === '') {
    if (typeof data === 'number' && Number.isInteger(data)) type = 'REG_DWORD';
    else if (Array.isArray(data)) type = 'REG_MULTI_SZ';
    else type = 'REG_SZ';
  }
  const t = typeof type === 'string' ? type.toUpperCase() : '';
  switch (t) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      if (data === undefined || data === null || typeof data === 'object') throw fail(ERROR_INVALID_PARAMETER);
      return { type: t, data: String(data) };
    case 'REG_DWORD': {
      const n = toInt(data);
      if (n === undefined || n < -0x80000000 || n > 0xffffffff) throw fail(ERROR_INVALID_PARAMETER);
      return { type: t, data: n >>> 0 };
    }
    case 'REG_QWORD': {
      const n = toInt(data);
      if (n === undefined || n < 0) throw fail(ERROR_INVALID_PARAMETER);
      return { type: t, data: n };
    }
    case 'REG_MULTI_SZ':
      if (typeof data === 'string') return { type: t, data: [data] };
      if (!Array.isArray(data) || data.some((x) => x === null || typeof x === 'object')) throw fail(ERROR_INVALID_PARAMETER);
      return { type: t, data: data.map((x) => String(x)) };
    case 'REG_BINARY': {
      const bytes = toBytes(data);
      if (!bytes) throw fail(ERROR_INVALID_PARAMETER);
      return { type: t, data: bytes };
    }
    default:
      throw fail(ERROR_INVALID_PARAMETER);
  }
}

export class Registry {
  private readonly hives = new Map<string, RegKey>();

  constructor() {
    for (const name of new Set(Object.values(HIVES))) this.hives.set(name, newKey(name));
  }

  /** `HKLM\Software\X` → hive root + components. Unknown hive → ERROR_FILE_NOT_FOUND. */
  private split(path: string): { hive: RegKey; parts: string[] } {
    if (typeof path !== 'string' || !path) throw fail(ERROR_INVALID_PARAMETER);
    const parts = path.replaceAll('/', '\\').split('\\').filter((p) => p !== '');
    const hive = this.hives.get(HIVES[(parts.shift() ?? '').toUpperCase()] ?? '');
    if (!hive) throw fail(ERROR_FILE_NOT_FOUND);
    return { hive, parts };
  }

  private walk(hive: RegKey, parts: readonly string[]): RegKey | undefined {
    let key: RegKey | undefined = hive;
    for (const part of parts) {
      key = key.subkeys.get(part.toLowerCase());
      if (!key) return undefined;
    }
    return key;
  }

  private open(path: string): RegKey {
    const { hive, parts } = this.split(path);
    const key = this.walk(hive, parts);
    if (!key) throw fail(ERROR_FILE_NOT_FOUND);
    return key;
  }

  /** Splits `key\valuename` at the last separator. */
  private splitValue(path: string): { key: RegKey; name: string } {
    const norm = typeof path === 'string' ? path.replaceAll('/', '\\') : '';
    const at = norm.lastIndexOf('\\');
    if (at <= 0) throw fail(ERROR_INVALID_PARAMETER);
    return { key: this.open(norm.slice(0, at)), name: norm.slice(at + 1) };
  }

  /** Seeding: creates the key path (and parents) and returns it. */
  ensure(path: string): RegKey {
    const { hive, parts } = this.split(path);
    let key = hive;
    for (const part of parts) {
      let next = key.subkeys.get(part.toLowerCase());
      if (!next) {
        next = newKey(part);
        key.subkeys.set(part.toLowerCase(), next);
      }
      key = next;
    }
    return key;
  }

  put(path: string, name: string, type: RegType, data: RegData): void {
    this.ensure(path).values.set(name.toLowerCase(), { name, type, data });
  }

  // ------------------------------------------------------------------------------------------
  // Commands

  enumKey(path: string): { values: RegValue[]; subKeys: string[] } {
    const key = this.open(path);
    return { values: [...key.values.values()], subKeys: [...key.subkeys.values()].map((k) => k.name) };
  }

  queryValue(path: string): RegValue {
    const { key, name } = this.splitValue(path);
    const value = key.values.get(name.toLowerCase());
    if (!value) throw fail(ERROR_FILE_NOT_FOUND);
    return value;
  }

  setValue(path: string, type: unknown, data: unknown, overwrite: boolean): void {
    const { key, name } = this.splitValue(path);
    const value = normaliseValue(type, data);
    const existing = key.values.get(name.toLowerCase());
    if (existing && !overwrite) throw fail(ERROR_ALREADY_EXISTS);
    key.values.set(name.toLowerCase(), { name: existing?.name ?? name, ...value });
  }

  /** RegCreateKeyEx: opens an existing key, creates missing ones; not directly under a hive. */
  createKey(path: string): void {
    const { hive, parts } = this.split(path);
    if (parts.length === 0) throw fail(ERROR_ACCESS_DENIED);
    if (parts.length === 1 && !hive.subkeys.has(parts[0].toLowerCase())) throw fail(ERROR_ACCESS_DENIED);
    this.ensure(path);
  }

  /** RegDeleteKey: the key must exist and have no subkeys; hive roots and their top keys are protected. */
  deleteKey(path: string): void {
    const { hive, parts } = this.split(path);
    if (parts.length <= 1) throw fail(parts.length === 1 && !hive.subkeys.has(parts[0].toLowerCase()) ? ERROR_FILE_NOT_FOUND : ERROR_ACCESS_DENIED);
    const parent = this.walk(hive, parts.slice(0, -1));
    const key = parent?.subkeys.get(parts[parts.length - 1].toLowerCase());
    if (!parent || !key) throw fail(ERROR_FILE_NOT_FOUND);
    if (key.subkeys.size > 0) throw fail(ERROR_ACCESS_DENIED);
    parent.subkeys.delete(key.name.toLowerCase());
  }

  deleteValue(path: string): void {
    const { key, name } = this.splitValue(path);
    if (!key.values.delete(name.toLowerCase())) throw fail(ERROR_FILE_NOT_FOUND);
  }
}
