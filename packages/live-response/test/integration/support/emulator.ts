// Integration-test fixture: a real @cb/emulator on 127.0.0.1 and the three Live Response
// backends over real core Connections. Each test file starts its own emulator, so host
// mutations (files, registry, processes) never leak between files.
//
// The Cb Defense backend is built exactly as the README's "Cb Defense" section tells users to:
// a `credentials.defense` profile with the `<API key>/<connector id>` token, resolveCredentials,
// a core Connection and `new CbDefenseBackend({ requester })`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Connection, resolveCredentials, type Logger } from '@cb/core';
import {
  cloudCredentials,
  cloudToken,
  deviceIdOf,
  startEmulator,
  type RunningEmulator,
  type SessionSummary,
  type StartEmulatorOptions,
} from '@cb/emulator';
import {
  CbDefenseBackend,
  CbResponseBackend,
  LiveResponseManager,
  PlatformBackend,
  type HostId,
  type LiveResponseBackend,
  type LiveResponseManagerOptions,
  type TimingOverrides,
} from '../../../src/index.js';

export type BackendKind = 'response' | 'defense' | 'platform';
export const KINDS: readonly BackendKind[] = ['response', 'defense', 'platform'];

/** Poll quickly: the emulator answers in milliseconds. Budgets stay generous for a loaded machine. */
export const FAST: TimingOverrides = {
  session: { timeoutMs: 20_000, delayMs: 10 },
  command: { timeoutMs: 20_000, delayMs: 5 },
  kill: { timeoutMs: 5_000, delayMs: 5 },
  createProcess: { timeoutMs: 20_000, delayMs: 5 },
  memdump: { timeoutMs: 20_000, delayMs: 5 },
};

export const quietLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface BackendOverrides {
  /** Carbon Black Cloud only: another API key of the emulator's org. */
  token?: string;
  uploadLimitBytes?: number;
}

export interface LrFixture {
  readonly emu: RunningEmulator;
  /** A fresh backend on its own Connection (closed after the file's tests). */
  backend(kind: BackendKind, overrides?: BackendOverrides): LiveResponseBackend;
  /** A manager with fast timings and no keepalive unless overridden (closed after each test). */
  manager(kind: BackendKind, options?: Partial<LiveResponseManagerOptions>): LiveResponseManager;
  /** How the backend names the emulator's sensor: the sensor id, or the Defense/Cloud device id. */
  hostId(kind: BackendKind, sensorId: number): HostId;
  /** The Cloud key that may open sessions and read, but not change anything. */
  readonly readOnlyCloudToken: string;
  /** Server-side sessions that are pending or active, over all three products. */
  openOnServer(): number;
  /** The emulator's sessions of one product (ids repeat across Defense and Cloud: `n:deviceId`). */
  serverSessions(kind: BackendKind): SessionSummary[];
}

const EMULATOR_BACKEND = { response: 'response', defense: 'defense', platform: 'cloud' } as const;

export function useLrEmulator(options: StartEmulatorOptions = {}): LrFixture {
  let emu: RunningEmulator | undefined;
  let dir: string | undefined;
  const connections: Connection[] = [];
  const managers: LiveResponseManager[] = [];

  const connection = (product: string, url: string, token: string): Connection => {
    const made = new Connection({ credentials: resolveCredentials({ product, env: {}, url, token }), logger: quietLogger, env: {} });
    connections.push(made);
    return made;
  };

  const fixture: LrFixture = {
    get emu() {
      if (!emu) throw new Error('emulator not started yet (use the fixture inside tests)');
      return emu;
    },
    get readOnlyCloudToken() {
      return cloudToken(cloudCredentials(fixture.emu.state).readOnly);
    },
    backend(kind, overrides = {}) {
      const e = fixture.emu;
      const extra = { uploadLimitBytes: overrides.uploadLimitBytes };
      switch (kind) {
        case 'response':
          return new CbResponseBackend({ requester: connection('response', e.url, e.token), ...extra });
        case 'defense':
          return defenseBackendFromProfile(defenseCredentialsFile(), extra.uploadLimitBytes);
        case 'platform':
          return new PlatformBackend({
            requester: connection('platform', e.url, overrides.token ?? e.cloud.token),
            orgKey: e.cloud.orgKey,
            ...extra,
          });
      }
    },
    manager(kind, managerOptions = {}) {
      const made = new LiveResponseManager({
        backend: fixture.backend(kind),
        timings: FAST,
        keepaliveIntervalMs: 0,
        logger: quietLogger,
        ...managerOptions,
      });
      managers.push(made);
      return made;
    },
    hostId: (kind, sensorId) => (kind === 'response' ? sensorId : deviceIdOf(sensorId)),
    openOnServer: () => fixture.emu.liveResponse.openSessions().total,
    serverSessions: (kind) => fixture.emu.liveResponse.sessions(EMULATOR_BACKEND[kind]),
  };

  /** A credentials.defense file as a Defense user keeps it (mode 0600). */
  function defenseCredentialsFile(): string {
    dir ??= mkdtempSync(join(tmpdir(), 'cb-lr-defense-'));
    const file = join(dir, 'credentials.defense');
    writeFileSync(file, `[default]\nurl=${fixture.emu.url}\ntoken=${fixture.emu.defense.token}\nssl_verify=False\n`, { mode: 0o600 });
    return file;
  }

  /** The README's recipe (with the file location made explicit). */
  function defenseBackendFromProfile(credentialFiles: string, uploadLimitBytes: number | undefined): CbDefenseBackend {
    const requester = new Connection({
      credentials: resolveCredentials({ product: 'defense', profile: 'default', credentialFiles, env: {} }),
      logger: quietLogger,
      env: {},
    });
    connections.push(requester);
    return new CbDefenseBackend({ requester, uploadLimitBytes });
  }

  beforeAll(async () => {
    emu = await startEmulator({
      seed: 42,
      scale: 'small',
      recordRequests: true,
      ...options,
      liveResponse: { sessionLatencyMs: 10, commandLatencyMs: 4, ...options.liveResponse },
    });
  });
  afterEach(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
  });
  afterAll(async () => {
    await Promise.all(managers.splice(0).map((m) => m.close()));
    await Promise.all(connections.splice(0).map((c) => c.close()));
    await emu?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return fixture;
}

/** Resolves when `check` is true, polling on real timers (bounded). */
export async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
