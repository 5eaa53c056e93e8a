// Dependency-free X.509 generation for tests and the emulator's --tls mode.
export {
  createCertificateAuthority,
  issueCertificate,
  createSelfSignedCertificate,
  type CertificateBundle,
  type CertificateAuthorityOptions,
  type IssueOptions,
} from './certificate.js';
