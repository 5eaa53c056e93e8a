// File commands: get (bytes or stream), put (multipart upload + `put file`), delete, list,
// create directory, and walk (client-side recursion over `directory list`).
import { AbortError, ApiError, PayloadTooLargeError } from '@cb/core';
import { LiveResponseError } from '../errors.js';
import { isDirectory, toDirectoryEntries } from '../internal/normalise.js';
import { joinRemote, separatorOf, trimTrailingSeparator } from '../internal/paths.js';
import { callTiming } from '../timing.js';
import type { CommandOptions, DirectoryEntry, WalkEntry } from '../types.js';
import { runCommand, type Completed } from './command.js';
import type { SessionCore } from './core.js';
import { prepareUpload, uploadFileName, type UploadSource } from './upload.js';

async function getFileCommand(core: SessionCore, path: string, options: CommandOptions): Promise<{ done: Completed; fileId: number | string }> {
  const command = { name: 'get file', target: path } as const;
  const done = await runCommand(core, command, { timing: callTiming(core.timings.command, options), signal: options.signal });
  // Ids can be 0 (a CBC SDK bug treated 0 as "no file"): test for presence, not truthiness.
  const fileId = core.backend.fileIdOf(done.reply, done.completed);
  if (fileId === undefined) {
    throw new LiveResponseError(`"get file" (${path}) on host ${core.hostId} completed without a file id`, {
      details: done.completed,
      hostId: core.hostId,
      sessionId: done.sessionId,
      command: 'get file',
    });
  }
  return { done, fileId };
}

export async function getFileStream(core: SessionCore, path: string, options: CommandOptions): Promise<ReadableStream<Uint8Array>> {
  const { done, fileId } = await getFileCommand(core, path, options);
  return core.backend.downloadFile(done.sessionId, fileId, { signal: options.signal });
}

export async function getFileBytes(core: SessionCore, path: string, options: CommandOptions): Promise<Buffer> {
  const { done, fileId } = await getFileCommand(core, path, options);
  const bytes = await core.backend.downloadFileBytes(done.sessionId, fileId, { signal: options.signal });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface PutFileOptions extends CommandOptions {
  /** File name of the multipart part (default: a file stream's own name, else `file`). */
  fileName?: string | undefined;
  /** Size of a streamed source, when known: checked against the upload limit and named in errors. */
  size?: number | undefined;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(1)} MB (${bytes} bytes)` : `${(bytes / 1024).toFixed(1)} KB (${bytes} bytes)`;
}

function tooLarge(
  remotePath: string,
  size: string,
  limit: number | undefined,
  original?: PayloadTooLargeError,
): PayloadTooLargeError {
  const limitText = limit === undefined ? 'the server did not say what its limit is' : `the limit is ${formatSize(limit)}`;
  const message =
    `Upload of ${remotePath} was rejected as too large (413): the file is ${size}; ${limitText}. ` +
    'Upload limits are set by the server or a proxy in front of it (often nginx client_max_body_size); ' +
    'split the file, compress it, or ask the administrator to raise the limit.';
  return new PayloadTooLargeError(message, {
    status: 413,
    method: original?.method,
    path: original?.path,
    body: original?.body,
    requestId: original?.requestId,
    attempts: original?.attempts,
    cause: original,
  });
}

export async function putFile(core: SessionCore, data: UploadSource, remotePath: string, options: PutFileOptions): Promise<void> {
  const command = { name: 'put file', target: remotePath } as const;
  core.assertOpen('"put file"');
  // Check before uploading: an upload to a sensor that cannot write it is wasted bandwidth.
  core.assertSupported('put file');
  const fileName = uploadFileName(data, options.fileName);
  const limit = core.uploadLimitBytes;
  let upload = prepareUpload(data, fileName, options.size);
  if (limit !== undefined && upload.size !== undefined && upload.size > limit) {
    throw tooLarge(remotePath, formatSize(upload.size), limit);
  }
  const replayable = !(upload.body instanceof ReadableStream);
  await runCommand(core, command, { timing: callTiming(core.timings.command, options), signal: options.signal }, async (sessionId, attempt) => {
    if (attempt > 1) {
      if (!replayable) {
        throw new ApiError(`The session for host ${core.hostId} expired during the upload of ${remotePath}; a stream cannot be re-sent: call putFile again`);
      }
      upload = prepareUpload(data, fileName, options.size);
    }
    try {
      const fileId = await core.backend.uploadFile(sessionId, upload.body, upload.headers, { signal: options.signal });
      return { ...command, extra: { file_id: fileId } };
    } catch (err) {
      if (err instanceof PayloadTooLargeError) {
        const size = upload.size !== undefined ? formatSize(upload.size) : `at least ${formatSize(upload.bytesSent())} (a stream)`;
        throw tooLarge(remotePath, size, limit, err);
      }
      throw err;
    }
  });
}

export async function simpleCommand(
  core: SessionCore,
  name: 'delete file' | 'create directory',
  path: string,
  options: CommandOptions,
): Promise<void> {
  await runCommand(core, { name, target: path }, { timing: callTiming(core.timings.command, options), signal: options.signal });
}

export async function listDirectory(core: SessionCore, dir: string, options: CommandOptions): Promise<DirectoryEntry[]> {
  const done = await runCommand(core, { name: 'directory list', target: dir }, { timing: callTiming(core.timings.command, options), signal: options.signal });
  return toDirectoryEntries(done.completed);
}

export interface WalkOptions extends CommandOptions {
  /** Yield a directory before its sub-directories (default true); then `dirs` may be pruned. */
  topDown?: boolean | undefined;
  /** Called with a listing error; the walk skips that directory. Default: ignore (like os.walk). */
  onError?: ((error: unknown, dir: string) => void) | undefined;
}

export async function* walk(core: SessionCore, top: string, options: WalkOptions): AsyncGenerator<WalkEntry, void, undefined> {
  const dir = trimTrailingSeparator(core.osType, top);
  let entries: DirectoryEntry[];
  try {
    entries = await listDirectory(core, `${dir}${dir.endsWith(separatorOf(core.osType)) ? '' : separatorOf(core.osType)}*`, options);
  } catch (err) {
    // An abort (or a closed session) ends the whole walk; a listing error only this branch.
    if (err instanceof AbortError || options.signal?.aborted || core.closed) throw err;
    options.onError?.(err, dir);
    return;
  }
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.filename === '.' || entry.filename === '..') continue;
    (isDirectory(entry) ? dirs : files).push(entry.filename);
  }
  const topDown = options.topDown ?? true;
  const here: WalkEntry = { dir, dirs, files };
  if (topDown) yield here;
  for (const name of [...here.dirs]) yield* walk(core, joinRemote(core.osType, dir, name), options);
  if (!topDown) yield here;
}
