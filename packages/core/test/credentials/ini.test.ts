// The credential INI dialect (RawConfigParser's, as cbapi reads it) decoded through `ini`:
// values verbatim, nothing silently misread, and nothing of a refused line echoed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIni, writeCredentialsProfile } from '../../src/credentials/index.js';
import { ConfigurationError, CredentialError } from '../../src/errors.js';

function refusal(text: string): CredentialError {
  try {
    parseIni(text, '/f');
  } catch (error) {
    if (error instanceof CredentialError) return error;
    throw error;
  }
  throw new Error('expected a CredentialError');
}

describe('parseIni', () => {
  it('reads values verbatim where ini alone would strip comments, quotes or escapes', () => {
    const text = [
      '[default]',
      'token = abc;def#ghi',
      'proxy = http://user:p#ss;w0rd@proxy:8001/',
      'quoted = "kept with quotes"',
      "single = 'kept'",
      'ssl_cert_file = \\\\server\\share\\ca.pem',
      'padded = a = b',
      'flag = true',
      'none = null',
      'empty =',
    ].join('\n');
    expect(parseIni(text, '/f')['default']).toEqual({
      token: 'abc;def#ghi',
      proxy: 'http://user:p#ss;w0rd@proxy:8001/',
      quoted: '"kept with quotes"',
      single: "'kept'",
      ssl_cert_file: '\\\\server\\share\\ca.pem',
      padded: 'a = b',
      flag: 'true',
      none: 'null',
      empty: '',
    });
  });

  it('accepts "key: value", lower-cases keys, keeps dotted profile names flat and merges repeated sections', () => {
    const sections = parseIni('[cb.prod]\nURL: https://a.example.com:8443\n[other]\nx=1\n[cb.prod]\nToken = t1\n', '/f');
    expect(Object.keys(sections)).toEqual(['cb.prod', 'other']);
    expect(sections['cb.prod']).toEqual({ url: 'https://a.example.com:8443', token: 't1' });
    expect(Object.getPrototypeOf(sections['cb.prod'])).toBeNull();
  });

  it('refuses lines ini would misread, naming file and line but never quoting the line', () => {
    const cases: [string, RegExp][] = [
      ['[a]\ntokenSECRET-1234\n', /line 2: expected "\[profile\]", "key = value"/],
      ['[a]\n[b] SECRET-1234\n', /line 2: expected/],
      ['[a]\nto;SECRET-1234 = x\n', /line 2: key name contains quotes, ";", "#", "\\" or a trailing "\[\]"/],
      ['[a]\nSECRET-1234[] = x\n', /line 2: key name contains/],
      ['[a]\n"SECRET-1234" = x\n', /line 2: key name contains/],
      ['["SECRET-1234"]\n', /line 1: section name contains quotes/],
      ['[a#SECRET-1234]\n', /line 1: section name contains/],
      ['[]\n', /line 1: empty section name/],
      ['[constructor]\n', /line 1: section name 'constructor' is not allowed/],
      ['[a]\nPrototype = x\n', /line 2: key 'prototype' is not allowed/],
    ];
    for (const [text, message] of cases) {
      const error = refusal(text);
      expect(error.message).toMatch(message);
      expect(error.message).toMatch(/^Malformed credential file \/f, line \d/);
      expect(error.message).not.toContain('SECRET');
      expect(error.filesSearched).toEqual(['/f']);
    }
  });
});

describe('writeCredentialsProfile round trip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cb-ini-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes raw key = value lines that read back exactly, whatever the token holds', () => {
    const path = join(dir, 'creds');
    const token = 'ab=cd;ef#gh"ij\\kl';
    writeCredentialsProfile(path, 'cb.prod', { url: 'https://cb.example.com/?a=b', token, ignoreSystemProxy: true });
    expect(readFileSync(path, 'utf8')).toBe(`[cb.prod]\nurl = https://cb.example.com/?a=b\ntoken = ${token}\nignore_system_proxy = True\n\n`);
    expect(parseIni(readFileSync(path, 'utf8'), path)['cb.prod']).toEqual({
      url: 'https://cb.example.com/?a=b',
      token,
      ignore_system_proxy: 'True',
    });
  });

  it('refuses values and profile names that would not read back unchanged, without echoing them', () => {
    const path = join(dir, 'creds');
    const attempt = (run: () => void): ConfigurationError => {
      try {
        run();
      } catch (error) {
        if (error instanceof ConfigurationError) return error;
        throw error;
      }
      throw new Error('expected a ConfigurationError');
    };
    const padded = attempt(() => writeCredentialsProfile(path, 'default', { token: ' SECRET-1234 ' }));
    expect(padded.message).toBe("Value of 'token' would not read back unchanged (leading or trailing spaces?)");
    expect(attempt(() => writeCredentialsProfile(path, ' default', { token: 'x' })).message).toMatch(/Invalid profile name/);
    expect(attempt(() => writeCredentialsProfile(path, 'a;b', { token: 'x' })).message).toMatch(/Invalid profile name/);
    expect(() => readFileSync(path)).toThrow(/ENOENT/);
  });
});
