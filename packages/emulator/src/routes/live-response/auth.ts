// Authentication for the Carbon Black Cloud and Cb Defense routes (their keys are not Cb
// Response users, so these routes are 'public' to the core and check keys here):
//  * Cloud: `X-Auth-Token: <secret>/<id>` of a Custom key (401 otherwise), the org key in the
//    path must be the key's org (403), and the key's access level must grant the operation's
//    permission (403 naming it) — cbc-live-response.md §1.2, §3.9.
//  * Defense v3: the legacy Live Response connector key `<API key>/<connector id>` (401).
import { headerValue } from '../../server/auth.js';
import type { RouteContext } from '../../server/context.js';
import { cloudCredentials, cloudToken, defenseToken, type CloudApiKey, type Operation } from '../../data/hosts/index.js';
import { cloudError, defenseUnauthenticated } from './wire/errors.js';

export interface PermissionNeed {
  permission: string;
  ops: readonly Operation[];
}

export const need = (permission: string, ...ops: Operation[]): PermissionNeed => ({ permission, ops });

/** Validates key, org and permissions; returns the caller's key. */
export function cloudAuth(ctx: RouteContext, ...needs: PermissionNeed[]): CloudApiKey {
  const creds = cloudCredentials(ctx.state);
  const token = headerValue(ctx.request.headers, 'x-auth-token');
  const key = [creds.full, creds.limited, creds.readOnly].find((k) => token !== undefined && cloudToken(k) === token);
  if (!key) throw cloudError(401, 'UNAUTHORIZED', 'User is not authenticated');
  const org = ctx.params.org ?? '';
  if (org !== creds.orgKey) throw cloudError(403, 'FORBIDDEN', `API key ${key.id} is not authorized for org key '${org}'`);
  for (const n of needs) {
    const granted = key.permissions[n.permission] ?? [];
    const missing = n.ops.filter((op) => !granted.includes(op));
    if (missing.length) throw cloudError(403, 'FORBIDDEN', `Access denied: API key ${key.id} lacks permission ${n.permission} (${missing.join(', ')})`);
  }
  return key;
}

export function defenseAuth(ctx: RouteContext): string {
  const creds = cloudCredentials(ctx.state);
  const token = headerValue(ctx.request.headers, 'x-auth-token');
  if (token === undefined || token !== defenseToken(creds.defense)) throw defenseUnauthenticated();
  return creds.defense.connectorId;
}

const FAMILY: Readonly<Record<string, string>> = {
  'directory list': 'org.liveresponse.file',
  'get file': 'org.liveresponse.file',
  'put file': 'org.liveresponse.file',
  'delete file': 'org.liveresponse.file',
  'create directory': 'org.liveresponse.file',
  kill: 'org.liveresponse.process',
  'create process': 'org.liveresponse.process',
  'process list': 'org.liveresponse.process',
  'reg enum key': 'org.liveresponse.registry',
  'reg query value': 'org.liveresponse.registry',
  'reg set value': 'org.liveresponse.registry',
  'reg create key': 'org.liveresponse.registry',
  'reg delete key': 'org.liveresponse.registry',
  'reg delete value': 'org.liveresponse.registry',
  memdump: 'org.liveresponse.memdump',
};

const ISSUE_OPS: Readonly<Record<string, readonly Operation[]>> = {
  'put file': ['CREATE', 'READ'],
  'create directory': ['CREATE', 'READ'],
  'delete file': ['READ', 'DELETE'],
  kill: ['READ', 'DELETE'],
  'create process': ['EXECUTE'],
  'reg set value': ['READ', 'UPDATE'],
  'reg create key': ['CREATE', 'READ'],
  'reg delete key': ['READ', 'DELETE'],
  'reg delete value': ['READ', 'DELETE'],
};

/** Permission to issue a command (the §3.5 table). */
export function issueNeed(name: string): PermissionNeed {
  return { permission: FAMILY[name] ?? 'org.liveresponse.session', ops: ISSUE_OPS[name] ?? ['READ'] };
}

/** Permission to read a command's status. */
export function readNeed(name: string): PermissionNeed {
  return { permission: FAMILY[name] ?? 'org.liveresponse.session', ops: ['READ'] };
}
