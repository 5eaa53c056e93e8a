// Sensors and administration: sensors, groups, sites, throttle rules, teams, users, storage
// partitions and ingress filters.
export { InvalidQueryFieldError } from './models/errors.js';
export {
  parseNetworkAdapters,
  Sensor,
  SENSOR_WRITABLE_FIELDS,
  type FlushEventsOptions,
  type IsolationOptions,
  type IsolationState,
  type NetworkInterface,
  type SensorActivityStat,
  type SensorQueuedStat,
  type SensorResourceStatus,
} from './models/sensor.js';
export { SENSOR_QUERY_FIELDS, SensorQuery, type SensorQueryField } from './models/sensor-query.js';
export type { PollProgress } from './models/poll.js';
export { SensorGroup, type InstallerType, type TeamAccess } from './models/sensor-group.js';
export { Site } from './models/site.js';
export { ThrottleRule } from './models/throttle-rule.js';
export { Team, TeamQuery, type AccessCategory, type GroupAccess } from './models/team.js';
export { User, type UserTeam } from './models/user.js';
export {
  partitionRows,
  StoragePartition,
  StoragePartitionQuery,
  type PartitionInfo,
  type PartitionStatus,
} from './models/storage-partition.js';
export { INGRESS_FILTER_DEFAULTS, IngressFilter, OsMask } from './models/ingress-filter.js';
export {
  ResponseLiveResponseManager,
  sensorOsType,
  type LiveResponsePreflight,
  type LrSessionOptions,
  type ResponseLiveResponseOptions,
} from './live-response/manager.js';
export type { SensorRef, SensorSource, SubscribableSource } from './live-response/sensor-source.js';
