// HTTPS mode: certificate from a fresh CA, verified by clients given that CA; fingerprint of
// the served certificate matches the one reported (for pinning).
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../src/index.js';
import { loadUndici } from './helpers.js';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ seed: 42, scale: 'small', tls: true });
});
afterAll(async () => {
  await emu.close();
});

function httpsGet(url: string, ca: string | undefined, token: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, headers: { 'X-Auth-Token': token }, rejectUnauthorized: true }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS', () => {
  it('serves https on 127.0.0.1 and returns the CA and fingerprint', () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.caCert).toContain('-----BEGIN CERTIFICATE-----');
    expect(emu.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(emu.caCert!).ca).toBe(true);
  });

  it('verifies with the custom CA, and the served certificate matches the fingerprint', async () => {
    const res = await httpsGet(`${emu.url}/api/info`, emu.caCert, emu.token);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body).version).toBeTruthy();
    expect(res.fingerprint).toBe(emu.fingerprint);
  });

  it('is rejected by a client that does not trust the CA', async () => {
    await expect(httpsGet(`${emu.url}/api/info`, undefined, emu.token)).rejects.toThrow(/certificate|self.signed|issuer/i);
    await expect(fetch(`${emu.url}/api/info`)).rejects.toThrow();
  });

  it('works with fetch + an undici Agent trusting the CA', async () => {
    const undici = loadUndici();
    const agent = new undici.Agent({ connect: { ca: emu.caCert } });
    try {
      const res = await undici.fetch(`${emu.url}/api/info`, { dispatcher: agent, headers: { 'X-Auth-Token': emu.token } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { version: string }).version).toBeTruthy();
    } finally {
      await agent.close();
    }
  });
});
