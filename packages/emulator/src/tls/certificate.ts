// X.509 v3 certificates (RFC 5280) built with node:crypto only: EC P-256 keys signed with
// ecdsa-with-SHA256. Enough for a local CA, server certificates and self-signed certificates
// that Node's TLS stack (and OpenSSL-based clients) accept.
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import * as der from './der.js';
import { ipToBytes } from './ip.js';

export interface CertificateBundle {
  /** The certificate, PEM ("-----BEGIN CERTIFICATE-----"). */
  certPem: string;
  /** The certificate's private key, PKCS#8 PEM. */
  keyPem: string;
  /** SHA-256 of the certificate DER as colon-separated upper-case hex (like X509Certificate.fingerprint256). */
  fingerprint256: string;
  /** SHA-256 of the certificate DER as lower-case hex without separators. */
  sha256Hex: string;
}

export interface CertificateAuthorityOptions {
  commonName?: string;
  /** Validity in days (default 3650). */
  days?: number;
}

export interface IssueOptions {
  commonName: string;
  /** DNS names and IP literals (e.g. 'localhost', '127.0.0.1', '::1') for subjectAltName. */
  altNames?: readonly string[];
  /** Validity in days (default 825, the longest browsers accept). */
  days?: number;
}

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

// keyUsage bit numbers (RFC 5280 §4.2.1.3).
const KU = { digitalSignature: 0, keyCertSign: 5, cRLSign: 6 } as const;

const DAY_MS = 86_400_000;
// Backdate notBefore so a peer whose clock lags a little still accepts the certificate.
const BACKDATE_MS = 60 * 60 * 1000;

interface Subject {
  commonName: string;
  publicKey: KeyObject;
}

interface Signer {
  /** The issuer Name, DER. */
  name: der.Der;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

function name(commonName: string): der.Der {
  return der.sequence(der.set(der.sequence(der.oid(OID.commonName), der.utf8String(commonName))));
}

function extension(id: string, critical: boolean, value: der.Der): der.Der {
  return critical
    ? der.sequence(der.oid(id), der.boolean(true), der.octetString(value))
    : der.sequence(der.oid(id), der.octetString(value));
}

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey BIT STRING contents. */
function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  // For P-256 the SPKI is a fixed 91-byte structure whose last 65 bytes are the EC point.
  return createHash('sha1').update(spki.subarray(spki.length - 65)).digest();
}

function subjectAltName(altNames: readonly string[]): der.Der {
  const entries = altNames.map((entry) => {
    const ip = ipToBytes(entry);
    // GeneralName: dNSName [2] IA5String, iPAddress [7] OCTET STRING (both IMPLICIT).
    return ip ? der.implicitPrimitive(7, ip) : der.implicitPrimitive(2, Buffer.from(entry, 'ascii'));
  });
  return der.sequence(...entries);
}

/** Positive, non-zero, at most 20 bytes (RFC 5280 §4.1.2.2). */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes;
}

function toPem(certificateDer: Buffer): string {
  const lines = certificateDer.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

interface BuildOptions {
  subject: Subject;
  issuer: Signer;
  days: number;
  isCa: boolean;
  altNames: readonly string[];
}

function build({ subject, issuer, days, isCa, altNames }: BuildOptions): Buffer {
  const now = Date.now();
  const algorithm = der.sequence(der.oid(OID.ecdsaWithSha256));
  const extensions: der.Der[] = [
    extension(OID.basicConstraints, true, isCa ? der.sequence(der.boolean(true)) : der.sequence()),
    extension(
      OID.keyUsage,
      true,
      der.namedBits(isCa ? [KU.digitalSignature, KU.keyCertSign, KU.cRLSign] : [KU.digitalSignature]),
    ),
    extension(OID.subjectKeyIdentifier, false, der.octetString(keyIdentifier(subject.publicKey))),
    extension(
      OID.authorityKeyIdentifier,
      false,
      der.sequence(der.implicitPrimitive(0, keyIdentifier(issuer.publicKey))),
    ),
  ];
  if (!isCa) extensions.push(extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth))));
  if (altNames.length > 0) extensions.push(extension(OID.subjectAltName, false, subjectAltName(altNames)));

  const tbs = der.sequence(
    der.explicit(0, der.integer(2)), // v3
    der.integer(serialNumber()),
    algorithm,
    issuer.name,
    der.sequence(der.time(new Date(now - BACKDATE_MS)), der.time(new Date(now + days * DAY_MS))),
    name(subject.commonName),
    subject.publicKey.export({ type: 'spki', format: 'der' }),
    der.explicit(3, der.sequence(...extensions)),
  );
  // node signs ECDSA in DER (SEQUENCE { r, s }) by default, which is what X.509 expects.
  const signature = sign('sha256', tbs, issuer.privateKey);
  return der.sequence(tbs, algorithm, der.bitString(signature));
}

