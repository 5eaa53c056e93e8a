// What Response queries and models need from the API object beyond core's ModelHost: the
// server version (it decides parameters, segments and event formats) and model creation.
// Typed structurally so queries and models do not import the API class (no import cycle).
import { ConfigurationError, type CallOptions, type CreateData, type ModelClass, type ModelHost } from '@cb/core';
import type { ProcessApiVersion, ServerInfo } from '../api.js';

export interface ResponseHost extends ModelHost {
  info(options?: CallOptions): Promise<ServerInfo>;
  serverVersion(options?: CallOptions): Promise<string>;
  serverAtLeast(minimum: string, options?: CallOptions): Promise<boolean>;
  processApiVersion(options?: CallOptions): Promise<ProcessApiVersion>;
  create<C extends ModelClass>(model: C, data?: CreateData<C>): InstanceType<C>;
}

/** The host as a Cb Response API object; a ConfigurationError when it is some other product's. */
export function responseHost(host: ModelHost): ResponseHost {
  const candidate = host as Partial<ResponseHost>;
  if (typeof candidate.info !== 'function' || typeof candidate.serverVersion !== 'function' || typeof candidate.create !== 'function') {
    // No method or path: the host is not a Cb Response API object, so no Cb Response request applies.
    throw new ConfigurationError('Cb Response models and queries need a CbResponseAPI (select them through cb.select())');
  }
  return host as ResponseHost;
}

// Server versions already looked up, so synchronous getters (a process's default segment) can
// use them without another request.
const knownVersions = new WeakMap<object, string>();

/** The server version (one `/api/info` per API object), remembered for synchronous readers. */
export async function serverVersionOf(host: ModelHost, options: CallOptions = {}): Promise<string> {
  const version = await responseHost(host).serverVersion(options);
  knownVersions.set(host, version);
  return version;
}

/** The server version if this API object has already fetched it. */
export function knownServerVersion(host: ModelHost): string | undefined {
  return knownVersions.get(host);
}
