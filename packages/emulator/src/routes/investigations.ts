// Investigations and tagged events (response.md §13, legacy.md §1.12).
import type { TaggedEventDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { asInt, getOr404, intParam, objectBody, requireFields, solrTime, type Route, clock } from './util.js';

const EVENT_TYPES = ['filemod', 'regmod', 'netconn', 'modload', 'childproc', 'crossproc', 'procstart'];

function userId(ctx: RouteContext): number {
  return [...ctx.state.users.keys()].indexOf(ctx.user.username) + 1;
}

export const investigationRoutes: Route[] = [
  { method: 'GET', pattern: '/api/investigations', handler: (ctx) => [...ctx.state.investigations.values()] },
  {
    method: 'POST',
    pattern: '/api/investigations',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['name']);
      const id = ctx.state.nextIds.investigation++;
      const now = solrTime(clock(ctx.state));
      const doc = { id, created_by_user_id: userId(ctx), date_started: now, last_updated: now, name: String(body.name), notes: String(body.notes ?? '') };
      ctx.state.investigations.set(id, doc);
      return json({ id });
    },
  },
  {
    method: 'PUT',
    pattern: '/api/investigations/:id',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.investigations, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      if ('name' in body) {
        if (typeof body.name !== 'string' || !body.name) throw badRequest('invalid_field', 'name must be a non-empty string');
        doc.name = body.name;
      }
      if ('notes' in body) doc.notes = String(body.notes ?? '');
      doc.last_updated = solrTime(clock(ctx.state));
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/investigations/:id',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.investigations, id);
      ctx.state.investigations.delete(id);
      for (const [eid, e] of ctx.state.taggedEvents) if (e.investigation_id === id) ctx.state.taggedEvents.delete(eid);
      return success();
    },
  },
  {
    method: 'GET',
    pattern: '/api/tagged_event/:id',
    // Listed per investigation: the path id is the investigation id.
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.investigations, id);
      return [...ctx.state.taggedEvents.values()].filter((e) => e.investigation_id === id);
    },
  },
  {
    method: 'GET',
    pattern: '/api/tagged_events/:processId',
    handler: (ctx) => [...ctx.state.taggedEvents.values()].filter((e) => e.unique_id === ctx.params.processId || e.process_id === ctx.params.processId),
  },
  {
    method: 'POST',
    pattern: '/api/tagged_event',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['investigation_id']);
      const investigationId = asInt(body.investigation_id, 'investigation_id');
      if (!ctx.state.investigations.has(investigationId)) throw badRequest('invalid_investigation', `Investigation ${investigationId} does not exist`);
      const eventType = String(body.event_type ?? 'procstart');
      if (!EVENT_TYPES.includes(eventType)) throw badRequest('invalid_field', `event_type must be one of ${EVENT_TYPES.join(', ')}`);
      const id = ctx.state.nextIds.taggedEvent++;
      const now = solrTime(clock(ctx.state));
      const doc: TaggedEventDocument = {
        id,
        investigation_id: investigationId,
        event_id: String(body.event_id ?? ''),
        event_type: eventType as TaggedEventDocument['event_type'],
        date_tagged: now,
        start_date: typeof body.start_date === 'string' ? body.start_date : now,
        unique_id: String(body.unique_id ?? ''),
        process_id: String(body.process_id ?? ''),
        segment_id: body.segment_id === undefined ? 0 : asInt(body.segment_id, 'segment_id'),
        event_data: typeof body.event_data === 'object' && body.event_data !== null ? (body.event_data as Record<string, unknown>) : {},
        tagged_by_user_id: userId(ctx),
        notes: String(body.notes ?? ''),
      };
      ctx.state.taggedEvents.set(id, doc);
      return json({ id });
    },
  },
  {
    method: 'PUT',
    pattern: '/api/tagged_event/:id',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.taggedEvents, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      if ('notes' in body) doc.notes = String(body.notes ?? '');
      if ('start_date' in body && typeof body.start_date === 'string') doc.start_date = body.start_date;
      if ('event_data' in body && typeof body.event_data === 'object' && body.event_data !== null) doc.event_data = body.event_data as Record<string, unknown>;
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/tagged_event/:id',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.taggedEvents, id);
      ctx.state.taggedEvents.delete(id);
      return success();
    },
  },
];
