// Test helper: a CbResponseAPI on the fixture's emulator whose requests (with their JSON bodies,
// as objects) are recorded, so tests can assert on exactly what the SDK sent.
import type { RequestOptions, Requester } from '@cb/core';
import { CbResponseAPI, type CbResponseAPIOptions } from '../../src/index.js';
import type { EmulatorFixture } from '../support/emulator.js';

export interface RecordingApi {
  readonly cb: CbResponseAPI;
  /** Every request made so far. */
  readonly calls: RequestOptions[];
  /** `METHOD /path` of every request so far, then clears the record. */
  take(): string[];
  /** Bodies sent with `method` to `path`. */
  bodies(method: string, path: string): unknown[];
}

export function recordingApi(fx: EmulatorFixture, options: CbResponseAPIOptions = {}): RecordingApi {
  const inner = fx.api(options).requester;
  const calls: RequestOptions[] = [];
  const requester: Requester = {
    baseUrl: inner.baseUrl,
    request: (request) => {
      calls.push(request);
      return inner.request(request);
    },
  };
  return {
    cb: new CbResponseAPI({ requester }),
    calls,
    take: () => calls.splice(0).map((c) => `${c.method ?? 'GET'} ${c.path}`),
    bodies: (method, path) => calls.filter((c) => (c.method ?? 'GET') === method && c.path === path).map((c) => c.body),
  };
}
