// The seam between the shared session/command code and the three wire protocols. A backend
// knows its paths, status spellings, id types and quirks; it holds no session state.
import type { Requester } from '@cb/core';
import type { Json } from '../internal/normalise.js';
import type { CommandName, HostId, OsType, SessionId } from '../types.js';
import type { Operation } from './permissions.js';

export type Product = 'response' | 'defense' | 'platform';

/** What a backend can tell about a host before a session is opened. */
export interface HostInfo {
  /** undefined when unknown. */
  readonly osType?: OsType | undefined;
  /** undefined when the backend cannot tell (then the host is treated as online). */
  readonly online?: boolean | undefined;
}

/** Replaces a backend's own host lookup (e.g. a product package answering from its model cache). */
export type HostInfoProvider = (hostId: HostId, signal: AbortSignal | undefined) => Promise<HostInfo>;

/** One command as the shared code asks for it; the backend builds the wire body. */
export interface CommandRequest {
  readonly name: CommandName;
  /** A path, a command line, a registry path or a pid. */
  readonly target?: string | number | undefined;
  /** Extra body fields (`wait`, `output_file`, `file_id`, `overwrite`, ...). */
  readonly extra?: Readonly<Record<string, unknown>> | undefined;
}

export interface CallContext {
  readonly signal?: AbortSignal | undefined;
  /** Per-request timeout (core's default when undefined). */
  readonly timeoutMs?: number | undefined;
}

export type FileId = number | string;

export interface LiveResponseBackend {
  readonly product: Product;
  readonly requester: Requester;
  /** Largest upload the server accepts, when known: larger putFile calls fail before sending. */
  readonly uploadLimitBytes: number | undefined;

  /** An existing pending/active server session for the host to reuse (Cb Response only). */
  findReusableSession(hostId: HostId, ctx: CallContext): Promise<Json | undefined>;
  createSession(hostId: HostId, ctx: CallContext): Promise<Json>;
  getSession(sessionId: SessionId, ctx: CallContext): Promise<Json>;
  /** Throws on failure; callers that must not fail swallow it. */
  closeSession(sessionId: SessionId, ctx: CallContext): Promise<void>;
  keepalive(sessionId: SessionId, ctx: CallContext): Promise<void>;
  listSessions(ctx: CallContext & { activeOnly?: boolean | undefined }): Promise<Json[]>;
  hostInfo(hostId: HostId, ctx: CallContext): Promise<HostInfo>;

  postCommand(sessionId: SessionId, command: CommandRequest, ctx: CallContext): Promise<Json>;
  getCommand(sessionId: SessionId, commandId: number | string, ctx: CallContext): Promise<Json>;
  /** Best effort; a no-op where the product has no cancel. */
  cancelCommand(sessionId: SessionId, commandId: number | string, ctx: CallContext): Promise<void>;
  /** Where the get-file reply keeps the file id (`file_id` or `file_details.file_id`). */
  fileIdOf(posted: Json, completed: Json): FileId | undefined;
  uploadFile(sessionId: SessionId, body: BodyInit, headers: Readonly<Record<string, string>>, ctx: CallContext): Promise<FileId>;
  downloadFile(sessionId: SessionId, fileId: FileId, ctx: CallContext): Promise<ReadableStream<Uint8Array>>;
  downloadFileBytes(sessionId: SessionId, fileId: FileId, ctx: CallContext): Promise<Uint8Array>;

  /** A 404 on the command POST that means "the session expired": re-establish and retry. */
  isSessionGone(error: unknown): boolean;
  /** Rewrites an HTTP error with product-specific advice (e.g. the permission a 403 lacks). */
  mapError(error: unknown, operation: Operation): unknown;
}
