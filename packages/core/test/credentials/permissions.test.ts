// The exposure warnings of credential files (cbc-live-response.md §6.2): the file must be 400/600
// and its directory 500/700, both owned by the current user (or root). Warnings, never failures.
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCredentials } from '../../src/credentials/index.js';
import { credentialFileWarnings } from '../../src/credentials/files.js';
import type { Logger } from '../../src/logging/types.js';

let root: string;
let dir: string;
let file: string;
let warnings: string[];
const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cb-perm-'));
  dir = join(root, '.carbonblack');
  mkdirSync(dir, { mode: 0o700 });
  chmodSync(dir, 0o700);
  file = join(dir, 'credentials.response');
  writeFileSync(file, '[default]\nurl = https://cb.example.com\ntoken = SENTINEL-PERM-TOKEN\n', { mode: 0o600 });
  chmodSync(file, 0o600);
  warnings = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const resolve = (): void => {
  resolveCredentials({ product: 'response', credentialFiles: file, env: {}, logger });
};

describe('credential file exposure warnings', () => {
  it('says nothing for a 0600 file in a 0700 directory of the current user', () => {
    resolve();
    expect(warnings).toEqual([]);
    chmodSync(file, 0o400);
    chmodSync(dir, 0o500);
    resolve();
    expect(warnings).toEqual([]);
    chmodSync(dir, 0o700);
  });

  it('warns about a ~/.carbonblack directory readable by group or others, with the fix', () => {
    for (const mode of [0o750, 0o705, 0o755]) {
      chmodSync(dir, mode);
      warnings = [];
      resolve();
      expect(warnings).toEqual([
        `Directory ${dir} of credential file ${file} is accessible by group or others (mode ${mode.toString(8).padStart(4, '0')}); restrict it with: chmod 700 ${dir}`,
      ]);
    }
  });

  it('warns about a group-readable file and a group-writable directory together, never naming the token', () => {
    chmodSync(file, 0o640);
    chmodSync(dir, 0o770);
    resolve();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('readable by group or others (mode 0640)');
    expect(warnings[1]).toContain('accessible by group or others (mode 0770)');
    expect(warnings.join('\n')).not.toContain('SENTINEL');
  });

  it('warns when the file or its directory belongs to another user (root counts as trusted)', () => {
    const mine = statSync(file).uid;
    const stranger = 4242;
    if (mine === 0) {
      // Running as root: hand the file and directory to another uid.
      chownSync(file, stranger, stranger);
      chownSync(dir, stranger, stranger);
      expect(credentialFileWarnings(file, 0)).toEqual([
        `Credential file ${file} is owned by uid ${stranger}, not by the current user (uid 0)`,
        `Directory ${dir} of credential file ${file} is owned by uid ${stranger}, not by the current user (uid 0)`,
      ]);
    } else {
      // Not root: the files are ours, so ask as if another user were reading them.
      expect(credentialFileWarnings(file, mine + 1)).toEqual([
        `Credential file ${file} is owned by uid ${mine}, not by the current user (uid ${mine + 1})`,
        `Directory ${dir} of credential file ${file} is owned by uid ${mine}, not by the current user (uid ${mine + 1})`,
      ]);
    }
    // Root-owned files (as in /etc/carbonblack) are trusted: only root could have written them.
    // /etc/passwd stands in for one on any POSIX machine; its 0644 mode still draws a mode warning.
    expect(statSync('/etc/passwd').uid).toBe(0);
    expect(credentialFileWarnings('/etc/passwd', stranger).filter((w) => w.includes('owned by'))).toEqual([]);
  });
});
