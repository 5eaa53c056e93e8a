// CbResponseAPI's server-level calls against the emulator over a real socket: the /api/info probe
// (cached, refreshable, refusing other products and servers before 5.0), the version-derived
// process API, the license calls, and credentials read from a credentials.response profile.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError, ClientError, ForbiddenError, ServerError, type HttpResponse, type RequestOptions } from '@cb/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CbResponseAPI, Sensor } from '../../src/index.js';
import { useEmulator } from '../support/emulator.js';

const fx = useEmulator();

/** Runs `fn` with /api/info reporting `version`, restoring the emulator afterwards. */
async function withVersion<T>(version: string, fn: () => Promise<T>): Promise<T> {
  const info = fx.emu.state.info;
  const saved = info.version;
  info.version = version;
  try {
    return await fn();
  } finally {
    info.version = saved;
  }
}

describe('info()', () => {
  it('GET /api/info once per API object (concurrent callers share it); info({ refresh: true }) reads it again', async () => {
    const cb = fx.api();
    fx.takeRequests();
    const [a, b] = await Promise.all([cb.info(), cb.info()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ version: fx.emu.state.info.version, cblrEnabled: true, maxSearchResultRows: 10000 });
    expect(await cb.serverVersion()).toBe(a.version);
    expect(fx.takeRequests()).toEqual(['GET /api/info']);

    await withVersion('6.4.1.190101.1200', async () => {
      expect((await cb.info()).version).toBe(a.version); // cached
      expect(fx.takeRequests()).toEqual([]);
      const fresh = await cb.info({ refresh: true });
      expect(fresh.version).toBe('6.4.1.190101.1200');
      expect(fx.takeRequests()).toEqual(['GET /api/info']);
      expect(await cb.serverVersion()).toBe('6.4.1.190101.1200'); // the refreshed value is the cached one now
      expect(await cb.serverAtLeast('6.4.1')).toBe(true);
      expect(await cb.serverAtLeast('6.5')).toBe(false);
    });
  });

  it('processApiVersion(): v1 before 5.1, v2 for 5.1.x, v3 for 5.2.x, v4 from 6.0', async () => {
    const cases: Array<[string, string]> = [
      ['5.0.0.150220.1200', 'v1'],
      ['5.1.0.150625.500', 'v2'],
      ['5.1.1.160114.1100', 'v2'],
      ['5.2.0.161004.1206', 'v3'],
      ['6.0.0.170516.1305', 'v4'],
      ['6.2.0.171114.1158', 'v4'],
      ['7.7.0.220815.1234', 'v4'],
    ];
    for (const [version, api] of cases) {
      await withVersion(version, async () => {
        const cb = fx.api();
        expect(await cb.serverVersion()).toBe(version);
        expect(await cb.processApiVersion()).toBe(api);
      });
    }
  });

  it('refuses a server older than 5.0, without caching the failure', async () => {
    const cb = fx.api();
    await withVersion('4.2.1.150115.1200', async () => {
      const error = await cb.info().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).message).toContain('only supports Cb Response servers version >= 5.0.0');
      expect((error as ApiError).message).toContain('4.2.1.150115.1200');
      expect(error).toMatchObject({ method: 'GET', path: '/api/info' });
      await expect(cb.processApiVersion()).rejects.toThrow(/>= 5\.0\.0/);
    });
    expect((await cb.info()).version).toBe(fx.emu.state.info.version); // tried again, now fine
  });

  describe('a URL that is not a Cb Response server', () => {
    let server: Server;
    let url = '';
    let lastPath = '';
    beforeAll(async () => {
      server = createServer((req, res) => {
        lastPath = req.url ?? '';
        if (req.headers['x-auth-token'] === 'missing') {
          // e.g. a Cb Protection server or a reverse proxy: no such route
          res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
        } else if (req.url === '/api/info' && req.headers['x-auth-token'] === 'json') {
          // e.g. a Carbon Black Cloud console: JSON, but not a Response info document
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":false,"message":"Not found"}');
        } else {
          res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Sign in</body></html>');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('an HTML page, a JSON reply without "version" or a 404 is an ApiError that names the fix', async () => {
      for (const token of ['html', 'json', 'missing']) {
        const cb = new CbResponseAPI({ url, token, retry: false });
        const error = await cb.info().catch((e: unknown) => e);
        expect(lastPath).toBe('/api/info');
        expect(error).toBeInstanceOf(ApiError);
        expect(error).not.toBeInstanceOf(ServerError);
        expect((error as Error).message).toContain(`${url} does not look like a Cb Response server`);
        expect((error as Error).message).toContain('CBCloudAPI from @cb/platform');
        expect((error as Error).message).not.toContain(token);
        if (token === 'missing') {
          expect((error as Error).message).toContain('answered 404 Not Found');
          expect((error as { cause?: unknown }).cause).toMatchObject({ status: 404 });
        }
      }
    });
  });
});

describe('licenses', () => {
  it('licenseRequest(): the server\'s license request block', async () => {
    const block = await fx.cb.licenseRequest();
    expect(block).toBe(fx.emu.state.license.license_request_block);
    expect(block).toMatch(/^-----BEGIN CB LICENSE REQUEST-----\n[A-Za-z0-9+/=]+\n-----END CB LICENSE REQUEST-----$/);
  });

  it('updateLicense(): POST /api/license {"license": block}, success resolves', async () => {
    fx.emu.state.license.license_valid = false;
    fx.takeRequests();
    await expect(fx.cb.updateLicense('-----BEGIN CB LICENSE-----\nAAAA\n-----END CB LICENSE-----')).resolves.toBeUndefined();
    expect(fx.takeRequests()).toEqual(['POST /api/license']);
    expect(fx.emu.state.license.license_valid).toBe(true);
  });

  it('updateLicense() refusals are typed errors: a rejected block, a non-admin token, a reply without "success"', async () => {
    const refused = await fx.cb.updateLicense('   ').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ClientError);
    expect(refused).toMatchObject({ status: 400, method: 'POST', path: '/api/license' });

    const analyst = fx.api({ token: fx.emu.readOnlyToken! });
    await expect(analyst.updateLicense('-----BEGIN CB LICENSE-----\nAAAA\n-----END CB LICENSE-----')).rejects.toBeInstanceOf(ForbiddenError);

    // A server that answers 200 but does not report success (cbapi: ServerError).
    const base = fx.api();
    const cb = new CbResponseAPI({
      requester: {
        baseUrl: base.requester.baseUrl,
        request: async <T>(options: RequestOptions): Promise<HttpResponse<T>> => {
          const res = await base.requester.request<T>(options);
          return options.path === '/api/license' && options.method === 'POST' ? { ...res, data: { status: 'failure', reason: 'expired' } as T } : res;
        },
      },
    });
    const error = await cb.updateLicense('-----BEGIN CB LICENSE-----\nAAAA\n-----END CB LICENSE-----').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ status: 200, body: { status: 'failure', reason: 'expired' }, method: 'POST', path: '/api/license' });
    expect((error as Error).message).toContain('License update was not accepted');
  });
});

