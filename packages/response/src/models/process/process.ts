// Process (response.md §3): one process segment of the Cb Response process index, with its
// summary, typed event iterators, joins (binary, sensor, parent) and tree walking.
//
// Identity: `cb.select(Process, guid)` addresses the process at the server's default segment
// (1 before 6.0, 0 from 6.0, where 0 means "every segment"); `cb.select(Process, uniqueId)` and
// search rows address one segment. Both go through the model cache, so joins and walks that
// meet the same ancestor share one instance and one summary request.
import {
  ApiError,
  defineModel,
  InvalidObjectError,
  LazyPromise,
  NotLoadedError,
  ObjectNotFoundError,
  ServerError,
  parseCbDate,
  type CallOptions,
  type Doc,
  type ModelHost,
  type ModelInit,
} from '@cb/core';
import { knownServerVersion, serverVersionOf } from '../../query/response-host.js';
import { versionAtLeast } from '../../version.js';
import { Binary } from '../binary.js';
import { Sensor } from '../sensor.js';
import { EventDocuments, processFieldsOf, type EventDocument } from './event-document.js';
import {
  byTime,
  decodeEvents,
  type AnyProcessEvent,
  type ChildprocEvent,
  type CrossprocEvent,
  type DecodeContext,
  type EventKind,
  type EventTypes,
  type FilemodEvent,
  type ModloadEvent,
  type NetconnEvent,
  type RegmodEvent,
} from './events/index.js';
import { guidFacts, guidOf, ipFromInt, isBlankId } from './guid.js';
import { processIdentity, withGuidFacts } from './identity.js';
import { PROCESS_FETCH, PROCESS_FIELDS, PROCESS_URL, type ProcessSummaryExtras } from './table.js';
import { ProcessQuery } from './process-query.js';
import { depthOf, walkChildren, walkParents, type WalkCallback, type WalkOptions } from './walk.js';
import { segmentsOf } from './segments.js';
import { peek } from '../peek.js';

/** Summary extras (parent, children, siblings) of the last summary each instance read. */
const summaries = new WeakMap<object, ProcessSummaryExtras>();

// The joins' fetches when the key they need is unknown: the joined model's URL.
const BINARY_FETCH = { method: 'GET', path: '/api/v1/binary' } as const;
const SENSOR_FETCH = { method: 'GET', path: '/api/v1/sensor' } as const;

const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the table hooks read from an instance (typed apart from Process: no self-reference). */
interface Addressed {
  readonly guid: string;
  summaryPath(): string;
}

/** A feed tag on a process: `alliance_<kind>_<feed>` fields grouped by feed. */
export interface ProcessTag {
  readonly feed: string;
  readonly score: number | undefined;
  readonly link: string | undefined;
  readonly data: readonly string[];
  /** Every `alliance_<kind>_<feed>` value by kind (`score`, `link`, `data`, `updated`, ...). */
  readonly info: Readonly<Record<string, unknown>>;
}

