// Typed views of credential values, shared by the file, environment and options sources.

/** Python's ConfigParser booleans, case-insensitive. Anything else is not a boolean. */
export function parseBoolean(value: string): boolean | undefined {
  switch (value.trim().toLowerCase()) {
    case '1': case 'yes': case 'true': case 'on':
      return true;
    case '0': case 'no': case 'false': case 'off':
      return false;
    default:
      return undefined;
  }
}

/** The credential settings every source can supply; all optional until merged. */
export interface CredentialValues {
  url?: string | undefined;
  token?: string | undefined;
  sslVerify?: boolean | undefined;
  sslVerifyHostname?: boolean | undefined;
  sslCertFile?: string | undefined;
  proxy?: string | undefined;
  ignoreSystemProxy?: boolean | undefined;
  orgKey?: string | undefined;
}

/** File key → option name. Keys not listed (rabbitmq_*, ...) are read but not used here. */
export const FILE_KEYS = {
  url: 'url',
  token: 'token',
  ssl_verify: 'sslVerify',
  ssl_verify_hostname: 'sslVerifyHostname',
  ssl_cert_file: 'sslCertFile',
  proxy: 'proxy',
  ignore_system_proxy: 'ignoreSystemProxy',
  org_key: 'orgKey',
} as const satisfies Record<string, keyof CredentialValues>;

export const BOOLEAN_OPTIONS = new Set<keyof CredentialValues>(['sslVerify', 'sslVerifyHostname', 'ignoreSystemProxy']);

/** Copies only defined values, so `{ proxy: undefined }` does not erase a file's proxy. */
export function definedOnly(values: CredentialValues): CredentialValues {
  const out: CredentialValues = {};
  for (const [key, value] of Object.entries(values) as [keyof CredentialValues, unknown][]) {
    if (value !== undefined && value !== '') (out as Record<string, unknown>)[key] = value;
  }
  return out;
}
