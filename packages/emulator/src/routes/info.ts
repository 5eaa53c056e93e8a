// Server-level endpoints (response.md §1, legacy.md §1.4): info, license, dashboard, builds.
import { badRequest } from '../server/errors.js';
import { json } from '../server/respond.js';
import { objectBody, type Route } from './util.js';

function applyLicense(ctx: Parameters<Route['handler']>[0]) {
  const body = objectBody(ctx);
  if (typeof body.license !== 'string' || body.license.trim() === '') {
    throw badRequest('invalid_license', 'License block is missing or invalid');
  }
  ctx.state.license.license_valid = true;
  ctx.state.license.license_expired = false;
  return json({ status: 'success' });
}

export const infoRoutes: Route[] = [
  { method: 'GET', pattern: '/api/info', handler: (ctx) => ctx.state.info },
  // The SDK reads only `license_request_block` from /api/license.
  { method: 'GET', pattern: '/api/license', handler: (ctx) => ({ license_request_block: ctx.state.license.license_request_block }) },
  { method: 'POST', pattern: '/api/license', access: 'admin', handler: applyLicense },
  { method: 'GET', pattern: '/api/v1/license', handler: (ctx) => ctx.state.license },
  { method: 'POST', pattern: '/api/v1/license', access: 'admin', handler: applyLicense },
  {
    method: 'GET',
    pattern: '/api/v1/dashboard/statistics',
    handler: (ctx) => {
      const sensors = [...ctx.state.sensors.values()];
      return {
        sensor_count: sensors.length,
        online_sensor_count: sensors.filter((s) => s.status === 'Online').length,
        process_count: ctx.state.processes.processCount,
        process_segment_count: ctx.state.processes.rowCount,
        binary_count: ctx.state.binaries.size,
        alert_count: ctx.state.alerts.size,
        unresolved_alert_count: [...ctx.state.alerts.values()].filter((a) => a.status === 'Unresolved').length,
        watchlist_count: ctx.state.watchlists.size,
        feed_count: ctx.state.feeds.size,
      };
    },
  },
  { method: 'GET', pattern: '/api/builds', handler: (ctx) => builds(ctx.state.info.version) },
  { method: 'GET', pattern: '/api/v2/builds', handler: (ctx) => builds(ctx.state.info.version) },
  {
    method: 'GET',
    pattern: '/api/login-caps',
    access: 'public',
    handler: () => ({ cb_login_enabled: true, saml_enabled: false, sso_enabled: false }),
  },
  {
    method: 'GET',
    pattern: '/api/v1/settings/global/platformserver',
    access: 'admin',
    // The secret is never returned (legacy.md §1.4).
    handler: () => ({ username: '', server: '' }),
  },
  {
    method: 'POST',
    pattern: '/api/v1/settings/global/platformserver',
    access: 'admin',
    handler: (ctx) => {
      objectBody(ctx);
      return json({ result: 'success' });
    },
  },
];

function builds(version: string) {
  const build = version.split('.').slice(0, 3).map((p) => p.padStart(3, '0')).join('.');
  const version_string = `${build}.${version.split('.')[3] ?? '00000'}`;
  return { Windows: [{ version_string }], Linux: [{ version_string }], OSX: [{ version_string }] };
}