export class Process extends defineModel({
  name: 'Process',
  urlObject: PROCESS_URL,
  queryPath: PROCESS_URL,
  primaryKey: 'id',
  create: false,
  update: false,
  delete: false,
  fields: PROCESS_FIELDS,
  objectPath: (model) => (model as unknown as Addressed).summaryPath(),
  parse: (json, model): Doc | null => {
    if (!isDoc(json) || !isDoc(json.process)) return null;
    summaries.set(model, {
      parent: isDoc(json.parent) ? json.parent : {},
      children: Array.isArray(json.children) ? json.children.filter(isDoc) : [],
      siblings: Array.isArray(json.siblings) ? json.siblings.filter(isDoc) : [],
    });
    return withGuidFacts(json.process, (model as unknown as Addressed).guid);
  },
}) {
  /** `cb.select(Process)`: a process search (default sort `last_update desc`). */
  static createQuery(host: ModelHost): ProcessQuery {
    return new ProcessQuery(host);
  }

  readonly #guid: string;
  readonly #segment: number | undefined;
  readonly #uniqueId: string | undefined;
  readonly #valid: boolean;
  readonly #suppressed: boolean;
  #defaultSegment: number | undefined;
  readonly #events: EventDocuments;

  constructor(host: ModelHost, init: ModelInit & { readonly suppressed?: boolean } = {}) {
    const identity = processIdentity(init);
    super(host, identity.init);
    this.#guid = identity.guid;
    this.#segment = identity.segment;
    this.#uniqueId = identity.uniqueId;
    this.#valid = identity.valid;
    this.#suppressed = init.suppressed === true;
    this.#events = new EventDocuments(host, identity.guid);
  }

  // -------------------------------------------------------------------------------------------
  // Identity

  /** The process GUID (36 characters). */
  get guid(): string {
    return this.#guid;
  }

  /** GUID for the default segment, the unique id for one segment: the model-cache key. */
  override get primaryKeyValue(): string | undefined {
    return this.#uniqueId ?? (this.#guid === '' ? undefined : this.#guid);
  }

  /** True for children the sensor suppressed: built from the event, never fetched. */
  get suppressed(): boolean {
    return this.#suppressed;
  }

  /**
   * The segment this object addresses: the explicit one, or the server's default (1 before 6.0,
   * 0 from 6.0), known once the API has read `/api/info` (any load or search does).
   */
  get segment(): number {
    const segment = this.#segment ?? this.#defaultSegment ?? defaultSegmentFor(knownServerVersion(this.api));
    if (segment === undefined) {
      // The summary path needs this very segment: name the model's URL, as core does for a load without a path.
      throw new NotLoadedError(
        'Process',
        'segment',
        'the default segment depends on the server version; `await proc.load()` first',
        PROCESS_FETCH,
      );
    }
    return segment;
  }

  /** Whether this object addresses one segment (unique id, search row) rather than the default. */
  get hasExplicitSegment(): boolean {
    return this.#segment !== undefined;
  }

  /** Path of the summary: `/api/v1/process/{guid}/{segment}`. */
  summaryPath(): string {
    return `/api/v1/process/${this.#guid}/${this.segment}`;
  }

  async #prepare(options: CallOptions): Promise<void> {
    if (!this.#valid) throw new ApiError(`Process "${this.#guid}" has no valid process GUID; it cannot be fetched`, PROCESS_FETCH);
    if (this.#segment === undefined && this.#defaultSegment === undefined) {
      this.#defaultSegment = defaultSegmentFor(await serverVersionOf(this.api, options));
    }
  }

  override async load(options: CallOptions = {}): Promise<this> {
    if (this.#suppressed || this.isLoaded) return this;
    await this.#prepare(options);
    return super.load(options);
  }

  /** Reads the summary again and forgets fetched events. Suppressed processes never fetch. */
  override async refresh(options: CallOptions = {}): Promise<this> {
    if (this.#suppressed) return this;
    await this.#prepare(options);
    this.#events.clear();
    return super.refresh(options);
  }

  /** Loads a reference, or completes a search row that lacks `name` (one summary request). */
  async #ensure(name: string, options: CallOptions = {}): Promise<void> {
    await this.load(options);
    if (this.isPartial && this.toJSON()[name] === undefined) await this.refresh(options);
  }

  // -------------------------------------------------------------------------------------------
  // Derived fields

  /** Command line, or the path when the server sent none. */
  get cmdline(): string {
    const cmdline = peek(this, 'cmdline', '');
    return typeof cmdline === 'string' && cmdline !== '' ? cmdline : String(peek(this, 'path', ''));
  }

  /** Process start (from the document, else from the GUID); null when neither has it. */
  get start(): Date | null {
    const raw = peek(this, 'start', undefined);
    if (raw !== undefined && raw !== null && raw !== '' && raw !== -1 && raw !== '-1') return parseCbDate(raw);
    return guidFacts(this.#guid)?.start ?? null;
  }

  /** `end`, else `last_update` of a terminated process, else null (still running). */
  get end(): Date | null {
    const end = peek(this, 'end', undefined);
    if (end !== undefined && end !== null && end !== '') return parseCbDate(end);
    if (peek(this, 'terminated', false) === true && peek(this, 'last_update', undefined) !== undefined) return this.lastUpdate;
    return null;
  }

  get lastUpdate(): Date {
    return this.last_update;
  }

  get lastServerUpdate(): Date {
    return this.last_server_update;
  }

  /** cbapi 1.3.2 returned `last_update` for these; we read the server's own fields (missing → epoch). */
  get minLastUpdate(): Date {
    return parseCbDate(peek(this, 'min_last_update', undefined) ?? peek(this, 'last_update', undefined));
  }

  get maxLastUpdate(): Date {
    return parseCbDate(peek(this, 'max_last_update', undefined) ?? peek(this, 'last_update', undefined));
  }

  get minLastServerUpdate(): Date {
    return parseCbDate(peek(this, 'min_last_server_update', undefined));
  }

  get maxLastServerUpdate(): Date {
    return parseCbDate(peek(this, 'max_last_server_update', undefined));
  }

  /** `comms_ip` as a dotted quad (non-integer values as sent). */
  get commsIp(): string {
    return ipFromInt(peek(this, 'comms_ip', undefined), '');
  }

  /** `interface_ip` as a dotted quad (non-integer values as sent). */
  get interfaceIp(): string {
    return ipFromInt(peek(this, 'interface_ip', undefined), '');
  }

  /** Feed tags from `alliance_<kind>_<feed>` fields (field names with exactly three parts). */
  get tags(): readonly ProcessTag[] {
    const byFeed = new Map<string, Record<string, unknown>>();
    for (const [key, value] of Object.entries(this.toJSON())) {
      const parts = key.split('_');
      if (parts.length !== 3 || parts[0] !== 'alliance') continue;
      const [, kind = '', feed = ''] = parts;
      const info = byFeed.get(feed) ?? {};
      info[kind] = value;
      byFeed.set(feed, info);
    }
    return [...byFeed].map(([feed, info]) => ({
      feed,
      score: typeof info.score === 'number' ? info.score : info.score === undefined ? undefined : Number(info.score),
      link: info.link === undefined ? undefined : String(info.link),
      data: Array.isArray(info.data) ? info.data.map(String) : info.data === undefined ? [] : [String(info.data)],
      info,
    }));
  }

  /** `{url}/#analyze/{guid}/{segment}`; undefined for suppressed processes. */
  get webuiLink(): string | undefined {
    if (this.#suppressed) return undefined;
    return `${this.api.url}/#analyze/${this.#guid}/${this.segment}`;
  }

  /** Summary extras of the last summary read by this object (undefined if none was read). */
  get summary(): ProcessSummaryExtras | undefined {
    return summaries.get(this);
  }

  // -------------------------------------------------------------------------------------------
  // Joins (through the model cache)

  /**
   * The process's executable (`process_md5`, else the first modload's MD5), loaded through the
   * model cache. ApiError when the server knows no MD5 for it.
   */
  get binary(): Promise<Binary> {
    return new LazyPromise(async () => {
      let md5 = '';
      if (this.#suppressed) md5 = String(peek(this, 'process_md5', ''));
      else {
        await this.#ensure('process_md5');
        md5 = String(peek(this, 'process_md5', ''));
        if (md5 === '') md5 = (await this.#firstModload())?.md5 ?? '';
      }
      if (md5 === '') throw new ApiError(`Process ${this.#guid} has no process_md5; its binary is unknown`, BINARY_FETCH);
      const binary = this.api.select(Binary, md5.toUpperCase());
      await binary.load();
      return binary;
    });
  }

  /** The sensor that reported the process (id from the document or the GUID; no process request needed). */
  get sensor(): Promise<Sensor> {
    return new LazyPromise(async () => {
      const id = await this.#sensorId();
      if (id === undefined) throw new ApiError(`Process ${this.#guid} names no sensor`, SENSOR_FETCH);
      const sensor = this.api.select(Sensor, id);
      await sensor.load();
      return sensor;
    });
  }

  async #sensorId(): Promise<number | undefined> {
    const known = Number(peek(this, 'sensor_id', undefined));
    if (Number.isInteger(known) && known > 0) return known;
    const fromGuid = guidFacts(this.#guid)?.sensorId;
    if (fromGuid !== undefined && fromGuid > 0) return fromGuid;
    if (this.#suppressed) return undefined;
    await this.#ensure('sensor_id');
    const loaded = Number(peek(this, 'sensor_id', undefined));
    return Number.isInteger(loaded) && loaded > 0 ? loaded : undefined;
  }

  /**
   * GUID of the parent: `parent_unique_id` when set, non-zero and on the same sensor, else
   * `parent_id`; segment suffix removed. Undefined for roots.
   */
  async parentGuid(options: CallOptions = {}): Promise<string | undefined> {
    if (this.#suppressed) return nonBlank(peek(this, 'parent_unique_id', '')) ?? nonBlank(peek(this, 'parent_id', ''));
    await this.load(options);
    if (this.isPartial && isBlankId(peek(this, 'parent_unique_id', '')) && isBlankId(peek(this, 'parent_id', ''))) {
      await this.refresh(options);
    }
    const uniqueId = nonBlank(peek(this, 'parent_unique_id', ''));
    const parentId = nonBlank(peek(this, 'parent_id', ''));
    if (uniqueId !== undefined) {
      const sensorOfParent = guidFacts(uniqueId)?.sensorId;
      const mine = await this.#sensorId();
      if (sensorOfParent === undefined || mine === undefined || sensorOfParent === mine || parentId === undefined) return guidOf(uniqueId);
    }
    return parentId === undefined ? undefined : guidOf(parentId);
  }

  /**
   * The parent process, loaded through the model cache; null for a root, a parent whose pid is
   * -1, or one the server no longer has (404).
   */
  get parent(): Promise<Process | null> {
    return new LazyPromise(() => this.parentWith());
  }

  /** `parent` with a signal or timeout. */
  async parentWith(options: CallOptions = {}): Promise<Process | null> {
    const guid = await this.parentGuid(options);
    if (guid === undefined || guid === this.#guid) return null;
    let parent: Process;
    try {
      parent = this.api.select(Process, guid);
    } catch (error) {
      if (error instanceof InvalidObjectError) return null;
      throw error;
    }
    try {
      await parent.load(options);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) return null;
      throw error;
    }
    return parent.get('process_pid', 0) === -1 ? null : parent;
  }

  /** Calls `callback(parent, depth)` up the tree (depth 0 = the parent). See WalkOptions. */
  walkParents(callback: WalkCallback, options: WalkOptions = {}): Promise<void> {
    return walkParents(this, callback, options);
  }

  /** Calls `callback(child, depth)` down the tree (depth 0 = the children), depth first. */
  walkChildren(callback: WalkCallback, options: WalkOptions = {}): Promise<void> {
    return walkChildren(this, callback, options);
  }

  /** Parent hops to the root (at most 500); ApiError on a cycle. */
  depth(options: CallOptions = {}): Promise<number> {
    return depthOf(this, options);
  }

  // -------------------------------------------------------------------------------------------
  // Events of the current segment

  /** The event document of a segment (default: this object's), fetched once per segment. */
  async eventDocument(segment?: number, options: CallOptions = {}): Promise<EventDocument> {
    if (!this.#valid) throw new ApiError(`Process "${this.#guid}" has no valid process GUID; it has no events`, PROCESS_FETCH);
    await this.#prepare(options);
    const own = segment === undefined || segment === this.segment;
    const document = await this.#events.get(segment ?? this.segment, options);
    if (own && !this.isLoaded) {
      // Events came first: their process fields are the summary's, so no summary request.
      await this.api.cache.setDocument(this.api.cacheScope, 'Process', this.primaryKeyValue ?? this.#guid, withGuidFacts(processFieldsOf(document.process), this.#guid));
      await super.load(options);
    }
    return document;
  }

  async #decoded<K extends EventKind>(kind: K, segment: number | undefined, options: CallOptions): Promise<EventTypes[K][]> {
    if (this.#suppressed) return [];
    const document = await this.eventDocument(segment, options);
    return decodeEvents(kind, document.process[`${kind}_complete`], this.#decodeContext(document), document.version);
  }

  #decodeContext(document: EventDocument): DecodeContext {
    const host = this.api;
    return {
      process: this,
      binaries: document.binaries,
      selectProcess: (id) => host.select(Process, id),
      suppressedProcess: (doc) => new Process(host, { doc: { sensor_id: peek(this, 'sensor_id', undefined), ...doc }, state: 'full', suppressed: true }),
      selectBinary: (md5) => host.select(Binary, md5.toUpperCase()),
    };
  }

  async *#iterate<K extends EventKind>(kind: K, options: CallOptions): AsyncGenerator<EventTypes[K], void, undefined> {
    yield* await this.#decoded(kind, undefined, options);
  }

  async #firstModload(): Promise<ModloadEvent | undefined> {
    const [first] = await this.#decoded('modload', undefined, {});
    return first;
  }

  /** Module loads of the current segment, by time. */
  modloads(options: CallOptions = {}): AsyncIterable<ModloadEvent> {
    return this.#iterate('modload', options);
  }

  /** File modifications of the current segment, by time. */
  filemods(options: CallOptions = {}): AsyncIterable<FilemodEvent> {
    return this.#iterate('filemod', options);
  }

  /** Registry modifications of the current segment, by time. */
  regmods(options: CallOptions = {}): AsyncIterable<RegmodEvent> {
    return this.#iterate('regmod', options);
  }

  /** Network connections of the current segment, by time. */
  netconns(options: CallOptions = {}): AsyncIterable<NetconnEvent> {
    return this.#iterate('netconn', options);
  }

  /** Child process events of the current segment (a start and an end event per child), by time. */
  childprocs(options: CallOptions = {}): AsyncIterable<ChildprocEvent> {
    return this.#iterate('childproc', options);
  }

  /** Cross-process events (handle opens, remote threads) of the current segment, by time. */
  crossprocs(options: CallOptions = {}): AsyncIterable<CrossprocEvent> {
    return this.#iterate('crossproc', options);
  }

  /**
   * One event per child of the current segment (its start event when there is one), by time.
   * Built from the complete childproc list, not the summary's `children` (capped by servers).
   */
  async *children(options: CallOptions = {}): AsyncGenerator<ChildprocEvent, void, undefined> {
    const byChild = new Map<string, ChildprocEvent>();
    for (const event of await this.#decoded('childproc', undefined, options)) {
      const key = event.childGuid;
      const seen = byChild.get(key);
      if (!seen || (seen.terminated && !event.terminated)) byChild.set(key, event);
    }
    yield* [...byChild.values()].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  /** File modifications of the current segment whose path is exactly `path` (case-insensitive). */
  async *findFileWrites(path: string, options: CallOptions = {}): AsyncGenerator<FilemodEvent, void, undefined> {
    const wanted = path.toLowerCase();
    for (const event of await this.#decoded('filemod', undefined, options)) if (event.path.toLowerCase() === wanted) yield event;
  }

  /** Module loads of the current segment whose binary is not signed. */
  async *unsignedModloads(options: CallOptions = {}): AsyncGenerator<ModloadEvent, void, undefined> {
    for (const event of await this.#decoded('modload', undefined, options)) if (!(await event.isSigned())) yield event;
  }

  /** Every event of one segment (default: the current one), all kinds merged by time. */
  async *allEventsSegment(segment?: number, options: CallOptions = {}): AsyncGenerator<AnyProcessEvent, void, undefined> {
    const kinds: EventKind[] = ['modload', 'filemod', 'regmod', 'netconn', 'childproc', 'crossproc'];
    const lists = await Promise.all(kinds.map((kind) => this.#decoded(kind, segment, options)));
    yield* byTime<AnyProcessEvent>(lists);
  }

  /** Every event of every segment of the process, segment by segment (each merged by time). */
  async *allEvents(options: CallOptions = {}): AsyncGenerator<AnyProcessEvent, void, undefined> {
    for (const segment of await this.segments(options)) yield* this.allEventsSegment(segment, options);
  }

  /** Segment ids of the process (6.0+: the segment endpoint; older: a search on process_id). */
  segments(options: CallOptions = {}): Promise<number[]> {
    return segmentsOf(this, options);
  }

  /**
   * Threat-intel hits (`GET .../threat_intel_hits`). A server error means IOC sharing is not set
   * up: ApiError pointing at the console's sharing page.
   */
  async threatIntelHits(options: CallOptions = {}): Promise<unknown> {
    await this.#prepare(options);
    const path = `/api/v1/process/${this.#guid}/${this.segment}/threat_intel_hits`;
    try {
      return (await this.api.requester.request({ method: 'GET', path, signal: options.signal, timeoutMs: options.timeoutMs })).data;
    } catch (error) {
      if (error instanceof ServerError && !(error instanceof ObjectNotFoundError)) {
        throw new ApiError(`Sharing IOCs not set up in Cb server. See ${this.api.url}/#/share for more information.`, {
          method: 'GET',
          path,
          cause: error,
        });
      }
      throw error;
    }
  }
}

function nonBlank(value: unknown): string | undefined {
  return isBlankId(value) ? undefined : String(value);
}

function defaultSegmentFor(version: string | undefined): number | undefined {
  if (version === undefined) return undefined;
  return versionAtLeast(version, '6.0.0') ? 0 : 1;
}
