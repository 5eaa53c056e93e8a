// Reading the credential files of one product: the search path, per-file status (for error
// messages that say why each file was skipped) and the permission warning.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from '../logging/types.js';
import { mergeIni, parseIni, type IniSections } from './ini.js';

export type FileStatus =
  | { path: string; status: 'missing' }
  | { path: string; status: 'unreadable'; reason: string }
  | { path: string; status: 'parsed'; sections: readonly string[] };

export interface FilesRead {
  sections: IniSections;
  /** Which files defined each section, in read order (the last one wins key by key). */
  definedIn: Record<string, string[]>;
  files: FileStatus[];
}

/**
 * /etc, then the home directory, then the working directory: later files override earlier.
 * `fileNames` (default `credentials.<product>`) are tried in order inside each directory; the
 * Carbon Black Cloud SDK reads `credentials.psc` then `credentials.cbc` (cbc-live-response.md §6.2).
 */
export function defaultCredentialFiles(
  product: string,
  homeDir: string,
  cwd: string,
  fileNames: readonly string[] = [`credentials.${product}`],
): string[] {
  const dirs = ['/etc/carbonblack', join(homeDir, '.carbonblack'), join(cwd, '.carbonblack')];
  return dirs.flatMap((dir) => fileNames.map((name) => join(dir, name)));
}

export function describeFiles(files: readonly FileStatus[]): string {
  return files
    .map((f) => {
      if (f.status === 'missing') return `${f.path} (missing)`;
      if (f.status === 'unreadable') return `${f.path} (unreadable: ${f.reason})`;
      return `${f.path} (parsed; profiles: ${f.sections.length ? f.sections.join(', ') : 'none'})`;
    })
    .join(', ');
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' ? e.code : String(e.message ?? err);
}

/**
 * A credential file others can read leaks the token to every local user. Warn (like the
 * Python SDK), never fail: root-owned /etc files with group read are a deliberate setup.
 */
function warnIfExposed(path: string, logger: Logger): void {
  try {
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) {
      logger.warn(
        `Credential file ${path} is readable by group or others (mode ${mode.toString(8).padStart(4, '0')}); ` +
          `restrict it with: chmod 600 ${path}`,
      );
    }
    const dirMode = statSync(dirname(path)).mode & 0o777;
    if (dirMode & 0o022) {
      logger.warn(
        `Directory ${dirname(path)} of credential file ${path} is writable by group or others ` +
          `(mode ${dirMode.toString(8).padStart(4, '0')}); restrict it with: chmod 700 ${dirname(path)}`,
      );
    }
  } catch {
    // stat raced with a delete: nothing to warn about.
  }
}

/** Reads and merges every file; a malformed file throws (CredentialError with file and line). */
export function readCredentialFiles(paths: readonly string[], cwd: string, logger: Logger): FilesRead {
  const sections: IniSections = Object.create(null) as IniSections;
  const definedIn: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const files: FileStatus[] = [];
  for (const given of paths) {
    const path = resolve(cwd, given);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      const code = errorCode(err);
      files.push(code === 'ENOENT' ? { path, status: 'missing' } : { path, status: 'unreadable', reason: code });
      continue;
    }
    warnIfExposed(path, logger);
    const parsed = parseIni(text, path);
    const names = Object.keys(parsed).filter((n) => n !== 'DEFAULT');
    for (const name of Object.keys(parsed)) (definedIn[name] ??= []).push(path);
    mergeIni(sections, parsed);
    files.push({ path, status: 'parsed', sections: names });
  }
  return { sections, definedIn, files };
}
