// The shell's pseudo working directory (as cbapi's cblr_cli): the sensor has no cwd, so relative
// paths are resolved here before they are sent.
import { posix, win32 } from 'node:path';

export function isWindowsAbsolute(path: string): boolean {
  return /^[a-z]:\\/i.test(path) || /^[a-z]:$/i.test(path) || path.startsWith('\\\\');
}

/** `arg` against `cwd`: absolute paths as they are, `\x` on cwd's drive, others relative to cwd. */
export function resolveRemote(cwd: string, arg: string, windows: boolean): string {
  if (!windows) return posix.resolve(cwd, arg);
  if (arg.startsWith('\\\\')) return arg;
  if (isWindowsAbsolute(arg)) return win32.normalize(arg.length === 2 ? `${arg}\\` : arg);
  if (arg.startsWith('\\')) return win32.normalize(`${cwd.slice(0, 2)}${arg}`);
  return win32.normalize(win32.join(cwd, arg));
}

/** The directory itself without a trailing separator, except a drive root (`C:\`) or `/`. */
export function withoutTrailingSeparator(path: string, windows: boolean): string {
  if (windows) return /^[a-z]:\\$/i.test(path) ? path : path.replace(/\\+$/, '');
  return path === '/' ? path : path.replace(/\/+$/, '');
}

export function baseName(path: string, windows: boolean): string {
  return windows ? win32.basename(path) : posix.basename(path);
}
