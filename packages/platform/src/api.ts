// CBCloudAPI: the Carbon Black Cloud entry point. Credentials come from credentials.psc /
// credentials.cbc profiles (like the CBC SDK), the org key is required, the token must be
// `API Secret Key/API ID`, and replies that give away another product's server become a
// WrongProductError (user-asks E3-E5, E9).
import { BaseAPI, searchBodyPaging, type BaseAPIOptions, type CallOptions, type Logger } from '@cb/core';
import type { LiveResponseManager } from '@cb/live-response';
import { Device } from './models/device.js';
import { sendDeviceAction, type DeviceAction } from './models/device-actions.js';
import { checkCloudCredentials, checkInjectedOrgKey, PLATFORM_CREDENTIAL_FILES } from './credentials.js';
import { createCloudManager, type CloudLiveResponseOptions } from './live-response.js';
import { cloudGuard } from './server-guard.js';
import { PLATFORM_VERSION } from './version.js';

export interface CBCloudAPIOptions extends BaseAPIOptions {
  /** Options of `api.liveResponse` (session budget, keepalive, poll timings...). */
  liveResponse?: CloudLiveResponseOptions | undefined;
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || host.startsWith('127.');
}

export class CBCloudAPI extends BaseAPI {
  /** The org key every platform route embeds (always set: the constructor refuses without one). */
  declare readonly orgKey: string;
  readonly #liveResponseOptions: CloudLiveResponseOptions;
  /** Only a logger the caller gave is handed on; otherwise LR logs under its own namespace. */
  readonly #callerLogger: Logger | undefined;
  #liveResponse: LiveResponseManager | undefined;

  constructor(options: CBCloudAPIOptions = {}) {
    super(options, {
      product: 'platform',
      credentialFileNames: PLATFORM_CREDENTIAL_FILES,
      paging: searchBodyPaging(),
      userAgent: `@cb/platform/${PLATFORM_VERSION}`,
      checkCredentials: checkCloudCredentials,
      wrapRequester: cloudGuard,
      extraOptions: ['liveResponse'],
    });
    this.#liveResponseOptions = options.liveResponse ?? {};
    this.#callerLogger = options.logger;
    if (options.requester) checkInjectedOrgKey(this.orgKey);
    if (!options.requester && this.url.startsWith('http:') && !isLoopback(this.url)) {
      // The CBC SDK refuses non-https URLs; we allow http for local emulators but say why it is risky.
      this.logger?.warn(`${this.url} is not https: the API token would travel in clear text`);
    }
  }

  /**
   * Runs a device action on explicit device ids (`api.deviceAction({ type: 'QUARANTINE', enable: true }, [1, 2])`).
   * For every device matching a search use the query's methods (`select(Device).setOs([...]).quarantine(true)`).
   */
  async deviceAction(action: DeviceAction, deviceIds: readonly number[], options: CallOptions = {}): Promise<void> {
    await sendDeviceAction(this, action, { deviceIds }, options);
    // The cached documents of these devices are stale now.
    await Promise.all(deviceIds.map((id) => this.cache.invalidate(Device, id, this.cacheScope)));
  }

  /**
   * The Live Response session manager (created on first use): `device.lrSession()` and
   * `api.liveResponse.acquire(deviceId)` lease sessions from it; `submitJob()` runs jobs on many devices.
   */
  get liveResponse(): LiveResponseManager {
    this.#liveResponse ??= createCloudManager(this, this.#liveResponseOptions, this.#callerLogger);
    return this.#liveResponse;
  }

  /** Closes every Live Response session this API opened (keepalive timers included). */
  async close(): Promise<void> {
    const manager = this.#liveResponse;
    // A later `api.liveResponse` starts a fresh manager instead of handing out a closed one.
    this.#liveResponse = undefined;
    await manager?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
