// The one implementation every command goes through: supported-command check, POST with the
// expired-session recovery of §3.1 (at most 5 attempts), then polling until the command is
// complete, failed, cancelled or out of time — all cancellable through the caller's signal.
import { ObjectNotFoundError, TimeoutError } from '@cb/core';
import type { CommandRequest } from '../backends/backend.js';
import { LiveResponseError } from '../errors.js';
import { abortError, sleep, throwIfAborted, timeoutSignal } from '../internal/abort.js';
import type { Json } from '../internal/normalise.js';
import { sameStatus, statusOf } from '../internal/status.js';
import { formatMs } from '../timing.js';
import type { PollTiming, SessionId } from '../types.js';
import type { SessionCore } from './core.js';

export const MAX_POST_ATTEMPTS = 5;
const CANCEL_TIMEOUT_MS = 5_000;
/** A status request never gets less than this, even right at the deadline (a 1 ms request cannot succeed). */
const MIN_POLL_REQUEST_MS = 1_000;

/** Per-request timeout of a status poll: what is left of the wait, but not absurdly little. */
export function pollRequestTimeout(deadline: number): number {
  return Math.max(MIN_POLL_REQUEST_MS, deadline - Date.now());
}

export interface Posted {
  /** The session the command ran on (re-establishment may change the core's id later). */
  readonly sessionId: SessionId;
  readonly commandId: number | string;
  readonly reply: Json;
}

/**
 * Builds the command for one attempt on a given session; put file uploads its data here, so
 * that after a re-establishment the upload goes to the new session too.
 */
export type CommandBuilder = (sessionId: SessionId, attempt: number) => Promise<CommandRequest>;

export async function postCommand(
  core: SessionCore,
  command: CommandRequest,
  signal: AbortSignal | undefined,
  build?: CommandBuilder,
): Promise<Posted> {
  const what = `"${command.name}" on host ${core.hostId}`;
  core.assertOpen(`"${command.name}"`);
  core.assertSupported(command.name);
  for (let attempt = 1; attempt <= MAX_POST_ATTEMPTS; attempt++) {
    throwIfAborted(signal, what);
    if (core.stale) await core.reestablish(signal);
    core.assertOpen(`"${command.name}"`);
    const sessionId = core.id;
    try {
      const request = build ? await build(sessionId, attempt) : command;
      const reply = await core.backend.postCommand(sessionId, request, { signal });
      const commandId = reply['id'];
      if (typeof commandId !== 'number' && typeof commandId !== 'string') {
        throw new LiveResponseError(`The server accepted ${what} but returned no command id`, {
          details: reply,
          hostId: core.hostId,
          sessionId,
          command: command.name,
        });
      }
      return { sessionId, commandId, reply };
    } catch (err) {
      if (signal?.aborted) throw abortError(signal, what);
      if (core.backend.isSessionGone(err)) {
        core.logger.debug(`${what}: session ${sessionId} not found (attempt ${attempt} of ${MAX_POST_ATTEMPTS})`);
        core.markStale();
        continue;
      }
      // Any other 404 (ObjectNotFoundError) is not a session problem: rethrow it as is.
      throw err;
    }
  }
  throw new TimeoutError(
    `Command "${command.name}" on host ${core.hostId} failed after ${MAX_POST_ATTEMPTS} attempts: the server kept reporting the session as gone`,
  );
}

/** Polls until `complete`; `error`/`cancelled` become LiveResponseError; the deadline a TimeoutError. */
export async function waitForCommand(
  core: SessionCore,
  posted: Posted,
  command: CommandRequest,
  timing: PollTiming,
  signal: AbortSignal | undefined,
): Promise<Json> {
  const what = `"${command.name}" (command ${posted.commandId}) on host ${core.hostId}`;
  const deadline = Date.now() + timing.timeoutMs;
  let last: Json = posted.reply;
  const outOfTime = (cause?: unknown): TimeoutError =>
    new TimeoutError(`${what} did not complete within ${formatMs(timing.timeoutMs)} (last status "${statusOf(last) || 'pending'}")`, {
      timeoutMs: timing.timeoutMs,
      cause,
    });
  try {
    for (let polls = 0; ; polls++) {
      // The first status request goes out at once: many commands finish in milliseconds.
      if (polls > 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw outOfTime();
        await sleep(Math.min(timing.delayMs, remaining), signal, what);
      }
      try {
        last = await getCommand(core, posted, signal, deadline);
      } catch (err) {
        // A status request cut short by the command's own deadline is that deadline, not a network problem.
        if (err instanceof TimeoutError && !signal?.aborted && Date.now() >= deadline) throw outOfTime(err);
        throw err;
      }
      const status = statusOf(last);
      if (sameStatus(status, 'complete')) return last;
      if (sameStatus(status, 'error') || sameStatus(status, 'cancelled') || sameStatus(status, 'canceled')) {
        throw LiveResponseError.fromCommand(last, { hostId: core.hostId, sessionId: posted.sessionId, command: command.name, target: command.target });
      }
      if (Date.now() >= deadline) throw outOfTime();
    }
  } catch (err) {
    if (signal?.aborted) {
      await cancelQuietly(core, posted, last);
      throw abortError(signal, what);
    }
    throw err;
  }
}

async function getCommand(core: SessionCore, posted: Posted, signal: AbortSignal | undefined, deadline: number): Promise<Json> {
  try {
    return await core.backend.getCommand(posted.sessionId, posted.commandId, { signal, timeoutMs: pollRequestTimeout(deadline) });
  } catch (err) {
    if (err instanceof ObjectNotFoundError) core.markStale();
    throw err;
  }
}

/** An aborted wait asks the server to drop a still-pending command (Cloud only; best effort). */
async function cancelQuietly(core: SessionCore, posted: Posted, last: Json): Promise<void> {
  if (!sameStatus(statusOf(last), 'pending')) return;
  try {
    await core.backend.cancelCommand(posted.sessionId, posted.commandId, { signal: timeoutSignal(CANCEL_TIMEOUT_MS) });
  } catch (err) {
    core.logger.debug(`Could not cancel command ${posted.commandId} on host ${core.hostId}: ${(err as Error).message}`);
  }
}

export interface RunOptions {
  readonly timing: PollTiming;
  readonly signal?: AbortSignal | undefined;
}

export interface Completed extends Posted {
  readonly completed: Json;
}

export async function runCommand(core: SessionCore, command: CommandRequest, options: RunOptions, build?: CommandBuilder): Promise<Completed> {
  const posted = await postCommand(core, command, options.signal, build);
  const completed = await waitForCommand(core, posted, command, options.timing, options.signal);
  return { ...posted, completed };
}
