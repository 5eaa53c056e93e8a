// LiveResponseSession: the command API. Each instance is a view on a shared SessionCore: from
// openSession() it owns the server session (close() closes it); from a manager it is a lease
// (close() gives it back; the manager decides when the server session closes).
import type { Logger } from '@cb/core';
import type { LiveResponseBackend } from '../backends/backend.js';
import { SessionClosedError } from '../errors.js';
import { joinRemote, separatorOf } from '../internal/paths.js';
import type {
  CommandName,
  CommandOptions,
  CreateProcessResult,
  DirectoryEntry,
  HostId,
  OsType,
  ProcessInfo,
  RegistryData,
  RegistryKeyListing,
  RegistryValue,
  SessionId,
  SessionInfo,
  WalkEntry,
} from '../types.js';
import type { SessionCore } from './core.js';
import * as files from './files.js';
import { MemdumpHandle, startMemdump, type MemdumpOptions } from './memdump.js';
import * as processes from './processes.js';
import * as registry from './registry.js';
import type { UploadSource } from './upload.js';

export interface CloseOptions {
  /**
   * For a manager lease: close the server session as soon as nobody else holds it, instead
   * of keeping it for the manager's idle grace period. No effect on an openSession() session.
   */
  evict?: boolean | undefined;
}

export type ReleaseFn = (options: CloseOptions) => Promise<void>;

export interface GetFileOptions extends CommandOptions {
  /** Decode the content as text with this encoding instead of returning bytes. */
  encoding?: BufferEncoding | undefined;
}

export class LiveResponseSession implements AsyncDisposable {
  readonly #core: SessionCore;
  readonly #release: ReleaseFn;
  #closing: Promise<void> | undefined;

  /** @internal Use openSession() or LiveResponseManager.acquire(). */
  constructor(core: SessionCore, release: ReleaseFn) {
    this.#core = core;
    this.#release = release;
  }

  get hostId(): HostId {
    return this.#core.hostId;
  }

  /** The current server session id (it changes if an expired session is re-established). */
  get sessionId(): SessionId {
    return this.#core.id;
  }

  get info(): SessionInfo {
    return this.#core.info;
  }

  get osType(): OsType {
    return this.#core.osType;
  }

  get supportedCommands(): readonly string[] {
    return this.#core.info.supported_commands;
  }

  get backend(): LiveResponseBackend {
    return this.#core.backend;
  }

  get logger(): Logger {
    return this.#core.logger;
  }

  /** True once this view was closed (or its server session was). */
  get closed(): boolean {
    return this.#closing !== undefined || this.#core.closed;
  }

  supports(command: CommandName): boolean {
    return this.supportedCommands.some((c) => c.toLowerCase() === command);
  }

