// Teams and users (response.md §7). User and team management needs a global admin (403
// otherwise); a user may read their own record. Tokens of created users work at once.
import { newToken } from '../data/mutations.js';
import type { GroupAccess, TeamDocument, UserDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict, forbidden } from '../server/errors.js';
import { allowed } from '../server/auth.js';
import { json, success } from '../server/respond.js';
import { asBool, asInt, getOr404, intParam, objectBody, requireFields, type JsonObject, type Route } from './util.js';

const CATEGORIES = ['No Access', 'Viewer', 'Administrator'];

function parseGroupAccess(ctx: RouteContext, value: unknown): GroupAccess[] {
  if (!Array.isArray(value)) throw badRequest('invalid_field', 'group_access must be an array');
  return value.map((entry: unknown) => {
    const e = (entry ?? {}) as JsonObject;
    const groupId = asInt(e.group_id, 'group_access.group_id');
    const group = ctx.state.sensorGroups.get(groupId);
    if (!group) throw badRequest('invalid_group', `Sensor group ${groupId} does not exist`);
    const category = String(e.access_category ?? '');
    if (!CATEGORIES.includes(category)) throw badRequest('invalid_field', `access_category must be one of ${CATEGORIES.join(', ')}`);
    return { group_id: groupId, group_name: group.name, access_category: category as GroupAccess['access_category'] };
  });
}

function parseTeams(ctx: RouteContext, value: unknown): { id: number; name: string }[] {
  if (!Array.isArray(value)) throw badRequest('invalid_field', 'teams must be an array');
  // Servers < 6.1 receive team ids, newer ones {id, name} objects (response.md §7): accept both.
  return value.map((t: unknown) => {
    const id = asInt(typeof t === 'object' && t !== null ? (t as JsonObject).id : t, 'teams.id');
    const team = ctx.state.teams.get(id);
    if (!team) throw badRequest('invalid_team', `Team ${id} does not exist`);
    return { id, name: team.name };
  });
}

function checkTeamName(ctx: RouteContext, name: unknown, selfId?: number): string {
  if (typeof name !== 'string' || name.trim() === '') throw badRequest('invalid_field', 'name must be a non-empty string');
  for (const t of ctx.state.teams.values()) {
    if (t.name === name && t.id !== selfId) throw conflict('duplicate_name', `A team named ${name} already exists`);
  }
  return name;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

function applyUserFields(ctx: RouteContext, user: UserDocument, body: JsonObject): void {
  for (const key of ['first_name', 'last_name'] as const) {
    if (key in body) user[key] = String(body[key] ?? '');
  }
  if ('email' in body) {
    if (typeof body.email !== 'string' || !EMAIL.test(body.email)) throw badRequest('invalid_field', 'email is not a valid address');
    user.email = body.email;
  }
  if ('global_admin' in body) user.global_admin = asBool(body.global_admin, 'global_admin');
  if ('teams' in body) user.teams = parseTeams(ctx, body.teams);
}

function createUser(ctx: RouteContext) {
  const body = objectBody(ctx);
  requireFields(body, ['username', 'first_name', 'last_name', 'email', 'password']);
  if (!('teams' in body)) throw badRequest('missing_field', 'Missing required field: teams');
  const username = String(body.username);
  if (!/^[A-Za-z0-9_.@-]+$/.test(username)) throw badRequest('invalid_field', 'username may only contain letters, digits and _ . @ -');
  if (ctx.state.users.has(username)) throw conflict('duplicate_user', `User ${username} already exists`);
  if ('confirm_password' in body && body.confirm_password !== body.password) {
    throw badRequest('password_mismatch', 'password and confirm_password do not match');
  }
  const user: UserDocument = {
    username,
    first_name: '',
    last_name: '',
    email: '',
    global_admin: false,
    teams: [],
    auth_token: newToken(ctx.state), // deterministic per seed and mutation count
  };
  applyUserFields(ctx, user, body);
  ctx.state.users.set(username, user);
  ctx.state.userSecrets.set(username, { password: String(body.password), role: user.global_admin ? 'admin' : 'read-only' });
  return success();
}

export const userRoutes: Route[] = [
  { method: 'GET', pattern: '/api/teams', handler: (ctx) => [...ctx.state.teams.values()] },
  { method: 'GET', pattern: '/api/team/:id', handler: (ctx) => getOr404(ctx.state.teams, intParam(ctx, 'id')) },
  {
    method: 'POST',
    pattern: '/api/team',
    access: 'admin',
    handler: (ctx) => {
      const body = objectBody(ctx);
      requireFields(body, ['name']);
      const name = checkTeamName(ctx, body.name);
      const group_access = parseGroupAccess(ctx, body.group_access ?? []);
      const id = ctx.state.nextIds.team++;
      const team: TeamDocument = { id, name, group_access };
      ctx.state.teams.set(id, team);
      return team;
    },
  },
  {
    method: 'PUT',
    pattern: '/api/team/:id',
    access: 'admin',
    handler: (ctx) => {
      const team = getOr404(ctx.state.teams, intParam(ctx, 'id'));
      const body = objectBody(ctx);
      if ('name' in body) team.name = checkTeamName(ctx, body.name, team.id);
      if ('group_access' in body) team.group_access = parseGroupAccess(ctx, body.group_access);
      for (const u of ctx.state.users.values()) for (const t of u.teams) if (t.id === team.id) t.name = team.name;
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/team/:id',
    access: 'admin',
    handler: (ctx) => {
      const id = intParam(ctx, 'id');
      getOr404(ctx.state.teams, id);
      ctx.state.teams.delete(id);
      for (const u of ctx.state.users.values()) u.teams = u.teams.filter((t) => t.id !== id);
      return success();
    },
  },
  { method: 'GET', pattern: '/api/users', access: 'admin', handler: (ctx) => [...ctx.state.users.values()] },
  {
    method: 'GET',
    pattern: '/api/user/:username',
    handler: (ctx) => {
      const user = getOr404(ctx.state.users, ctx.params.username ?? '');
      if (user.username !== ctx.user.username && !allowed({ user: ctx.user, role: ctx.role }, 'admin')) throw forbidden();
      return user;
    },
  },
  { method: 'POST', pattern: '/api/user', access: 'admin', handler: createUser },
  {
    method: 'PUT',
    pattern: '/api/user/:username',
    access: 'admin',
    handler: (ctx) => {
      const user = getOr404(ctx.state.users, ctx.params.username ?? '');
      const body = objectBody(ctx);
      applyUserFields(ctx, user, body);
      const secret = ctx.state.userSecrets.get(user.username);
      if (secret && typeof body.password === 'string' && body.password) secret.password = body.password;
      if (secret && 'global_admin' in body) secret.role = user.global_admin ? 'admin' : 'read-only';
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/user/:username',
    access: 'admin',
    handler: (ctx) => {
      const username = ctx.params.username ?? '';
      getOr404(ctx.state.users, username);
      if (username === ctx.user.username) throw badRequest('invalid_request', 'You cannot delete your own account');
      ctx.state.users.delete(username);
      ctx.state.userSecrets.delete(username);
      return success();
    },
  },
  {
    method: 'GET',
    pattern: '/api/useractivity',
    access: 'admin',
    handler: () => json([]),
  },
];
