// CbResponseAPI: the Cb Response (EDR) entry point. Credentials come from
// credentials.response profiles; search models page with start/rows (batch 100).
import {
  ApiError,
  BaseAPI,
  ObjectNotFoundError,
  ServerError,
  solrPaging,
  type BaseAPIOptions,
  type CallOptions,
  type Logger,
} from '@cb/core';
import type { OsType } from '@cb/live-response';
import { fromUi, type FromUiResult } from './from-ui.js';
import {
  ResponseLiveResponseManager,
  SERVER_REFUSAL,
  SESSION_REQUEST,
  sensorOsType,
  type ResponseLiveResponseOptions,
} from './live-response/manager.js';
import type { SensorRef } from './live-response/sensor-source.js';
import { Sensor } from './models/sensor.js';
import { RESPONSE_VERSION, versionAtLeast } from './version.js';

/** `GET /api/info`: the keys the SDK reads, plus whatever else the server sends. */
export interface ServerInfo {
  /** e.g. `6.2.0.171114.1158` */
  version: string;
  cblrEnabled?: boolean;
  [key: string]: unknown;
}

/** Event API version used for `/api/{ver}/process/{guid}/{segment}/event`. */
export type ProcessApiVersion = 'v1' | 'v2' | 'v3' | 'v4';

export interface CbResponseAPIOptions extends BaseAPIOptions {
  /** Options of `cb.liveResponse` (session slots, keepalive, idle grace, poll timings, ...). */
  liveResponse?: ResponseLiveResponseOptions | undefined;
}

/** A Live Response host id as a sensor id; ApiError naming the session request it refuses. */
function sensorIdOf(host: string | number): number {
  const id = typeof host === 'number' ? host : Number(host);
  if (!Number.isInteger(id) || id < 1) throw new ApiError(`Not a sensor id: ${String(host)}`, SESSION_REQUEST);
  return id;
}

export class CbResponseAPI extends BaseAPI implements AsyncDisposable {
  #info: Promise<ServerInfo> | undefined;
  readonly #liveResponseOptions: ResponseLiveResponseOptions;
  /** Only a logger the caller gave is handed on; otherwise Live Response logs under its own namespace. */
  readonly #callerLogger: Logger | undefined;
  #liveResponse: ResponseLiveResponseManager | undefined;

  constructor(options: CbResponseAPIOptions = {}) {
    super(options, {
      product: 'response',
      paging: solrPaging(),
      userAgent: `@cb/response/${RESPONSE_VERSION}`,
      extraOptions: ['liveResponse'],
    });
    this.#liveResponseOptions = options.liveResponse ?? {};
    this.#callerLogger = options.logger;
  }