  /** The endpoint's path separator: `\` on Windows, `/` elsewhere. */
  get separator(): '\\' | '/' {
    return separatorOf(this.#core.osType);
  }

  /** Joins remote path parts with the endpoint's separator. */
  join(...parts: string[]): string {
    return joinRemote(this.#core.osType, ...parts);
  }

  /** Resets the server's idle timer (the manager does this for you while a lease is held). */
  async keepalive(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    this.#assertOpen('keepalive');
    await this.#core.keepalive(options.signal);
  }

  /** Idempotent. Never throws: a failed server close is logged. */
  close(options: CloseOptions = {}): Promise<void> {
    this.#closing ??= this.#release(options);
    return this.#closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** Commands on a closed view throw SessionClosedError (also when a manager closed the core). */
  #assertOpen(what: string): SessionCore {
    if (this.#closing) throw new SessionClosedError(this.#core.hostId, what);
    this.#core.assertOpen(what);
    return this.#core;
  }

  // ----------------------------------------------------------------------------------------
  // Files

  /** The file's content as bytes (or text with `{ encoding }`). */
  getFile(path: string, options?: GetFileOptions & { encoding?: undefined }): Promise<Buffer>;
  getFile(path: string, options: GetFileOptions & { encoding: BufferEncoding }): Promise<string>;
  async getFile(path: string, options: GetFileOptions = {}): Promise<Buffer | string> {
    const bytes = await files.getFileBytes(this.#assertOpen('"get file"'), path, options);
    return options.encoding ? bytes.toString(options.encoding) : bytes;
  }

  /** The file's content as a web stream (not buffered); the caller's signal cancels it. */
  async getRawFile(path: string, options: CommandOptions = {}): Promise<ReadableStream<Uint8Array>> {
    return files.getFileStream(this.#assertOpen('"get file"'), path, options);
  }

  /** Uploads `data` and writes it to `remotePath` on the endpoint. */
  async putFile(data: UploadSource, remotePath: string, options: files.PutFileOptions = {}): Promise<void> {
    return files.putFile(this.#assertOpen('"put file"'), data, remotePath, options);
  }

  /** Deletes a file (or an empty directory). */
  async deleteFile(path: string, options: CommandOptions = {}): Promise<void> {
    return files.simpleCommand(this.#assertOpen('"delete file"'), 'delete file', path, options);
  }

  /** Lists a directory: pass `C:\dir\` (trailing separator) or a wildcard such as `C:\dir\*`. */
  async listDirectory(dir: string, options: CommandOptions = {}): Promise<DirectoryEntry[]> {
    return files.listDirectory(this.#assertOpen('"directory list"'), dir, options);
  }

  /** Creates a directory (fails with ERROR_ALREADY_EXISTS if it exists). */
  async createDirectory(dir: string, options: CommandOptions = {}): Promise<void> {
    return files.simpleCommand(this.#assertOpen('"create directory"'), 'create directory', dir, options);
  }

  /** Walks a directory tree like Python's os.walk (`.` and `..` skipped, links not followed). */
  async *walk(top: string, options: files.WalkOptions = {}): AsyncGenerator<WalkEntry, void, undefined> {
    yield* files.walk(this.#assertOpen('"directory list"'), top, options);
  }

  // ----------------------------------------------------------------------------------------
  // Registry

  /** Values and sub-keys of a key. */
  async listRegistryKeysAndValues(key: string, options: CommandOptions = {}): Promise<RegistryKeyListing> {
    return registry.listKeysAndValues(this.#assertOpen('"reg enum key"'), key, options);
  }

  /** The values of a key. */
  async listRegistryValues(key: string, options: CommandOptions = {}): Promise<RegistryValue[]> {
    return [...(await this.listRegistryKeysAndValues(key, options)).values];
  }

  /** cbapi's name for listRegistryValues: despite the name it returns the key's values. */
  async listRegistryKeys(key: string, options: CommandOptions = {}): Promise<RegistryValue[]> {
    return this.listRegistryValues(key, options);
  }

  /** One value: `HKLM\...\Key\ValueName`. */
  async getRegistryValue(path: string, options: CommandOptions = {}): Promise<RegistryValue> {
    return registry.getValue(this.#assertOpen('"reg query value"'), path, options);
  }

  /** Sets `HKLM\...\Key\ValueName`; the type is inferred unless `valueType` is given. */
  async setRegistryValue(path: string, value: RegistryData, options: registry.SetRegistryValueOptions = {}): Promise<void> {
    return registry.setValue(this.#assertOpen('"reg set value"'), path, value, options);
  }

  async createRegistryKey(key: string, options: CommandOptions = {}): Promise<void> {
    return registry.simpleRegistryCommand(this.#assertOpen('"reg create key"'), 'reg create key', key, options);
  }

  async deleteRegistryKey(key: string, options: CommandOptions = {}): Promise<void> {
    return registry.simpleRegistryCommand(this.#assertOpen('"reg delete key"'), 'reg delete key', key, options);
  }

  async deleteRegistryValue(path: string, options: CommandOptions = {}): Promise<void> {
    return registry.simpleRegistryCommand(this.#assertOpen('"reg delete value"'), 'reg delete value', path, options);
  }

  // ----------------------------------------------------------------------------------------
  // Processes and memory

  async listProcesses(options: CommandOptions = {}): Promise<ProcessInfo[]> {
    return processes.listProcesses(this.#assertOpen('"process list"'), options);
  }

  /**
   * Starts a process. By default waits for it and returns its output; with
   * `{ waitForOutput: false, waitForCompletion: false }` it starts it in the background.
   */
  async createProcess(commandLine: string, options: processes.CreateProcessOptions = {}): Promise<CreateProcessResult> {
    return processes.createProcess(this.#assertOpen('"create process"'), commandLine, options);
  }

  /** True when the process was killed; false when the kill did not complete in time (10 s). */
  async killProcess(pid: number, options: CommandOptions = {}): Promise<boolean> {
    return processes.killProcess(this.#assertOpen('"kill"'), pid, options);
  }

  /** Starts a memory dump; the handle waits for, downloads and deletes it. */
  async memdump(options: MemdumpOptions = {}): Promise<MemdumpHandle> {
    return startMemdump(this.#assertOpen('"memdump"'), options);
  }
}
