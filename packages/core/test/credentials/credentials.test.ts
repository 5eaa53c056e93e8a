import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveCredentials, writeCredentialsProfile, parseIni, type CredentialOptions } from '../../src/credentials/index.js';
import { ConfigurationError, CredentialError } from '../../src/errors.js';
import type { Logger } from '../../src/logging/types.js';

let root: string;
let home: string;
let cwd: string;
let warnings: string[];
const logger: Logger = { debug: () => {}, info: () => {}, warn: (m) => warnings.push(m), error: () => {} };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'cb-cred-'));
  home = join(root, 'home');
  cwd = join(root, 'work');
  mkdirSync(join(home, '.carbonblack'), { recursive: true, mode: 0o700 });
  mkdirSync(join(cwd, '.carbonblack'), { recursive: true, mode: 0o700 });
  warnings = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function put(path: string, text: string, mode = 0o600): string {
  writeFileSync(path, text, { mode });
  chmodSync(path, mode);
  return path;
}
const homeFile = (): string => join(home, '.carbonblack', 'credentials.response');
const cwdFile = (): string => join(cwd, '.carbonblack', 'credentials.response');
const resolve = (extra: Partial<CredentialOptions> = {}) =>
  resolveCredentials({ product: 'response', homeDir: home, cwd, env: {}, logger, ...extra });

