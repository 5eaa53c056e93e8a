// Credential resolution. Precedence, highest first:
//   1. explicit options (every key, not only url/token: cbapi dropped the others, see
//      user-asks C2/C3/E3);
//   2. environment variables, when both a URL and a token are set there
//      (CBAPI_URL / CBAPI_TOKEN / CBAPI_SSL_VERIFY / CBAPI_ORG_KEY, CBC_* as aliases) and the
//      caller did not ask for a specific profile or credential file;
//   3. the credential files, merged key by key (/etc, then ~, then ./.carbonblack).
// Options that are set always override the values of the source that supplied url/token.
import { homedir } from 'node:os';
import { inspect } from 'node:util';
import { ConfigurationError, CredentialError } from '../errors.js';
import { createLogger } from '../logging/logger.js';
import type { Logger } from '../logging/types.js';
import { REDACTED } from '../redact.js';
import { defaultCredentialFiles, describeFiles, readCredentialFiles, type FilesRead } from './files.js';
import { BOOLEAN_OPTIONS, definedOnly, FILE_KEYS, parseBoolean, type CredentialValues } from './values.js';

export interface CredentialOptions extends CredentialValues {
  /** Product name; selects the file name credentials.<product> ('response', 'protection', 'defense', 'platform'...). */
  product: string;
  /** Profile (INI section) to use. Default: env CBAPI_PROFILE, then 'default'. */
  profile?: string | undefined;
  /** File names tried in each credentials directory (default `credentials.<product>`). */
  fileNames?: readonly string[] | undefined;
  /** Replaces the default search path: one file or an ordered list (later files win). */
  credentialFiles?: string | readonly string[] | undefined;
  /** Environment to read (default process.env). */
  env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Home directory for ~/.carbonblack (default os.homedir()). */
  homeDir?: string | undefined;
  /** Directory for ./.carbonblack (default process.cwd()). */
  cwd?: string | undefined;
  /** Receives the permission warnings (default: console warnings). */
  logger?: Logger | undefined;
}

export interface Credentials {
  /** Server base URL, trailing slash removed. */
  readonly url: string;
  /** The API token. Non-enumerable: JSON.stringify and util.inspect never show it (nor does `{...credentials}` copy it). */
  readonly token: string;
  readonly sslVerify: boolean;
  readonly sslVerifyHostname: boolean;
  readonly sslCertFile?: string | undefined;
  readonly proxy?: string | undefined;
  readonly ignoreSystemProxy: boolean;
  readonly orgKey?: string | undefined;
  readonly profile: string;
  /** Where url and token came from. */
  readonly source: 'options' | 'env' | 'file';
  /** The last credential file that defined the profile (source 'file' only). */
  readonly file?: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

function firstSet(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

function envBoolean(env: Env, name: string): boolean | undefined {
  const raw = firstSet(env, name);
  if (raw === undefined) return undefined;
  const value = parseBoolean(raw);
  if (value === undefined) throw new ConfigurationError(`${name} must be true or false (1/yes/true/on, 0/no/false/off), got '${raw}'`);
  return value;
}

/** Environment credentials, or undefined unless both a URL and a token are set. */
function fromEnv(env: Env): CredentialValues | undefined {
  const url = firstSet(env, 'CBAPI_URL', 'CBC_URL');
  const token = firstSet(env, 'CBAPI_TOKEN', 'CBC_TOKEN');
  if (!url || !token) return undefined;
  return definedOnly({
    url,
    token,
    sslVerify: envBoolean(env, 'CBAPI_SSL_VERIFY') ?? envBoolean(env, 'CBC_SSL_VERIFY'),
    orgKey: firstSet(env, 'CBAPI_ORG_KEY', 'CBC_ORG_KEY'),
  });
}

/** One profile's values from the merged files, [DEFAULT] first as fallback. */
function fromSection(read: FilesRead, profile: string, file: string): CredentialValues {
  const raw = { ...read.sections['DEFAULT'], ...read.sections[profile] };
  const out: Record<string, unknown> = {};
  for (const [fileKey, option] of Object.entries(FILE_KEYS) as [keyof typeof FILE_KEYS, keyof CredentialValues][]) {
    const value = raw[fileKey];
    if (value === undefined || value === '') continue;
    if (!BOOLEAN_OPTIONS.has(option)) {
      out[option] = value;
      continue;
    }
    const bool = parseBoolean(value);
    if (bool !== undefined) out[option] = bool;
    else if (option === 'sslVerify' && /[/\\]/.test(value)) {
      // cbapi hands a non-boolean ssl_verify to requests, which reads it as a CA bundle path.
      out['sslVerify'] = true;
      out['sslCertFile'] ??= value;
    } else {
      throw new CredentialError(
        `Profile '${profile}' in ${file}: ${fileKey} must be true or false (1/yes/true/on, 0/no/false/off), got '${value}'`,
        { profile, filesSearched: read.files.map((f) => f.path) },
      );
    }
  }
  return out as CredentialValues;
}

function validateUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    throw new ConfigurationError(`Server URL must be a URL: eg. https://localhost (got '${url}')`);
  }
  return url.replace(/\/+$/, '');
}

