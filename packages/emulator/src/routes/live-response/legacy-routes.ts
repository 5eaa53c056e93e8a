// The session-scoped endpoints Cb Response and Cb Defense share (live-response.md §1: same URL
// shapes under each product's `{cblr}` base): keepalive, archive, commands, files. A dialect
// supplies authentication, id parsing and the product's error bodies.
import { createZip } from '../../zip/index.js';
import { headerValue } from '../../server/auth.js';
import type { RouteContext } from '../../server/context.js';
import type { HttpError } from '../../server/errors.js';
import { bytes, json } from '../../server/respond.js';
import type { Access } from '../../server/router.js';
import type { Route } from '../util.js';
import { isOpen } from './engine/lifecycle.js';
import { CommandLimitError, wireSessionId, type LiveResponseEngine } from './engine/engine.js';
import { liveResponseOf } from './engine/registry.js';
import type { LrCommand, LrSession } from './engine/types.js';
import { InputError, legacyInput } from './wire/input.js';
import { legacyCommand, legacyFile } from './wire/legacy.js';
import { readFilePart } from './wire/multipart.js';

export interface LegacyDialectSpec {
  backend: 'response' | 'defense';
  base: string;
  /** Core access level of the routes ('public' when the dialect checks its own keys). */
  access?: Access;
  /** Checks the caller; returns the name recorded as the command's `username`. */
  authenticate(ctx: RouteContext): string;
  /** Session sequence number from the path id, or undefined when it cannot be ours. */
  sequenceOf(raw: string): number | undefined;
  sessionGone(raw: string): HttpError;
  notFound(what: string): HttpError;
  badRequest(message: string): HttpError;
  conflict(message: string): HttpError;
}

export interface LegacyHelpers {
  engine(ctx: RouteContext): LiveResponseEngine;
  /** The session of `:sid`; `open` = must still be pending/active (404 otherwise). */
  session(ctx: RouteContext, open: boolean): LrSession;
}

export function legacyHelpers(d: LegacyDialectSpec): LegacyHelpers {
  return {
    engine: (ctx) => liveResponseOf(ctx.runtime),
    session(ctx, open) {
      const raw = ctx.params.sid ?? '';
      const seq = d.sequenceOf(raw);
      const s = seq === undefined ? undefined : liveResponseOf(ctx.runtime).find(d.backend, seq);
      // "1:21212" must name the session's device too.
      if (!s || String(wireSessionId(s)) !== raw || (open && !isOpen(s))) throw d.sessionGone(raw);
      return s;
    },
  };
}

function commandOf(d: LegacyDialectSpec, ctx: RouteContext, s: LrSession): LrCommand {
  const raw = ctx.params.cid ?? '';
  const c = /^\d+$/.test(raw) ? liveResponseOf(ctx.runtime).findCommand(s, Number(raw)) : undefined;
  if (!c) throw d.notFound(`Command ${raw} not found`);
  return c;
}

function bodyObject(d: LegacyDialectSpec, ctx: RouteContext): Record<string, unknown> {
  const body = ctx.body();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw d.badRequest('Request body must be a JSON object');
  return body as Record<string, unknown>;
}

export function legacySessionRoutes(d: LegacyDialectSpec): Route[] {
  const h = legacyHelpers(d);
  const at = (suffix: string) => `${d.base}/session/:sid${suffix}`;
  const route = (method: string, suffix: string, handler: (ctx: RouteContext, username: string) => unknown): Route => ({
    method,
    pattern: at(suffix),
    ...(d.access ? { access: d.access } : {}),
    handler: (ctx) => handler(ctx, d.authenticate(ctx)),
  });
  return [
    route('GET', '/keepalive', (ctx) => {
      const s = h.session(ctx, true);
      h.engine(ctx).touch(s);
      return json({});
    }),
    route('GET', '/archive', (ctx) => {
      const s = h.session(ctx, false);
      const entries = [...s.files.values()].filter((f) => f.data).map((f) => ({ name: `${f.id}_${f.name}`, data: f.data! }));
      return bytes(createZip(entries), 'application/zip', { 'content-disposition': `attachment; filename="session-${s.seq}.zip"` });
    }),
    route('GET', '/command', (ctx) => {
      const s = h.session(ctx, false);
      return s.commands.map((c) => legacyCommand(h.engine(ctx), s, c));
    }),
    route('POST', '/command', (ctx, username) => {
      const s = h.session(ctx, true);
      let input;
      try {
        input = legacyInput(bodyObject(d, ctx));
      } catch (err) {
        if (err instanceof InputError) throw d.badRequest(err.message);
        throw err;
      }
      try {
        return legacyCommand(h.engine(ctx), s, h.engine(ctx).postCommand(s, input, username));
      } catch (err) {
        if (err instanceof CommandLimitError) throw d.conflict(`command limit reached (${err.limit} commands per session)`);
        throw err;
      }
    }),
    route('GET', '/command/:cid', async (ctx) => {
      const s = h.session(ctx, false);
      const c = commandOf(d, ctx, s);
      // The legacy client expects `wait=true` to hold until the command is done (§1).
      if (ctx.query.get('wait') === 'true') await h.engine(ctx).waitForCommand(s, c, h.engine(ctx).options.waitTimeoutMs);
      return legacyCommand(h.engine(ctx), s, c);
    }),
    route('PUT', '/command/:cid', (ctx) => {
      const s = h.session(ctx, false);
      const c = commandOf(d, ctx, s);
      const status = String(bodyObject(d, ctx).status ?? '').toLowerCase();
      if ((status === 'cancel' || status === 'cancelled') && !h.engine(ctx).cancel(s, c)) throw d.conflict(`Command ${c.id} is not pending`);
      return legacyCommand(h.engine(ctx), s, c);
    }),
    route('GET', '/file', (ctx) => [...h.session(ctx, false).files.values()].map(legacyFile)),
    route('POST', '/file', (ctx) => {
      const s = h.session(ctx, true);
      const part = readFilePart(headerValue(ctx.request.headers, 'content-type'), ctx.request.body);
      if (!part) throw d.badRequest("Expected multipart/form-data with a part named 'file'");
      return legacyFile(h.engine(ctx).upload(s, part.fileName, part.data));
    }),
    route('GET', '/file/:fid', (ctx) => {
      const s = h.session(ctx, false);
      const f = s.files.get(Number(ctx.params.fid));
      if (!f) throw d.notFound(`File ${ctx.params.fid} not found`);
      return legacyFile(f);
    }),
    route('DELETE', '/file/:fid', (ctx) => {
      const s = h.session(ctx, false);
      if (!/^\d+$/.test(ctx.params.fid ?? '') || !h.engine(ctx).deleteFile(s, Number(ctx.params.fid))) throw d.notFound(`File ${ctx.params.fid} not found`);
      return json({ result: 'success' });
    }),
    route('GET', '/file/:fid/content', (ctx) => {
      const s = h.session(ctx, false);
      const f = s.files.get(Number(ctx.params.fid));
      if (!f?.data) throw d.notFound(`File ${ctx.params.fid} not found`);
      return bytes(f.data, 'application/octet-stream');
    }),
  ];
}
