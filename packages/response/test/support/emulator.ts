// Integration-test fixture: a real @cb/emulator on 127.0.0.1 and a CbResponseAPI bound to it.
// Each test file gets its own emulator (own state), so mutations never leak between files.
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '@cb/emulator';
import { CbResponseAPI, type CbResponseAPIOptions } from '../../src/index.js';

export interface EmulatorFixture {
  readonly emu: RunningEmulator;
  readonly cb: CbResponseAPI;
  /** A fresh API object (own cache) on the same emulator. */
  api(options?: CbResponseAPIOptions): CbResponseAPI;
  /** Requests recorded since the last call (method + path + query), then clears the log. */
  takeRequests(): string[];
}

/** Starts an emulator before the file's tests and closes it after them. */
export function useEmulator(options: StartEmulatorOptions = {}): EmulatorFixture {
  let emu: RunningEmulator | undefined;
  let cb: CbResponseAPI | undefined;
  const fixture: EmulatorFixture = {
    get emu() {
      if (!emu) throw new Error('emulator not started yet (use the fixture inside tests)');
      return emu;
    },
    get cb() {
      if (!cb) throw new Error('emulator not started yet (use the fixture inside tests)');
      return cb;
    },
    api: (extra = {}) => new CbResponseAPI({ url: fixture.emu.url, token: fixture.emu.token, retry: false, ...extra }),
    takeRequests: () => {
      const log = fixture.emu.requests.splice(0);
      return log.map((r) => {
        const qs = new URLSearchParams();
        for (const [k, v] of Object.entries(r.query)) for (const one of Array.isArray(v) ? v : [v]) qs.append(k, one);
        const q = qs.toString();
        return `${r.method} ${r.path}${q ? `?${q}` : ''}`;
      });
    },
  };
  beforeAll(async () => {
    emu = await startEmulator({ seed: 42, scale: 'small', recordRequests: true, ...options });
    cb = fixture.api();
  });
  afterAll(async () => {
    await emu?.close();
  });
  return fixture;
}
