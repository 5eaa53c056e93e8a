// Live Response errors. All extend core's ApiError, so one `catch (e) { if (e instanceof
// ApiError) ... }` covers the whole SDK; the permission error also is a ForbiddenError.
import { ApiError, ClientError, ForbiddenError, type ErrorContext, type ServerErrorDetails } from '@cb/core';
import type { CommandName, HostId, SessionId } from './types.js';
import { decodeHResult } from './win32.js';

export interface LiveResponseErrorContext extends ErrorContext {
  /** The command (or session) JSON as the server sent it. */
  details: Readonly<Record<string, unknown>>;
  hostId?: HostId | undefined;
  sessionId?: SessionId | undefined;
  /** The command name, or undefined for a session failure. */
  command?: string | undefined;
}

/**
 * A command (or session) reached the status `error`. Carries the server's JSON, the HRESULT
 * (`win32Error`, unsigned) with its decoded name, and `result_desc` verbatim.
 */
export class LiveResponseError extends ApiError {
  static override readonly errorName: string = 'LiveResponseError';
  readonly details: Readonly<Record<string, unknown>>;
  readonly hostId: HostId | undefined;
  readonly sessionId: SessionId | undefined;
  readonly command: string | undefined;
  /** The command's status as sent (`error`, `ERROR`, `CANCELLED`...). */
  readonly commandStatus: string | undefined;
  readonly resultType: string | undefined;
  readonly resultCode: unknown;
  readonly resultDesc: string | undefined;
  /** The HRESULT as an unsigned 32-bit number, when `result_type` is `WinHresult`. */
  readonly win32Error: number | undefined;
  /** e.g. `ERROR_FILE_NOT_FOUND`; '' when unknown or not a Win32 HRESULT. */
  readonly decodedWin32Error: string;

  constructor(message: string, context: LiveResponseErrorContext) {
    super(message, context);
    const d = context.details;
    this.details = d;
    this.hostId = context.hostId;
    this.sessionId = context.sessionId;
    this.command = context.command;
    this.commandStatus = typeof d['status'] === 'string' ? d['status'] : undefined;
    this.resultType = typeof d['result_type'] === 'string' ? d['result_type'] : undefined;
    this.resultCode = d['result_code'];
    this.resultDesc = typeof d['result_desc'] === 'string' && d['result_desc'] !== '' ? d['result_desc'] : undefined;
    const decoded = this.resultType?.toLowerCase() === 'winhresult' ? decodeHResult(d['result_code']) : undefined;
    this.win32Error = decoded?.code;
    this.decodedWin32Error = decoded?.name ?? '';
  }

  /** Builds the error for a failed (or cancelled) command, with a message that says what failed. */
  static fromCommand(
    details: Readonly<Record<string, unknown>>,
    where: { hostId: HostId; sessionId: SessionId; command: CommandName; target?: unknown; method?: string; path?: string },
  ): LiveResponseError {
    const target = where.target === undefined || where.target === null || where.target === '' ? '' : ` (${String(where.target)})`;
    const status = String(details['status'] ?? 'error');
    const head =
      status.toLowerCase() === 'cancelled'
        ? `"${where.command}"${target} on host ${where.hostId} was cancelled`
        : `"${where.command}"${target} failed on host ${where.hostId}`;
    return new LiveResponseError(`${head}: ${describeResult(details)}`, {
      details,
      hostId: where.hostId,
      sessionId: where.sessionId,
      command: where.command,
      method: where.method,
      path: where.path,
    });
  }
}

