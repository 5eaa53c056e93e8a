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

const octal = (mode: number): string => mode.toString(8).padStart(4, '0');

/** Who may own a credential file or its directory: the current user, or root (as for /etc). */
function trustedOwner(uid: number, me: number): boolean {
  return uid === me || uid === 0;
}

/**
 * A credential file others can read leaks the token to every local user, and one in a directory
 * others can list, enter or write can be found or swapped. Like the Carbon Black Cloud SDK
 * (cbc-live-response.md §6.2: file 400/600, directory 500/700, both owned by the user) this
 * warns, never fails: root-owned /etc files with group read are a deliberate setup.
 */
export function credentialFileWarnings(path: string, currentUid: number | undefined = process.getuid?.()): string[] {
  if (process.platform === 'win32' || currentUid === undefined) return [];
  const me = currentUid;
  const dir = dirname(path);
  const warnings: string[] = [];
  try {
    const file = statSync(path);
    const mode = file.mode & 0o777;
    if (mode & 0o077) {
      warnings.push(`Credential file ${path} is readable by group or others (mode ${octal(mode)}); restrict it with: chmod 600 ${path}`);
    }
    if (!trustedOwner(file.uid, me)) {
      warnings.push(`Credential file ${path} is owned by uid ${file.uid}, not by the current user (uid ${me})`);
    }
    const folder = statSync(dir);
    const dirMode = folder.mode & 0o777;
    if (dirMode & 0o077) {
      warnings.push(
        `Directory ${dir} of credential file ${path} is accessible by group or others (mode ${octal(dirMode)}); ` +
          `restrict it with: chmod 700 ${dir}`,
      );
    }
    if (!trustedOwner(folder.uid, me)) {
      warnings.push(`Directory ${dir} of credential file ${path} is owned by uid ${folder.uid}, not by the current user (uid ${me})`);
    }
  } catch {
    // stat raced with a delete: nothing to warn about.
  }
  return warnings;
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
    for (const warning of credentialFileWarnings(path)) logger.warn(warning);
    const parsed = parseIni(text, path);
    const names = Object.keys(parsed).filter((n) => n !== 'DEFAULT');
    for (const name of Object.keys(parsed)) (definedIn[name] ??= []).push(path);
    mergeIni(sections, parsed);
    files.push({ path, status: 'parsed', sections: names });
  }
  return { sections, definedIn, files };
}
