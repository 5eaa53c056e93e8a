// Live Response for Cb Response, Cb Defense and Carbon Black Cloud (plus the platform device
// API LR needs), all driven by one command engine over the simulated hosts.
import type { Route } from '../util.js';
import { cloudLiveResponseRoutes } from './cloud.js';
import { defenseLiveResponseRoutes } from './defense.js';
import { deviceRoutes } from './devices.js';
import { responseLiveResponseRoutes } from './response.js';

export const liveResponseRoutes: readonly Route[] = [
  ...responseLiveResponseRoutes,
  ...defenseLiveResponseRoutes,
  ...cloudLiveResponseRoutes,
  ...deviceRoutes,
];

export { attachLiveResponse, liveResponseOf } from './engine/registry.js';
export { LiveResponseEngine, type OpenSessionCounts, type SessionSummary } from './engine/engine.js';
export type { LiveResponseOptions, HostOverride, Latency } from './engine/options.js';
export type { Backend, SessionState } from './engine/types.js';
export { liveResponseControl, type LiveResponseControl } from './control.js';
