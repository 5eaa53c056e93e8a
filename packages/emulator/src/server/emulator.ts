// startEmulator: seeded state + the shared core behind a real node:http(s) server on
// 127.0.0.1. With `tls`, a fresh CA issues the server certificate; the CA PEM is returned so
// clients can verify with a custom CA, and the server certificate's fingerprint for pinning.
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createState } from '../data/index.js';
import type { EmulatorState, Scale } from '../data/types.js';
import { createCertificateAuthority, issueCertificate } from '../tls/index.js';
import type { FaultHandle, FaultSpec } from '../faults/types.js';
import { createNodeListener } from './node-adapter.js';
import { reportToStderr } from './report-error.js';
import { createEmulatorCore, type CoreOptions, type EmulatorCore } from './runtime.js';
import type { EmulatorStats } from './stats.js';
import type { RequestLogEntry } from './request-log.js';
import { cloudCredentials, cloudToken, defenseToken } from '../data/hosts/index.js';
import type { LiveResponseControl } from '../routes/live-response/index.js';

export interface StartEmulatorOptions extends CoreOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind (default 127.0.0.1). */
  host?: string;
  /** Seed of the generated dataset (default 42). Ignored when `state` is given. */
  seed?: number;
  /** Dataset size (default 'small'). Ignored when `state` is given. */
  scale?: Scale;
  /** `/api/info` version of the generated dataset. Ignored when `state` is given. */
  serverVersion?: string;
  /** Serve an existing state instead of generating one. */
  state?: EmulatorState;
  /** Serve HTTPS with a certificate for 127.0.0.1/localhost issued by a fresh CA. */
  tls?: boolean;
  /** Use this API token for the admin user (default: the generated one). */
  token?: string;
}

export interface FaultControl {
  add(spec: FaultSpec): FaultHandle;
  clear(): void;
  list(): ReadonlyArray<{ id: number; spec: FaultSpec; hits: number }>;
  /** Restart the fault PRNG from a seed (reproducible rate-based faults). */
  reseed(seed: number): void;
}

export interface CloudAccess {
  orgKey: string;
  /** Custom key with Device and all Live Response permissions. */
  token: string;
  /** Custom key with Device READ only (403 on Live Response). */
  limitedToken: string;
  /** Custom key that may open Live Response sessions and read (list, get, query) but change nothing (403 on put/delete/set/kill/execute). */
  readOnlyToken: string;
}

export interface RunningEmulator {
  /** Base URL, e.g. http://127.0.0.1:54321 (no trailing slash). */
  url: string;
  port: number;
  /** Admin (global admin) API token. */
  token: string;
  /** Token of a read-only user, when the dataset has one. */
  readOnlyToken: string | undefined;
  /** With `tls`: the CA certificate (PEM) that issued the server certificate. */
  caCert: string | undefined;
  /** With `tls`: SHA-256 fingerprint of the server certificate, colon-separated upper-case hex. */
  fingerprint: string | undefined;
  /** The live state (mutations through the API show up here). */
  state: EmulatorState;
  faults: FaultControl;
  /** Request log (only filled with `recordRequests`). */
  requests: RequestLogEntry[];
  stats: EmulatorStats;
  /** The transport-neutral core, for in-process use. */
  core: EmulatorCore;
  /** Carbon Black Cloud org and API keys (`X-Auth-Token: <secret>/<id>`). */
  cloud: CloudAccess;
  /** Cb Defense legacy Live Response key (`<API key>/<connector id>`). */
  defense: { token: string };
  /** Live Response sessions and hosts (inspection and per-host knobs for tests). */
  liveResponse: LiveResponseControl;
  close(): Promise<void>;
}

/** Makes `token` the admin user's API token. */
export function setAdminToken(state: EmulatorState, token: string): void {
  const admin = [...state.users.values()].find((u) => u.auth_token === state.adminToken);
  if (admin) admin.auth_token = token;
  state.adminToken = token;
}

export function readOnlyTokenOf(state: EmulatorState): string | undefined {
  for (const [username, secret] of state.userSecrets) {
    if (secret.role === 'read-only') return state.users.get(username)?.auth_token;
  }
  return undefined;
}

export async function startEmulator(opts: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const genStart = performance.now();
  const state = opts.state ?? createState({ seed: opts.seed ?? 42, scale: opts.scale ?? 'small', serverVersion: opts.serverVersion, adminToken: opts.token });
  const generationMs = opts.state ? state.stats.generationMs : performance.now() - genStart;
  if (opts.token && state.adminToken !== opts.token) setAdminToken(state, opts.token);

  const core = createEmulatorCore(state, { stateGenerationMs: generationMs, ...opts });
  const listener = createNodeListener(core.handle, {
    uploadLimitBytes: core.config.uploadLimitBytes,
    onError: opts.onError ?? ((err) => reportToStderr(err, 'response write failed')),
  });

  let server: Server;
  let caCert: string | undefined;
  let fingerprint: string | undefined;
  if (opts.tls) {
    const ca = createCertificateAuthority({ commonName: 'Cb Emulator Test CA' });
    const cert = issueCertificate(ca, { commonName: 'Self-signed Carbon Black Enterprise Server HTTPS Certificate', altNames: ['127.0.0.1', 'localhost', '::1'] });
    server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, listener);
    caCert = ca.certPem;
    fingerprint = cert.fingerprint256;
  } else {
    server = createHttpServer(listener);
  }
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  const creds = cloudCredentials(state);
  let closed: Promise<void> | undefined;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${urlHost}:${port}`,
    port,
    token: state.adminToken,
    readOnlyToken: readOnlyTokenOf(state),
    caCert,
    fingerprint,
    state,
    faults: {
      add: (spec) => core.faults.add(spec),
      clear: () => core.faults.clear(),
      list: () => core.faults.list(),
      reseed: (seed) => core.faults.reseed(seed),
    },
    requests: core.requests,
    stats: core.stats,
    core,
    cloud: { orgKey: creds.orgKey, token: cloudToken(creds.full), limitedToken: cloudToken(creds.limited), readOnlyToken: cloudToken(creds.readOnly) },
    defense: { token: defenseToken(creds.defense) },
    liveResponse: core.liveResponse,
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive and half-sent (slow/faulted) connections would otherwise hold close().
        server.closeAllConnections();
      })),
  };
}
