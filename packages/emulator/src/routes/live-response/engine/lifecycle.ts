// The session/command state machine, evaluated lazily against the clock whenever a session is
// looked at: no timers, so an idle emulator holds no handles and time can jump in tests.
//   session: pending → active (after its latency, only while the host is online)
//            pending → timeout (sensor wait exceeded) ; active → timeout (idle) ; * → closed
//   command: queued (pending → in progress) → done (complete | error) or cancelled; the
//            sensor runs a session's commands one at a time, in order.
import type { CommandOutcome, LrCommand, LrSession } from './types.js';

export interface LifecycleDeps {
  online(sensorId: number): boolean;
  execute(session: LrSession, command: LrCommand, at: number): CommandOutcome;
}

export type CommandPhase = 'pending' | 'in progress' | 'complete' | 'error' | 'cancelled';

function activate(s: LrSession, now: number, deps: LifecycleDeps): void {
  if (s.activeAt === undefined && s.sessionLatencyMs !== null && deps.online(s.sensorId)) {
    s.activeAt = Math.max(now, s.createdAt) + s.sessionLatencyMs;
  }
  const deadline = s.createdAt + s.pendingTimeoutMs;
  if (s.activeAt !== undefined && s.activeAt <= now && s.activeAt <= deadline) {
    s.state = 'active';
    s.lastActivity = Math.max(s.lastActivity, s.activeAt);
  } else if (now >= deadline) {
    s.state = 'timeout';
    s.endedAt = deadline;
  }
}

/** Schedules queued commands and runs those whose time has come, in order. */
function runCommands(s: LrSession, now: number, deps: LifecycleDeps): void {
  let previousDone = s.activeAt ?? now;
  for (const c of s.commands) {
    if (c.state === 'cancelled') continue;
    if (c.startAt === undefined || c.doneAt === undefined) {
      // The first half of the latency is the sensor picking the command up (pending), the
      // second half the work itself (in progress).
      const pickup = Math.floor(c.latencyMs / 2);
      c.startAt = Math.max(c.postedAt + pickup, previousDone);
      c.doneAt = c.startAt + (c.latencyMs - pickup);
    }
    previousDone = c.doneAt;
    if (c.state === 'queued' && c.doneAt <= now) {
      c.outcome = deps.execute(s, c, c.doneAt);
      c.state = 'done';
      s.lastActivity = Math.max(s.lastActivity, c.doneAt);
    }
  }
}

export function advanceSession(s: LrSession, now: number, deps: LifecycleDeps): void {
  if (s.state === 'pending') activate(s, now, deps);
  if (s.state !== 'active') return;
  runCommands(s, now, deps);
  // A session never idles out while the sensor is still working on something.
  if (s.commands.some((c) => c.state === 'queued')) return;
  const expiresAt = s.lastActivity + (s.usedCommands ? s.idleTimeoutMs : s.neverUsedTimeoutMs);
  if (now >= expiresAt) {
    s.state = 'timeout';
    s.endedAt = expiresAt;
  }
}

export function commandPhase(c: LrCommand, now: number): CommandPhase {
  if (c.state === 'cancelled') return 'cancelled';
  if (c.state === 'done') return c.outcome?.ok ? 'complete' : 'error';
  return c.startAt !== undefined && c.startAt <= now ? 'in progress' : 'pending';
}

/** Drops the schedule of commands that have not started, so they follow a cancellation. */
export function reschedule(s: LrSession, now: number): void {
  for (const c of s.commands) {
    if (c.state === 'queued' && (c.startAt === undefined || c.startAt > now)) {
      c.startAt = undefined;
      c.doneAt = undefined;
    }
  }
}

export const isOpen = (s: LrSession): boolean => s.state === 'pending' || s.state === 'active';
