// Remote path helpers: separators and temp names depend on the endpoint's OS, not ours.
import { randomInt } from 'node:crypto';
import type { OsType } from '../types.js';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function separatorOf(os: OsType): '\\' | '/' {
  return os === 'windows' ? '\\' : '/';
}

/** Joins remote path parts with the endpoint's separator, without doubling separators. */
export function joinRemote(os: OsType, ...parts: string[]): string {
  const sep = separatorOf(os);
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    if (out === '' || out.endsWith(sep) || out.endsWith('/')) out += part;
    else out += sep + part;
  }
  return out;
}

/** Strips trailing separators, keeping roots such as `C:\` and `/` intact. */
export function trimTrailingSeparator(os: OsType, path: string): string {
  const sep = separatorOf(os);
  let out = path;
  while (out.length > 1 && (out.endsWith(sep) || out.endsWith('/')) && !/^[A-Za-z]:[\\/]$/.test(out)) out = out.slice(0, -1);
  return out;
}

/** `c:\windows\temp\cblr.<12 alphanumerics>.tmp` (Windows) or `/tmp/cblr.<...>.tmp`. */
export function tempFileName(os: OsType): string {
  let name = '';
  for (let i = 0; i < 12; i++) name += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return os === 'windows' ? `c:\\windows\\temp\\cblr.${name}.tmp` : `/tmp/cblr.${name}.tmp`;
}

/** A URL path segment. Session ids like `1:2468` keep their colon: servers expect it verbatim. */
export function segment(value: string | number): string {
  return encodeURIComponent(String(value)).replace(/%3A/gi, ':');
}

/** Cb Response's sensor `os_type`: 1 Windows, 2 OS X, 3 Linux (not the Defense numbering). */
export function responseOsType(value: unknown): OsType {
  if (value === 1 || value === '1') return 'windows';
  if (value === 2 || value === '2') return 'mac';
  if (value === 3 || value === '3') return 'linux';
  return osTypeFrom(typeof value === 'number' ? undefined : value);
}

/** OS from cbapi's numeric Defense device type (1 Windows, 2 Linux, 4 Mac) or a name. */
export function osTypeFrom(value: unknown): OsType {
  if (value === 1 || value === '1') return 'windows';
  if (value === 2 || value === '2') return 'linux';
  if (value === 4 || value === '4') return 'mac';
  if (typeof value !== 'string') return 'unknown';
  const v = value.toLowerCase();
  if (v.startsWith('win')) return 'windows';
  if (v === 'linux' || v.startsWith('rhel') || v.startsWith('ubuntu') || v.startsWith('centos')) return 'linux';
  if (v === 'mac' || v === 'osx' || v.startsWith('macos') || v === 'darwin') return 'mac';
  return 'unknown';
}

/** Fallback when the host lookup failed: a session whose drives look like `C:\` is Windows. */
export function osTypeFromDrives(drives: readonly string[]): OsType {
  if (drives.some((d) => /^[A-Za-z]:/.test(d))) return 'windows';
  if (drives.includes('/')) return 'linux';
  return 'unknown';
}
