// User against the emulator (6.x server): username key mirrored into id, create body with the
// username and team objects, team membership helpers, secrets hidden when printed.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ClientError,
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  MoreThanOneResultError,
  ObjectNotFoundError,
} from '@cb/core';
import { Team, User } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

function newUser(cb: ReturnType<typeof fx.api>, username: string): User {
  return cb.create(User, {
    username,
    first_name: 'Jason',
    last_name: 'Garman',
    email: `${username}@corp.example`,
    global_admin: false,
    teams: [],
    password: 'correct horse battery staple',
  });
}

describe('User reads', () => {
  it('lists users and mirrors username into id', async () => {
    const rec = recordingApi(fx);
    const users = await rec.cb.select(User).all();
    expect(rec.take()).toEqual(['GET /api/users']);
    expect(users.length).toBe(fx.emu.state.users.size);
    const admin = await fx.api().fetch(User, users[0]!.username);
    expect(admin.id).toBe(admin.username);
    expect(typeof admin.auth_token).toBe('string');
    expect(Array.isArray(admin.teams)).toBe(true);
  });

  it('an unknown username is ObjectNotFoundError', async () => {
    await expect(fx.api().fetch(User, 'no-such-user')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('hides the password and API token when printed', async () => {
    const cb = fx.api();
    const [row] = await cb.select(User).all();
    const text = inspect(row);
    expect(text).toContain('auth_token: [REDACTED]');
    expect(text).not.toContain(row!.auth_token);
    const u = newUser(cb, 'printme');
    expect(String(u)).toContain('password: [REDACTED]');
    expect(String(u)).not.toContain('correct horse');
    expect(JSON.stringify(u)).not.toContain('correct horse');
    expect(u.password).toBe('correct horse battery staple');
  });
});

describe('User create, teams, update, delete', () => {
  it('checks required fields before sending anything', async () => {
    const rec = recordingApi(fx);
    const u = rec.cb.create(User, { username: 'incomplete', email: 'i@corp.example' });
    const error = await u.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect([...(error as InvalidObjectError).missingFields].sort()).toEqual(['first_name', 'global_admin', 'last_name', 'teams']);
    expect(rec.take()).toEqual([]);
  });

  it('creates: POST /api/user keeps the username, sends team objects, then GETs the user', async () => {
    const rec = recordingApi(fx);
    const cb = rec.cb;
    const [team] = await cb.select(Team).all();
    rec.take();

    const u = newUser(cb, 'jgarman');
    await u.addTeam(team!);
    await u.save();
    const [body] = rec.bodies('POST', '/api/user') as Record<string, unknown>[];
    expect(body).toEqual({
      username: 'jgarman',
      first_name: 'Jason',
      last_name: 'Garman',
      email: 'jgarman@corp.example',
      global_admin: false,
      password: 'correct horse battery staple',
      teams: [{ id: team!.id, name: team!.name }],
    });
    // The server version decides the teams format: /api/info is read once per API object.
    expect(rec.take()).toEqual(['GET /api/info', 'POST /api/user', 'GET /api/user/jgarman']);
    expect(u.isNew).toBe(false);
    expect(u.id).toBe('jgarman');
    expect(u.get('password', undefined)).toBeUndefined(); // write-only: not returned
    expect(u.auth_token).toMatch(/\S+/);
    expect(u.teams).toEqual([{ id: team!.id, name: team!.name }]);

    // The new user's token works at once.
    const self = await fx.api({ token: u.auth_token }).fetch(User, 'jgarman');
    expect(self.email).toBe('jgarman@corp.example');
  });

  it('addTeam() by id and by name, removeTeam(); PUT carries id = username', async () => {
    const rec = recordingApi(fx);
    const cb = rec.cb;
    const teams = await cb.select(Team).sort('id').all();
    const u = newUser(cb, 'teamhopper');
    await u.addTeam(teams[0]!.id);
    await u.save();
    rec.take();

    await u.addTeam(teams[1]!.name);
    await u.addTeam(teams[1]!.id); // already a member: replaced, not duplicated
    expect(u.teams.map((t) => t.id)).toEqual([teams[0]!.id, teams[1]!.id]);
    await u.removeTeam(teams[0]!);
    expect(u.teams).toEqual([{ id: teams[1]!.id, name: teams[1]!.name }]);
    await u.save();
    const [put] = rec.bodies('PUT', '/api/user/teamhopper') as Record<string, unknown>[];
    expect(put).toMatchObject({ id: 'teamhopper', username: 'teamhopper', teams: [{ id: teams[1]!.id, name: teams[1]!.name }] });
    expect(fx.emu.state.users.get('teamhopper')!.teams.map((t) => t.id)).toEqual([teams[1]!.id]);

    await u.removeTeam(teams[1]!.id);
    expect(u.teams).toEqual([]);
    u.reset();
    await expect(u.addTeam('No Such Team')).rejects.toBeInstanceOf(MoreThanOneResultError);
    await expect(u.addTeam('No Such Team')).rejects.toMatchObject({ count: 0, method: 'GET', path: '/api/teams' }); // the team list searched
    // an unsaved team names this user's save, which would carry the membership
    await expect(u.addTeam(cb.create(Team, { name: 'draft' }))).rejects.toThrow(
      new ApiError('Cannot add a user to a team that has not been saved yet', { method: 'PUT', path: '/api/user/teamhopper' }),
    );
  });

  it('addTeam() on a never-loaded user keeps its current teams', async () => {
    const cb = fx.api();
    const [admin] = await cb.select(User).all();
    const teams = await cb.select(Team).all();
    const other = teams.find((t) => !admin!.teams.some((m) => m.id === t.id))!;
    const ref = fx.api().select(User, admin!.username);
    await ref.addTeam(other.id);
    expect(ref.teams.map((t) => t.id).sort()).toEqual([...admin!.teams.map((t) => t.id), other.id].sort());
  });

  it('updates fields and deletes the user', async () => {
    const cb = fx.api();
    const u = newUser(cb, 'shortlived');
    await u.save();
    u.first_name = 'Jay';
    await u.save();
    expect((await fx.api().fetch(User, 'shortlived')).first_name).toBe('Jay');
    await u.delete();
    await expect(fx.api().fetch(User, 'shortlived')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('server validation errors are typed ServerErrors', async () => {
    const cb = fx.api();
    const noPassword = cb.create(User, {
      username: 'nopass',
      first_name: 'N',
      last_name: 'P',
      email: 'nopass@corp.example',
      global_admin: false,
      teams: [],
    });
    const error = await noPassword.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientError);
    expect((error as ClientError).status).toBe(400);

    const [existing] = await cb.select(User).all();
    await expect(newUser(cb, existing!.username).save()).rejects.toBeInstanceOf(ConflictError);
    const badEmail = newUser(cb, 'bademail');
    badEmail.email = 'not-an-address';
    await expect(badEmail.save()).rejects.toBeInstanceOf(ClientError);
  });

  it('a read-only token cannot list or create users', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    await expect(ro.select(User).all()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(newUser(ro, 'ro-made').save()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
