// Admin behaviour that depends on an older server version (here 5.2): users are created with
// team ids instead of objects (< 6.1) and flushEvents writes cbapi's zone-less date (<= 6.0).
import { describe, expect, it } from 'vitest';
import { Sensor, Team, User } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './recording.js';

const fx = useEmulator({ serverVersion: '5.2.0.161004.1206' });

describe('older servers', () => {
  it('creates a user with team ids (servers before 6.1)', async () => {
    const rec = recordingApi(fx);
    expect(await rec.cb.serverAtLeast('6.1.0')).toBe(false);
    const [team] = await rec.cb.select(Team).all();
    const u = rec.cb.create(User, {
      username: 'legacy',
      first_name: 'L',
      last_name: 'User',
      email: 'legacy@corp.example',
      global_admin: false,
      teams: [],
      password: 'pw',
    });
    await u.addTeam(team!);
    await u.save();
    const [body] = rec.bodies('POST', '/api/user') as Record<string, unknown>[];
    expect(body!.teams).toEqual([team!.id]);
    expect(body).not.toHaveProperty('id');
    // Locally (and as the server answers) the teams stay objects.
    expect(u.teams).toEqual([{ id: team!.id, name: team!.name }]);
  });

  it('flushEvents() writes the zone-less cbapi date format', async () => {
    const rec = recordingApi(fx);
    const [s] = await rec.cb.select(Sensor).all();
    const until = new Date(Date.UTC(2030, 4, 6, 7, 8, 9, 123));
    await s!.flushEvents({ until });
    const [body] = rec.bodies('PUT', `/api/v1/sensor/${s!.id}`) as { event_log_flush_time: string }[];
    expect(body!.event_log_flush_time).toBe('2030-05-06 07:08:09.123000');
    expect(s!.event_log_flush_time!.getTime()).toBe(until.getTime());
  });
});
