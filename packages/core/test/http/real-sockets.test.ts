// Real sockets on 127.0.0.1: TLS policy, certificate pinning, proxies and keep-alive through
// the default undici transport (no msw, no injected fetch).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCertificateAuthority, createSelfSignedCertificate, issueCertificate } from '@cb/emulator/tls';
import { resolveCredentials, type CredentialOptions } from '../../src/credentials/index.js';
import { ConnectionError, TimeoutError } from '../../src/errors.js';
import { Connection, type ConnectionOptions } from '../../src/http/connection.js';

const ca = createCertificateAuthority({ commonName: 'Test CA' });
const leaf = issueCertificate(ca, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1'] });
const wrongHost = issueCertificate(ca, { commonName: 'cb.wrong.example', altNames: ['cb.wrong.example'] });
const selfSigned = createSelfSignedCertificate({ commonName: 'Self-signed Carbon Black Enterprise Server HTTPS Certificate', altNames: ['127.0.0.1'] });

const dir = mkdtempSync(join(tmpdir(), 'cb-tls-'));
const caFile = join(dir, 'ca.pem');
writeFileSync(caFile, ca.certPem);

interface Counted {
  server: HttpsServer | HttpServer;
  port: number;
  connections: number;
  requests: number;
}
const toClose: Counted[] = [];
const openSockets = new Set<Socket>();

async function listen(counted: Omit<Counted, 'port'>): Promise<Counted> {
  const c = counted as Counted;
  c.server.on('connection', (socket: Socket) => {
    c.connections++;
    openSockets.add(socket);
    socket.on('close', () => openSockets.delete(socket));
  });
  await new Promise<void>((done) => c.server.listen(0, '127.0.0.1', done));
  c.port = (c.server.address() as AddressInfo).port;
  toClose.push(c);
  return c;
}

function handler(c: { requests: number }) {
  return (req: IncomingMessage, res: import('node:http').ServerResponse): void => {
    c.requests++;
    if (req.url === '/hang') return; // never answers
    if (req.url === '/reset') {
      req.socket.destroy();
      return;
    }
    if (req.url === '/truncated') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => req.socket.destroy(), 10);
      return;
    }
    if (req.url === '/echo') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ contentType: req.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, path: req.url, token: req.headers['x-auth-token'] === 'real-token' }));
  };
}

async function httpsServer(cert: { certPem: string; keyPem: string }): Promise<Counted> {
  const c = { connections: 0, requests: 0 } as Counted;
  c.server = createHttpsServer({ cert: cert.certPem, key: cert.keyPem, keepAliveTimeout: 5000 }, handler(c));
  return listen(c);
}

interface Proxy extends Counted {
  targets: string[];
  auth: (string | undefined)[];
  url: string;
}

