import { X509Certificate, createHash, createPrivateKey } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { connect, type PeerCertificate } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, createSelfSignedCertificate, issueCertificate } from '../src/tls/index.js';
import { ipToBytes } from '../src/tls/ip.js';
import * as der from '../src/tls/der.js';

const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise<void>((done) => s.close(() => done()))));
});

async function serve(certPem: string, keyPem: string): Promise<number> {
  const server = createServer({ cert: certPem, key: keyPem }, (_req, res) => {
    res.end('hello over tls');
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

interface Handshake {
  authorized: boolean;
  error: string | undefined;
  peer: PeerCertificate;
  body: string;
}

/** A raw TLS client: handshake, one HTTP/1.0 request, read to the end. */
function handshake(port: number, opts: { ca?: string; servername?: string; rejectUnauthorized?: boolean }): Promise<Handshake> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, ...opts }, () => {
      const peer = socket.getPeerCertificate();
      const authorized = socket.authorized;
      const error = socket.authorizationError ? String(socket.authorizationError) : undefined;
      let body = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (body += chunk));
      socket.on('end', () => resolve({ authorized, error, peer, body }));
      socket.write('GET / HTTP/1.0\r\nHost: localhost\r\n\r\n');
    });
    socket.on('error', reject);
  });
}

describe('der encoder', () => {
  it('encodes integers minimally and keeps them positive', () => {
    expect(der.integer(0).toString('hex')).toBe('020100');
    expect(der.integer(127).toString('hex')).toBe('02017f');
    expect(der.integer(128).toString('hex')).toBe('02020080');
    expect(der.integer(Buffer.from([0, 0, 1])).toString('hex')).toBe('020101');
  });
  it('encodes OIDs and long lengths', () => {
    expect(der.oid('1.2.840.10045.4.3.2').toString('hex')).toBe('06082a8648ce3d040302');
    const long = der.octetString(Buffer.alloc(300));
    expect(long.subarray(0, 4).toString('hex')).toBe('0482012c');
    expect(der.readTlv(long, 0).end).toBe(long.length);
  });
  it('encodes keyUsage named bits with the unused-bit count', () => {
    // digitalSignature + keyCertSign + cRLSign = 1000 0110, last used bit 6 -> 1 unused
    expect(der.namedBits([0, 5, 6]).toString('hex')).toBe('03020186');
    expect(der.namedBits([0]).toString('hex')).toBe('03020780');
  });
  it('encodes times as UTCTime before 2050 and GeneralizedTime after', () => {
    expect(der.time(new Date(Date.UTC(2030, 0, 2, 3, 4, 5))).subarray(2).toString()).toBe('300102030405Z');
    expect(der.time(new Date(Date.UTC(2051, 0, 2, 3, 4, 5)))[0]).toBe(0x18);
  });
  it('parses IPv4 and IPv6 literals', () => {
    expect(ipToBytes('127.0.0.1')?.toString('hex')).toBe('7f000001');
    expect(ipToBytes('::1')?.toString('hex')).toBe('00000000000000000000000000000001');
    expect(ipToBytes('fe80::1:2')?.toString('hex')).toBe('fe800000000000000000000000010002');
    expect(ipToBytes('::ffff:10.0.0.1')?.toString('hex')).toBe('00000000000000000000ffff0a000001');
    expect(ipToBytes('localhost')).toBeUndefined();
  });
});

