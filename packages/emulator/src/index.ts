// @cb/emulator: a local Cb Response server (HTTP/HTTPS) over a seeded dataset, for tests,
// examples and demos. msw handlers over the same core live in '@cb/emulator/msw'.
export {
  startEmulator,
  setAdminToken,
  readOnlyTokenOf,
  type StartEmulatorOptions,
  type RunningEmulator,
  type FaultControl,
  type CloudAccess,
} from './server/emulator.js';
export { createEmulatorCore, DEFAULT_UPLOAD_LIMIT, DEFAULT_ISOLATION_POLLS, type CoreOptions, type EmulatorCore } from './server/runtime.js';
export type { EmuRequest, EmuResponse, RequestHandler } from './server/types.js';
export type { EmulatorConfig, EmulatorRuntime, RouteContext, RouteHandler, RouteResult } from './server/context.js';
export { formatStats, type EmulatorStats } from './server/stats.js';
export type { RequestLogEntry } from './server/request-log.js';
export { Router, type RouteDef, type Access, type RouteMatch } from './server/router.js';
export { HttpError, werkzeugPage, nginxPage, jsonError } from './server/errors.js';
export { json, noContent, bytes } from './server/respond.js';
export { writeProfile, defaultCredentialsFile, type ProfileValues } from './server/profile.js';
export { responseRoutes, liveResponseRoutes, createRouter } from './routes/index.js';
export {
  liveResponseControl,
  LiveResponseEngine,
  type LiveResponseControl,
  type LiveResponseOptions,
  type HostOverride,
  type Latency,
  type OpenSessionCounts,
  type SessionSummary,
  type Backend as LiveResponseBackend,
  type SessionState as LiveResponseSessionState,
} from './routes/live-response/index.js';
export {
  hostModel,
  resetHosts,
  cloudCredentials,
  cloudToken,
  defenseToken,
  deviceIdOf,
  sensorIdOf,
  hresultFromWin32,
  signedHresult,
  type HostModel,
  type HostIdentity,
  type HostProcess,
  type CloudCredentials,
  type CloudApiKey,
  type CloudDevice,
} from './data/hosts/index.js';
export { FaultRegistry, parseFaultSpec, type FaultSpec, type FaultMatch, type FaultHandle, type FaultDecision, type TransportFault } from './faults/index.js';
export { createZip, readZip, crc32, createTar, createTarGz, type ZipEntry, type ZipEntryInput, type TarEntryInput } from './zip/index.js';
export {
  createState,
  snapshot,
  reset as resetState,
  encodeEvents,
  eventApiVersionFor,
  SPECIAL_HOSTNAME,
  SPECIAL_USERNAME,
  SPECIAL_IP,
  SPECIAL_BINARY_MD5,
  type StateSnapshot,
} from './data/index.js';
export type * from './data/types.js';
