// Simulated endpoints behind Live Response: per-host file system, registry and process table,
// plus the Cloud/Defense device views and credentials of the same hosts.
export { hostModel, resetHosts, type HostModel } from './host.js';
export { hostIdentity, osFamilyOf, type HostIdentity } from './identity.js';
export { FileSystem, contentOf, shortName, type FsNode, type FsFile, type FsDir, type ListEntry, type FsTimes } from './filesystem.js';
export { Registry, normaliseValue, wireData, REG_TYPES, type RegType, type RegValue, type RegData } from './registry.js';
export { ProcessTable, rootGuid, type HostProcess } from './processes.js';
export { autoStartServices } from './registry-seed.js';
export { parsePath, formatPath, separatorOf, expandWindowsVars, type OsFamily, type ParsedPath } from './paths.js';
export { generateContent } from './content.js';
export * from './win32.js';
export {
  cloudCredentials,
  cloudToken,
  defenseToken,
  type CloudCredentials,
  type CloudApiKey,
  type LegacyApiKey,
  type Operation,
} from './credentials.js';
export {
  cloudDevice,
  defenseDevice,
  deviceIdOf,
  sensorIdOf,
  deviceOverlay,
  DEVICE_ID_OFFSET,
  KNOWN_POLICIES,
  type CloudDevice,
  type DeviceOverlay,
} from './devices.js';
