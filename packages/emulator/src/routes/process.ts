// Processes (response.md §3): search, summary, events per API version, segments, threat-intel
// hits, report package and the binary frequency endpoint that lives under /process.
import type { EventApiVersion } from '../data/types.js';
import { processEventResponse, processSegmentList, processSummary } from '../data/views.js';
import type { RouteContext } from '../server/context.js';
import { notFound } from '../server/errors.js';
import { bytes, json } from '../server/respond.js';
import { createZip } from '../zip/writer.js';
import { searchHandler } from './search.js';
import type { Route } from './util.js';

const DEFAULT_CHILDREN = 15;

/** Row of (guid, segment) or 404. Segment 0 (6.x) / 1 (5.x) addresses the first segment. */
function findRow(ctx: RouteContext): number {
  const row = ctx.state.processes.findRow(String(ctx.params.guid).slice(0, 36), segmentParam(ctx));
  if (row < 0) throw notFound();
  return row;
}

function segmentParam(ctx: RouteContext): number {
  const segment = Number(ctx.params.segment);
  if (!Number.isInteger(segment) || segment < 0) throw notFound();
  return segment;
}

function summary(ctx: RouteContext) {
  const requested = Number(ctx.query.get('children') ?? DEFAULT_CHILDREN);
  const limit = Number.isInteger(requested) && requested >= 0 ? requested : DEFAULT_CHILDREN;
  const body = processSummary(ctx.state, String(ctx.params.guid).slice(0, 36), segmentParam(ctx), limit);
  if (!body) throw notFound();
  return body;
}

function segments(ctx: RouteContext) {
  const body = processSegmentList(ctx.state, String(ctx.params.guid).slice(0, 36));
  if (!body) throw notFound();
  return body;
}

function events(ctx: RouteContext) {
  const version = /^v([1-5])$/.exec(String(ctx.params.ver));
  if (!version) throw notFound();
  const started = performance.now();
  const body = processEventResponse(ctx.state, String(ctx.params.guid).slice(0, 36), segmentParam(ctx), Number(version[1]) as EventApiVersion);
  if (!body) throw notFound();
  return { ...body, elapsed: (performance.now() - started) / 1000 };
}

function threatIntelHits(ctx: RouteContext) {
  const doc = ctx.state.processes.row(findRow(ctx)) as unknown as Record<string, unknown>;
  // One hit per feed tag on the process (alliance_score_<feed>).
  const hits: unknown[] = [];
  for (const [key, value] of Object.entries(doc)) {
    const m = /^alliance_score_(.+)$/.exec(key);
    if (!m) continue;
    const feed = [...ctx.state.feeds.values()].find((f) => f.name === m[1]);
    hits.push({
      feed_name: m[1],
      feed_id: feed?.id ?? null,
      score: value,
      link: doc[`alliance_link_${m[1]}`] ?? '',
      report_ids: doc[`alliance_data_${m[1]}`] ?? [],
    });
  }
  return hits;
}

function report(ctx: RouteContext) {
  const doc = ctx.state.processes.row(findRow(ctx));
  const zip = createZip([
    { name: 'summary.json', data: JSON.stringify(summary(ctx), null, 2) },
    { name: 'events.json', data: JSON.stringify(processEventResponse(ctx.state, doc.id, doc.segment_id, 4) ?? {}, null, 2) },
  ]);
  return bytes(zip, 'application/zip', { 'content-disposition': `attachment; filename=${doc.id}-report.zip` });
}

function hostCount(ctx: RouteContext) {
  const md5 = (ctx.query.get('md5') ?? '').toUpperCase();
  const freq = ctx.state.binaryFrequency.get(md5);
  return json(freq ?? { hostCount: 0, globalCount: 0, numDocs: ctx.state.processes.rowCount });
}

export const processRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/process', searchPage: true, handler: searchHandler('process') },
  // The legacy client POSTs the search parameters as JSON to allow long queries.
  { method: 'POST', pattern: '/api/v1/process', access: 'read', searchPage: true, handler: searchHandler('process') },
  { method: 'GET', pattern: '/api/v1/process/host/count', handler: hostCount },
  { method: 'GET', pattern: '/api/v1/process/:guid/segment', handler: segments },
  { method: 'GET', pattern: '/api/v1/process/:guid/:segment', handler: summary },
  { method: 'GET', pattern: '/api/v1/process/:guid/:segment/threat_intel_hits', handler: threatIntelHits },
  { method: 'GET', pattern: '/api/v1/process/:guid/:segment/report', handler: report },
  { method: 'GET', pattern: '/api/:ver/process/:guid/:segment/event', handler: events },
];
