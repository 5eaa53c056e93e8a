// Banned hashes (response.md §10). POST bans (or re-enables) a hash, 409 when it is already
// banned; DELETE disables the ban and clears its text; GET of an unknown hash is a 404.
import type { BannedHashDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict } from '../server/errors.js';
import { json, success } from '../server/respond.js';
import { getOr404, objectBody, sensorTime, type JsonObject, type Route, clock } from './util.js';

function md5Of(value: unknown): string {
  const md5 = String(value ?? '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(md5)) throw badRequest('invalid_md5', 'md5hash must be 32 hex digits');
  return md5;
}

function audit(ctx: RouteContext, ban: BannedHashDocument): void {
  ban.audit.push({ username: ctx.user.username, timestamp: sensorTime(clock(ctx.state)), text: ban.text, enabled: ban.enabled, user_id: userId(ctx) });
}

function userId(ctx: RouteContext): number {
  return [...ctx.state.users.keys()].indexOf(ctx.user.username) + 1;
}

function ban(ctx: RouteContext) {
  const body = objectBody(ctx);
  const md5 = md5Of(body.md5hash);
  const text = typeof body.text === 'string' ? body.text : '';
  const existing = ctx.state.bannedHashes.get(md5);
  if (existing?.enabled) throw conflict('already_banned', 'banned hash already exists');
  const now = sensorTime(clock(ctx.state));
  const doc: BannedHashDocument = existing ?? {
    md5hash: md5,
    text,
    enabled: true,
    username: ctx.user.username,
    user_id: userId(ctx),
    timestamp: now,
    block_count: 0,
    last_block_time: null,
    last_block_sensor_id: null,
    last_block_hostname: null,
    audit: [],
  };
  doc.enabled = true;
  doc.text = text;
  doc.username = ctx.user.username;
  doc.timestamp = now;
  audit(ctx, doc);
  ctx.state.bannedHashes.set(md5, doc);
  return success();
}

export const banningRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/api/v1/banning/blacklist',
    handler: (ctx) => {
      const all = [...ctx.state.bannedHashes.values()];
      const count = Number(ctx.query.get('count'));
      return Number.isInteger(count) && count > 0 ? all.slice(0, count) : all;
    },
  },
  { method: 'POST', pattern: '/api/v1/banning/blacklist', handler: ban },
  { method: 'GET', pattern: '/api/v1/banning/blacklist/:md5', handler: (ctx) => getOr404(ctx.state.bannedHashes, md5Of(ctx.params.md5)) },
  {
    method: 'PUT',
    pattern: '/api/v1/banning/blacklist/:md5',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.bannedHashes, md5Of(ctx.params.md5));
      const body: JsonObject = objectBody(ctx);
      if ('text' in body) doc.text = String(body.text ?? '');
      if ('enabled' in body && typeof body.enabled === 'boolean') doc.enabled = body.enabled;
      audit(ctx, doc);
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/banning/blacklist/:md5',
    handler: (ctx) => {
      const doc = getOr404(ctx.state.bannedHashes, md5Of(ctx.params.md5));
      doc.enabled = false;
      doc.text = '';
      audit(ctx, doc);
      return json({ result: 'success' });
    },
  },
];
