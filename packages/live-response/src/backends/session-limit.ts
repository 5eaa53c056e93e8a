// The server's answer when every Live Response session slot is taken: HTTP 403 with "session
// limit reached" (cbc-live-response.md §3.1/§3.8, user-asks A12). Core maps any 403 to a
// ForbiddenError that blames the key; this one must not read as a missing permission.
import { ClientError } from '@cb/core';
import { SessionLimitError } from '../errors.js';
import { isRecord } from '../internal/normalise.js';
import { formatMs } from '../timing.js';
import type { Product } from './backend.js';

const LIMIT_TEXT = /session[\s_-]*limit/i;

const PRODUCT_NAMES: Readonly<Record<Product, string>> = {
  response: 'the Cb Response server',
  defense: 'Cb Defense (the Carbon Black Cloud org)',
  platform: 'the Carbon Black Cloud org',
};

const ADVICE: Readonly<Record<Product, string>> = {
  response: 'the server has a fixed number of concurrent sessions (10 by default)',
  defense: 'the org allows 100 sessions, shared with every user and tool',
  platform: 'the org allows 100 sessions, shared with every user and tool',
};

/** The server's own words from an error body (JSON `message`/`reason`, or the text). */
export function serverText(body: unknown): string {
  if (typeof body === 'string') return body.trim().slice(0, 300);
  if (isRecord(body)) {
    for (const key of ['message', 'reason', 'error_code', 'status']) {
      const value = body[key];
      if (typeof value === 'string' && value !== '') return value.slice(0, 300);
    }
  }
  return '';
}

/** A 403 whose body says the session limit is reached. */
export function isSessionLimitReply(error: unknown): error is ClientError {
  if (!(error instanceof ClientError) || error.status !== 403) return false;
  const body = error.body;
  if (typeof body === 'string') return LIMIT_TEXT.test(body);
  return isRecord(body) && Object.values(body).some((v) => typeof v === 'string' && LIMIT_TEXT.test(v));
}

/** `session limit reached (10 concurrent ...)` → 10. */
function limitOf(text: string): number | undefined {
  const match = /\((\d+)\b/.exec(text) ?? /limit(?: of)?\D{0,20}(\d+)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

export function sessionLimitError(error: ClientError, product: Product): SessionLimitError {
  const said = serverText(error.body);
  const limit = limitOf(said);
  return new SessionLimitError(
    `No free Live Response session slot on ${PRODUCT_NAMES[product]}: ${error.method ?? 'POST'} ${error.path ?? ''} → ${error.status}` +
      `${said ? ` "${said}"` : ''}. This is not a permission problem: ${ADVICE[product]}; a session can be opened once another ` +
      'one closes (list and close stale ones with listServerSessions()/closeServerSession(), or lower maxSessions/concurrency).',
    {
      method: error.method,
      path: error.path,
      status: error.status,
      body: error.body,
      requestId: error.requestId,
      attempts: error.attempts,
      cause: error,
      limit,
    },
  );
}

/** The manager's final error after waiting `waitedMs` for a slot without getting one. */
export function sessionLimitTimeout(last: SessionLimitError, hostId: string | number, waitedMs: number): SessionLimitError {
  return new SessionLimitError(
    `No Live Response session slot became free for host ${hostId} within ${formatMs(waitedMs)}. ${last.message}`,
    {
      method: last.method,
      path: last.path,
      status: last.status,
      body: last.body,
      requestId: last.requestId,
      attempts: last.attempts,
      cause: last,
      limit: last.limit,
      waitedMs,
    },
  );
}
