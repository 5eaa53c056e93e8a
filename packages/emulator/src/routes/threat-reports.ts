// Threat reports (response.md §12, §2.5): search and the bulk update, addressed either by
// {"ids": {"<feed_id>": ["<report_id>", ...]}} or by a {"query": "cb.urlver=1&q=..."} string.
import type { ThreatReportDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest } from '../server/errors.js';
import { json } from '../server/respond.js';
import { matchingDocs, searchHandler } from './search.js';
import { asBool, objectBody, type JsonObject, type Route } from './util.js';

/** Fields a report update may change (the server owns everything else). */
const WRITABLE = ['is_ignored'] as const;

function parseUpdates(body: JsonObject): Partial<Pick<ThreatReportDocument, 'is_ignored'>> {
  const updates = body.updates;
  if (typeof updates !== 'object' || updates === null || Array.isArray(updates)) {
    throw badRequest('invalid_request', 'updates must be an object');
  }
  const out: Partial<Pick<ThreatReportDocument, 'is_ignored'>> = {};
  for (const [key, value] of Object.entries(updates as JsonObject)) {
    if (!(WRITABLE as readonly string[]).includes(key)) throw badRequest('invalid_field', `Field ${key} cannot be updated`);
    out.is_ignored = asBool(value, key);
  }
  return out;
}

function targets(ctx: RouteContext, body: JsonObject): ThreatReportDocument[] {
  if (typeof body.query === 'string') {
    return matchingDocs(ctx, 'threat_report', new URLSearchParams(body.query)) as ThreatReportDocument[];
  }
  const ids = body.ids;
  if (typeof ids !== 'object' || ids === null || Array.isArray(ids)) {
    throw badRequest('invalid_request', 'Give either ids {"<feed_id>": [report ids]} or a query string');
  }
  const out: ThreatReportDocument[] = [];
  for (const [feedId, reportIds] of Object.entries(ids as JsonObject)) {
    if (!Array.isArray(reportIds)) throw badRequest('invalid_request', `ids.${feedId} must be an array of report ids`);
    for (const rid of reportIds) {
      const report = ctx.state.threatReports.get(`${feedId}:${String(rid)}`);
      if (report) out.push(report);
    }
  }
  return out;
}

export const threatReportRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/threat_report', searchPage: true, handler: searchHandler('threat_report') },
  {
    method: 'POST',
    pattern: '/api/v1/threat_report',
    handler: (ctx) => {
      const body = objectBody(ctx);
      const updates = parseUpdates(body);
      const reports = targets(ctx, body);
      for (const r of reports) Object.assign(r, updates);
      return json({ result: 'success', updated: reports.length });
    },
  },
];
