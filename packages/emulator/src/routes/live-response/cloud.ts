// Carbon Black Cloud Live Response v6, `/appservices/v6/orgs/{org}/liveresponse`
// (cbc-live-response.md §3.2): Custom-key auth with per-permission checks, "n:deviceId"
// session ids, 201 on creation, DELETE to close, 404 `{"error_code": "NOT_FOUND"}` for
// sessions that are gone, and file content served through a 302 to a short-lived,
// unauthenticated download link.
import { sensorIdOf } from '../../data/hosts/index.js';
import type { RouteContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { bytes, json, noContent } from '../../server/respond.js';
import { headerValue } from '../../server/auth.js';
import type { Route } from '../util.js';
import { cloudAuth, issueNeed, need, readNeed } from './auth.js';
import { CommandLimitError, SlotLimitError, wireSessionId, type LiveResponseEngine } from './engine/engine.js';
import { isOpen } from './engine/lifecycle.js';
import { liveResponseOf } from './engine/registry.js';
import type { LrCommand, LrSession } from './engine/types.js';
import { cloudCommand, cloudFile, cloudSession } from './wire/cloud.js';
import { cloudError } from './wire/errors.js';
import { cloudInput, InputError } from './wire/input.js';
import { readFilePart } from './wire/multipart.js';

const BASE = '/appservices/v6/orgs/:org/liveresponse';
/** Where the 302 for file content points (stands in for the pre-signed storage URL). */
export const DOWNLOAD_PREFIX = '/lr-file-store';
/** §3.1: 10 KB maximum command size. */
const MAX_COMMAND_BYTES = 10 * 1024;

const SESSION = 'org.liveresponse.session';
const FILE = 'org.liveresponse.file';

const engineOf = (ctx: RouteContext): LiveResponseEngine => liveResponseOf(ctx.runtime);

function sessionOf(ctx: RouteContext, open: boolean): LrSession {
  const raw = ctx.params.sid ?? '';
  const m = /^(\d+):(\d+)$/.exec(raw);
  const s = m ? engineOf(ctx).find('cloud', Number(m[1])) : undefined;
  if (!s || wireSessionId(s) !== raw || (open && !isOpen(s))) throw cloudError(404, 'NOT_FOUND', `Session ${raw} not found`);
  return s;
}

function commandOf(ctx: RouteContext, s: LrSession): LrCommand {
  const raw = ctx.params.cid ?? '';
  const c = /^\d+$/.test(raw) ? engineOf(ctx).findCommand(s, Number(raw)) : undefined;
  if (!c) throw cloudError(404, 'NOT_FOUND', `Command ${raw} not found`);
  return c;
}

function bodyOf(ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw cloudError(400, 'INVALID_ARGUMENT', 'Request body must be a JSON object');
  return body as Record<string, unknown>;
}

function fileOf(ctx: RouteContext, s: LrSession) {
  const f = /^\d+$/.test(ctx.params.fid ?? '') ? s.files.get(Number(ctx.params.fid)) : undefined;
  if (!f) throw cloudError(404, 'NOT_FOUND', `File ${ctx.params.fid} not found`);
  return f;
}

const route = (method: string, suffix: string, handler: Route['handler']): Route => ({ method, pattern: `${BASE}${suffix}`, access: 'public', handler });

export const cloudLiveResponseRoutes: readonly Route[] = [
  route('GET', '/sessions', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'READ'));
    const engine = engineOf(ctx);
    return engine.list('cloud').map((s) => cloudSession(engine, s));
  }),
  route('POST', '/sessions', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'CREATE', 'READ'));
    const raw = bodyOf(ctx).device_id;
    const deviceId = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    if (typeof deviceId !== 'number' || !Number.isInteger(deviceId)) throw cloudError(400, 'INVALID_ARGUMENT', 'Missing required field: device_id');
    const sensorId = sensorIdOf(deviceId);
    if (!ctx.state.sensors.has(sensorId)) throw cloudError(404, 'NOT_FOUND', `Device ${deviceId} not found`);
    const engine = engineOf(ctx);
    try {
      return json(cloudSession(engine, engine.createSession('cloud', sensorId)), 201);
    } catch (err) {
      if (err instanceof SlotLimitError) throw cloudError(403, 'FORBIDDEN', 'session limit reached');
      throw err;
    }
  }),
  route('GET', '/sessions/:sid', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'READ'));
    return cloudSession(engineOf(ctx), sessionOf(ctx, false));
  }),
  route('DELETE', '/sessions/:sid', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'READ', 'DELETE'));
    engineOf(ctx).close(sessionOf(ctx, false));
    return noContent();
  }),
  route('GET', '/sessions/:sid/keepalive', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'READ'));
    engineOf(ctx).touch(sessionOf(ctx, true));
    return json({});
  }),
  route('GET', '/sessions/:sid/commands', (ctx) => {
    cloudAuth(ctx, need(SESSION, 'READ'));
    const s = sessionOf(ctx, false);
    const want = ctx.query.get('status')?.toUpperCase();
    return s.commands.map((c) => cloudCommand(engineOf(ctx), s, c)).filter((c) => !want || String(c.status).toUpperCase() === want);
  }),
  route('POST', '/sessions/:sid/commands', (ctx) => {
    cloudAuth(ctx);
    if ((ctx.request.body?.length ?? 0) > MAX_COMMAND_BYTES) throw cloudError(400, 'INVALID_ARGUMENT', `Command exceeds the maximum size of ${MAX_COMMAND_BYTES} bytes`);
    let input;
    try {
      input = cloudInput(bodyOf(ctx));
    } catch (err) {
      if (err instanceof InputError) throw cloudError(400, 'INVALID_ARGUMENT', err.message);
      throw err;
    }
    cloudAuth(ctx, issueNeed(input.name));
    const s = sessionOf(ctx, true);
    try {
      return json(cloudCommand(engineOf(ctx), s, engineOf(ctx).postCommand(s, input, '')), 201);
    } catch (err) {
      if (err instanceof CommandLimitError) throw cloudError(403, 'FORBIDDEN', `command limit reached (${err.limit} commands per session)`);
      throw err;
    }
  }),
  route('GET', '/sessions/:sid/commands/:cid', (ctx) => {
    cloudAuth(ctx);
    const s = sessionOf(ctx, false);
    const c = commandOf(ctx, s);
    cloudAuth(ctx, readNeed(c.input.name));
    return cloudCommand(engineOf(ctx), s, c);
  }),
  route('DELETE', '/sessions/:sid/commands/:cid', (ctx) => {
    cloudAuth(ctx);
    const s = sessionOf(ctx, false);
    const c = commandOf(ctx, s);
    cloudAuth(ctx, readNeed(c.input.name));
    if (!engineOf(ctx).cancel(s, c)) throw cloudError(400, 'INVALID_STATE', `Command ${c.id} is not PENDING`);
    return noContent();
  }),
  route('POST', '/sessions/:sid/files', (ctx) => {
    cloudAuth(ctx, need(FILE, 'CREATE', 'READ'));
    const s = sessionOf(ctx, true);
    const part = readFilePart(headerValue(ctx.request.headers, 'content-type'), ctx.request.body);
    if (!part) throw cloudError(400, 'INVALID_ARGUMENT', "Expected multipart/form-data with a part named 'file'");
    return json(cloudFile(s, engineOf(ctx).upload(s, part.fileName, part.data)), 201);
  }),
  route('GET', '/sessions/:sid/files', (ctx) => {
    cloudAuth(ctx, need(FILE, 'READ'));
    const s = sessionOf(ctx, false);
    return [...s.files.values()].map((f) => cloudFile(s, f));
  }),
  route('GET', '/sessions/:sid/files/:fid', (ctx) => {
    cloudAuth(ctx, need(FILE, 'READ'));
    const s = sessionOf(ctx, false);
    return cloudFile(s, fileOf(ctx, s));
  }),
  route('DELETE', '/sessions/:sid/files/:fid', (ctx) => {
    cloudAuth(ctx, need(FILE, 'READ', 'DELETE'));
    const s = sessionOf(ctx, false);
    engineOf(ctx).deleteFile(s, fileOf(ctx, s).id);
    return noContent();
  }),
  route('GET', '/sessions/:sid/files/:fid/content', (ctx) => {
    cloudAuth(ctx, need(FILE, 'READ'));
    const s = sessionOf(ctx, false);
    const f = fileOf(ctx, s);
    if (!f.data) throw cloudError(404, 'NOT_FOUND', `File ${f.id} has no content yet`);
    return { status: 302, headers: { location: `${DOWNLOAD_PREFIX}/${engineOf(ctx).createDownload(s, f.id)}` }, body: '' };
  }),
  {
    method: 'GET',
    pattern: `${DOWNLOAD_PREFIX}/:token`,
    access: 'public',
    handler: (ctx) => {
      const f = engineOf(ctx).resolveDownload(ctx.params.token ?? '');
      if (!f?.data) throw notFound();
      return bytes(f.data, 'application/octet-stream', { 'content-disposition': `attachment; filename="${f.name.replace(/"/g, '')}"` });
    },
  },
];
