// Pure helpers: registry type inference, remote paths, timings, the slot semaphore.
import { AbortError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { joinRemote, osTypeFrom, osTypeFromDrives, segment, tempFileName, trimTrailingSeparator } from '../src/internal/paths.js';
import { Slots } from '../src/manager/slots.js';
import { inferRegistryType } from '../src/session/registry.js';
import { DEFAULT_TIMINGS, resolveTimings } from '../src/timing.js';
import { isTransientFailure } from '../src/jobs/transient.js';
import { ConnectionError, ForbiddenError, RateLimitError, ServerError, TimeoutError } from '@cb/core';
import { LiveResponseError, UnsupportedCommandError } from '../src/errors.js';

describe('inferRegistryType', () => {
  it('follows cbapi, with QWORD for big integers', () => {
    expect(inferRegistryType(5)).toEqual({ type: 'REG_DWORD', data: 5 });
    expect(inferRegistryType(0xffffffff)).toEqual({ type: 'REG_DWORD', data: 0xffffffff });
    expect(inferRegistryType(-1)).toEqual({ type: 'REG_DWORD', data: -1 });
    expect(inferRegistryType(2 ** 33)).toEqual({ type: 'REG_QWORD', data: 2 ** 33 });
    expect(inferRegistryType(1.5)).toEqual({ type: 'REG_SZ', data: '1.5' });
    expect(inferRegistryType(['a', 1])).toEqual({ type: 'REG_MULTI_SZ', data: ['a', '1'] });
    expect(inferRegistryType('x')).toEqual({ type: 'REG_SZ', data: 'x' });
  });
});

describe('remote paths', () => {
  it('joins and trims with the endpoint separator', () => {
    expect(joinRemote('windows', 'C:\\dir', 'sub', 'f.txt')).toBe('C:\\dir\\sub\\f.txt');
    expect(joinRemote('windows', 'C:\\', 'f.txt')).toBe('C:\\f.txt');
    expect(joinRemote('linux', '/tmp', 'x')).toBe('/tmp/x');
    expect(trimTrailingSeparator('windows', 'C:\\dir\\\\')).toBe('C:\\dir');
    expect(trimTrailingSeparator('windows', 'C:\\')).toBe('C:\\');
    expect(trimTrailingSeparator('linux', '/')).toBe('/');
  });

  it('names temp files like cbapi and keeps the colon of session ids in URLs', () => {
    expect(tempFileName('windows')).toMatch(/^c:\\windows\\temp\\cblr\.[A-Za-z0-9]{12}\.tmp$/);
    expect(tempFileName('mac')).toMatch(/^\/tmp\/cblr\.[A-Za-z0-9]{12}\.tmp$/);
    expect(segment('1:2468')).toBe('1:2468');
    expect(segment('a/b')).toBe('a%2Fb');
  });

  it('maps OS spellings', () => {
    expect([1, 2, 4, 'WINDOWS', 'LINUX', 'MAC', 'Windows 10', 'OTHER', undefined].map(osTypeFrom)).toEqual([
      'windows', 'linux', 'mac', 'windows', 'linux', 'mac', 'windows', 'unknown', 'unknown',
    ]);
    expect(osTypeFromDrives(['C:\\'])).toBe('windows');
    expect(osTypeFromDrives(['/'])).toBe('linux');
  });
});

describe('timings', () => {
  it('merges partial overrides over the cbapi defaults', () => {
    expect(DEFAULT_TIMINGS.session).toEqual({ timeoutMs: 360_000, delayMs: 1_000 });
    const t = resolveTimings({ kill: { timeoutMs: 1 }, command: { delayMs: undefined } });
    expect(t.kill).toEqual({ timeoutMs: 1, delayMs: 100 });
    expect(t.command).toEqual(DEFAULT_TIMINGS.command);
  });
});

describe('Slots', () => {
  it('is FIFO, abortable and never over its limit', async () => {
    const slots = new Slots(1);
    expect(slots.tryAcquire()).toBe(true);
    const order: number[] = [];
    const controller = new AbortController();
    const a = slots.acquire(undefined).then(() => order.push(1));
    const b = slots.acquire(controller.signal).then(() => order.push(2));
    const c = slots.acquire(undefined).then(() => order.push(3));
    expect(slots.waiting).toBe(3);
    controller.abort();
    await expect(b).rejects.toBeInstanceOf(AbortError);
    expect(slots.tryAcquire()).toBe(false); // no queue jumping
    slots.release();
    await a;
    slots.release();
    await c;
    expect(order).toEqual([1, 3]);
    expect(slots.inUse).toBe(1);
    slots.release();
    expect(slots.inUse).toBe(0);
    expect(() => new Slots(0)).toThrow(RangeError);
  });
});

describe('isTransientFailure', () => {
  it('retries the network, 429 and 5xx always, session-setup failures only in setup', () => {
    const details = { status: 503 };
    expect(isTransientFailure(new ConnectionError('reset'), { phase: 'job' })).toBe(true);
    expect(isTransientFailure(new RateLimitError('slow down', { status: 429 }), { phase: 'job' })).toBe(true);
    expect(isTransientFailure(new ServerError('down', details), { phase: 'job' })).toBe(true);
    expect(isTransientFailure(new ForbiddenError('no', { status: 403 }), { phase: 'setup' })).toBe(false);
    expect(isTransientFailure(new TimeoutError('slow sensor'), { phase: 'setup' })).toBe(true);
    expect(isTransientFailure(new TimeoutError('slow command'), { phase: 'job' })).toBe(false);
    expect(isTransientFailure(new LiveResponseError('x', { details: {} }), { phase: 'job' })).toBe(false);
    expect(isTransientFailure(new UnsupportedCommandError('kill', 1, []), { phase: 'setup' })).toBe(false);
    expect(isTransientFailure(new AbortError('stop'), { phase: 'setup' })).toBe(false);
    expect(isTransientFailure(new Error('user bug'), { phase: 'job' })).toBe(false);
  });
});
