// Path parsing for the two path dialects the sensors speak. Windows paths are case-insensitive,
// accept `\` and `/`, and must live on the one modelled drive (C:); POSIX paths are `/`-rooted.
// Relative paths resolve against the session's working directory, as the sensor does.
import { ERROR_INVALID_PARAMETER, ERROR_PATH_NOT_FOUND, fail } from './win32.js';

export type OsFamily = 'windows' | 'osx' | 'linux';

export interface ParsedPath {
  /** Components below the root (no '.'/'..'). */
  parts: string[];
  /** The text ended with a separator (`C:\Windows\`): "the contents of". */
  trailingSep: boolean;
}

export const isWindows = (os: OsFamily): boolean => os === 'windows';
export const separatorOf = (os: OsFamily): string => (os === 'windows' ? '\\' : '/');

function normalise(raw: string[], base: string[]): string[] {
  const out = [...base];
  for (const part of raw) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** Expands the few environment variables command lines and paths commonly carry. */
export function expandWindowsVars(text: string, tempDir: string): string {
  const vars: Record<string, string> = {
    systemroot: 'C:\\Windows',
    windir: 'C:\\Windows',
    systemdrive: 'C:',
    programfiles: 'C:\\Program Files',
    'programfiles(x86)': 'C:\\Program Files (x86)',
    programdata: 'C:\\ProgramData',
    temp: tempDir,
    tmp: tempDir,
  };
  return text
    .replace(/%([^%\\/]+)%/g, (whole, name: string) => vars[name.toLowerCase()] ?? whole)
    .replace(/^\\SystemRoot\\/i, 'C:\\Windows\\');
}

export function parsePath(os: OsFamily, text: string, cwd: string): ParsedPath {
  if (typeof text !== 'string' || text.length === 0 || text.includes('\0')) throw fail(ERROR_INVALID_PARAMETER);
  if (os !== 'windows') {
    const absolute = text.startsWith('/');
    const base = absolute ? [] : parsePath(os, cwd, '/').parts;
    return { parts: normalise(text.split('/'), base), trailingSep: text.length > 1 && text.endsWith('/') };
  }
  let t = expandWindowsVars(text, 'C:\\Windows\\Temp').replaceAll('/', '\\');
  if (t.startsWith('\\\\?\\')) t = t.slice(4);
  if (t.startsWith('\\\\')) throw fail(ERROR_PATH_NOT_FOUND); // UNC shares are not modelled
  const trailingSep = t.length > 3 && t.endsWith('\\');
  const drive = /^([A-Za-z]):/.exec(t);
  if (drive) {
    if (drive[1].toUpperCase() !== 'C') throw fail(ERROR_PATH_NOT_FOUND);
    return { parts: normalise(t.slice(2).split('\\'), []), trailingSep };
  }
  if (t.startsWith('\\')) return { parts: normalise(t.split('\\'), []), trailingSep };
  return { parts: normalise(t.split('\\'), parsePath(os, cwd, 'C:\\').parts), trailingSep };
}

export function formatPath(os: OsFamily, parts: readonly string[]): string {
  if (os === 'windows') return `C:\\${parts.join('\\')}`;
  return `/${parts.join('/')}`;
}

/** `*`/`?` wildcard test, case-insensitive on Windows. */
export function wildcardTest(pattern: string, caseInsensitive: boolean): (name: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replaceAll('*', '.*').replaceAll('?', '.');
  const re = new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
  return (name) => re.test(name);
}

export const hasWildcard = (name: string): boolean => /[*?]/.test(name);
