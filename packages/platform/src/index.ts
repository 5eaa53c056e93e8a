// @cb/platform: the Carbon Black Cloud platform API (devices, device actions, Live Response v6).
export * from './api.js';
export * from './errors.js';
export * from './version.js';
export { PLATFORM_CREDENTIAL_FILES, cloudTokenProblem } from './credentials.js';
export { Device } from './models/device.js';
export {
  deviceActionBody,
  type DeviceAction,
  type DeviceActionTarget,
  type DeviceActionType,
  type DeviceSearchBody,
  type ToggleActionType,
} from './models/device-actions.js';
export {
  DeviceSearchQuery,
  DEVICE_SCROLL_ROWS,
  DEVICE_SEARCH_BATCH_SIZE,
  DEVICE_SEARCH_MAX_ROWS,
  type ScrollOptions,
  type SortOrder,
} from './query/device-search-query.js';
export { DEVICE_SEARCH_WINDOW } from './query/result-window.js';
export {
  DEVICE_DEPLOYMENT_TYPE,
  DEVICE_OS,
  DEVICE_STATUS,
  DEVICE_TARGET_PRIORITY,
  type CriterionValue,
  type DeviceDeploymentType,
  type DeviceOs,
  type DeviceStatus,
  type DeviceTargetPriority,
  type TimeCriterion,
} from './query/criteria.js';
export { lrOsType, type CloudLiveResponseOptions, type LiveResponseHost, type LrSessionOptions } from './live-response.js';
// The session types device.lrSession() and api.liveResponse hand out.
export type { LiveResponseManager, LiveResponseSession } from '@cb/live-response';