  /**
   * The Live Response session manager (created on first use, once per API object):
   * `sensor.lrSession()` and `cb.liveResponse.acquire(sensor)` lease sessions from it,
   * `cb.liveResponse.submitJob(job, sensors)` runs a job on many sensors (an Observable of
   * results). Sessions need `cblrEnabled` in /api/info and the sensor's `supports_cblr`, else
   * ApiError("Cb server does not support Live Response") / ("Sensor does not support Cb Live
   * Response"). `cb.close()` (or `await using cb`) closes every session it opened.
   */
  get liveResponse(): ResponseLiveResponseManager {
    this.#liveResponse ??= new ResponseLiveResponseManager(
      this.requester,
      (host, signal) => this.#liveResponsePreflight(host, signal),
      this.#liveResponseOptions,
      this.#callerLogger,
    );
    return this.#liveResponse;
  }

  async #liveResponsePreflight(host: SensorRef, signal: AbortSignal | undefined): Promise<OsType> {
    const info = await this.info({ signal });
    // The refusal names the session request it spares the server, as the sensor's refusal does.
    if (info.cblrEnabled !== true) throw new ApiError(SERVER_REFUSAL, SESSION_REQUEST);
    const sensor = typeof host === 'object' ? host : this.select(Sensor, sensorIdOf(host));
    await sensor.liveResponseTarget({ signal }); // loads (cache-aware) and checks supports_cblr
    return sensorOsType(sensor.get('os_type', undefined));
  }

  /** Closes every Live Response session this API opened (keepalive timers included). */
  async close(): Promise<void> {
    const manager = this.#liveResponse;
    // A later `cb.liveResponse` starts a fresh manager instead of handing out a closed one.
    this.#liveResponse = undefined;
    await manager?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /**
   * `GET /api/info`, fetched once per API object (the server version decides event formats and
   * which filters exist). Rejects servers older than 5.0 and URLs that are not a Cb Response server.
   */
  info(options: CallOptions & { refresh?: boolean } = {}): Promise<ServerInfo> {
    if (!this.#info || options.refresh) {
      const pending = this.#loadInfo(options);
      this.#info = pending;
      // A failed probe is not cached: the next call tries again.
      pending.catch(() => {
        if (this.#info === pending) this.#info = undefined;
      });
    }
    return this.#info;
  }

  async #loadInfo(options: CallOptions): Promise<ServerInfo> {
    const notResponse = (what: string, cause?: unknown): ApiError =>
      new ApiError(
        `${this.url} does not look like a Cb Response server: GET /api/info ${what}. ` +
          'For Carbon Black Cloud use CBCloudAPI from @cb/platform.',
        { method: 'GET', path: '/api/info', cause },
      );
    let body: unknown;
    try {
      body = (await this.requester.request<unknown>({ method: 'GET', path: '/api/info', ...options })).data;
    } catch (error) {
      // Other products (and plain web servers) have no /api/info: say which API to use, not just "404".
      if (error instanceof ObjectNotFoundError) throw notResponse('answered 404 Not Found', error);
      throw error;
    }
    if (typeof body !== 'object' || body === null || typeof (body as { version?: unknown }).version !== 'string') {
      throw notResponse('did not return a JSON object with a "version"');
    }
    const info = body as ServerInfo;
    if (!versionAtLeast(info.version, '5.0.0')) {
      throw new ApiError(`This SDK only supports Cb Response servers version >= 5.0.0; ${this.url} runs ${info.version}`, {
        method: 'GET',
        path: '/api/info',
      });
    }
    return info;
  }

  /** The server version string from `/api/info`. */
  async serverVersion(options: CallOptions = {}): Promise<string> {
    return (await this.info(options)).version;
  }

  /** True when the server version is at least `minimum` (loose dotted comparison). */
  async serverAtLeast(minimum: string, options: CallOptions = {}): Promise<boolean> {
    return versionAtLeast(await this.serverVersion(options), minimum);
  }

  /** v1 before 5.1, v2 for 5.1.x, v3 for 5.2.x, v4 from 6.0. */
  async processApiVersion(options: CallOptions = {}): Promise<ProcessApiVersion> {
    const version = await this.serverVersion(options);
    if (versionAtLeast(version, '6.0.0')) return 'v4';
    if (versionAtLeast(version, '5.2.0')) return 'v3';
    if (versionAtLeast(version, '5.1.0')) return 'v2';
    return 'v1';
  }

  /** `GET /api/license` → the license request block to send to Carbon Black ('' when absent). */
  async licenseRequest(options: CallOptions = {}): Promise<string> {
    const res = await this.requester.request<{ license_request_block?: string }>({ method: 'GET', path: '/api/license', ...options });
    return res.data?.license_request_block ?? '';
  }

  /** `POST /api/license {"license": block}`; anything but `{"status": "success"}` is a ServerError. */
  async updateLicense(licenseBlock: string, options: CallOptions = {}): Promise<void> {
    const res = await this.requester.request<{ status?: string }>({
      method: 'POST',
      path: '/api/license',
      body: { license: licenseBlock },
      ...options,
    });
    if (res.status !== 200 || res.data?.status !== 'success') {
      throw new ServerError(`License update was not accepted: ${JSON.stringify(res.data)}`, {
        status: res.status,
        body: res.data,
        method: 'POST',
        path: '/api/license',
      });
    }
  }

  /** 6.1+: rolls the current `writer` partition into a warm one and starts a new writer. */
  async createNewPartition(options: CallOptions = {}): Promise<void> {
    await this.requester.request({ method: 'POST', path: '/api/v1/storage/events/new_partition', body: null, ...options });
  }

  /**
   * The object or query a web-console URL of this server shows (response.md §1.1), e.g.
   * `#/analyze/<guid>/<segment>` → Process, `#/binary/<md5>` → Binary, `#/search/<query>` → a
   * raw ProcessQuery; the login page (`#/login`) or a URL without a page → this API object.
   * ApiError for another server's URL or an unknown page.
   */
  fromUi(url: string, options: CallOptions = {}): Promise<FromUiResult<this>> {
    return fromUi(this, url, options);
  }
}