function bundle(certificateDer: Buffer, privateKey: KeyObject): CertificateBundle {
  const sha256Hex = createHash('sha256').update(certificateDer).digest('hex');
  const certPem = toPem(certificateDer);
  return {
    certPem,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    fingerprint256: sha256Hex.toUpperCase().match(/../g)!.join(':'),
    sha256Hex,
  };
}

function newKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

/** A self-signed CA (basicConstraints CA:true, keyUsage keyCertSign|cRLSign). */
export function createCertificateAuthority(opts: CertificateAuthorityOptions = {}): CertificateBundle {
  const commonName = opts.commonName ?? 'CB SDK Test CA';
  const keys = newKeyPair();
  const certificateDer = build({
    subject: { commonName, publicKey: keys.publicKey },
    issuer: { name: name(commonName), ...keys },
    days: opts.days ?? 3650,
    isCa: true,
    altNames: [],
  });
  return bundle(certificateDer, keys.privateKey);
}

/** A server certificate (serverAuth, SAN with DNS names and IPs) signed by `ca`. */
export function issueCertificate(ca: CertificateBundle, opts: IssueOptions): CertificateBundle {
  const caCert = new X509Certificate(ca.certPem);
  const caPrivate = createPrivateKey(ca.keyPem);
  const issuerName = subjectNameDer(caCert.raw);
  const keys = newKeyPair();
  const certificateDer = build({
    subject: { commonName: opts.commonName, publicKey: keys.publicKey },
    issuer: { name: issuerName, privateKey: caPrivate, publicKey: caCert.publicKey },
    days: opts.days ?? 825,
    isCa: false,
    altNames: opts.altNames ?? [opts.commonName],
  });
  return bundle(certificateDer, keys.privateKey);
}

/**
 * A self-signed leaf certificate (not a CA), like the one a Cb Response server ships with.
 * Clients must disable verification or pin it.
 */
export function createSelfSignedCertificate(opts: IssueOptions): CertificateBundle {
  const keys = newKeyPair();
  const certificateDer = build({
    subject: { commonName: opts.commonName, publicKey: keys.publicKey },
    issuer: { name: name(opts.commonName), ...keys },
    days: opts.days ?? 825,
    isCa: false,
    altNames: opts.altNames ?? [opts.commonName],
  });
  return bundle(certificateDer, keys.privateKey);
}

// --- helpers ----------------------------------------------------------------------------------

/**
 * The subject Name of a certificate, as raw DER. An issued certificate's issuer field must
 * equal its CA's subject byte for byte, so copy it rather than re-encoding it from text.
 */
function subjectNameDer(certificateDer: Buffer): Buffer {
  const certificate = der.readTlv(certificateDer, 0);
  const [tbs] = der.children(certificateDer, certificate);
  if (!tbs) throw new Error('CA certificate: empty');
  const fields = der.children(certificateDer, tbs);
  // With the explicit [0] version present: version, serial, signature, issuer, validity, subject.
  const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
  const subject = fields[offset + 4];
  if (!subject) throw new Error('CA certificate: no subject');
  return subject.whole;
}
