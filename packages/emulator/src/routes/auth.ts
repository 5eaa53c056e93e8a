// `GET /api/auth` with HTTP Digest authentication (RFC 2617, qop=auth, MD5) returns the user's
// API token: what cbapi's `get_api_token(url, user, pass)` / `configure` helper calls
// (response.md §1). Without valid Digest credentials: 401 + a fresh challenge.
import { createHash, randomBytes } from 'node:crypto';
import type { RouteContext } from '../server/context.js';
import { headerValue } from '../server/auth.js';
import { werkzeugPage } from '../server/errors.js';
import { json } from '../server/respond.js';
import type { Route } from './util.js';

const REALM = 'Carbon Black Enterprise Server';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function challenge() {
  const page = werkzeugPage(401);
  const nonce = randomBytes(16).toString('hex');
  page.headers['www-authenticate'] = `Digest realm="${REALM}", nonce="${nonce}", qop="auth", algorithm=MD5, opaque="${md5(REALM)}"`;
  return page;
}

/** Parses `Digest k="v", k=v, ...` into a map. */
function parseDigest(header: string): Record<string, string> | undefined {
  if (!/^digest\s/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.slice(7).matchAll(/([a-z0-9_-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))/gi)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? '';
  return out;
}

function authToken(ctx: RouteContext) {
  const d = parseDigest(headerValue(ctx.request.headers, 'authorization') ?? '');
  if (!d || !d.username || !d.nonce || !d.uri || !d.response) return challenge();
  const user = ctx.state.users.get(d.username);
  const secret = ctx.state.userSecrets.get(d.username);
  if (!user || !secret) return challenge();
  const ha1 = md5(`${d.username}:${d.realm ?? REALM}:${secret.password}`);
  const ha2 = md5(`${ctx.method}:${d.uri}`);
  const expected = d.qop ? md5(`${ha1}:${d.nonce}:${d.nc}:${d.cnonce}:${d.qop}:${ha2}`) : md5(`${ha1}:${d.nonce}:${ha2}`);
  if (expected !== d.response.toLowerCase()) return challenge();
  return json({ auth_token: user.auth_token });
}

export const authRoutes: Route[] = [{ method: 'GET', pattern: '/api/auth', access: 'public', handler: authToken }];
