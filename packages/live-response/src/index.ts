// @cb/live-response: Live Response sessions over Cb Response, Cb Defense and Carbon Black Cloud,
// a session manager (reuse, slots, keepalive) and an RxJS job API.
export type * from './types.js';
export {
  LiveResponseError,
  LiveResponsePermissionError,
  OfflineError,
  SessionClosedError,
  SessionLimitError,
  UnsupportedCommandError,
  describeResult,
  type LiveResponseErrorContext,
  type PermissionErrorDetails,
  type SessionLimitErrorDetails,
} from './errors.js';
export { decodeHResult, hresultFromWin32, win32ErrorName, type DecodedHResult } from './win32.js';
export { DEFAULT_TIMINGS, type LiveResponseTimings, type TimingOverrides } from './timing.js';

export type {
  CallContext,
  CommandRequest,
  FileId,
  HostInfo,
  HostInfoProvider,
  LiveResponseBackend,
  Product,
} from './backends/backend.js';
export type { BackendOptions } from './backends/http-backend.js';
export { CbResponseBackend, type CbResponseBackendOptions } from './backends/response.js';
export { CbDefenseBackend, type CbDefenseBackendOptions } from './backends/defense.js';
export { PlatformBackend, type PlatformBackendOptions } from './backends/platform.js';
export { requiredPermission, type Operation, type RequiredPermission } from './backends/permissions.js';

export { openSession, type SessionOptions } from './session/open.js';
export { LiveResponseSession, type CloseOptions, type GetFileOptions } from './session/session.js';
export type { PutFileOptions, WalkOptions } from './session/files.js';
export type { CreateProcessOptions } from './session/processes.js';
export { inferRegistryType, type SetRegistryValueOptions } from './session/registry.js';
export { MemdumpHandle, type DownloadTarget, type MemdumpOptions } from './session/memdump.js';
export type { UploadSource } from './session/upload.js';
export { isDirectory } from './internal/normalise.js';
export { osTypeFrom } from './internal/paths.js';

export {
  LiveResponseManager,
  type AcquireOptions,
  type LiveResponseManagerOptions,
  type ManagerStats,
} from './manager/manager.js';

export type {
  HostSource,
  Job,
  JobContext,
  JobFailure,
  JobFunction,
  JobLike,
  JobObject,
  JobObservable,
  JobOptions,
  JobPhase,
  JobProgress,
  JobResult,
  JobRetryConfig,
  JobSuccess,
  OfflinePolicy,
} from './jobs/types.js';
export { isTransientFailure } from './jobs/transient.js';