describe('credential files', () => {
  it('reads the default profile from ~/.carbonblack and strips the trailing slash', () => {
    put(homeFile(), '[default]\nurl = https://cb.example.com/\ntoken = abcdef123456\nssl_verify = False\n');
    const c = resolve();
    expect(c).toMatchObject({ url: 'https://cb.example.com', sslVerify: false, sslVerifyHostname: true, ignoreSystemProxy: false, profile: 'default', source: 'file', file: homeFile() });
    expect(c.token).toBe('abcdef123456');
  });

  it('lets ./.carbonblack override ~/.carbonblack key by key, keeping keys it does not mention', () => {
    put(homeFile(), '[default]\nurl=https://home.example.com\ntoken=hometoken\nproxy=http://proxy:3128\n');
    put(cwdFile(), '[default]\ntoken: cwdtoken\n');
    const c = resolve();
    expect(c.url).toBe('https://home.example.com');
    expect(c.token).toBe('cwdtoken');
    expect(c.proxy).toBe('http://proxy:3128');
    expect(c.file).toBe(cwdFile());
  });

  it('uses [DEFAULT] as a fallback, keys case-insensitively, comments, both separators and booleans', () => {
    put(
      homeFile(),
      '# comment\n; other comment\n[DEFAULT]\nURL = https://default.example.com\nSSL_Verify = off\n\n[prod]\nToken: prodtoken\nssl_verify_hostname = No\nignore_system_proxy = 1\norg_key = ORG1\nssl_cert_file = /etc/ca.pem\n',
    );
    const c = resolve({ profile: 'prod' });
    expect(c).toMatchObject({ url: 'https://default.example.com', sslVerify: false, sslVerifyHostname: false, ignoreSystemProxy: true, orgKey: 'ORG1', sslCertFile: '/etc/ca.pem', profile: 'prod' });
    expect(c.token).toBe('prodtoken');
  });

  it('takes the profile name from CBAPI_PROFILE when no option is given', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken=aaaa\n[other]\nurl=https://b.example.com\ntoken=bbbb\n');
    expect(resolve({ env: { CBAPI_PROFILE: 'other' } }).url).toBe('https://b.example.com');
  });

  it('reports a missing profile with every file searched and why each was skipped', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken=aaaa\n');
    mkdirSync(cwdFile()); // a directory where a file should be: unreadable
    let err: unknown;
    try {
      resolve({ profile: 'x' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CredentialError);
    const e = err as CredentialError;
    expect(e.message).toContain("Cannot find credential profile 'x' after searching in these files:");
    expect(e.message).toContain('/etc/carbonblack/credentials.response (missing)');
    expect(e.message).toContain(`${homeFile()} (parsed; profiles: default)`);
    expect(e.message).toContain(`${cwdFile()} (unreadable: EISDIR)`);
    expect(e.profile).toBe('x');
    expect(e.filesSearched).toEqual(['/etc/carbonblack/credentials.response', homeFile(), cwdFile()]);
  });

  it('names the missing key', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\n');
    expect(() => resolve()).toThrow(CredentialError);
    try {
      resolve();
    } catch (e) {
      expect((e as CredentialError).missingKey).toBe('token');
      expect((e as Error).message).toBe(`Profile 'default' in ${homeFile()} has no 'token'`);
    }
  });

  it('rejects a malformed line with the file and line number, without quoting the line', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken supersecretvalue\n');
    expect(() => resolve()).toThrow(new RegExp(`Malformed credential file ${homeFile()}, line 3`));
    try {
      resolve();
    } catch (e) {
      expect((e as Error).message).not.toContain('supersecret');
    }
  });

  it('rejects keys before any section and __proto__ sections', () => {
    expect(() => parseIni('url=x\n', 'f')).toThrow(/line 1: "url" appears before any \[profile\] section/);
    expect(() => parseIni('[__proto__]\nurl=x\n', 'f')).toThrow(/line 1: section name '__proto__' is not allowed/);
    expect(() => parseIni('[ok]\n__proto__=x\n', 'f')).toThrow(CredentialError);
    expect(({} as Record<string, unknown>)['url']).toBeUndefined();
  });

  it('rejects a non-boolean ssl_verify that is not a path, and reads a path as a CA bundle (cbapi compat)', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken=aaaa\nssl_verify=maybe\n');
    expect(() => resolve()).toThrow(/ssl_verify must be true or false/);
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken=aaaa\nssl_verify=/etc/ssl/cb.pem\n');
    expect(resolve()).toMatchObject({ sslVerify: true, sslCertFile: '/etc/ssl/cb.pem' });
  });

  it('warns when a credential file is readable by group or others', () => {
    put(homeFile(), '[default]\nurl=https://a.example.com\ntoken=aaaa\n', 0o644);
    resolve();
    expect(warnings.some((w) => w.includes(homeFile()) && w.includes('readable by group or others') && w.includes('0644'))).toBe(true);
    warnings = [];
    chmodSync(homeFile(), 0o600);
    resolve();
    expect(warnings).toEqual([]);
  });

  it('uses exactly the given credentialFiles', () => {
    const a = put(join(root, 'a.ini'), '[default]\nurl=https://a.example.com\ntoken=aaaa\n');
    const b = put(join(root, 'b.ini'), '[default]\ntoken=bbbb\n');
    put(homeFile(), '[default]\nurl=https://home.example.com\ntoken=home\n');
    const c = resolve({ credentialFiles: [a, b] });
    expect(c.url).toBe('https://a.example.com');
    expect(c.token).toBe('bbbb');
    expect(resolve({ credentialFiles: a }).token).toBe('aaaa');
  });

  it('rejects a URL that is not http(s)', () => {
    put(homeFile(), '[default]\nurl=cb.example.com\ntoken=aaaa\n');
    expect(() => resolve()).toThrow(ConfigurationError);
    expect(() => resolve()).toThrow(/Server URL must be a URL: eg. https:\/\/localhost/);
  });
});

