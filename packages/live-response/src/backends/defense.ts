// Cb Defense: `/integrationServices/v3/cblr`, string session ids `"<n>:<deviceId>"`,
// upper-case `ACTIVE`, close with PUT /session. Always creates a new session (no reuse).
import { ApiError, ClientError, ForbiddenError } from '@cb/core';
import { isRecord, type Json } from '../internal/normalise.js';
import { osTypeFrom, segment } from '../internal/paths.js';
import { sameStatus } from '../internal/status.js';
import type { HostId, SessionId } from '../types.js';
import type { CallContext, HostInfo, LiveResponseBackend } from './backend.js';
import { CblrBackend } from './cblr.js';
import { wireHostId, type BackendOptions } from './http-backend.js';
import type { Operation } from './permissions.js';

const GONE_STATUSES = ['DEREGISTERED', 'UNINSTALLED'];

export type CbDefenseBackendOptions = BackendOptions;

export class CbDefenseBackend extends CblrBackend implements LiveResponseBackend {
  readonly product = 'defense' as const;
  protected readonly base = '/integrationServices/v3/cblr';

  async findReusableSession(): Promise<Json | undefined> {
    return undefined;
  }

  createSession(hostId: HostId, ctx: CallContext): Promise<Json> {
    return this.json('session create', {
      method: 'POST',
      path: `${this.base}/session/${segment(hostId)}`,
      body: { sensor_id: wireHostId(hostId) },
      ctx,
    });
  }

  /** The v3 API lists sessions only on some servers (cbapi never does): say so instead of a bare 404/405. */
  override async listSessions(ctx: CallContext & { activeOnly?: boolean | undefined }): Promise<Json[]> {
    try {
      return await super.listSessions(ctx);
    } catch (err) {
      if (err instanceof ClientError && (err.status === 404 || err.status === 405)) {
        throw new ApiError(
          `This Cb Defense server cannot list Live Response sessions (GET ${this.base}/session → ${err.status}); ` +
            'close a known session with closeServerSession(id), or list them through Carbon Black Cloud (PlatformBackend)',
          { method: err.method, path: err.path, cause: err },
        );
      }
      throw err;
    }
  }

  async closeSession(sessionId: SessionId, ctx: CallContext): Promise<void> {
    await this.raw('session close', { method: 'PUT', path: `${this.base}/session`, body: { session_id: sessionId, status: 'CLOSE' }, ctx });
  }

  protected async lookupHost(hostId: HostId, ctx: CallContext): Promise<HostInfo> {
    const reply = await this.json('host lookup', { path: `/integrationServices/v3/device/${segment(hostId)}`, ctx });
    const device = isRecord(reply['deviceInfo']) ? reply['deviceInfo'] : reply;
    const status = device['status'];
    const gone = typeof status === 'string' && GONE_STATUSES.some((s) => sameStatus(status, s));
    return { osType: osTypeFrom(device['deviceType']), online: gone ? false : this.recentlySeen(device['lastContact']) };
  }

  protected override mapProductError(error: unknown, operation: Operation): unknown {
    if (error instanceof ForbiddenError) {
      return new ForbiddenError(
        `${error.message}. Cb Defense Live Response (${operation}) needs an API key of type "Live Response" (token "<key>/<connector id>")`,
        { method: error.method, path: error.path, status: error.status, body: error.body, requestId: error.requestId, attempts: error.attempts, cause: error },
      );
    }
    return super.mapProductError(error, operation);
  }
}