describe('credentials from a credentials.response profile', () => {
  let home = '';
  const savedEnv: Record<string, string | undefined> = {};
  const ENV = ['HOME', 'CBAPI_URL', 'CBAPI_TOKEN', 'CBAPI_PROFILE', 'CBC_URL', 'CBC_TOKEN'];
  beforeAll(() => {
    for (const key of ENV) savedEnv[key] = process.env[key];
    home = mkdtempSync(join(tmpdir(), 'cb-response-home-'));
    mkdirSync(join(home, '.carbonblack'), { mode: 0o700 });
    const file = join(home, '.carbonblack', 'credentials.response');
    // What a user writes by hand (cbapi's format).
    writeFileSync(
      file,
      [
        '[default]',
        `url = ${fx.emu.url}`,
        `token = ${fx.emu.token}`,
        'ssl_verify = False',
        '',
        '[analyst]',
        `url = ${fx.emu.url}`,
        `token = ${fx.emu.readOnlyToken}`,
        '',
      ].join('\n'),
    );
    chmodSync(file, 0o600);
    process.env.HOME = home;
    for (const key of ENV.slice(1)) delete process.env[key];
  });
  afterAll(() => {
    for (const key of ENV) {
      if (savedEnv[key] === undefined) delete process.env[key];
      else process.env[key] = savedEnv[key];
    }
    rmSync(home, { recursive: true, force: true });
  });

  it('new CbResponseAPI() reads ~/.carbonblack/credentials.response [default]; { profile } picks another', async () => {
    const cb = new CbResponseAPI({ retry: false });
    expect(cb.profile).toBe('default');
    expect(cb.url).toBe(fx.emu.url);
    expect((await cb.info()).version).toBe(fx.emu.state.info.version);
    expect((await cb.select(Sensor).all()).length).toBeGreaterThan(0);

    const analyst = new CbResponseAPI({ profile: 'analyst', retry: false });
    expect(analyst.profile).toBe('analyst');
    expect((await analyst.select(Sensor).all()).length).toBeGreaterThan(0); // reads work with the analyst token
    await expect(analyst.updateLicense('-----BEGIN CB LICENSE-----\nAAAA\n-----END CB LICENSE-----')).rejects.toBeInstanceOf(ForbiddenError);

    process.env.CBAPI_PROFILE = 'analyst';
    try {
      expect(new CbResponseAPI().profile).toBe('analyst');
    } finally {
      delete process.env.CBAPI_PROFILE;
    }
  });

  it('an unknown profile is a CredentialError naming the file, never the token', () => {
    let error: unknown;
    try {
      new CbResponseAPI({ profile: 'nope' });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'CredentialError', profile: 'nope' });
    expect(String((error as Error).message)).toContain('credentials.response');
    expect(JSON.stringify(error)).not.toContain(fx.emu.token);
    expect(String((error as Error).message)).not.toContain(fx.emu.token);
  });
});
