// Memory dumps: start the command, then wait (up to an hour), download and delete through a
// handle. A dump is written on the endpoint first, so the three steps are separate commands.
import { createWriteStream } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web';
import { toMemdumpStatus } from '../internal/normalise.js';
import { tempFileName } from '../internal/paths.js';
import { callTiming } from '../timing.js';
import type { CommandOptions, MemdumpStatus } from '../types.js';
import { postCommand, waitForCommand, type Posted } from './command.js';
import type { SessionCore } from './core.js';
import { getFileStream, simpleCommand } from './files.js';

export interface MemdumpOptions extends CommandOptions {
  /** Where the sensor writes the dump (default: a temp file). */
  remoteFile?: string | undefined;
  /** Zip the dump on the endpoint (default true); the remote file then gets `.zip` appended. */
  compress?: boolean | undefined;
}

/** Where `download` writes: a local path, a Node writable or a web WritableStream. */
export type DownloadTarget = string | NodeJS.WritableStream | WritableStream<Uint8Array>;

export class MemdumpHandle {
  readonly #core: SessionCore;
  readonly #posted: Posted;
  /** The file the dump ends up in on the endpoint (with `.zip` when compressed). */
  readonly remoteFile: string;
  readonly compress: boolean;
  #done: Promise<MemdumpStatus> | undefined;

  constructor(core: SessionCore, posted: Posted, remoteFile: string, compress: boolean) {
    this.#core = core;
    this.#posted = posted;
    this.remoteFile = remoteFile;
    this.compress = compress;
  }

  get commandId(): number | string {
    return this.#posted.commandId;
  }

  /** Waits for the dump to finish (default budget 3600 s, polled every 5 s). */
  wait(options: CommandOptions = {}): Promise<MemdumpStatus> {
    if (!this.#done) {
      const pending = waitForCommand(
        this.#core,
        this.#posted,
        { name: 'memdump', target: this.remoteFile },
        callTiming(this.#core.timings.memdump, options),
        options.signal,
      ).then((completed) => toMemdumpStatus(completed, true));
      this.#done = pending;
      // A failed or aborted wait may be retried.
      pending.catch(() => {
        if (this.#done === pending) this.#done = undefined;
      });
    }
    return this.#done;
  }

  /** Waits if needed, then streams the dump into `target`. Returns the bytes written. */
  async download(target: DownloadTarget, options: CommandOptions = {}): Promise<number> {
    await this.wait(options);
    const stream = await getFileStream(this.#core, this.remoteFile, {
      ...options,
      timeoutMs: options.timeoutMs ?? this.#core.timings.memdump.timeoutMs,
      pollDelayMs: options.pollDelayMs ?? this.#core.timings.memdump.delayMs,
    });
    let bytes = 0;
    const source = Readable.fromWeb(stream as NodeWebReadableStream<Uint8Array>, { signal: options.signal });
    source.on('data', (chunk: Buffer) => {
      bytes += chunk.byteLength;
    });
    const sink = typeof target === 'string' ? createWriteStream(target) : isWebWritable(target) ? Writable.fromWeb(target as import('node:stream/web').WritableStream) : target;
    await pipeline(source, sink, { signal: options.signal });
    return bytes;
  }

  /** Deletes the dump on the endpoint. */
  async delete(options: CommandOptions = {}): Promise<void> {
    await simpleCommand(this.#core, 'delete file', this.remoteFile, options);
  }
}

function isWebWritable(target: unknown): target is WritableStream<Uint8Array> {
  return typeof target === 'object' && target !== null && typeof (target as { getWriter?: unknown }).getWriter === 'function';
}

export async function startMemdump(core: SessionCore, options: MemdumpOptions): Promise<MemdumpHandle> {
  const name = options.remoteFile ?? tempFileName(core.osType);
  const compress = options.compress ?? true;
  const posted = await postCommand(core, { name: 'memdump', target: name, extra: { compress } }, options.signal);
  return new MemdumpHandle(core, posted, compress ? `${name}.zip` : name, compress);
}
