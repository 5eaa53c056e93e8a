// Integration-test fixture: a real @cb/emulator on 127.0.0.1 (Cb Response, Carbon Black Cloud
// device and Live Response v6 routes) and a CBCloudAPI bound to its org with the full key.
// Each test file gets its own emulator, so mutations (device actions, LR file systems) never
// leak between files.
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '@cb/emulator';
import { CBCloudAPI, type CBCloudAPIOptions } from '../../src/index.js';

export interface CloudEmulatorFixture {
  readonly emu: RunningEmulator;
  readonly api: CBCloudAPI;
  /** A fresh API object (own cache, own Live Response manager) on the same emulator. */
  newApi(options?: CBCloudAPIOptions): CBCloudAPI;
  /** Requests recorded since the last call, as `METHOD /path` lines (org key shown as {org}). */
  takeRequests(): string[];
}

/** Poll quickly: the emulator answers in milliseconds, tests should too. */
export const FAST_LR: CBCloudAPIOptions['liveResponse'] = {
  keepaliveIntervalMs: 0,
  timings: { session: { timeoutMs: 20_000, delayMs: 20 }, command: { timeoutMs: 20_000, delayMs: 20 } },
};

export function useCloudEmulator(options: StartEmulatorOptions = {}): CloudEmulatorFixture {
  let emu: RunningEmulator | undefined;
  let api: CBCloudAPI | undefined;
  const created: CBCloudAPI[] = [];
  const fixture: CloudEmulatorFixture = {
    get emu() {
      if (!emu) throw new Error('emulator not started yet (use the fixture inside tests)');
      return emu;
    },
    get api() {
      if (!api) throw new Error('emulator not started yet (use the fixture inside tests)');
      return api;
    },
    newApi: (extra = {}) => {
      const made = new CBCloudAPI({
        url: fixture.emu.url,
        token: fixture.emu.cloud.token,
        orgKey: fixture.emu.cloud.orgKey,
        retry: false,
        liveResponse: FAST_LR,
        ...extra,
      });
      created.push(made);
      return made;
    },
    takeRequests: () =>
      fixture.emu.requests.splice(0).map((r) => `${r.method} ${r.path.replace(`/orgs/${fixture.emu.cloud.orgKey}/`, '/orgs/{org}/')}`),
  };
  beforeAll(async () => {
    emu = await startEmulator({ seed: 42, scale: 'small', recordRequests: true, ...options });
    api = fixture.newApi();
  });
  afterAll(async () => {
    await Promise.all(created.map((a) => a.close()));
    await emu?.close();
  });
  return fixture;
}
