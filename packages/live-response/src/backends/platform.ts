// Carbon Black Cloud Live Response v6 (`/appservices/v6/orgs/{org}/liveresponse`): string
// session ids, upper-case statuses (commands may answer in lower case), the command target in
// `path` (kill: `pid`), get-file ids under `file_details`, file content behind a 302, DELETE
// to close, granular RBAC (cbc-live-response.md §3).
import { ConfigurationError, ForbiddenError } from '@cb/core';
import { LiveResponsePermissionError } from '../errors.js';
import { isRecord, type Json } from '../internal/normalise.js';
import { osTypeFrom, segment } from '../internal/paths.js';
import { sameStatus } from '../internal/status.js';
import type { HostId, SessionId } from '../types.js';
import type { CallContext, CommandRequest, FileId, HostInfo, LiveResponseBackend } from './backend.js';
import { HttpBackend, wireHostId, type BackendOptions } from './http-backend.js';
import { permissionNote, requiredPermission, type Operation } from './permissions.js';

const GONE_STATUSES = ['DEREGISTERED', 'UNINSTALLED', 'INACTIVE'];

export interface PlatformBackendOptions extends BackendOptions {
  /** The org key (`api.requireOrgKey()`): every v6 route embeds it. */
  orgKey: string;
}

export class PlatformBackend extends HttpBackend implements LiveResponseBackend {
  readonly product = 'platform' as const;
  readonly #base: string;
  readonly #devices: string;

  constructor(options: PlatformBackendOptions) {
    super(options);
    if (!options.orgKey) throw new ConfigurationError('Carbon Black Cloud Live Response needs an org key (orgKey)');
    this.#base = `/appservices/v6/orgs/${segment(options.orgKey)}/liveresponse`;
    this.#devices = `/appservices/v6/orgs/${segment(options.orgKey)}/devices`;
  }

  #session(sessionId: SessionId): string {
    return `${this.#base}/sessions/${segment(sessionId)}`;
  }

  async findReusableSession(): Promise<Json | undefined> {
    return undefined;
  }

  createSession(hostId: HostId, ctx: CallContext): Promise<Json> {
    return this.json('session create', { method: 'POST', path: `${this.#base}/sessions`, body: { device_id: wireHostId(hostId) }, ctx });
  }

  getSession(sessionId: SessionId, ctx: CallContext): Promise<Json> {
    return this.json('session poll', { path: this.#session(sessionId), ctx });
  }

  async closeSession(sessionId: SessionId, ctx: CallContext): Promise<void> {
    await this.raw('session close', { method: 'DELETE', path: this.#session(sessionId), ctx });
  }

  async keepalive(sessionId: SessionId, ctx: CallContext): Promise<void> {
    await this.raw('session keepalive', { path: `${this.#session(sessionId)}/keepalive`, ctx });
  }

  async listSessions(ctx: CallContext & { activeOnly?: boolean | undefined }): Promise<Json[]> {
    const data = await this.raw('session list', { path: `${this.#base}/sessions`, ctx });
    const list = Array.isArray(data) ? data : isRecord(data) && Array.isArray(data['results']) ? data['results'] : [];
    const sessions = (list as unknown[]).filter(isRecord);
    return ctx.activeOnly ? sessions.filter((s) => sameStatus(s['status'], 'active') || sameStatus(s['status'], 'pending')) : sessions;
  }

  protected async lookupHost(hostId: HostId, ctx: CallContext): Promise<HostInfo> {
    const device = await this.json('host lookup', { path: `${this.#devices}/${segment(hostId)}`, ctx });
    const status = device['status'];
    const gone = typeof status === 'string' && GONE_STATUSES.some((s) => sameStatus(status, s));
    return { osType: osTypeFrom(device['os']), online: gone ? false : this.recentlySeen(device['last_contact_time']) };
  }

  postCommand(sessionId: SessionId, command: CommandRequest, ctx: CallContext): Promise<Json> {
    const body: Record<string, unknown> = { ...command.extra, name: command.name, session_id: sessionId };
    if (command.target !== undefined) body[command.name === 'kill' ? 'pid' : 'path'] = command.target;
    return this.json(command.name, { method: 'POST', path: `${this.#session(sessionId)}/commands`, body, ctx });
  }

  getCommand(sessionId: SessionId, commandId: number | string, ctx: CallContext): Promise<Json> {
    return this.json('session poll', { path: `${this.#session(sessionId)}/commands/${segment(commandId)}`, ctx });
  }

  /** The server only cancels PENDING commands; anything else is left to finish. */
  async cancelCommand(sessionId: SessionId, commandId: number | string, ctx: CallContext): Promise<void> {
    await this.raw('command cancel', { method: 'DELETE', path: `${this.#session(sessionId)}/commands/${segment(commandId)}`, ctx });
  }

  fileIdOf(posted: Json, completed: Json): FileId | undefined {
    for (const doc of [posted, completed]) {
      const details = doc['file_details'];
      const id = isRecord(details) ? details['file_id'] : doc['file_id'];
      if (typeof id === 'number' || typeof id === 'string') return id;
    }
    return undefined;
  }

  protected filesPath(sessionId: SessionId): string {
    return `${this.#session(sessionId)}/files`;
  }

  /** A 403 names the permission the key lacks (the table of cbc-live-response.md §3.5). */
  protected override mapProductError(error: unknown, operation: Operation): unknown {
    if (error instanceof ForbiddenError && !(error instanceof LiveResponsePermissionError)) {
      const need = requiredPermission(operation);
      const message =
        `Carbon Black Cloud refused "${operation}" (403): the API key needs ${need.permission} ${need.operations.join('+')}` +
        `${permissionNote(operation)} in its Custom access level. (${error.message})`;
      return new LiveResponsePermissionError(message, {
        method: error.method,
        path: error.path,
        status: error.status,
        body: error.body,
        requestId: error.requestId,
        attempts: error.attempts,
        cause: error,
        permission: need.permission,
        operations: need.operations,
        operation,
      });
    }
    return error;
  }
}
