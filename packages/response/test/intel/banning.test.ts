// BannedHash against the emulator (response.md §10): the special save rules, the cbapi bug fix
// (a new ban keeps its md5hash), lifting and re-banning, and the binary join.
import { ConflictError, InvalidObjectError, ObjectNotFoundError } from '@cb/core';
import { describe, expect, it } from 'vitest';
import { BannedHash, Binary, HashAlreadyBannedError } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';
import { recordingApi } from './support.js';

const fx = useEmulator();
const SEEN_MD5 = '75974A7ABCDD7CF91991CF9C61DA149E'; // a binary the server knows, not banned
const SEEN_LOWER = SEEN_MD5.toLowerCase(); // how the server stores it
const UNSEEN_MD5 = '0123456789abcdef0123456789abcdef';

describe('BannedHash', () => {
  it('lists bans (?count=10000) and filters client-side', async () => {
    fx.takeRequests();
    const all = await fx.cb.select(BannedHash).all();
    expect(fx.takeRequests()).toEqual(['GET /api/v1/banning/blacklist?count=10000']);
    expect(all.map((b) => [b.md5hash, b.enabled])).toEqual([
      ['01904ea4d2e4239a6d636da0b1feb5e1', true],
      ['fbeca0f09ea919576dbf92a940ffa3e0', true],
      ['9128fbdf0006620d1127ef5f53952eec', false],
    ]);
    const disabled = await fx.cb.select(BannedHash).where('enabled:false').one();
    expect(disabled.audit.map((a) => a.enabled)).toEqual([true, false]);
    expect(disabled.timestamp).toBeInstanceOf(Date);
  });

  it('a new ban POSTs the md5hash (cbapi dropped it) and reads the ban back', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const bh = cb.create(BannedHash);
    bh.md5hash = SEEN_MD5;
    bh.text = 'Banned from API';
    fx.takeRequests();
    await bh.save();
    expect(fx.takeRequests()).toEqual(['POST /api/v1/banning/blacklist', `GET /api/v1/banning/blacklist/${SEEN_MD5}`]);
    expect(takeBodies()).toEqual([
      { method: 'POST', path: '/api/v1/banning/blacklist', body: { md5hash: SEEN_MD5, text: 'Banned from API', enabled: true } },
    ]);
    expect(bh.enabled).toBe(true);
    expect(bh.isDirty).toBe(false);

    const fresh = await fx.api().fetch(BannedHash, SEEN_MD5);
    expect(fresh.md5hash).toBe(SEEN_MD5.toLowerCase());
    expect(fresh.text).toBe('Banned from API');
    expect(fresh.enabled).toBe(true);
    expect(fresh.username).toBe('admin');
  });

  it('banning an already-banned hash is a HashAlreadyBannedError (a ConflictError)', async () => {
    const bh = fx.api().create(BannedHash, { md5hash: '01904ea4d2e4239a6d636da0b1feb5e1', text: 'again' });
    const error = await bh.save().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HashAlreadyBannedError);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as HashAlreadyBannedError).message).toContain('01904ea4d2e4239a6d636da0b1feb5e1 is already banned');
    expect((error as HashAlreadyBannedError).status).toBe(409);
    expect((error as HashAlreadyBannedError).method).toBe('POST');
  });

  it('re-banning a hash someone else banned meanwhile is a HashAlreadyBannedError', async () => {
    const md5 = '9128fbdf0006620d1127ef5f53952eec'; // disabled in the dataset
    const mine = await fx.api().fetch(BannedHash, md5);
    const theirs = await fx.api().fetch(BannedHash, md5);
    theirs.enabled = true;
    theirs.text = 'theirs';
    await theirs.save();
    mine.enabled = true;
    mine.text = 'mine';
    await expect(mine.save()).rejects.toBeInstanceOf(HashAlreadyBannedError);
    expect(mine.isDirty).toBe(true);
    expect((await fx.api().fetch(BannedHash, md5)).text).toBe('theirs');
  });

  it('a new ban needs an md5hash', async () => {
    const bh = fx.cb.create(BannedHash, { text: 'no hash' });
    await expect(bh.save()).rejects.toBeInstanceOf(InvalidObjectError);
  });

  it('a malformed md5 is rejected by the server', async () => {
    const bh = fx.cb.create(BannedHash, { md5hash: 'not-an-md5', text: 'x' });
    await expect(bh.save()).rejects.toMatchObject({ status: 400 });
  });

  it('changing only the text is a PUT of the whole document', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const bh = await cb.fetch(BannedHash, 'fbeca0f09ea919576dbf92a940ffa3e0');
    bh.text = 'Backdoor (svch0st) — confirmed';
    fx.takeRequests();
    await bh.save();
    expect(fx.takeRequests()).toEqual([
      'PUT /api/v1/banning/blacklist/fbeca0f09ea919576dbf92a940ffa3e0',
      'GET /api/v1/banning/blacklist/fbeca0f09ea919576dbf92a940ffa3e0',
    ]);
    expect(takeBodies().find((b) => b.method === 'PUT')?.body).toMatchObject({
      md5hash: 'fbeca0f09ea919576dbf92a940ffa3e0',
      text: 'Backdoor (svch0st) — confirmed',
      enabled: true,
    });
    expect((await fx.api().fetch(BannedHash, 'fbeca0f09ea919576dbf92a940ffa3e0')).text).toBe('Backdoor (svch0st) — confirmed');
  });

  it('enabled = false lifts the ban with a DELETE (the server clears the text)', async () => {
    const bh = await fx.api().fetch(BannedHash, SEEN_MD5);
    bh.enabled = false;
    fx.takeRequests();
    await bh.save();
    expect(fx.takeRequests()).toEqual([`DELETE /api/v1/banning/blacklist/${SEEN_LOWER}`, `GET /api/v1/banning/blacklist/${SEEN_LOWER}`]);
    const fresh = await fx.api().fetch(BannedHash, SEEN_MD5);
    expect(fresh.enabled).toBe(false);
    expect(fresh.text).toBe('');
  });

  it('enabled = true re-bans with a POST of the whole document', async () => {
    const { cb, takeBodies } = recordingApi(fx);
    const bh = await cb.fetch(BannedHash, SEEN_MD5);
    bh.enabled = true;
    bh.text = 'Re-banned';
    fx.takeRequests();
    await bh.save();
    expect(fx.takeRequests()).toEqual(['POST /api/v1/banning/blacklist', `GET /api/v1/banning/blacklist/${SEEN_LOWER}`]);
    expect(takeBodies().find((b) => b.method === 'POST')?.body).toMatchObject({ md5hash: SEEN_MD5.toLowerCase(), enabled: true, text: 'Re-banned' });
    const fresh = await fx.api().fetch(BannedHash, SEEN_MD5);
    expect([fresh.enabled, fresh.text]).toEqual([true, 'Re-banned']);
  });

  it('lifting a ban with a new text keeps that text (DELETE, then PUT)', async () => {
    const bh = await fx.api().fetch(BannedHash, SEEN_MD5);
    bh.enabled = false;
    bh.text = 'Lifted: false positive';
    fx.takeRequests();
    await bh.save();
    expect(fx.takeRequests()).toEqual([
      `DELETE /api/v1/banning/blacklist/${SEEN_LOWER}`,
      `PUT /api/v1/banning/blacklist/${SEEN_LOWER}`,
      `GET /api/v1/banning/blacklist/${SEEN_LOWER}`,
    ]);
    const fresh = await fx.api().fetch(BannedHash, SEEN_MD5);
    expect([fresh.enabled, fresh.text]).toEqual([false, 'Lifted: false positive']);
  });

  it('delete() lifts the ban too', async () => {
    const bh = await fx.api().fetch(BannedHash, '01904ea4d2e4239a6d636da0b1feb5e1');
    await bh.delete();
    expect((await fx.api().fetch(BannedHash, '01904ea4d2e4239a6d636da0b1feb5e1')).enabled).toBe(false);
    // and it can be banned again as new
    await fx.api().create(BannedHash, { md5hash: '01904ea4d2e4239a6d636da0b1feb5e1', text: 'Known malware' }).save();
    expect((await fx.api().fetch(BannedHash, '01904ea4d2e4239a6d636da0b1feb5e1')).enabled).toBe(true);
  });

  it('an unknown hash is an ObjectNotFoundError', async () => {
    await expect(fx.api().fetch(BannedHash, UNSEEN_MD5)).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('binary join: the banned Binary, or null when the server never saw it', async () => {
    const cb = fx.api();
    const bh = await cb.fetch(BannedHash, 'fbeca0f09ea919576dbf92a940ffa3e0');
    const binary = await bh.binary;
    expect(binary).toBeInstanceOf(Binary);
    expect(binary?.md5).toBe('FBECA0F09EA919576DBF92A940FFA3E0');

    const unseen = cb.create(BannedHash, { md5hash: UNSEEN_MD5, text: 'pre-emptive' });
    await unseen.save();
    expect(await unseen.binary).toBeNull();
  });
});
