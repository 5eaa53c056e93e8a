export { resolveCredentials, type CredentialOptions, type Credentials } from './resolve.js';
export { writeCredentialsProfile, type CredentialFileValue } from './write.js';
export { parseIni, mergeIni, type IniSections } from './ini.js';
export { parseBoolean, type CredentialValues } from './values.js';
export { defaultCredentialFiles } from './files.js';
