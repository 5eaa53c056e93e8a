// Alerts (response.md §11, §2.4): search (v1; HEAD's v2 with cb.fq.unique_id), single update by
// POST, and the bulk POST /api/v1/alerts in both the 1.3.2 and HEAD payload forms.
import type { AlertDocument, AlertStatus, EmulatorState } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { searchHandler } from './search.js';
import { asBool, getOr404, objectBody, solrTime, type JsonObject, type Route, clock } from './util.js';

const STATUSES: readonly AlertStatus[] = ['Unresolved', 'In Progress', 'Resolved', 'False Positive'];

function status(value: unknown): AlertStatus {
  if (typeof value !== 'string' || !STATUSES.includes(value as AlertStatus)) {
    throw badRequest('invalid_status', `status must be one of ${STATUSES.join(', ')}`);
  }
  return value as AlertStatus;
}

function setStatus(state: EmulatorState, alert: AlertDocument, s: AlertStatus): void {
  alert.status = s;
  // Resolved/False Positive close the alert; reopening clears the resolution time.
  alert.resolved_time = s === 'Resolved' || s === 'False Positive' ? solrTime(clock(state)) : null;
}

interface AlertUpdate {
  status?: AlertStatus;
  assigned_to?: string;
  is_ignored?: boolean;
}

function parseBulk(body: JsonObject): { ids: string[]; update: AlertUpdate } {
  if (!Array.isArray(body.alert_ids) || body.alert_ids.some((id) => typeof id !== 'string')) {
    throw badRequest('invalid_request', 'alert_ids must be an array of alert unique ids');
  }
  const nested = (typeof body.updates === 'object' && body.updates !== null ? body.updates : {}) as JsonObject;
  const update: AlertUpdate = {};
  const requested = body.requested_status ?? nested.requested_status;
  if (requested !== undefined) update.status = status(requested);
  if (body.assigned_to !== undefined) update.assigned_to = String(body.assigned_to);
  const ignored = body.set_ignored ?? nested.is_ignored;
  if (ignored !== undefined) update.is_ignored = asBool(ignored, 'is_ignored');
  if (!Object.keys(update).length) throw badRequest('invalid_request', 'Nothing to update: give requested_status, assigned_to or set_ignored');
  return { ids: body.alert_ids as string[], update };
}

function apply(state: EmulatorState, alert: AlertDocument, update: AlertUpdate): void {
  if (update.status) setStatus(state, alert, update.status);
  if (update.assigned_to !== undefined) alert.assigned_to = update.assigned_to;
  if (update.is_ignored !== undefined) alert.is_ignored = update.is_ignored;
}

export const alertRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/alert', searchPage: true, handler: searchHandler('alert') },
  { method: 'GET', pattern: '/api/v2/alert', searchPage: true, handler: searchHandler('alert') },
  {
    method: 'POST',
    pattern: '/api/v1/alert/:id',
    handler: (ctx: RouteContext) => {
      const alert = getOr404(ctx.state.alerts, String(ctx.params.id));
      const body = objectBody(ctx);
      // The client posts its whole store; only the workflow fields are writable.
      const update: AlertUpdate = {};
      if (body.status !== undefined) update.status = status(body.status);
      if (body.assigned_to !== undefined && body.assigned_to !== null) update.assigned_to = String(body.assigned_to);
      if (body.is_ignored !== undefined) update.is_ignored = asBool(body.is_ignored, 'is_ignored');
      apply(ctx.state, alert, update);
      return success();
    },
  },
  {
    method: 'POST',
    pattern: '/api/v1/alerts',
    handler: (ctx: RouteContext) => {
      const { ids, update } = parseBulk(objectBody(ctx));
      let updated = 0;
      for (const id of ids) {
        const alert = ctx.state.alerts.get(id);
        if (!alert) continue;
        apply(ctx.state, alert, update);
        updated++;
      }
      return json({ result: 'success', updated });
    },
  },
];
