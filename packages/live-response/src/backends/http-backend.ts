// What every backend shares: one request helper that routes HTTP errors through mapError
// (the session-limit 403 first), file upload/download under the backend's files route, the
// expired-session test of §3.1, and host-lookup plumbing.
import { ApiError, ObjectNotFoundError, type HttpMethod, type Requester } from '@cb/core';
import { SessionLimitError } from '../errors.js';
import { isRecord, type Json } from '../internal/normalise.js';
import { segment } from '../internal/paths.js';
import type { HostId, SessionId } from '../types.js';
import type { CallContext, FileId, HostInfo, HostInfoProvider, Product } from './backend.js';
import type { Operation } from './permissions.js';
import { isSessionLimitReply, sessionLimitError } from './session-limit.js';

export interface BackendOptions {
  /** The product API's requester (`api.requester`): auth, TLS, retries and logging come from it. */
  requester: Requester;
  /** Replaces the backend's host lookup (OS type and online state). */
  hostInfo?: HostInfoProvider | undefined;
  /** Known server upload limit in bytes: larger uploads fail before anything is sent. */
  uploadLimitBytes?: number | undefined;
  /** A host whose last contact is older than this counts as offline (default 60 min, as the CBC SDK). */
  onlineWindowMs?: number | undefined;
}

export const DEFAULT_ONLINE_WINDOW_MS = 60 * 60_000;

interface JsonCall {
  method?: HttpMethod;
  path: string;
  ctx: CallContext;
  body?: unknown;
  query?: Readonly<Record<string, string | number | boolean>>;
}

export abstract class HttpBackend {
  abstract readonly product: Product;
  readonly requester: Requester;
  readonly uploadLimitBytes: number | undefined;
  protected readonly onlineWindowMs: number;
  readonly #hostInfo: HostInfoProvider | undefined;

  constructor(options: BackendOptions) {
    this.requester = options.requester;
    this.uploadLimitBytes = options.uploadLimitBytes;
    this.onlineWindowMs = options.onlineWindowMs ?? DEFAULT_ONLINE_WINDOW_MS;
    this.#hostInfo = options.hostInfo;
  }

  /** A JSON request whose HTTP errors go through mapError; non-object replies become `{}`. */
  protected async json(operation: Operation, call: JsonCall): Promise<Json> {
    const data = await this.raw(operation, call);
    return isRecord(data) ? data : {};
  }

  protected async raw(operation: Operation, call: JsonCall): Promise<unknown> {
    try {
      const res = await this.requester.request<unknown>({
        method: call.method ?? 'GET',
        path: call.path,
        query: call.query,
        body: call.body,
        signal: call.ctx.signal,
        timeoutMs: call.ctx.timeoutMs,
      });
      return res.data;
    } catch (err) {
      throw this.mapError(err, operation);
    }
  }

  /** The session's files route: `…/session/{id}/file` (cblr) or `…/sessions/{id}/files` (v6). */
  protected abstract filesPath(sessionId: SessionId): string;

  async uploadFile(sessionId: SessionId, body: BodyInit, headers: Readonly<Record<string, string>>, ctx: CallContext): Promise<FileId> {
    try {
      const res = await this.requester.request<unknown>({
        method: 'POST',
        path: this.filesPath(sessionId),
        rawBody: body,
        headers,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
      });
      return uploadedId(res.data);
    } catch (err) {
      throw this.mapError(err, 'put file');
    }
  }

  /** Streams the content (Cloud answers 302; core follows it and drops the token off-origin). */
  downloadFile(sessionId: SessionId, fileId: FileId, ctx: CallContext): Promise<ReadableStream<Uint8Array>> {
    return this.#content<ReadableStream<Uint8Array>>(sessionId, fileId, 'stream', ctx);
  }

  downloadFileBytes(sessionId: SessionId, fileId: FileId, ctx: CallContext): Promise<Uint8Array> {
    return this.#content<Uint8Array>(sessionId, fileId, 'bytes', ctx);
  }

  async #content<T>(sessionId: SessionId, fileId: FileId, responseType: 'stream' | 'bytes', ctx: CallContext): Promise<T> {
    try {
      const res = await this.requester.request<T>({
        path: `${this.filesPath(sessionId)}/${segment(fileId)}/content`,
        responseType,
        signal: ctx.signal,
        timeoutMs: ctx.timeoutMs,
      });
      return res.data;
    } catch (err) {
      throw this.mapError(err, 'get file');
    }
  }

  async hostInfo(hostId: HostId, ctx: CallContext): Promise<HostInfo> {
    if (this.#hostInfo) return this.#hostInfo(hostId, ctx.signal);
    return this.lookupHost(hostId, ctx);
  }

  protected abstract lookupHost(hostId: HostId, ctx: CallContext): Promise<HostInfo>;

  /** §3.1: a 404 whose text starts with "Sensor"/"Session", or JSON `status`/`error_code` NOT_FOUND. */
  isSessionGone(error: unknown): boolean {
    if (!(error instanceof ObjectNotFoundError)) return false;
    const body = error.body;
    if (typeof body === 'string') return /^\s*(sensor|session)/i.test(body);
    if (isRecord(body)) return body['status'] === 'NOT_FOUND' || body['error_code'] === 'NOT_FOUND';
    return false;
  }

  /** Every backend: a 403 "session limit reached" is a SessionLimitError, never a permission error. */
  mapError(error: unknown, operation: Operation): unknown {
    if (error instanceof SessionLimitError) return error;
    if (isSessionLimitReply(error)) return sessionLimitError(error, this.product);
    return this.mapProductError(error, operation);
  }

  /** Product-specific advice for the other HTTP errors (e.g. the permission a 403 lacks). */
  protected mapProductError(error: unknown, _operation: Operation): unknown {
    return error;
  }

  /** Whether an epoch-ms or ISO last-contact time is within the online window. */
  protected recentlySeen(lastContact: unknown, now = Date.now()): boolean | undefined {
    const at = typeof lastContact === 'number' ? lastContact : typeof lastContact === 'string' ? Date.parse(lastContact) : Number.NaN;
    if (!Number.isFinite(at)) return undefined;
    return now - at <= this.onlineWindowMs;
  }
}

/** The uploaded file's id from the upload reply (`{"id": 7, ...}`). */
export function uploadedId(data: unknown): FileId {
  const id = isRecord(data) ? data['id'] : undefined;
  if (typeof id === 'number' || typeof id === 'string') return id;
  throw new ApiError(`The file upload reply carries no file id: ${String(JSON.stringify(data)).slice(0, 200)}`);
}

/** Sensor/device ids go on the wire as numbers when they look like numbers. */
export function wireHostId(hostId: HostId): number | string {
  return typeof hostId === 'string' && /^\d+$/.test(hostId) ? Number(hostId) : hostId;
}

export function sameHost(a: unknown, b: HostId): boolean {
  return a !== undefined && a !== null && String(a) === String(b);
}