/** A minimal CONNECT proxy that records each tunnel. */
async function connectProxy(): Promise<Proxy> {
  const p = { connections: 0, requests: 0, targets: [], auth: [] } as unknown as Proxy;
  const server = createHttpServer((_req, res) => res.writeHead(405).end());
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    p.targets.push(req.url ?? '');
    p.auth.push(req.headers['proxy-authorization']);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = netConnect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    openSockets.add(upstream);
    upstream.on('close', () => openSockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  p.server = server;
  await listen(p);
  p.url = `http://127.0.0.1:${p.port}`;
  return p;
}

const connections: Connection[] = [];
function connect(port: number, creds: Partial<CredentialOptions> = {}, options: Partial<ConnectionOptions> = {}): Connection {
  const credentials = resolveCredentials({ product: 'response', env: {}, url: `https://127.0.0.1:${port}`, token: 'real-token', ...creds });
  const conn = new Connection({ credentials, env: {}, retry: { baseDelayMs: 1, maxDelayMs: 20 }, logger: { debug() {}, info() {}, warn() {}, error() {} }, ...options });
  connections.push(conn);
  return conn;
}

async function caught(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

let trusted: Counted;
let selfSignedServer: Counted;
let wrongHostServer: Counted;
let proxy: Proxy;

beforeAll(async () => {
  trusted = await httpsServer(leaf);
  selfSignedServer = await httpsServer(selfSigned);
  wrongHostServer = await httpsServer(wrongHost);
  proxy = await connectProxy();
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  for (const s of openSockets) s.destroy();
  await Promise.all(toClose.map((c) => new Promise<void>((done) => c.server.close(() => done()))));
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS verification', () => {
  it('refuses a self-signed certificate by default with a clear, non-retried error', async () => {
    const before = selfSignedServer.connections;
    const err = (await caught(connect(selfSignedServer.port).request({ path: '/x' }))) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/^GET \/x: TLS certificate verification failed for https:\/\/127\.0\.0\.1:\d+: self.signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)/);
    expect(err.message).toContain('sslCertFile');
    expect(err.message).toContain('sslVerify=false');
    expect(err.attempts).toBe(1);
    expect(selfSignedServer.connections - before).toBe(1);
  });

  it('accepts the self-signed certificate with sslVerify=false', async () => {
    const res = await connect(selfSignedServer.port, { sslVerify: false }).request<{ ok: boolean; token: boolean }>({ path: '/x' });
    expect(res.data).toEqual({ ok: true, path: '/x', token: true });
  });

  it('trusts a custom CA file (sslCertFile) and fails without it', async () => {
    const res = await connect(trusted.port, { sslCertFile: caFile }).request({ path: '/ca' });
    expect(res.status).toBe(200);
    const err = await caught(connect(trusted.port).request({ path: '/ca' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });

  it('reports a host name mismatch, and sslVerifyHostname=false verifies the chain only', async () => {
    const err = await caught(connect(wrongHostServer.port, { sslCertFile: caFile }).request({ path: '/h' }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(err.message).toContain('sslVerifyHostname=false');
    const ok = await connect(wrongHostServer.port, { sslCertFile: caFile, sslVerifyHostname: false }).request({ path: '/h' });
    expect(ok.status).toBe(200);
    // Chain still verified: without the CA the same setting fails.
    const chain = await caught(connect(wrongHostServer.port, { sslVerifyHostname: false }).request({ path: '/h' }));
    expect(chain.message).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });
});

describe('certificate pinning', () => {
  it('accepts a matching pin (colon form, CA-verified) and a matching pin on a self-signed cert (hex form)', async () => {
    expect((await connect(trusted.port, { sslCertFile: caFile }, { pinSha256: leaf.fingerprint256 }).request({ path: '/p' })).status).toBe(200);
    expect((await connect(selfSignedServer.port, { sslVerify: false }, { pinSha256: selfSigned.sha256Hex.toUpperCase() }).request({ path: '/p' })).status).toBe(200);
  });

  it('refuses a mismatching pin showing expected and actual fingerprints', async () => {
    const err = (await caught(connect(selfSignedServer.port, { sslVerify: false }, { pinSha256: leaf.sha256Hex }).request({ path: '/p' }))) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toContain('Certificate pin mismatch for 127.0.0.1');
    expect(err.message).toContain(`expected sha256 ${leaf.fingerprint256}`);
    expect(err.message).toContain(`server presented ${selfSigned.fingerprint256}`);
    expect(err.attempts).toBe(1);
  });

  it('rejects a malformed pin at construction', () => {
    expect(() => connect(trusted.port, {}, { pinSha256: 'abc' })).toThrow(/pinSha256 must be a SHA-256 fingerprint/);
  });
});

describe('proxies', () => {
  it('tunnels through credentials.proxy, passing proxy credentials', async () => {
    const before = proxy.targets.length;
    const url = `http://user:pr0xy-pass@127.0.0.1:${proxy.port}`;
    const res = await connect(trusted.port, { sslCertFile: caFile, proxy: url }).request({ path: '/via-proxy' });
    expect(res.status).toBe(200);
    expect(proxy.targets.slice(before)).toEqual([`127.0.0.1:${trusted.port}`]);
    expect(proxy.auth[proxy.auth.length - 1]).toBe(`Basic ${Buffer.from('user:pr0xy-pass').toString('base64')}`);
  });

  it('checks the pin on tunnelled connections too', async () => {
    const err = await caught(connect(trusted.port, { sslCertFile: caFile, proxy: proxy.url }, { pinSha256: selfSigned.sha256Hex }).request({ path: '/x' }));
    expect(err.message).toContain('Certificate pin mismatch');
  });

  it('uses HTTPS_PROXY from the environment (option and process.env)', async () => {
    const before = proxy.targets.length;
    await connect(trusted.port, { sslCertFile: caFile }, { env: { HTTPS_PROXY: proxy.url } }).request({ path: '/env' });
    expect(proxy.targets.length - before).toBe(1);
    vi.stubEnv('HTTPS_PROXY', proxy.url);
    vi.stubEnv('NO_PROXY', '');
    try {
      const credentials = resolveCredentials({ product: 'response', env: {}, url: `https://127.0.0.1:${trusted.port}`, token: 'real-token', sslCertFile: caFile });
      const conn = new Connection({ credentials });
      connections.push(conn);
      await conn.request({ path: '/process-env' });
    } finally {
      vi.unstubAllEnvs();
    }
    expect(proxy.targets.length - before).toBe(2);
  });

  it('bypasses the environment proxy with ignoreSystemProxy, and honours NO_PROXY', async () => {
    const before = proxy.targets.length;
    const direct = await connect(trusted.port, { sslCertFile: caFile, ignoreSystemProxy: true }, { env: { HTTPS_PROXY: proxy.url } }).request({ path: '/direct' });
    expect(direct.status).toBe(200);
    await connect(trusted.port, { sslCertFile: caFile }, { env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }).request({ path: '/no-proxy' });
    expect(proxy.targets.length).toBe(before);
  });
});

describe('connection behaviour', () => {
  it('reuses keep-alive connections for sequential requests', async () => {
    const server = await httpsServer(leaf);
    const conn = connect(server.port, { sslCertFile: caFile });
    for (let i = 0; i < 10; i++) expect((await conn.request({ path: `/k${i}` })).status).toBe(200);
    expect(server.requests).toBe(10);
    // undici's pool may open a second socket before the first is marked idle; never more.
    expect(server.connections).toBeLessThanOrEqual(2);
  });

  it('uses exactly one socket with maxSockets: 1', async () => {
    const server = await httpsServer(leaf);
    const conn = connect(server.port, { sslCertFile: caFile }, { maxSockets: 1 });
    for (let i = 0; i < 5; i++) await conn.request({ path: `/m${i}` });
    expect(server.requests).toBe(5);
    expect(server.connections).toBe(1);
  });

  it('opens one socket per request with keepAlive: false', async () => {
    const server = await httpsServer(leaf);
    const conn = connect(server.port, { sslCertFile: caFile }, { keepAlive: false });
    for (let i = 0; i < 3; i++) await conn.request({ path: `/n${i}` });
    expect(server.connections).toBe(3);
  });

  it('times out on a server that never answers', async () => {
    const err = (await caught(connect(trusted.port, { sslCertFile: caFile }, { timeoutMs: 150 }).request({ path: '/hang' }))) as TimeoutError;
    expect(err).toBeInstanceOf(TimeoutError);
    expect(err.timeoutMs).toBe(150);
  });

  it('retries a reset connection for GET and reports ConnectionError with the attempts', async () => {
    const before = trusted.requests;
    const err = (await caught(connect(trusted.port, { sslCertFile: caFile }, { retry: { retries: 2, baseDelayMs: 1 } }).request({ path: '/reset' }))) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.attempts).toBe(3);
    expect(trusted.requests - before).toBe(3);
  });

  it('treats a truncated body as a ConnectionError', async () => {
    const err = (await caught(connect(trusted.port, { sslCertFile: caFile }, { retry: false }).request({ path: '/truncated' }))) as ConnectionError;
    expect(err).toBeInstanceOf(ConnectionError);
    expect(err.message).toMatch(/network error/);
  });

  it('sends a (global) FormData rawBody as multipart through undici', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'demo.txt');
    const res = await connect(trusted.port, { sslCertFile: caFile }).request<{ contentType: string; body: string }>({
      method: 'POST',
      path: '/echo',
      rawBody: form,
    });
    expect(res.data.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(res.data.body).toContain('name="file"; filename="demo.txt"');
    expect(res.data.body).toContain('hello');
  });

  it('does not retry a reset POST', async () => {
    const before = trusted.requests;
    const err = await caught(connect(trusted.port, { sslCertFile: caFile }).request({ method: 'POST', path: '/reset', body: {} }));
    expect(err).toBeInstanceOf(ConnectionError);
    expect(trusted.requests - before).toBe(1);
  });
});
