// The command vocabulary: every name the LR APIs know, and which ones a sensor supports
// (live-response.md §1.1 order for Windows; POSIX sensors lack the registry commands, §3.3).
import type { OsFamily } from '../../../data/hosts/index.js';

export const WINDOWS_COMMANDS = [
  'delete file',
  'put file',
  'reg delete key',
  'directory list',
  'reg create key',
  'get file',
  'reg enum key',
  'reg query value',
  'kill',
  'create process',
  'process list',
  'reg delete value',
  'reg set value',
  'create directory',
  'memdump',
] as const;

export const KNOWN_COMMANDS: ReadonlySet<string> = new Set(WINDOWS_COMMANDS);

const POSIX_COMMANDS: readonly string[] = WINDOWS_COMMANDS.filter((c) => !c.startsWith('reg '));

export function supportedCommands(os: OsFamily): readonly string[] {
  return os === 'windows' ? WINDOWS_COMMANDS : POSIX_COMMANDS;
}

/** The order Carbon Black Cloud lists them in (cbc-live-response.md §3.3). */
const CLOUD_ORDER = [
  'put file',
  'get file',
  'memdump',
  'create directory',
  'delete file',
  'directory list',
  'reg enum key',
  'reg query value',
  'reg create key',
  'reg delete key',
  'reg delete value',
  'reg set value',
  'process list',
  'kill',
  'create process',
];

export function cloudSupportedCommands(os: OsFamily): string[] {
  const supported = supportedCommands(os);
  return CLOUD_ORDER.filter((c) => supported.includes(c));
}

/** Commands that act on a file system or registry path (the others take a pid or nothing). */
export const TARGETLESS = new Set(['process list']);
