// Pure helpers: registry type inference, remote paths, timings, the slot semaphore.
import { AbortError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { joinRemote, osTypeFrom, osTypeFromDrives, responseOsType, segment, tempFileName, trimTrailingSeparator } from '../src/internal/paths.js';
import { Slots } from '../src/manager/slots.js';
import { inferRegistryType } from '../src/session/registry.js';
import { DEFAULT_TIMINGS, resolveTimings } from '../src/timing.js';
import { isTransientFailure } from '../src/jobs/transient.js';
import { ConnectionError, ForbiddenError, RateLimitError, ServerError, TimeoutError } from '@cb/core';
import { LiveResponseError, SessionLimitError, UnsupportedCommandError } from '../src/errors.js';
import { isSessionLimitReply, sessionLimitError } from '../src/backends/session-limit.js';
import { ClientError } from '@cb/core';

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
    // Cb Response numbers sensors differently from Defense devices.
    expect([1, 2, 3, '3', 'Windows', 9].map(responseOsType)).toEqual(['windows', 'mac', 'linux', 'linux', 'windows', 'unknown']);
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

  it('lowers its ceiling when the server is full, and a probe raises it again while someone waits', async () => {
    const slots = new Slots(5, { probeDelayMs: 5 });
    for (let i = 0; i < 3; i++) expect(slots.tryAcquire()).toBe(true);
    // The third opening was refused by the server: only the other two fit.
    slots.serverFull();
    slots.release();
    expect(slots.ceiling).toBe(2);
    expect(slots.inUse).toBe(2);
    expect(slots.tryAcquire()).toBe(false);
    // A refused opening goes back first in line; one of ours closing lets it in.
    const later = slots.acquire(undefined);
    let first = false;
    const again = slots.acquire(undefined, { front: true }).then(() => (first = true));
    slots.release();
    await again;
    expect(first).toBe(true);
    // With a waiter and the ceiling below the limit, the probe raises it a step at a time.
    await later;
    expect(slots.ceiling).toBeGreaterThanOrEqual(3);
    expect(slots.inUse).toBe(3);
    // Everything in use refused (other clients hold the server): nothing may try until a probe.
    const lone = new Slots(2, { probeDelayMs: 5 });
    expect(lone.tryAcquire()).toBe(true);
    lone.serverFull();
    lone.release();
    expect(lone.ceiling).toBe(0);
    const waiting = lone.acquire(undefined, { front: true });
    expect(lone.waiting).toBe(1);
    await waiting;
    expect(lone.ceiling).toBe(1);
    lone.rejectAll(new Error('closed'));
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
    // A full server frees a slot when someone closes a session: worth another run.
    expect(isTransientFailure(new SessionLimitError('full', { status: 403 }), { phase: 'setup' })).toBe(true);
  });
});

describe('the session-limit 403', () => {
  it('is recognised from the JSON or text body of each product, and nothing else is', () => {
    const e = (body: unknown, status = 403) => new ClientError('x', { status, body, method: 'POST', path: '/api/v1/cblr/session' });
    expect(isSessionLimitReply(e({ reason: 'session_limit_reached', message: 'session limit reached (10 concurrent Live Response sessions)' }))).toBe(true);
    expect(isSessionLimitReply(e({ success: false, status: 'FORBIDDEN', message: 'session limit reached' }))).toBe(true);
    expect(isSessionLimitReply(e({ error_code: 'FORBIDDEN', message: 'session limit reached' }))).toBe(true);
    expect(isSessionLimitReply(e('Session limit reached'))).toBe(true);
    expect(isSessionLimitReply(e({ error_code: 'FORBIDDEN', message: 'lacks permission org.liveresponse.session (CREATE)' }))).toBe(false);
    expect(isSessionLimitReply(e({ message: 'session limit reached' }, 400))).toBe(false);
    const mapped = sessionLimitError(e({ reason: 'session_limit_reached', message: 'session limit reached (10 concurrent Live Response sessions)' }), 'response');
    expect(mapped).toBeInstanceOf(SessionLimitError);
    expect(mapped).not.toBeInstanceOf(ForbiddenError);
    expect(mapped.limit).toBe(10);
    expect(mapped.message).toContain('POST /api/v1/cblr/session → 403 "session limit reached (10 concurrent Live Response sessions)"');
  });
});