function validateProduct(product: string): void {
  if (!/^[a-z][a-z0-9_-]*$/i.test(product)) {
    throw new ConfigurationError(`Product name '${product}' is not valid (expected e.g. 'response', 'protection', 'defense')`);
  }
}

function hideProxyPassword(proxy: string | undefined): string | undefined {
  if (!proxy) return proxy;
  try {
    const url = new URL(proxy);
    if (!url.password) return proxy;
    url.password = REDACTED;
    return url.toString();
  } catch {
    return proxy;
  }
}

/** Builds the result object: token non-enumerable, proxy password hidden from print-outs. */
function build(fields: Omit<Credentials, 'token'>, token: string): Credentials {
  const visible: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) visible[key] = value;
  const printable = (): Record<string, unknown> => ({ ...visible, proxy: hideProxyPassword(fields.proxy) });
  Object.defineProperties(visible, {
    token: { value: token, enumerable: false },
    toJSON: { value: () => JSON.parse(JSON.stringify(definedValues(printable()))) as unknown, enumerable: false },
    [inspect.custom]: { value: () => definedValues(printable()), enumerable: false },
  });
  return Object.freeze(visible) as unknown as Credentials;
}

function definedValues(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}

export function resolveCredentials(options: CredentialOptions): Credentials {
  validateProduct(options.product);
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger({ namespace: 'cb:credentials' });
  const profile = options.profile ?? firstSet(env, 'CBAPI_PROFILE') ?? 'default';
  const explicit = definedOnly({
    url: options.url,
    token: options.token,
    sslVerify: options.sslVerify,
    sslVerifyHostname: options.sslVerifyHostname,
    sslCertFile: options.sslCertFile,
    proxy: options.proxy,
    ignoreSystemProxy: options.ignoreSystemProxy,
    orgKey: options.orgKey,
  });

  let base: CredentialValues = {};
  let source: Credentials['source'] = 'options';
  let file: string | undefined;
  let filesSearched: string[] = [];
  const pinnedToFiles = options.profile !== undefined || options.credentialFiles !== undefined;
  const envValues = pinnedToFiles ? undefined : fromEnv(env);

  if (explicit.url && explicit.token) {
    source = 'options';
  } else if (envValues) {
    base = envValues;
    source = 'env';
  } else {
    const paths =
      options.credentialFiles === undefined
        ? defaultCredentialFiles(options.product, options.homeDir ?? homedir(), options.cwd ?? process.cwd(), options.fileNames)
        : typeof options.credentialFiles === 'string'
          ? [options.credentialFiles]
          : [...options.credentialFiles];
    const read = readCredentialFiles(paths, options.cwd ?? process.cwd(), logger);
    filesSearched = read.files.map((f) => f.path);
    const definedIn = read.definedIn[profile];
    if (!definedIn || profile === 'DEFAULT') {
      throw new CredentialError(
        `Cannot find credential profile '${profile}' after searching in these files: ${describeFiles(read.files)}. ` +
          `Create it (e.g. with the product's "configure" command), choose another profile, ` +
          `or set CBAPI_URL and CBAPI_TOKEN.`,
        { profile, filesSearched, tryNextLink: true },
      );
    }
    file = definedIn[definedIn.length - 1]!;
    base = fromSection(read, profile, definedIn.join(', '));
    source = 'file';
  }

  const merged: CredentialValues = { ...base, ...explicit };
  for (const key of ['url', 'token'] as const) {
    if (merged[key]) continue;
    const where =
      source === 'file' ? `Profile '${profile}' in ${file}` : source === 'env' ? 'The environment' : 'The options';
    throw new CredentialError(`${where} has no '${key}'`, { profile, filesSearched, missingKey: key });
  }

  return build(
    {
      url: validateUrl(merged.url!),
      sslVerify: merged.sslVerify ?? true,
      sslVerifyHostname: merged.sslVerifyHostname ?? true,
      sslCertFile: merged.sslCertFile,
      proxy: merged.proxy,
      ignoreSystemProxy: merged.ignoreSystemProxy ?? false,
      orgKey: merged.orgKey,
      profile,
      source,
      file,
    },
    merged.token!,
  );
}
