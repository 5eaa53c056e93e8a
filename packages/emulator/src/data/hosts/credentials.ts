// Credentials of the Carbon Black Cloud org and the legacy Cb Defense connector the emulator
// serves next to Cb Response. Derived from the seed (same seed → same keys), kept per state.
// Cloud tokens are `<API secret>/<API ID>` (cbc-live-response.md §1.2); the Defense LR key is
// `<API key>/<connector id>` (defense.md §1.3).
import { Rng, hashSeed } from '../rng.js';
import type { EmulatorState } from '../types.js';

export type Operation = 'CREATE' | 'READ' | 'UPDATE' | 'DELETE' | 'EXECUTE';

export interface CloudApiKey {
  id: string;
  secret: string;
  name: string;
  /** Custom access level: permission name → allowed operations. */
  permissions: Readonly<Record<string, readonly Operation[]>>;
}

export interface LegacyApiKey {
  apiKey: string;
  connectorId: string;
  /** Access level type of the legacy connector. */
  type: 'LIVE_RESPONSE';
}

export interface CloudCredentials {
  orgKey: string;
  orgId: number;
  orgName: string;
  /** Custom key with Device and every Live Response permission. */
  full: CloudApiKey;
  /** Custom key with Device READ only (403 on Live Response). */
  limited: CloudApiKey;
  defense: LegacyApiKey;
  /** Custom key that may open sessions and read (list, get, query) but change nothing (403 on put/delete/set/kill/execute). */
  readOnly: CloudApiKey;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function code(rng: Rng, n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += ALNUM[rng.int(ALNUM.length)];
  return out;
}

const DEVICE_PERMISSIONS: Readonly<Record<string, readonly Operation[]>> = {
  device: ['READ'],
  'device.quarantine': ['EXECUTE'],
  'device.bypass': ['EXECUTE'],
  'device.bg-scan': ['EXECUTE'],
  'device.policy': ['UPDATE'],
  'org.kits': ['EXECUTE'],
  'device.uninstall': ['EXECUTE'],
  'device.deregistered': ['DELETE'],
};

const LR_PERMISSIONS: Readonly<Record<string, readonly Operation[]>> = {
  'org.liveresponse.session': ['CREATE', 'READ', 'DELETE'],
  'org.liveresponse.file': ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  'org.liveresponse.process': ['READ', 'DELETE', 'EXECUTE'],
  'org.liveresponse.registry': ['CREATE', 'READ', 'UPDATE', 'DELETE'],
  'org.liveresponse.memdump': ['READ'],
};

const LR_READ_ONLY: Readonly<Record<string, readonly Operation[]>> = {
  device: ['READ'],
  'org.liveresponse.session': ['CREATE', 'READ', 'DELETE'],
  'org.liveresponse.file': ['READ'],
  'org.liveresponse.process': ['READ'],
  'org.liveresponse.registry': ['READ'],
  'org.liveresponse.memdump': ['READ'],
};

const cache = new WeakMap<EmulatorState, CloudCredentials>();

export function cloudCredentials(state: EmulatorState): CloudCredentials {
  let creds = cache.get(state);
  if (!creds) {
    const rng = new Rng(hashSeed(state.seed, 0xc10d));
    creds = {
      orgKey: code(rng, 8),
      orgId: 1000 + rng.int(9000),
      orgName: 'Emulated Org',
      full: { id: code(rng, 10), secret: code(rng, 24), name: 'emulator-full', permissions: { ...DEVICE_PERMISSIONS, ...LR_PERMISSIONS } },
      limited: { id: code(rng, 10), secret: code(rng, 24), name: 'emulator-device-read', permissions: { device: ['READ'] } },
      defense: { apiKey: code(rng, 24), connectorId: code(rng, 10), type: 'LIVE_RESPONSE' },
      // Drawn last, so the keys above stay what they were for a given seed.
      readOnly: { id: code(rng, 10), secret: code(rng, 24), name: 'emulator-lr-read-only', permissions: LR_READ_ONLY },
    };
    cache.set(state, creds);
  }
  return creds;
}

export const cloudToken = (key: CloudApiKey): string => `${key.secret}/${key.id}`;
export const defenseToken = (key: LegacyApiKey): string => `${key.apiKey}/${key.connectorId}`;
