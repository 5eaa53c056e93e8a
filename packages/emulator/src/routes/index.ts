// Route registry. One module per resource group; other products (Live Response, ...) add their
// own route lists with `router.addAll(...)` or through startEmulator's `extendRouter`.
import type { RouteHandler } from '../server/context.js';
import { Router } from '../server/router.js';
import { alertRoutes } from './alerts.js';
import { authRoutes } from './auth.js';
import { banningRoutes } from './banning.js';
import { binaryRoutes } from './binary.js';
import { feedRoutes } from './feeds.js';
import { groupRoutes } from './groups.js';
import { infoRoutes } from './info.js';
import { ingressRoutes } from './ingress.js';
import { investigationRoutes } from './investigations.js';
import { liveResponseRoutes } from './live-response/index.js';
import { processRoutes } from './process.js';
import { sensorRoutes } from './sensor.js';
import { siteRoutes } from './sites.js';
import { storageRoutes } from './storage.js';
import { threatReportRoutes } from './threat-reports.js';
import { userRoutes } from './users.js';
import { watchlistRoutes } from './watchlists.js';
import type { Route } from './util.js';

export const responseRoutes: readonly Route[] = [
  ...infoRoutes,
  ...authRoutes,
  ...processRoutes,
  ...binaryRoutes,
  ...sensorRoutes,
  ...groupRoutes,
  ...siteRoutes,
  ...userRoutes,
  ...feedRoutes,
  ...watchlistRoutes,
  ...banningRoutes,
  ...alertRoutes,
  ...threatReportRoutes,
  ...investigationRoutes,
  ...ingressRoutes,
  ...storageRoutes,
];

export function createRouter(): Router<RouteHandler> {
  return new Router<RouteHandler>().addAll(responseRoutes).addAll(liveResponseRoutes);
}

export { liveResponseRoutes } from './live-response/index.js';

export type { Route } from './util.js';
