// CBCloudAPI construction: credential files (credentials.psc then credentials.cbc), org key
// required (E3/E4), `SECRET/ID` token form, wrong-product tokens (E5). No request is made.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, CredentialError, defaultCredentialFiles, type Logger } from '@cb/core';
import { CBCloudAPI, cloudTokenProblem, PLATFORM_CREDENTIAL_FILES, WrongProductError } from '../../src/index.js';
import { mswCloudApi } from '../support/cloud-msw.js';

const TOKEN = 'ABCDEFGHIJKLMNOPQRSTUVWXY/ZYXWVUTSRQ';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cb-platform-creds-'));
}

function writeProfile(path: string, text: string): string {
  mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('credential files', () => {
  it('searches credentials.psc then credentials.cbc in /etc, ~ and . (CBC SDK order)', () => {
    expect(PLATFORM_CREDENTIAL_FILES).toEqual(['credentials.psc', 'credentials.cbc']);
    expect(defaultCredentialFiles('platform', '/home/u', '/work', PLATFORM_CREDENTIAL_FILES)).toEqual([
      '/etc/carbonblack/credentials.psc',
      '/etc/carbonblack/credentials.cbc',
      '/home/u/.carbonblack/credentials.psc',
      '/home/u/.carbonblack/credentials.cbc',
      '/work/.carbonblack/credentials.psc',
      '/work/.carbonblack/credentials.cbc',
    ]);
  });

  it('reads the profile from ~/.carbonblack/credentials.psc and ./.carbonblack/credentials.cbc, later files winning', () => {
    const home = tempDir();
    const cwd = tempDir();
    writeProfile(join(home, '.carbonblack', 'credentials.psc'), `[sample]\nurl = https://old.example\ntoken = ${TOKEN}\norg_key = ORGPSC\n`);
    writeProfile(join(cwd, '.carbonblack', 'credentials.cbc'), `[sample]\nurl = https://defense-prod05.conferdeploy.net\n`);
    vi.stubEnv('HOME', home);
    vi.stubEnv('CBAPI_URL', '');
    vi.stubEnv('CBC_URL', '');
    vi.spyOn(process, 'cwd').mockReturnValue(cwd);
    const api = new CBCloudAPI({ profile: 'sample' });
    expect(api.url).toBe('https://defense-prod05.conferdeploy.net');
    expect(api.orgKey).toBe('ORGPSC');
    expect(api.profile).toBe('sample');
  });

  it('names the profile, file and fix when org_key is missing from a file profile', () => {
    const file = writeProfile(join(tempDir(), 'credentials.cbc'), `[default]\nurl = https://defense.conferdeploy.net\ntoken = ${TOKEN}\n`);
    const error = thrown(() => new CBCloudAPI({ credentialFiles: file }));
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).missingKey).toBe('org_key');
    expect(error.message).toContain(`No organization key specified: profile 'default' in ${file} has no org_key`);
    expect(error.message).toContain('add "org_key = ..." to that profile or pass { orgKey }');
    expect(error.message).toContain('Settings > General');
    expect(error.message).not.toContain(TOKEN);
  });

  it('asks for { orgKey } when url and token come from options, CBC_ORG_KEY when from the environment', () => {
    expect(thrown(() => new CBCloudAPI({ url: 'https://defense.conferdeploy.net', token: TOKEN })).message).toMatch(
      /No organization key specified: url and token were passed in code without orgKey.*pass \{ orgKey \} as well/,
    );
    vi.stubEnv('CBC_URL', 'https://defense.conferdeploy.net');
    vi.stubEnv('CBC_TOKEN', TOKEN);
    vi.stubEnv('CBAPI_ORG_KEY', '');
    vi.stubEnv('CBC_ORG_KEY', '');
    expect(thrown(() => new CBCloudAPI()).message).toMatch(/the environment sets the URL and token .* but no org key.*set CBC_ORG_KEY/);
    vi.stubEnv('CBC_ORG_KEY', 'ENVORG');
    expect(new CBCloudAPI().orgKey).toBe('ENVORG');
  });

  it('refuses an injected requester without an org key', () => {
    const error = thrown(() => mswCloudApi({ orgKey: undefined }));
    expect(error).toBeInstanceOf(CredentialError);
    expect(error.message).toMatch(/pass \{ orgKey \} with the requester/);
  });

  it('keeps core option checks (unknown options, non-URL)', () => {
    expect(() => new CBCloudAPI({ url: 'x', token: TOKEN, orgKey: 'O', bogus: 1 } as never)).toThrow(/Unknown option: bogus/);
    expect(() => new CBCloudAPI({ url: 'defense.conferdeploy.net', token: TOKEN, orgKey: 'O' })).toThrow(ConfigurationError);
  });
});

describe('token form', () => {
  it('accepts SECRET/ID and explains every other shape without echoing the token', () => {
    expect(cloudTokenProblem(TOKEN)).toBeUndefined();
    for (const [token, pattern] of [
      ['ABCDEFGHIJKLMNOPQRSTUVWXY', /no "\/" between secret and API ID/],
      ['ABC/DEF/GHI', /exactly one "\/"/],
      ['/ZYXWVUTSRQ', /exactly one "\/"/],
      ['ABC DEF/GHI', /white space/],
    ] as const) {
      const error = thrown(() => new CBCloudAPI({ url: 'https://defense.conferdeploy.net', token, orgKey: 'ORG' }));
      expect(error).toBeInstanceOf(CredentialError);
      expect(error.message).toMatch(pattern);
      expect(error.message).toMatch(/^The token passed in code is not a Carbon Black Cloud token/);
      expect(error.message).toContain('"API Secret Key/API ID"');
      expect(error.message).not.toContain(token);
    }
  });

  it('points a Cb Response or Cb Protection token at the right package (E5)', () => {
    const response = 'a'.repeat(40);
    const error = thrown(() => new CBCloudAPI({ url: 'https://cb.example.com', token: response, orgKey: 'ORG' }));
    expect(error).toBeInstanceOf(WrongProductError);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(/Cb Response API token.*CbResponseAPI from @cb\/response/);
    expect(error.message).not.toContain(response);
    const protection = '0123abcd-0123-4567-89ab-0123456789ab';
    expect(thrown(() => new CBCloudAPI({ url: 'https://cb.example.com', token: protection, orgKey: 'ORG' })).message).toMatch(
      /Cb Protection API token.*@cb\/protection/,
    );
  });

  it('warns when a non-loopback URL is plain http', () => {
    const lines: string[] = [];
    const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => lines.push(m), error: () => {} };
    new CBCloudAPI({ url: 'http://cbc.example.com', token: TOKEN, orgKey: 'ORG', logger });
    new CBCloudAPI({ url: 'http://127.0.0.1:8080', token: TOKEN, orgKey: 'ORG', logger });
    expect(lines).toEqual(['http://cbc.example.com is not https: the API token would travel in clear text']);
  });
});
