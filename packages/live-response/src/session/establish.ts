// Opening a server session and waiting until it is active (live-response.md §2.1). On ANY
// failure (deadline, error status, abort, HTTP error, exception) the session this call created
// or picked up is closed before the error is rethrown: a pending session left behind eats one
// of the server's few slots (user-asks A1).
import { ObjectNotFoundError, TimeoutError, type Logger } from '@cb/core';
import type { LiveResponseBackend } from '../backends/backend.js';
import { LiveResponseError } from '../errors.js';
import { abortError, sleep, throwIfAborted, timeoutSignal } from '../internal/abort.js';
import { sessionIdOf, type Json } from '../internal/normalise.js';
import { sameStatus, statusOf } from '../internal/status.js';
import { formatMs } from '../timing.js';
import { pollRequestTimeout } from './command.js';
import type { HostId, PollTiming, SessionId } from '../types.js';

/** Statuses after which a session will never become active. */
const DEAD_STATUSES = ['error', 'close', 'closed', 'timeout', 'cancelled', 'canceled', 'not_found'];

export const CLOSE_TIMEOUT_MS = 30_000;

export interface EstablishOptions {
  readonly signal?: AbortSignal | undefined;
  readonly timing: PollTiming;
  readonly logger: Logger;
}

export interface Established {
  readonly id: SessionId;
  readonly doc: Json;
}

/** Closes a session, never throwing and never hanging longer than CLOSE_TIMEOUT_MS. */
export async function closeQuietly(backend: LiveResponseBackend, sessionId: SessionId, hostId: HostId, logger: Logger): Promise<void> {
  try {
    // Not the caller's signal: an aborted caller is exactly when the close must still go out.
    await backend.closeSession(sessionId, { signal: timeoutSignal(CLOSE_TIMEOUT_MS) });
    logger.debug(`Live Response session ${sessionId} for host ${hostId} closed`);
  } catch (err) {
    logger.warn(`Could not close Live Response session ${sessionId} for host ${hostId}: ${(err as Error).message}`);
  }
}

export async function establishSession(
  backend: LiveResponseBackend,
  hostId: HostId,
  options: EstablishOptions,
  onReady?: (established: Established) => Promise<void>,
): Promise<Established> {
  const { signal, timing, logger } = options;
  throwIfAborted(signal, `Opening a Live Response session for host ${hostId}`);
  const deadline = Date.now() + timing.timeoutMs;
  let id: SessionId | undefined;
  try {
    let doc = await backend.findReusableSession(hostId, { signal });
    if (doc) {
      logger.debug(`Reusing server session ${String(sessionIdOf(doc))} for host ${hostId}`);
    } else {
      // Deliberately without the caller's signal: if the caller aborts while this POST is in
      // flight, the server may still create the session, and we need its id to close it.
      doc = await backend.createSession(hostId, {});
    }
    id = sessionIdOf(doc);
    if (id === undefined) throw new LiveResponseError(`The server did not return a session id for host ${hostId}`, { details: doc, hostId });
    for (let polls = 0; ; polls++) {
      throwIfAborted(signal, `Opening a Live Response session for host ${hostId}`);
      const status = statusOf(doc);
      if (sameStatus(status, 'active')) break;
      if (DEAD_STATUSES.some((s) => sameStatus(status, s))) {
        throw new LiveResponseError(`Live Response session ${id} for host ${hostId} ended with status "${status}" before it became active`, {
          details: doc,
          hostId,
          sessionId: id,
        });
      }
      const outOfTime = (cause?: unknown): TimeoutError =>
        new TimeoutError(
          `Could not establish a Live Response session with host ${hostId} within ${formatMs(timing.timeoutMs)} ` +
            `(session ${id} still "${status || 'pending'}" after ${polls + 1} checks; the sensor may be offline)`,
          { timeoutMs: timing.timeoutMs, cause },
        );
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw outOfTime();
      // The first status request goes out at once (the create reply is always pending).
      if (polls > 0) await sleep(Math.min(timing.delayMs, remaining), signal, 'Waiting for the session');
      try {
        doc = await pollOnce(backend, id, hostId, doc, signal, deadline);
      } catch (err) {
        // A status request cut short by the setup deadline is that deadline, not a network problem.
        if (err instanceof TimeoutError && !signal?.aborted && Date.now() >= deadline) throw outOfTime(err);
        throw err;
      }
    }
    const established = { id, doc };
    if (onReady) await onReady(established);
    return established;
  } catch (err) {
    if (id !== undefined) await closeQuietly(backend, id, hostId, logger);
    if (signal?.aborted) throw abortError(signal, `Opening a Live Response session for host ${hostId}`);
    throw err;
  }
}

async function pollOnce(
  backend: LiveResponseBackend,
  id: SessionId,
  hostId: HostId,
  last: Json,
  signal: AbortSignal | undefined,
  deadline: number,
): Promise<Json> {
  try {
    return await backend.getSession(id, { signal, timeoutMs: pollRequestTimeout(deadline) });
  } catch (err) {
    if (err instanceof ObjectNotFoundError) {
      throw new LiveResponseError(`Live Response session ${id} for host ${hostId} disappeared while it was being established`, {
        details: last,
        hostId,
        sessionId: id,
        cause: err,
      });
    }
    throw err;
  }
}
