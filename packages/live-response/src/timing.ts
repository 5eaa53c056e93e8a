// Default poll budgets, from cbapi (live-response.md §4) and the CBC SDK: they are what real
// sensors need, so only tests and unusual deployments should change them.
import type { PollTiming } from './types.js';

export interface LiveResponseTimings {
  /** Waiting for a new session to become active (360 s / 1 s). */
  readonly session: PollTiming;
  /** Every command without its own budget (120 s / 0.5 s). */
  readonly command: PollTiming;
  /** `kill` (10 s / 0.1 s); a timeout makes killProcess return false. */
  readonly kill: PollTiming;
  /** `create process` when waiting for completion (30 s / 0.5 s). */
  readonly createProcess: PollTiming;
  /** memdump wait and download (3600 s / 5 s). */
  readonly memdump: PollTiming;
}

export const DEFAULT_TIMINGS: LiveResponseTimings = Object.freeze({
  session: Object.freeze({ timeoutMs: 360_000, delayMs: 1_000 }),
  command: Object.freeze({ timeoutMs: 120_000, delayMs: 500 }),
  kill: Object.freeze({ timeoutMs: 10_000, delayMs: 100 }),
  createProcess: Object.freeze({ timeoutMs: 30_000, delayMs: 500 }),
  memdump: Object.freeze({ timeoutMs: 3_600_000, delayMs: 5_000 }),
});

/** Partial overrides, per kind and per field. */
export type TimingOverrides = { readonly [K in keyof LiveResponseTimings]?: Partial<PollTiming> | undefined };

export function resolveTimings(overrides: TimingOverrides | undefined): LiveResponseTimings {
  if (!overrides) return DEFAULT_TIMINGS;
  const pick = (key: keyof LiveResponseTimings): PollTiming => ({ ...DEFAULT_TIMINGS[key], ...stripUndefined(overrides[key]) });
  return {
    session: pick('session'),
    command: pick('command'),
    kill: pick('kill'),
    createProcess: pick('createProcess'),
    memdump: pick('memdump'),
  };
}

/** A call's `timeoutMs`/`pollDelayMs` over the kind's default. */
export function callTiming(base: PollTiming, options: { timeoutMs?: number | undefined; pollDelayMs?: number | undefined }): PollTiming {
  return { timeoutMs: options.timeoutMs ?? base.timeoutMs, delayMs: options.pollDelayMs ?? base.delayMs };
}

function stripUndefined(value: Partial<PollTiming> | undefined): Partial<PollTiming> {
  const out: { timeoutMs?: number; delayMs?: number } = {};
  if (value?.timeoutMs !== undefined) out.timeoutMs = value.timeoutMs;
  if (value?.delayMs !== undefined) out.delayMs = value.delayMs;
  return out;
}

/** `120 s`, `40 ms`: durations in messages. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
