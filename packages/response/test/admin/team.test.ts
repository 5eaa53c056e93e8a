// Team against the emulator: partial list rows, create with group access, updates, deletes.
import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  InvalidObjectError,
  NotLoadedError,
  ObjectNotFoundError,
} from '@cb/core';
import { SensorGroup, Team, TeamQuery } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator();

describe('Team reads', () => {
  it('list rows are partial; refresh() reads GET /api/team/{id}', async () => {
    const rec = recordingApi(fx);
    const q = rec.cb.select(Team);
    expect(q).toBeInstanceOf(TeamQuery);
    const teams = await q.all();
    expect(teams.length).toBe(fx.emu.state.teams.size);
    expect(rec.take()).toEqual(['GET /api/teams']);
    const [t] = teams;
    expect(t!.isPartial).toBe(true);
    expect(typeof t!.name).toBe('string'); // present in the row
    expect(() => t!.get('not_in_row')).toThrow(NotLoadedError);
    await t!.refresh();
    expect(rec.take()).toEqual([`GET /api/team/${t!.id}`]);
    expect(t!.isPartial).toBe(false);
    expect(t!.group_access.length).toBeGreaterThan(0);
    expect(t!.group_access[0]).toEqual({
      group_id: expect.any(Number),
      group_name: expect.any(String),
      access_category: expect.stringMatching(/^(No Access|Viewer|Administrator)$/),
    });
  });

  it('where() filters by name, case-insensitively', async () => {
    const cb = fx.api();
    const [t] = await cb.select(Team).all();
    const found = await cb.select(Team).where(`name:${t!.name.toLowerCase()}`).one();
    expect(found.id).toBe(t!.id);
  });

  it('an unknown id is ObjectNotFoundError', async () => {
    const max = Math.max(...(await fx.api().select(Team).all()).map((t) => t.id));
    await expect(fx.api().fetch(Team, max + 100)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });
});

describe('Team create, access, update, delete', () => {
  it('requires name and group_access', async () => {
    const rec = recordingApi(fx);
    const error = await rec.cb.create(Team, { name: 'Incident Response' }).save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect((error as InvalidObjectError).missingFields).toEqual(['group_access']);
    expect(rec.take()).toEqual([]);
  });

  it('creates a team with viewer and administrator access, then updates and deletes it', async () => {
    const rec = recordingApi(fx);
    const cb = rec.cb;
    const groups = await cb.select(SensorGroup).sort('id').all();
    const [g1, g2] = groups;
    rec.take();

    const team = cb.create(Team, { name: 'Incident Response' });
    await team.addViewerAccess(g1!);
    await team.addAdministratorAccess(g2!.id); // an id is looked up for the group name
    expect(team.group_access).toEqual([
      { group_id: g1!.id, group_name: g1!.name, access_category: 'Viewer' },
      { group_id: g2!.id, group_name: g2!.name, access_category: 'Administrator' },
    ]);
    await team.save();
    const [body] = rec.bodies('POST', '/api/team');
    expect(body).toEqual({ name: 'Incident Response', group_access: team.group_access });
    expect(typeof team.id).toBe('number');
    expect(fx.emu.state.teams.get(team.id)!.group_access).toHaveLength(2);

    // Upgrading g1 replaces its entry.
    await team.addAdministratorAccess(g1!);
    expect(team.group_access.filter((e) => e.group_id === g1!.id)).toEqual([
      { group_id: g1!.id, group_name: g1!.name, access_category: 'Administrator' },
    ]);
    await team.setGroupAccess(g2!, 'No Access');
    expect(team.group_access.find((e) => e.group_id === g2!.id)!.access_category).toBe('No Access');
    team.name = 'Incident Response Team';
    await team.save();
    const fresh = await fx.api().fetch(Team, team.id);
    expect(fresh.name).toBe('Incident Response Team');
    expect(fresh.group_access.find((e) => e.group_id === g1!.id)!.access_category).toBe('Administrator');

    await team.delete();
    await expect(fx.api().fetch(Team, team.id)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('adds access on a list row (partial) without losing existing entries', async () => {
    const cb = fx.api();
    const [row] = await cb.select(Team).all();
    const before = row!.toJSON().group_access as unknown[];
    const g = (await cb.select(SensorGroup).all())[0]!;
    await row!.addViewerAccess(g);
    expect(row!.group_access.length).toBe(before.length);
    expect(row!.group_access.find((e) => e.group_id === g.id)!.access_category).toBe('Viewer');
    row!.reset();
  });

  it('access to an unknown group is ObjectNotFoundError', async () => {
    const cb = fx.api();
    const max = Math.max(...(await cb.select(SensorGroup).all()).map((g) => g.id));
    await expect(cb.create(Team, { name: 'x' }).addViewerAccess(max + 100)).rejects.toBeInstanceOf(ObjectNotFoundError);
    // an unsaved group names the team's save (a create for a new team)
    await expect(cb.create(Team, { name: 'x' }).addViewerAccess(cb.create(SensorGroup, { name: 'draft' }))).rejects.toMatchObject({
      message: 'Cannot grant access to a sensor group that has not been saved yet',
      method: 'POST',
      path: '/api/team',
    });
  });

  it('a duplicate team name is a ConflictError', async () => {
    const cb = fx.api();
    const [existing] = await cb.select(Team).all();
    await expect(cb.create(Team, { name: existing!.name, group_access: [] }).save()).rejects.toBeInstanceOf(ConflictError);
  });

  it('a read-only token cannot manage teams', async () => {
    const ro = fx.api({ token: fx.emu.readOnlyToken });
    await expect(ro.create(Team, { name: 'ro team', group_access: [] }).save()).rejects.toBeInstanceOf(ForbiddenError);
    const [t] = await ro.select(Team).all();
    await expect(t!.delete()).rejects.toBeInstanceOf(ForbiddenError);
  });
});
