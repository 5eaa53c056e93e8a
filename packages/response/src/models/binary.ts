// Binary (response.md §4): a module the server has seen, keyed by upper-case MD5. Read-only.
// `file()` streams the binary's bytes out of the server's ZIP download in constant memory;
// `read(offset, length)` reads a slice and stops the download.
import {
  ConflictError,
  defineModel,
  field,
  InvalidObjectError,
  ObjectNotFoundError,
  parseCbDate,
  type CallOptions,
  type ErrorContext,
  type ModelHost,
  type ModelInit,
} from '@cb/core';
import { zipMemberStream, type ByteStream } from '../zip/zip-member.js';
import { peek } from './peek.js';
import { BannedHash } from './banned-hash.js';
import { BinaryQuery } from './binary-query.js';

export { BinaryQuery };
import { Sensor } from './sensor.js';

/** An MD5 that is not 32 hexadecimal characters. */
export class InvalidHashError extends InvalidObjectError {
  static override readonly errorName: string = 'InvalidHashError';
  readonly hash: string;
  /** `context`: the request the hash was meant for (method and path). */
  constructor(hash: string, context: ErrorContext = {}) {
    super(`MD5sum ${hash} is not valid`, context);
    this.hash = hash;
  }
}

const MD5 = /^[0-9a-f]{32}$/i;
const BINARY_URL = '/api/v1/binary';

/**
 * Validates and upper-cases an MD5; InvalidHashError otherwise. Checking sends nothing, so the
 * error names no request unless `context` says which (the Binary constructor passes its fetch).
 */
export function normalizeMd5(md5: string, context: ErrorContext = {}): string {
  const text = md5.trim();
  if (!MD5.test(text)) throw new InvalidHashError(md5, context);
  return text.toUpperCase();
}

export interface SigningData {
  /** `Signed`, `Unsigned`, `Expired`, `Bad Signature`, ... ('' when unknown). */
  readonly result: string;
  readonly publisher: string;
  readonly issuer: string;
  readonly subject: string;
  readonly signTime: Date | null;
  readonly programName: string;
}

export interface VersionInfo {
  readonly fileDesc: string;
  readonly fileVersion: string;
  readonly productName: string;
  readonly productVersion: string;
  readonly companyName: string;
  readonly legalCopyright: string;
  readonly originalFilename: string;
}

/** `GET /api/v1/process/host/count`: how common the binary is. */
export interface BinaryFrequency {
  /** Hosts that ran it (`hostCount`). */
  readonly computerCount: number;
  /** Processes that loaded it (`globalCount`). */
  readonly processCount: number;
  /** Processes in the index (`numDocs`). */
  readonly allProcessCount: number;
  /** processCount / allProcessCount (0 when the index is empty). */
  readonly moduleFrequency: number;
}

export interface Virustotal {
  readonly score: number;
  readonly link: string;
}

/** A host that ran the binary (`endpoint` entries are `HOST|SENSOR_ID`). */
export interface BinaryEndpoint {
  readonly hostname: string;
  readonly sensorId: number;
}

const ro = { readOnly: true } as const;
const str = { type: 'string', readOnly: true } as const;

