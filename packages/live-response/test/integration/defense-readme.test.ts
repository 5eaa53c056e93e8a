// The README's "Cb Defense today" example, run against the emulator: the same calls, with the
// credentials file in a temporary directory instead of ~/.carbonblack.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, toArray } from 'rxjs';
import { afterAll, expect, it } from 'vitest';
import { Connection, resolveCredentials } from '@cb/core';
import { CbDefenseBackend, LiveResponseManager, openSession } from '../../src/index.js';
import { quietLogger, useLrEmulator } from './support/emulator.js';

const fx = useLrEmulator();
const dir = mkdtempSync(join(tmpdir(), 'cb-lr-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('opens a Cb Defense session and runs a job the way the README shows', async () => {
  const credentialFiles = join(dir, 'credentials.defense');
  writeFileSync(credentialFiles, `[default]\nurl = ${fx.emu.url}\ntoken = ${fx.emu.defense.token}\n`, { mode: 0o600 });
  const [first, second] = [fx.hostId('defense', 1), fx.hostId('defense', 2)];
  expect([first, second]).toEqual([21211, 21212]);

  const requester = new Connection({ credentials: resolveCredentials({ product: 'defense', profile: 'default', credentialFiles, env: {} }) });
  const backend = new CbDefenseBackend({ requester });

  {
    await using session = await openSession(backend, second, { logger: quietLogger });
    expect(String(session.sessionId)).toMatch(/^\d+:21212$/);
    expect((await session.listDirectory('C:\\')).map((e) => e.filename)).toContain('Windows');
    expect(fx.openOnServer()).toBe(1);
  }
  expect(fx.openOnServer()).toBe(0);

  const manager = new LiveResponseManager({ backend, logger: quietLogger });
  const results = await lastValueFrom(manager.submitJob((s, { signal }) => s.listProcesses({ signal }), [second, first]).pipe(toArray()));
  expect(results.map((r) => r.host).sort()).toEqual([first, second]);
  for (const r of results) {
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.length).toBe(fx.emu.liveResponse.host(r.host === first ? 1 : 2)!.processes.list().length);
  }
  await manager.close();
  await requester.close();
  expect(fx.openOnServer()).toBe(0);
});
