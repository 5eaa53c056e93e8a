// Builds the shared pieces (runtime + router + core) that both transports use, so the node
// server and the msw handlers answer from the same code over the same state.
import type { EmulatorState } from '../data/types.js';
import { FaultRegistry } from '../faults/registry.js';
import type { FaultSpec } from '../faults/types.js';
import { createRouter } from '../routes/index.js';
import { attachLiveResponse, liveResponseControl, liveResponseOf, type LiveResponseControl, type LiveResponseOptions } from '../routes/live-response/index.js';
import type { EmulatorConfig, EmulatorRuntime, RouteHandler } from './context.js';
import { createCore, type CoreHooks } from './core.js';
import { IsolationTracker } from './isolation.js';
import type { Router } from './router.js';
import type { RequestHandler } from './types.js';
import { StatsCollector } from './stats.js';
import { formatLogEntry, type RequestLogEntry } from './request-log.js';
import { reportToStderr } from './report-error.js';

export const DEFAULT_UPLOAD_LIMIT = 1024 * 1024;
export const DEFAULT_ISOLATION_POLLS = 3;

export interface CoreOptions {
  /** GETs of a sensor after an isolation change until `is_isolating` follows (default 3). */
  isolationPolls?: number;
  /** Request bodies above this many bytes get nginx's HTML 413 (default 1 MiB). */
  uploadLimitBytes?: number;
  /** Seed for the fault PRNG (default: the state's seed). */
  faultSeed?: number;
  /** Faults active from the start. */
  faults?: FaultSpec[];
  /** Keep a request log in `requests`. */
  recordRequests?: boolean;
  /** Print each request: true → console.error, or a custom sink. */
  logRequests?: boolean | ((line: string) => void);
  /** Extra routes (e.g. other products) registered next to the built-in ones. */
  extendRouter?: (router: Router<RouteHandler>) => void;
  /** Unexpected handler exceptions and (node server) failures writing a response; default: stderr. */
  onError?: (err: unknown) => void;
  /** Generation time to report in stats. */
  stateGenerationMs?: number;
  /** Live Response latencies, limits, timeouts and offline hosts. */
  liveResponse?: LiveResponseOptions;
}

export interface EmulatorCore {
  runtime: EmulatorRuntime;
  router: Router<RouteHandler>;
  handle: RequestHandler;
  faults: FaultRegistry;
  stats: StatsCollector;
  /** Filled only with `recordRequests`. */
  requests: RequestLogEntry[];
  config: EmulatorConfig;
  liveResponse: LiveResponseControl;
}

export function createEmulatorCore(state: EmulatorState, opts: CoreOptions = {}): EmulatorCore {
  const config: EmulatorConfig = {
    isolationPolls: opts.isolationPolls ?? DEFAULT_ISOLATION_POLLS,
    uploadLimitBytes: opts.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT,
  };
  const faults = new FaultRegistry(opts.faultSeed ?? state.seed);
  for (const spec of opts.faults ?? []) faults.add(spec);
  // Isolation is confirmed at check-in, which needs the sensor online as Live Response sees it
  // (status Online and not taken offline with liveResponse.setOffline / offlineHosts).
  const isolation = new IsolationTracker(config, (sensor) => liveResponseOf(runtime).isOnline(sensor.id));
  const runtime: EmulatorRuntime = { state, config, faults, isolation };
  const liveResponse = liveResponseControl(attachLiveResponse(runtime, opts.liveResponse));
  const router = createRouter();
  opts.extendRouter?.(router);
  const stats = new StatsCollector(opts.stateGenerationMs ?? state.stats.generationMs);
  const requests: RequestLogEntry[] = [];
  // `logRequests: true` is an explicit request for output: one line per request on stderr.
  const print = opts.logRequests === true ? (line: string) => process.stderr.write(`${line}\n`) : opts.logRequests || undefined;
  const hooks: CoreHooks = {
    onComplete: (entry, isPage, bytesOut) => {
      // A page is a search answered with results; a 401 or a 400 for bad syntax is not one.
      stats.record(entry.status, isPage && entry.status < 300, bytesOut, entry.durationMs);
      if (opts.recordRequests) requests.push(entry);
      print?.(formatLogEntry(entry));
    },
    // A crashing handler must not go unnoticed in a test run: report on stderr unless a sink is given.
    onError: (err) => (opts.onError ? opts.onError(err) : reportToStderr(err, 'handler error')),
  };
  return { runtime, router, handle: createCore(runtime, router, hooks), faults, stats, requests, config, liveResponse };
}
