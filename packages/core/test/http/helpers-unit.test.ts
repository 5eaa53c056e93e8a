import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodeQuery, withQuery } from '../../src/http/query.js';
import { sortedJson } from '../../src/http/json-body.js';
import { backoffDelay, parseRetryAfter, resolveRetry, DEFAULT_RETRY } from '../../src/http/retry-policy.js';
import { CORE_VERSION } from '../../src/version.js';
import { normalisePin } from '../../src/http/dispatcher.js';
import { userAgentString } from '../../src/http/middleware/user-agent.js';

describe('encodeQuery (core.md §7.1)', () => {
  it('sorts by name then value, repeats arrays, form-encodes', () => {
    expect(encodeQuery({ q: 'process_name:notepad.exe AND -x', rows: 10, 'facet.field': ['b', 'a'], start: 0 })).toBe(
      'facet.field=a&facet.field=b&q=process_name%3Anotepad.exe+AND+-x&rows=10&start=0',
    );
  });
  it('encodes reserved characters like quote_plus', () => {
    expect(encodeQuery({ q: 'a\\b*c/d"e(f)g!h\'i~j_k.l-m' })).toBe('q=a%5Cb%2Ac%2Fd%22e%28f%29g%21h%27i~j_k.l-m');
  });
  it('renders booleans lower case and drops null/undefined', () => {
    expect(encodeQuery({ b: true, a: false, n: null, u: undefined })).toBe('a=false&b=true');
    expect(encodeQuery({})).toBe('');
    expect(encodeQuery(undefined)).toBe('');
  });
  it('appends to a path that already has a query', () => {
    expect(withQuery('/x?downloadFile=true', { a: 1 })).toBe('/x?downloadFile=true&a=1');
    expect(withQuery('/x', {})).toBe('/x');
  });
});

describe('sortedJson (core.md §2.5)', () => {
  it('sorts keys at every depth and keeps arrays in order', () => {
    expect(sortedJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
  });
  it('sends {} for no body and null for null', () => {
    expect(sortedJson(undefined)).toBe('{}');
    expect(sortedJson(null)).toBe('null');
  });
  it('serialises Dates through toJSON', () => {
    expect(sortedJson({ t: new Date(Date.UTC(2020, 0, 1)) })).toBe('{"t":"2020-01-01T00:00:00.000Z"}');
  });
});

describe('retry policy', () => {
  it('uses full jitter under an exponential ceiling capped at maxDelayMs', () => {
    const p = { retries: 5, baseDelayMs: 250, maxDelayMs: 30_000 };
    expect(backoffDelay(0, p, () => 0.999)).toBe(249);
    expect(backoffDelay(3, p, () => 0.5)).toBe(1000);
    expect(backoffDelay(20, p, () => 0.999)).toBe(29_970);
    expect(backoffDelay(2, p, () => 0)).toBe(0);
  });
  it('parses Retry-After seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('1.5')).toBe(1500);
    const now = Date.UTC(2024, 0, 1, 0, 0, 0);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Mon, 01 Jan 2023 00:00:10 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
  it('layers per-call options over connection options; false disables', () => {
    expect(resolveRetry()).toEqual(DEFAULT_RETRY);
    expect(resolveRetry({ retries: 2 }, { baseDelayMs: 1 })).toEqual({ retries: 2, baseDelayMs: 1, maxDelayMs: 30_000 });
    expect(resolveRetry({ retries: 2 }, false).retries).toBe(0);
  });
});

describe('misc', () => {
  it('CORE_VERSION matches package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CORE_VERSION).toBe(pkg.version);
  });
  it('normalises pins', () => {
    const hex = 'ab'.repeat(32);
    expect(normalisePin(hex.toUpperCase().match(/../g)!.join(':'))).toBe(hex);
    expect(normalisePin('abc')).toBeUndefined();
  });
  it('builds the user agent', () => {
    expect(userAgentString('@cb/response/0.1.0', 'MyTool/1.0')).toBe(`@cb/response/0.1.0 @cb/core/${CORE_VERSION} node/${process.versions.node} MyTool/1.0`);
  });
});
