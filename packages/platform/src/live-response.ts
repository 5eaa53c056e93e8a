// Live Response v6 for Carbon Black Cloud, through @cb/live-response: the platform backend
// (`/appservices/v6/orgs/{org}/liveresponse`) behind one lazily created LiveResponseManager per
// API object, as the CBC SDK's `api.live_response` (cbc-live-response.md §3, §4.1).
import { ConfigurationError, type Logger, type ModelHost, type Requester } from '@cb/core';
import {
  LiveResponseManager,
  PlatformBackend,
  type AcquireOptions,
  type LiveResponseManagerOptions,
  type OsType,
} from '@cb/live-response';

/** `CBCloudAPIOptions.liveResponse`: the manager's options, plus the backend's. */
export interface CloudLiveResponseOptions extends Omit<LiveResponseManagerOptions, 'backend'> {
  /** A device whose last contact is older than this counts as offline (default 60 min). */
  onlineWindowMs?: number | undefined;
}

/** Options of `device.lrSession()`. */
export type LrSessionOptions = Omit<AcquireOptions, 'osType'>;

export interface CloudHost {
  readonly requester: Requester;
  readonly orgKey: string;
}

export function createCloudManager(host: CloudHost, options: CloudLiveResponseOptions = {}, logger?: Logger): LiveResponseManager {
  const { onlineWindowMs, ...managerOptions } = options;
  const backend = new PlatformBackend({
    requester: host.requester,
    orgKey: host.orgKey,
    onlineWindowMs,
    uploadLimitBytes: options.uploadLimitBytes,
  });
  return new LiveResponseManager({ ...(logger ? { logger } : {}), ...managerOptions, backend });
}

/** The LR OS type of a device `os` (WINDOWS/LINUX/MAC); undefined lets the backend look it up. */
export function lrOsType(os: unknown): OsType | undefined {
  switch (typeof os === 'string' ? os.toUpperCase() : '') {
    case 'WINDOWS':
      return 'windows';
    case 'LINUX':
      return 'linux';
    case 'MAC':
      return 'mac';
    default:
      return undefined;
  }
}

/** An API object that can open Live Response sessions (CBCloudAPI). */
export interface LiveResponseHost {
  readonly liveResponse: LiveResponseManager;
}

export function liveResponseOf(host: ModelHost): LiveResponseManager {
  const manager = (host as Partial<LiveResponseHost>).liveResponse;
  if (!(manager instanceof LiveResponseManager)) {
    throw new ConfigurationError('This Device does not belong to a CBCloudAPI: Live Response needs api.liveResponse');
  }
  return manager;
}
