// Fetching a segment's event document: `GET /api/{v1..v4}/process/{guid}/{segment}/event`
// (the API version follows the server version). One request per segment per Process object;
// refresh() forgets them.
import type { CallOptions, Doc, ModelHost } from '@cb/core';
import type { ProcessApiVersion } from '../../api.js';
import { responseHost } from '../../query/response-host.js';

export interface EventDocument {
  /** The event reply's `process` object: the process fields plus `<kind>_complete` lists. */
  readonly process: Doc;
  /** `binaries` of the reply, keyed by upper-case MD5. */
  readonly binaries: Readonly<Record<string, Doc>>;
  readonly version: ProcessApiVersion;
}

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The process fields of an event reply, without the event lists and binaries. */
export function processFieldsOf(doc: Doc): Doc {
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (key.endsWith('_complete') || key === 'binaries') continue;
    out[key] = value;
  }
  return out;
}

export class EventDocuments {
  readonly #pending = new Map<number, Promise<EventDocument>>();

  constructor(
    private readonly host: ModelHost,
    private readonly guid: string,
  ) {}

  get(segment: number, options: CallOptions = {}): Promise<EventDocument> {
    let pending = this.#pending.get(segment);
    if (!pending) {
      pending = this.#fetch(segment, options);
      this.#pending.set(segment, pending);
      // A failed fetch is not remembered: the next call tries again.
      pending.catch(() => {
        if (this.#pending.get(segment) === pending) this.#pending.delete(segment);
      });
    }
    return pending;
  }

  clear(): void {
    this.#pending.clear();
  }

  async #fetch(segment: number, options: CallOptions): Promise<EventDocument> {
    const version = await responseHost(this.host).processApiVersion(options);
    const path = `/api/${version}/process/${this.guid}/${segment}/event`;
    const { data } = await this.host.requester.request({ method: 'GET', path, signal: options.signal, timeoutMs: options.timeoutMs });
    const process = isDoc(data) && isDoc(data.process) ? data.process : {};
    const binaries: Record<string, Doc> = {};
    if (isDoc(process.binaries)) {
      for (const [md5, doc] of Object.entries(process.binaries)) if (isDoc(doc)) binaries[md5.toUpperCase()] = doc;
    }
    return { process, binaries, version };
  }
}