describe('certificates', () => {
  const ca = createCertificateAuthority({ commonName: 'Test Root' });
  const leaf = issueCertificate(ca, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1', '::1'] });

  it('makes a self-signed CA that node parses', () => {
    const cert = new X509Certificate(ca.certPem);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=Test Root');
    expect(cert.issuer).toBe('CN=Test Root');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(new Date(cert.validTo).getTime() - Date.now()).toBeGreaterThan(3600 * 86_400_000);
  });

  it('issues a server certificate signed by the CA with SANs and serverAuth', () => {
    const cert = new X509Certificate(leaf.certPem);
    const caCert = new X509Certificate(ca.certPem);
    expect(cert.ca).toBe(false);
    expect(cert.checkIssued(caCert)).toBe(true);
    expect(cert.verify(caCert.publicKey)).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
    // the key in the bundle belongs to the certificate
    expect(cert.checkPrivateKey(createPrivateKey(leaf.keyPem))).toBe(true);
  });

  it('reports fingerprints exactly as node does', () => {
    const cert = new X509Certificate(leaf.certPem);
    expect(leaf.fingerprint256).toBe(cert.fingerprint256);
    expect(leaf.sha256Hex).toBe(createHash('sha256').update(cert.raw).digest('hex'));
    expect(leaf.sha256Hex).toMatch(/^[0-9a-f]{64}$/);
  });

  it('makes a self-signed leaf that is not a CA', () => {
    const ss = createSelfSignedCertificate({ commonName: 'Self-signed Carbon Black Enterprise Server HTTPS Certificate' });
    const cert = new X509Certificate(ss.certPem);
    expect(cert.ca).toBe(false);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.issuer).toBe(cert.subject);
  });

  it('uses a fresh serial number and key per certificate', () => {
    const again = issueCertificate(ca, { commonName: 'localhost' });
    expect(new X509Certificate(again.certPem).serialNumber).not.toBe(new X509Certificate(leaf.certPem).serialNumber);
    expect(again.keyPem).not.toBe(leaf.keyPem);
  });
});

describe('real TLS handshakes on 127.0.0.1', () => {
  const ca = createCertificateAuthority();
  const leaf = issueCertificate(ca, { commonName: 'localhost', altNames: ['localhost', '127.0.0.1'] });
  const selfSigned = createSelfSignedCertificate({ commonName: 'localhost', altNames: ['localhost'] });

  it('verifies a CA-issued certificate against the CA', async () => {
    const port = await serve(leaf.certPem, leaf.keyPem);
    const result = await handshake(port, { ca: ca.certPem, servername: 'localhost' });
    expect(result.authorized).toBe(true);
    expect(result.peer.fingerprint256).toBe(leaf.fingerprint256);
    expect(result.body).toContain('hello over tls');
  });

  it('verifies the IP SAN when connecting by IP', async () => {
    const port = await serve(leaf.certPem, leaf.keyPem);
    const result = await handshake(port, { ca: ca.certPem });
    expect(result.authorized).toBe(true);
  });

  it('rejects the CA-issued certificate without the CA', async () => {
    const port = await serve(leaf.certPem, leaf.keyPem);
    await expect(handshake(port, { servername: 'localhost' })).rejects.toThrow(/unable to verify|self.signed|local issuer/i);
  });

  it('rejects a self-signed certificate by default, accepts it unverified', async () => {
    const port = await serve(selfSigned.certPem, selfSigned.keyPem);
    await expect(handshake(port, { servername: 'localhost' })).rejects.toThrow(/self.signed/i);
    const result = await handshake(port, { servername: 'localhost', rejectUnauthorized: false });
    expect(result.authorized).toBe(false);
    expect(result.peer.fingerprint256).toBe(selfSigned.fingerprint256);
  });

  it('accepts a self-signed certificate that the client trusts directly (ssl_cert_file = server cert)', async () => {
    const port = await serve(selfSigned.certPem, selfSigned.keyPem);
    const result = await handshake(port, { servername: 'localhost', ca: selfSigned.certPem });
    expect(result.authorized).toBe(true);
  });

  it('fails host name verification for a name the certificate does not carry', async () => {
    const port = await serve(leaf.certPem, leaf.keyPem);
    await expect(handshake(port, { servername: 'cb.example.com', ca: ca.certPem })).rejects.toThrow(/altnames|hostname/i);
  });

  it('serves https.request clients trusting the CA', async () => {
    const port = await serve(leaf.certPem, leaf.keyPem);
    const { request } = await import('node:https');
    const body = await new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/', ca: ca.certPem, servername: 'localhost' }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end();
    });
    expect(body).toBe('hello over tls');
  });
});