describe('precedence: options > env > files', () => {
  beforeEach(() => {
    put(homeFile(), '[default]\nurl=https://file.example.com\ntoken=filetoken\nproxy=http://fileproxy:1\n');
  });

  it('prefers environment variables over files when both url and token are set', () => {
    const c = resolve({ env: { CBAPI_URL: 'https://env.example.com', CBAPI_TOKEN: 'envtoken', CBAPI_SSL_VERIFY: 'false', CBAPI_ORG_KEY: 'ORGENV' } });
    expect(c).toMatchObject({ url: 'https://env.example.com', sslVerify: false, orgKey: 'ORGENV', source: 'env' });
    expect(c.token).toBe('envtoken');
    expect(c.proxy).toBeUndefined();
  });

  it('accepts CBC_* aliases, and CBAPI_* wins over them', () => {
    expect(resolve({ env: { CBC_URL: 'https://cbc.example.com', CBC_TOKEN: 'cbctoken', CBC_ORG_KEY: 'O' } })).toMatchObject({ url: 'https://cbc.example.com', orgKey: 'O', source: 'env' });
    expect(resolve({ env: { CBC_URL: 'https://cbc.example.com', CBAPI_URL: 'https://cbapi.example.com', CBC_TOKEN: 't1234' } }).url).toBe('https://cbapi.example.com');
  });

  it('ignores an incomplete environment (url without token)', () => {
    expect(resolve({ env: { CBAPI_URL: 'https://env.example.com' } })).toMatchObject({ url: 'https://file.example.com', source: 'file' });
  });

  it('lets an explicit profile option beat the environment', () => {
    expect(resolve({ profile: 'default', env: { CBAPI_URL: 'https://env.example.com', CBAPI_TOKEN: 'envtoken' } }).source).toBe('file');
  });

  it('accepts every key as an option, overriding the file key by key', () => {
    const c = resolve({ proxy: 'http://optproxy:2', sslVerify: false, orgKey: 'ORGOPT', sslCertFile: '/ca.pem', ignoreSystemProxy: true, sslVerifyHostname: false });
    expect(c).toMatchObject({ url: 'https://file.example.com', proxy: 'http://optproxy:2', sslVerify: false, orgKey: 'ORGOPT', sslCertFile: '/ca.pem', ignoreSystemProxy: true, sslVerifyHostname: false, source: 'file' });
  });

  it('uses url+token options without reading any file', () => {
    rmSync(homeFile());
    put(cwdFile(), 'garbage line\n');
    const c = resolve({ url: 'http://127.0.0.1:1/', token: 'opttoken', proxy: 'http://p:3' });
    expect(c).toMatchObject({ url: 'http://127.0.0.1:1', source: 'options', proxy: 'http://p:3' });
  });
});

describe('the token never prints', () => {
  it('is absent from JSON.stringify and util.inspect, and the proxy password is hidden', () => {
    const c = resolveCredentials({ product: 'response', env: {}, url: 'https://a.example.com', token: 'SENTINEL-TOKEN-1234', proxy: 'http://user:pa55word@proxy:8080' });
    expect(c.token).toBe('SENTINEL-TOKEN-1234');
    expect(JSON.stringify(c)).not.toContain('SENTINEL');
    expect(inspect(c, { depth: 5 })).not.toContain('SENTINEL');
    expect(JSON.stringify(c)).not.toContain('pa55word');
    expect(inspect(c)).not.toContain('pa55word');
    expect(c.proxy).toBe('http://user:pa55word@proxy:8080');
    expect(Object.isFrozen(c)).toBe(true);
  });
});

describe('writeCredentialsProfile', () => {
  it('writes a 0600 file in a 0700 directory, which resolveCredentials reads back', () => {
    const dir = join(root, 'newhome', '.carbonblack');
    const path = join(dir, 'credentials.response');
    writeCredentialsProfile(path, 'default', { url: 'https://cb.example.com', token: 'tok123', sslVerify: false });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toContain('ssl_verify = False');
    const c = resolveCredentials({ product: 'response', env: {}, credentialFiles: path, logger });
    expect(c).toMatchObject({ url: 'https://cb.example.com', sslVerify: false });
    expect(c.token).toBe('tok123');
    expect(warnings).toEqual([]);
  });

  it('replaces one profile and keeps the others', () => {
    const path = join(root, 'creds');
    writeCredentialsProfile(path, 'a', { url: 'https://a.example.com', token: 'aaaa' });
    writeCredentialsProfile(path, 'b', { url: 'https://b.example.com', token: 'bbbb' });
    writeCredentialsProfile(path, 'a', { url: 'https://a2.example.com', token: 'a2a2' });
    const sections = parseIni(readFileSync(path, 'utf8'), path);
    expect(Object.keys(sections).sort()).toEqual(['a', 'b']);
    expect(sections['a']).toEqual({ url: 'https://a2.example.com', token: 'a2a2' });
    expect(sections['b']!['token']).toBe('bbbb');
  });

  it('refuses values with line breaks and bad profile names', () => {
    const path = join(root, 'creds2');
    expect(() => writeCredentialsProfile(path, 'default', { token: 'a\n[evil]' })).toThrow(ConfigurationError);
    expect(() => writeCredentialsProfile(path, '__proto__', { token: 'x' })).toThrow(ConfigurationError);
    expect(() => writeCredentialsProfile(path, 'a]b', { token: 'x' })).toThrow(ConfigurationError);
  });
});
