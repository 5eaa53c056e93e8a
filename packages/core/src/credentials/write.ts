// Writes (or replaces) one profile of a credential file, the way `cbapi-* configure` does:
// directory 0700, file 0600, `key = value` lines. Other profiles in the file are kept verbatim.
//
// Lines are written raw, not with ini.stringify: its encoder JSON-quotes values holding "=" and
// backslash-escapes ";" and "#", and cbapi (RawConfigParser), which reads the same files, would
// take those quotes and backslashes as part of the token. Instead every written profile is read
// back with parseIni (which decodes through ini) and must give exactly the values given.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConfigurationError } from '../errors.js';
import { isForbiddenName, isLiteralIniName, parseIni } from './ini.js';

export type CredentialFileValue = string | boolean | number | undefined;

/** camelCase option names are written as the snake_case keys of the file format. */
function fileKey(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function checkText(what: string, text: string): void {
  if (/[\r\n]/.test(text)) throw new ConfigurationError(`${what} must not contain a line break`);
}

function render(profileName: string, values: Readonly<Record<string, CredentialFileValue>>): string[] {
  const lines = [`[${profileName}]`];
  const expected = new Map<string, { name: string; text: string }>();
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const key = fileKey(name);
    if (!/^[a-z0-9_.-]+$/.test(key) || isForbiddenName(key)) throw new ConfigurationError(`Invalid credential key '${name}'`);
    // Python-style booleans, as cbapi's configure writes them; every parser here accepts them.
    const text = typeof value === 'boolean' ? (value ? 'True' : 'False') : String(value);
    checkText(`Value of '${name}'`, text);
    lines.push(`${key} = ${text}`);
    expected.set(key, { name, text });
  }
  const readBack = parseIni(lines.join('\n'), 'the new profile')[profileName] ?? {};
  for (const [key, { name, text }] of expected) {
    // The value is not quoted: it may be a token.
    if (readBack[key] !== text) throw new ConfigurationError(`Value of '${name}' would not read back unchanged (leading or trailing spaces?)`);
  }
  return lines;
}

/** Existing file lines with the section `profileName` (header through the next header) removed. */
function withoutSection(lines: readonly string[], profileName: string): string[] {
  const out: string[] = [];
  let skipping = false;
  for (const line of lines) {
    const header = /^\s*\[([^\]]*)\]\s*$/.exec(line);
    if (header) skipping = header[1]!.trim() === profileName;
    if (!skipping) out.push(line);
  }
  while (out.length > 0 && out[out.length - 1]!.trim() === '') out.pop();
  return out;
}

export function writeCredentialsProfile(
  path: string,
  profileName: string,
  values: Readonly<Record<string, CredentialFileValue>>,
): void {
  checkText('Profile name', profileName);
  const badName = profileName.trim() !== profileName || /[[\]]/.test(profileName) || !isLiteralIniName(profileName);
  if (!profileName.trim() || badName || isForbiddenName(profileName)) {
    throw new ConfigurationError(`Invalid profile name '${profileName}'`);
  }
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const existing = existsSync(path) ? withoutSection(readFileSync(path, 'utf8').split(/\r?\n/), profileName) : [];
  const body = [...existing, ...(existing.length ? [''] : []), ...render(profileName, values), ''].join('\n');
  // Write a private temp file then rename, so the token is never in a world-readable file,
  // not even briefly, and readers never see half a file.
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temp, `${body}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600); // in case the umask removed bits we asked for; never adds any
  renameSync(temp, path);
}
