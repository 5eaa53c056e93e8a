import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, debugEnabled, redactingLogger } from '../../src/logging/index.js';
import { Redactor, REDACTED, secretsOf } from '../../src/redact.js';

afterEach(() => vi.restoreAllMocks());

describe('debugEnabled', () => {
  it('matches namespaces like the debug package', () => {
    expect(debugEnabled('cb:http', 'cb:*')).toBe(true);
    expect(debugEnabled('cb:http', 'cb:http')).toBe(true);
    expect(debugEnabled('cb:http', 'other,cb:http')).toBe(true);
    expect(debugEnabled('cb:http', '*')).toBe(true);
    expect(debugEnabled('cb:http', 'cb:cache')).toBe(false);
    expect(debugEnabled('cb:http', 'cb:*,-cb:http')).toBe(false);
    expect(debugEnabled('cb:http', '')).toBe(false);
    expect(debugEnabled('cb:http', undefined)).toBe(false);
    expect(debugEnabled('cbxhttp', 'cb.http')).toBe(false);
  });
});

describe('createLogger', () => {
  it('returns the caller logger unchanged', () => {
    const mine = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    expect(createLogger({ logger: mine })).toBe(mine);
  });

  it('drops debug/info by default and sends warn/error to the console', () => {
    const lines: string[] = [];
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = createLogger({ debugEnv: undefined, write: (l) => lines.push(l) });
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    expect(lines).toEqual([]);
    expect(warn).toHaveBeenCalledWith('cb:http w');
    expect(error).toHaveBeenCalledWith('cb:http e');
  });

  it('prints debug lines when DEBUG matches', () => {
    const lines: string[] = [];
    const log = createLogger({ debugEnv: 'cb:*', write: (l) => lines.push(l) });
    log.debug('HTTP GET /x took 0.001s (response 200)', { a: 1 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cb:http debug HTTP GET \/x took 0\.001s \(response 200\) \{"a":1\}\n$/);
  });
});

describe('Redactor', () => {
  const r = Redactor.forCredentials({ token: 'APIKEY1234/CONNECTOR9', orgKey: 'ORGKEY77', proxy: 'http://bob:pr%40xy-pass@proxy:1' });

  it('removes known secrets, the key part of key/connector tokens, org key and proxy password', () => {
    expect(r.redactString('t=APIKEY1234/CONNECTOR9 k=APIKEY1234 o=ORGKEY77 p=pr@xy-pass e=pr%40xy-pass')).toBe(
      `t=${REDACTED} k=${REDACTED} o=${REDACTED} p=${REDACTED} e=${REDACTED}`,
    );
    expect(secretsOf({ token: 'a/b' })).toEqual(['a/b', 'a']);
  });

  it('removes generic secret shapes', () => {
    const g = new Redactor();
    expect(g.redactString('X-Auth-Token: abc123')).toBe(`X-Auth-Token: ${REDACTED}`);
    expect(g.redactString('authorization=Bearer xyz')).toBe(`authorization=${REDACTED}`);
    expect(g.redactString('/api?q=1&token=abc&password=p&api_key=k')).toBe(`/api?q=1&token=${REDACTED}&password=${REDACTED}&api_key=${REDACTED}`);
    expect(g.redactString('{"auth_token": "zzz", "name": "n"}')).toBe(`{"auth_token": "${REDACTED}", "name": "n"}`);
    expect(g.redactString('http://u:pw@h:1/')).toBe(`http://u:${REDACTED}@h:1/`);
  });

  it('redacts JSON values deeply and header maps by name', () => {
    const value = { a: ['APIKEY1234'], b: { 'X-Auth-Token': 'whatever', token: 'x', nested: { s: 'has ORGKEY77 in it' } }, n: 3 };
    expect(r.redact(value)).toEqual({ a: [REDACTED], b: { 'X-Auth-Token': REDACTED, token: REDACTED, nested: { s: `has ${REDACTED} in it` } }, n: 3 });
    expect(r.redactHeaders(new Headers({ 'x-auth-token': 'q', accept: 'json' }))).toEqual({ 'x-auth-token': REDACTED, accept: 'json' });
  });

  it('ignores secrets too short to redact safely', () => {
    expect(new Redactor(['x']).redactString('xx')).toBe('xx');
  });

  it('redactingLogger scrubs messages and fields', () => {
    const seen: unknown[] = [];
    const log = redactingLogger({ debug: (m, f) => seen.push(m, f), info: () => {}, warn: () => {}, error: () => {} }, r);
    log.debug('token APIKEY1234/CONNECTOR9', { header: 'APIKEY1234' });
    expect(seen).toEqual([`token ${REDACTED}`, { header: REDACTED }]);
  });
});