export class Binary extends defineModel({
  name: 'Binary',
  urlObject: BINARY_URL,
  queryPath: BINARY_URL,
  primaryKey: 'md5',
  create: false,
  update: false,
  delete: false,
  objectPath: (model) => `/api/v1/binary/${String(model.primaryKeyValue)}/summary`,
  fields: {
    md5: str,
    digsig_result: str,
    digsig_result_code: str,
    digsig_publisher: str,
    digsig_issuer: str,
    digsig_subject: str,
    digsig_prog_name: str,
    digsig_sign_time: str,
    file_desc: str,
    file_version: str,
    product_name: str,
    product_version: str,
    company_name: str,
    legal_copyright: str,
    legal_trademark: str,
    original_filename: str,
    internal_name: str,
    private_build: str,
    special_build: str,
    comments: str,
    observed_filename: field<string[]>('array', ro),
    orig_mod_len: { type: 'int', readOnly: true },
    copied_mod_len: { type: 'int', readOnly: true },
    is_64bit: { type: 'boolean', readOnly: true },
    is_executable_image: { type: 'boolean', readOnly: true },
    host_count: { type: 'int', readOnly: true },
    os_type: str,
    endpoint: field<string[]>('array', ro),
    group: field<string[]>('array', ro),
    server_added_timestamp: { type: 'date', readOnly: true },
    last_seen: { type: 'date', readOnly: true },
    cb_version: { type: 'int', readOnly: true },
    watchlists: field<Array<{ wid: string; value: string }>>('array', ro),
  },
}) {
  /** `cb.select(Binary)`: a binary search (no default sort). */
  static createQuery(host: ModelHost): BinaryQuery {
    return new BinaryQuery(host);
  }

  #frequency: Promise<BinaryFrequency> | undefined;

  constructor(host: ModelHost, init: ModelInit = {}) {
    if (init.id !== undefined) {
      // A bad hash cannot be part of a path: the fetch is named at the model's URL.
      super(host, { ...init, id: normalizeMd5(String(init.id), { method: 'GET', path: BINARY_URL }) });
    } else if (init.doc && typeof init.doc.md5 === 'string') {
      super(host, { ...init, doc: { ...init.doc, md5: init.doc.md5.toUpperCase() } });
    } else {
      super(host, init);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Derived fields (absent fields read as '' / false / 0, as in cbapi)

  #text(name: string): string {
    const value = peek(this, name, '');
    return value === undefined || value === null ? '' : String(value);
  }

  /** `digsig_result` is `Signed`. */
  get signed(): boolean {
    return peek(this, 'digsig_result', '') === 'Signed';
  }

  get signingData(): SigningData {
    const time = this.#text('digsig_sign_time');
    return {
      result: this.#text('digsig_result'),
      publisher: this.#text('digsig_publisher'),
      issuer: this.#text('digsig_issuer'),
      subject: this.#text('digsig_subject'),
      signTime: time === '' ? null : parseCbDate(time),
      programName: this.#text('digsig_prog_name'),
    };
  }

  get versionInfo(): VersionInfo {
    return {
      fileDesc: this.#text('file_desc'),
      fileVersion: this.#text('file_version'),
      productName: this.#text('product_name'),
      productVersion: this.#text('product_version'),
      companyName: this.#text('company_name'),
      legalCopyright: this.#text('legal_copyright'),
      originalFilename: this.#text('original_filename'),
    };
  }

  /** VirusTotal score and link from the `alliance_*_virustotal` tags ({0, ''} when untagged). */
  get virustotal(): Virustotal {
    const score = Number(peek(this, 'alliance_score_virustotal', 0));
    return { score: Number.isFinite(score) ? Math.trunc(score) : 0, link: this.#text('alliance_link_virustotal') };
  }

  /** Original size in bytes (`orig_mod_len`, 0 when unknown). */
  get size(): number {
    return Number(peek(this, 'orig_mod_len', 0)) || 0;
  }

  /** Bytes the server holds (`copied_mod_len`; less than size when the sensor copied a prefix). */
  get copiedSize(): number {
    return Number(peek(this, 'copied_mod_len', 0)) || 0;
  }

  get observedFilenames(): readonly string[] {
    const names = peek(this, 'observed_filename', []);
    return Array.isArray(names) ? names.map(String) : [];
  }

  get isExecutableImage(): boolean {
    return peek(this, 'is_executable_image', false) === true;
  }

  get is64bit(): boolean {
    return peek(this, 'is_64bit', false) === true;
  }

  /** The PNG icon (base64-decoded `icon`; empty when the server has none). */
  get icon(): Uint8Array {
    const text = this.#text('icon');
    return new Uint8Array(Buffer.from(text, 'base64'));
  }

  /** Hosts that ran the binary, from `endpoint` (`HOST|SENSOR_ID`). */
  get endpointHosts(): readonly BinaryEndpoint[] {
    const entries = peek(this, 'endpoint', []);
    if (!Array.isArray(entries)) return [];
    const out: BinaryEndpoint[] = [];
    for (const entry of entries) {
      const text = String(entry);
      const bar = text.lastIndexOf('|');
      const sensorId = Number(text.slice(bar + 1));
      if (bar < 0 || !Number.isInteger(sensorId)) continue;
      out.push({ hostname: text.slice(0, bar), sensorId });
    }
    return out;
  }

  /** The sensors that ran the binary, as model-cache references (no request until loaded). */
  get endpoints(): readonly Sensor[] {
    return this.endpointHosts.map(({ sensorId }) => this.api.select(Sensor, sensorId));
  }

  /** `{url}/#binary/{MD5}` */
  get webuiLink(): string {
    return `${this.api.url}/#binary/${String(this.primaryKeyValue)}`;
  }

  // -------------------------------------------------------------------------------------------
  // Server calls

  /** How many hosts and processes ran the binary (fetched once per object). */
  frequency(options: CallOptions = {}): Promise<BinaryFrequency> {
    if (!this.#frequency) {
      const pending = this.#fetchFrequency(options);
      this.#frequency = pending;
      pending.catch(() => {
        if (this.#frequency === pending) this.#frequency = undefined;
      });
    }
    return this.#frequency;
  }

  async #fetchFrequency(options: CallOptions): Promise<BinaryFrequency> {
    const { data } = await this.api.requester.request<Record<string, unknown> | undefined>({
      method: 'GET',
      path: '/api/v1/process/host/count',
      query: { 'cb.freqver': 1, md5: String(this.primaryKeyValue), name: 'md5' },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    const n = (value: unknown): number => (Number.isFinite(Number(value)) ? Number(value) : 0);
    const computerCount = n(data?.hostCount);
    const processCount = n(data?.globalCount);
    const allProcessCount = n(data?.numDocs);
    return { computerCount, processCount, allProcessCount, moduleFrequency: allProcessCount === 0 ? 0 : processCount / allProcessCount };
  }

  /** The ban on this hash, or false when it is not banned (404, or 409 as cbapi reads it). */
  async banned(options: CallOptions = {}): Promise<BannedHash | false> {
    const ban = this.api.select(BannedHash, String(this.primaryKeyValue).toLowerCase());
    try {
      await ban.refresh(options);
    } catch (error) {
      if (error instanceof ObjectNotFoundError || error instanceof ConflictError) return false;
      throw error;
    }
    return ban;
  }

  /**
   * The binary's bytes: the `filedata` member of the ZIP the server sends
   * (`GET /api/v1/binary/{MD5}`), streamed and inflated as you read, in constant memory.
   * Cancel the stream to stop the download early.
   */
  async file(options: CallOptions = {}): Promise<ByteStream> {
    const path = `/api/v1/binary/${String(this.primaryKeyValue)}`;
    const response = await this.api.requester.request<ReadableStream<Uint8Array>>({
      method: 'GET',
      path,
      responseType: 'stream',
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return zipMemberStream(response.data, 'filedata', { method: 'GET', path });
  }

  /**
   * `length` bytes of the binary from `offset` (fewer at the end of the file); downloads only
   * up to there. `await binary.read(0, 2)` → the `MZ` of a PE file.
   */
  async read(offset: number, length: number, options: CallOptions = {}): Promise<Uint8Array> {
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(length) || length < 0) {
      throw new RangeError(`read(offset, length) takes non-negative integers, got (${offset}, ${length})`);
    }
    const out = new Uint8Array(length);
    if (length === 0) return out;
    const reader = (await this.file(options)).getReader();
    let position = 0;
    let filled = 0;
    try {
      while (filled < length) {
        const { value, done } = await reader.read();
        if (done) break;
        const from = Math.max(0, offset - position);
        if (from < value.length) {
          const part = value.subarray(from, from + (length - filled));
          out.set(part, filled);
          filled += part.length;
        }
        position += value.length;
      }
    } finally {
      await reader.cancel().catch(() => undefined);
    }
    return out.subarray(0, filled);
  }
}
