// Cb Response (EDR): `/api/v1/cblr`, integer session ids, lower-case `active`. Reuses a
// pending/active server session for the sensor (as cbapi does), because the server only has
// ten session slots by default.
import { ApiError, ClientError } from '@cb/core';
import type { Json } from '../internal/normalise.js';
import { responseOsType } from '../internal/paths.js';
import { sameStatus } from '../internal/status.js';
import type { HostId, SessionId } from '../types.js';
import type { CallContext, HostInfo, LiveResponseBackend } from './backend.js';
import { CblrBackend } from './cblr.js';
import { sameHost, wireHostId, type BackendOptions } from './http-backend.js';
import type { Operation } from './permissions.js';
import { segment } from '../internal/paths.js';

export interface CbResponseBackendOptions extends BackendOptions {
  /** Reuse a pending/active server session for the sensor instead of creating one (default true). */
  reuseServerSessions?: boolean | undefined;
}

export class CbResponseBackend extends CblrBackend implements LiveResponseBackend {
  readonly product = 'response' as const;
  protected readonly base = '/api/v1/cblr';
  readonly #reuse: boolean;

  constructor(options: CbResponseBackendOptions) {
    super(options);
    this.#reuse = options.reuseServerSessions ?? true;
  }

  async findReusableSession(hostId: HostId, ctx: CallContext): Promise<Json | undefined> {
    if (!this.#reuse) return undefined;
    const sessions = await this.listSessions({ ...ctx, activeOnly: true });
    return sessions.find(
      (s) => sameHost(s['sensor_id'], hostId) && (sameStatus(s['status'], 'pending') || sameStatus(s['status'], 'active')),
    );
  }

  createSession(hostId: HostId, ctx: CallContext): Promise<Json> {
    return this.json('session create', { method: 'POST', path: `${this.base}/session`, body: { sensor_id: wireHostId(hostId) }, ctx });
  }

  /** The server wants the whole session document back with `status: "close"`. */
  async closeSession(sessionId: SessionId, ctx: CallContext): Promise<void> {
    const doc = await this.json('session close', { path: this.sessionPath(sessionId), ctx });
    await this.raw('session close', { method: 'PUT', path: this.sessionPath(sessionId), body: { ...doc, status: 'close' }, ctx });
  }

  protected async lookupHost(hostId: HostId, ctx: CallContext): Promise<HostInfo> {
    const sensor = await this.json('host lookup', { path: `/api/v1/sensor/${segment(hostId)}`, ctx });
    const status = sensor['status'];
    return {
      osType: responseOsType(sensor['os_type']),
      online: typeof status === 'string' ? sameStatus(status, 'online') : undefined,
    };
  }

  protected override mapProductError(error: unknown, operation: Operation): unknown {
    if (error instanceof ClientError && error.status === 412) {
      return new ApiError(`Live Response is disabled on this Cb Response server (set CbLREnabled=True in cb.conf): ${error.message}`, {
        method: error.method,
        path: error.path,
        cause: error,
      });
    }
    return super.mapProductError(error, operation);
  }
}
