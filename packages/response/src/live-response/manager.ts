// `cb.liveResponse`: @cb/live-response's session manager over the Cb Response backend
// (`/api/v1/cblr`), with the preconditions of live-response.md: the server must report
// `cblrEnabled` in /api/info, and the sensor `supports_cblr`. Both are checked before a session
// is requested, so a refused host never waits for a session that cannot become active.
import type { Logger, Requester } from '@cb/core';
import {
  CbResponseBackend,
  LiveResponseManager,
  type AcquireOptions,
  type HostId,
  type JobLike,
  type JobObservable,
  type JobOptions,
  type LiveResponseManagerOptions,
  type LiveResponseSession,
  type OsType,
} from '@cb/live-response';
import { toHostSource, type SensorRef, type SensorSource } from './sensor-source.js';

/** `CbResponseAPIOptions.liveResponse`: the manager's options, plus the backend's. */
export interface ResponseLiveResponseOptions extends Omit<LiveResponseManagerOptions, 'backend' | 'logger'> {
  /** Reuse a pending/active server session of the sensor instead of creating one (default true, as cbapi). */
  reuseServerSessions?: boolean | undefined;
}

/** Options of `sensor.lrSession()`. */
export type LrSessionOptions = Omit<AcquireOptions, 'osType'>;

/**
 * Checks a host before a session is requested and tells its OS (from the sensor document).
 * Throws ApiError when the server or the sensor does not support Live Response.
 */
export type LiveResponsePreflight = (host: SensorRef, signal: AbortSignal | undefined) => Promise<OsType>;

export const SERVER_REFUSAL = 'Cb server does not support Live Response';
export const SENSOR_REFUSAL = 'Sensor does not support Cb Live Response';

/** The request a refused host never gets (the server would answer it 412): the session create. */
export const SESSION_REQUEST = { method: 'POST', path: '/api/v1/cblr/session' } as const;

/** Cb Response `os_type`: 1 Windows, 2 OS X, 3 Linux (not the Defense numbering). */
export function sensorOsType(osType: unknown): OsType {
  switch (Number(osType)) {
    case 1:
      return 'windows';
    case 2:
      return 'mac';
    case 3:
      return 'linux';
    default:
      return 'unknown';
  }
}

export class ResponseLiveResponseManager extends LiveResponseManager {
  readonly #preflight: LiveResponsePreflight;

  constructor(requester: Requester, preflight: LiveResponsePreflight, options: ResponseLiveResponseOptions = {}, logger?: Logger) {
    const { reuseServerSessions, ...managerOptions } = options;
    const backend = new CbResponseBackend({ requester, reuseServerSessions, uploadLimitBytes: options.uploadLimitBytes });
    super({ ...(logger ? { logger } : {}), ...managerOptions, backend });
    this.#preflight = preflight;
  }

  /**
   * A lease on the sensor's session (a Sensor or its id), opening one if needed; `close()` or
   * `await using` gives it back. ApiError when the server has Live Response disabled
   * (`cblrEnabled` false) or the sensor does not support it (`supports_cblr` false).
   */
  override async acquire(host: SensorRef, options: AcquireOptions = {}): Promise<LiveResponseSession> {
    const osType = await this.#preflight(host, options.signal);
    const hostId: HostId = typeof host === 'object' ? host.id : host;
    return super.acquire(hostId, { ...options, osType: options.osType ?? osType });
  }

  /** Runs `fn` with a lease on the sensor's session and always gives it back. */
  override async withSession<T>(host: SensorRef, fn: (session: LiveResponseSession) => Promise<T>, options: AcquireOptions = {}): Promise<T> {
    const session = await this.acquire(host, options);
    try {
      return await fn(session);
    } finally {
      await session.close();
    }
  }

  /**
   * Runs `job` once per sensor: `hosts` are sensor ids or Sensors, one or an array, Set,
   * (async) iterable — e.g. `cb.select(Sensor).where('groupid:2')` — or Observable of them.
   * A cold `Observable<JobResult<T>>`; see @cb/live-response for the options.
   */
  override submitJob<R>(job: JobLike<R>, hosts: SensorSource, options: JobOptions = {}): JobObservable<Awaited<R>> {
    return super.submitJob(job, toHostSource(hosts), options);
  }
}
