// Writes an SDK credentials profile (core.md §1: INI, one section per profile) for a running
// emulator. An existing file keeps its other sections; the target section is replaced. The file
// holds an API token, so it is written with mode 0600 (directory 0700 when created).
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface ProfileValues {
  url: string;
  token: string;
  ssl_verify: boolean;
  /** CA bundle for a TLS emulator (read by the SDK when ssl_verify is true). */
  ssl_cert_file?: string;
}

export function defaultCredentialsFile(): string {
  return join(homedir(), '.carbonblack', 'credentials.response');
}

/** Removes section `[name]` (header to the next header) from INI text. */
function dropSection(text: string, name: string): string {
  const out: string[] = [];
  let skipping = false;
  for (const line of text.split(/\r?\n/)) {
    const header = /^\s*\[([^\]]*)\]\s*$/.exec(line);
    if (header) skipping = header[1] === name;
    if (!skipping) out.push(line);
  }
  return out.join('\n').replace(/\n+$/, '');
}

export function writeProfile(name: string, values: ProfileValues, file = defaultCredentialsFile()): string {
  if (!/^[^\[\]\r\n]+$/.test(name)) throw new Error(`invalid profile name "${name}"`);
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const previous = existsSync(file) ? dropSection(readFileSync(file, 'utf8'), name) : '';
  const lines = [`[${name}]`, `url=${values.url}`, `token=${values.token}`, `ssl_verify=${values.ssl_verify ? 'True' : 'False'}`];
  if (values.ssl_cert_file) lines.push(`ssl_cert_file=${values.ssl_cert_file}`);
  const text = `${previous ? `${previous}\n\n` : ''}${lines.join('\n')}\n`;
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync's mode only applies when the file is created
  return file;
}
