// device.lrSession() when the org is out of Live Response sessions (403 "session limit
// reached"): the API's manager waits for a slot instead of failing, and says so clearly when
// none frees up in time. The emulator's org allows one session here.
import { afterEach, describe, expect, it } from 'vitest';
import { LiveResponsePermissionError, SessionLimitError } from '@cb/live-response';
import { Device } from '../../src/index.js';
import { FAST_LR, useCloudEmulator } from '../support/emulator.js';

const fx = useCloudEmulator({ liveResponse: { sessionLatencyMs: 10, commandLatencyMs: 4, cloudSlotLimit: 1 } });

afterEach(() => fx.emu.liveResponse.closeAll());

async function twoDevices(): Promise<[Device, Device]> {
  const devices = await fx.api.select(Device).setOs(['WINDOWS']).setStatus(['LIVE']).slice(0, 2);
  if (devices.length < 2) throw new Error('the emulator has fewer than two online Windows devices');
  return [devices[0]!, devices[1]!];
}

describe('device.lrSession() with the org out of sessions', () => {
  it('waits for the slot another client holds, then opens the session', async () => {
    const [a, b] = await twoDevices();
    const other = fx.newApi();
    const held = await other.select(Device, a.id).lrSession();
    let opened = false;
    const waiting = b.lrSession().then((s) => {
      opened = true;
      return s;
    });
    await new Promise((r) => setTimeout(r, 150));
    expect(opened).toBe(false);
    expect(fx.api.liveResponse.stats.limit).toBeLessThan(fx.api.liveResponse.maxSessions);
    await held.close();
    const lr = await waiting;
    expect(String(lr.sessionId)).toMatch(new RegExp(`:${b.id}$`));
    expect((await lr.listDirectory('C:\\')).length).toBeGreaterThan(0);
    await lr.close();
    expect(fx.emu.liveResponse.openSessions().total).toBe(0);
  });

  it('gives up with a SessionLimitError (not a permission error) after the session budget', async () => {
    const [a, b] = await twoDevices();
    const other = fx.newApi();
    await other.select(Device, a.id).lrSession();
    const api = fx.newApi({ liveResponse: { ...FAST_LR, timings: { ...FAST_LR?.timings, session: { timeoutMs: 300, delayMs: 20 } } } });
    const error = await api.select(Device, b.id).lrSession().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SessionLimitError);
    expect(error).not.toBeInstanceOf(LiveResponsePermissionError);
    expect((error as Error).message).toMatch(/not a permission problem/);
    expect(fx.emu.liveResponse.openSessions().total).toBe(1);
  });
});
