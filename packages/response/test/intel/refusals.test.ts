// Replies that say no with a 200: `{"result": "<anything but success>"}`. cbapi swallowed these;
// here every custom save/action path turns them into a ServerError. The emulator gets extra,
// more specific routes that refuse.
import { ServerError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { Alert, BannedHash, Feed } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const ALERT_ID = '8ed1d31b-ebd9-419b-913c-001eff37b2aa';
const BANNED = 'fbeca0f09ea919576dbf92a940ffa3e0';

const fx = useEmulator({
  extendRouter: (router) => {
    router.add({ method: 'POST', pattern: '/api/v1/feed/2/synchronize', handler: () => ({ result: 'feed server unreachable' }) });
    router.add({ method: 'POST', pattern: `/api/v1/alert/${ALERT_ID}`, handler: () => ({ result: 'alert is locked' }) });
    router.add({ method: 'PUT', pattern: `/api/v1/banning/blacklist/${BANNED}`, handler: () => ({ result: 'text is read-only' }) });
  },
});

describe('refusals are errors', () => {
  it('feed.synchronize()', async () => {
    const feed = await fx.api().fetch(Feed, 2);
    const error = await feed.synchronize().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as ServerError).message).toBe('Feed 2 was not synchronized: feed server unreachable');
    expect((error as ServerError).path).toBe('/api/v1/feed/2/synchronize');
  });

  it('alert.changeStatus() and alert.save()', async () => {
    const alert = await fx.api().fetch(Alert, ALERT_ID);
    await expect(alert.changeStatus('Resolved')).rejects.toThrow('Alerts were not updated: alert is locked');
    alert.assigned_to = 'jdoe';
    await expect(alert.save()).rejects.toThrow('Did not update Alert record: alert is locked');
    expect(alert.isDirty).toBe(true);
  });

  it('lifting a ban with a new text', async () => {
    const bh = await fx.api().fetch(BannedHash, BANNED);
    bh.text = 'changed';
    await expect(bh.save()).rejects.toBeInstanceOf(ServerError);
    bh.enabled = false;
    await expect(bh.save()).rejects.toThrow('text is read-only');
  });
});