/** `Win32 error code 0x80070002 (ERROR_FILE_NOT_FOUND): File not found`, or the raw result fields. */
export function describeResult(details: Readonly<Record<string, unknown>>): string {
  const type = details['result_type'];
  const desc = typeof details['result_desc'] === 'string' && details['result_desc'] ? `: ${details['result_desc']}` : '';
  if (typeof type === 'string' && type.toLowerCase() === 'winhresult') {
    const decoded = decodeHResult(details['result_code']);
    if (!decoded) return `Unknown Win32 error code ${JSON.stringify(details['result_code'])}${desc}`;
    return `Win32 error code ${decoded.hex}${decoded.name ? ` (${decoded.name})` : ''}${desc}`;
  }
  const parts: string[] = [`status ${JSON.stringify(details['status'] ?? 'error')}`];
  if (type !== undefined) parts.push(`result_type ${JSON.stringify(type)}`);
  if (details['result_code'] !== undefined) parts.push(`result_code ${JSON.stringify(details['result_code'])}`);
  return `${parts.join(', ')}${desc}`;
}

/** The session does not list the command in `supported_commands` (e.g. `reg *` on Linux). */
export class UnsupportedCommandError extends ApiError {
  static override readonly errorName: string = 'UnsupportedCommandError';
  readonly command: string;
  readonly hostId: HostId;
  readonly supportedCommands: readonly string[];
  constructor(command: string, hostId: HostId, supportedCommands: readonly string[]) {
    super(
      `Command "${command}" is not supported by the sensor of host ${hostId} ` +
        `(it supports: ${supportedCommands.length > 0 ? supportedCommands.join(', ') : 'nothing'})`,
    );
    this.command = command;
    this.hostId = hostId;
    this.supportedCommands = supportedCommands;
  }
}

/** A command was issued on a session that was closed (or released back to its manager). */
export class SessionClosedError extends ApiError {
  static override readonly errorName: string = 'SessionClosedError';
  readonly hostId: HostId;
  constructor(hostId: HostId, what = 'command') {
    super(`The Live Response session for host ${hostId} is closed: cannot run ${what}`);
    this.hostId = hostId;
  }
}

/** A job's host stayed offline for the whole time-to-live. */
export class OfflineError extends ApiError {
  static override readonly errorName: string = 'OfflineError';
  readonly hostId: HostId;
  readonly ttlMs: number;
  constructor(hostId: HostId, ttlMs: number) {
    super(`Host ${hostId} stayed offline for ${Math.round(ttlMs / 1000)} s; the Live Response job was not run`);
    this.hostId = hostId;
    this.ttlMs = ttlMs;
  }
}

export interface PermissionErrorDetails extends ServerErrorDetails {
  /** The permission family, e.g. `org.liveresponse.file`. */
  permission: string;
  /** The operations needed on it, e.g. `['READ', 'DELETE']`. */
  operations: readonly string[];
  /** What was attempted: a command name or a session operation. */
  operation: string;
}

/** 403 on Carbon Black Cloud, naming the permission the API key lacks. */
export class LiveResponsePermissionError extends ForbiddenError {
  static override readonly errorName: string = 'LiveResponsePermissionError';
  readonly permission: string;
  readonly operations: readonly string[];
  readonly operation: string;
  constructor(message: string, details: PermissionErrorDetails) {
    super(message, details);
    this.permission = details.permission;
    this.operations = details.operations;
    this.operation = details.operation;
  }
}

export interface SessionLimitErrorDetails extends ServerErrorDetails {
  /** The server's session limit when its reply names it (Cb Response: "10 concurrent ..."). */
  limit?: number | undefined;
  /** How long the manager waited for a free slot before giving up (undefined: it did not wait). */
  waitedMs?: number | undefined;
}

/**
 * The server has no free Live Response session slot: its 403 "session limit reached" (Cb
 * Response's concurrent-session slots, 10 by default; Carbon Black Cloud's 100 sessions per
 * org, Defense included). Not a permission problem: a session can be opened once another one
 * closes. The manager waits and retries on its own; this error surfaces when it gives up.
 */
export class SessionLimitError extends ClientError {
  static override readonly errorName: string = 'SessionLimitError';
  readonly limit: number | undefined;
  readonly waitedMs: number | undefined;
  constructor(message: string, details: SessionLimitErrorDetails) {
    super(message, details);
    this.limit = details.limit;
    this.waitedMs = details.waitedMs;
  }
}
