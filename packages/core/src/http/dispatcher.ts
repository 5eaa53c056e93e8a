// The undici dispatcher behind a Connection: keep-alive pool, TLS policy (verify on/off,
// custom CA, chain-only verification, certificate pinning) and proxy selection.
import { createHash } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { Agent, buildConnector, Client, EnvHttpProxyAgent, Pool, ProxyAgent, type Dispatcher } from 'undici';

export interface DispatcherOptions {
  sslVerify: boolean;
  sslVerifyHostname: boolean;
  /** PEM text of the CA bundle to trust instead of the system roots. */
  ca?: string | undefined;
  /** Normalised pin: 64 lower-case hex digits. */
  pinSha256?: string | undefined;
  /** Explicit proxy URL (credentials.proxy); always used when set. */
  proxy?: string | undefined;
  /** Ignore HTTPS_PROXY / HTTP_PROXY / NO_PROXY. */
  ignoreSystemProxy: boolean;
  env: Readonly<Record<string, string | undefined>>;
  maxSockets?: number | undefined;
}

/** Raised from the TLS connect step; error mapping shows its message as is. */
export class CertificatePinError extends Error {
  readonly code = 'CB_CERT_PIN_MISMATCH';
  readonly expected: string;
  readonly actual: string;
  constructor(host: string, expected: string, actual: string) {
    super(
      `Certificate pin mismatch for ${host}: expected sha256 ${colons(expected)}, ` +
        `but the server presented ${colons(actual)}`,
    );
    this.name = 'CertificatePinError';
    this.expected = expected;
    this.actual = actual;
  }
}

function colons(hex: string): string {
  return hex.toUpperCase().match(/../g)?.join(':') ?? hex;
}

/** Accepts "AB:CD:..." or "abcd..." in any case; returns lower-case hex or undefined if invalid. */
export function normalisePin(pin: string): string | undefined {
  const hex = pin.replace(/[:\s]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

/** Wraps a connector so a TLS socket whose leaf certificate does not match the pin is refused. */
function withPin(connect: buildConnector.connector, pin: string): buildConnector.connector {
  return (opts, callback) => {
    connect(opts, (err, socket) => {
      if (err || !socket) {
        callback(err ?? new Error('connect failed'), null);
        return;
      }
      if (socket instanceof TLSSocket) {
        const raw = socket.getPeerCertificate().raw as Buffer | undefined;
        const actual = raw ? createHash('sha256').update(raw).digest('hex') : '(no certificate)';
        if (actual !== pin) {
          socket.destroy();
          callback(new CertificatePinError(opts.hostname, pin, actual), null);
          return;
        }
      }
      callback(null, socket);
    });
  };
}

function firstEnv(env: DispatcherOptions['env'], ...names: string[]): string | undefined {
  for (const name of names) if (env[name]) return env[name];
  return undefined;
}

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const tls: buildConnector.BuildOptions = {
    rejectUnauthorized: options.sslVerify,
    ...(options.ca ? { ca: options.ca } : {}),
    // Chain-only verification: the CA check still runs, the name check does not.
    ...(options.sslVerifyHostname ? {} : { checkServerIdentity: () => undefined }),
  };
  const pool = {
    connections: options.maxSockets ?? null,
    // keepAlive=false is implemented by the "connection: close" request header (connection.ts).
    keepAliveTimeout: 4_000,
  };
  const pin = options.pinSha256;
  const wrap = (connect: buildConnector.connector): buildConnector.connector => (pin ? withPin(connect, pin) : connect);
  // Proxy agents hand their tunnelling connect function to this factory: pin on top of it.
  const factory = (origin: string | URL, opts: object): Dispatcher => {
    const o = opts as Pool.Options & { connect?: buildConnector.connector | buildConnector.BuildOptions };
    const connect = typeof o.connect === 'function' ? wrap(o.connect) : o.connect;
    const withConnect = connect === undefined ? o : { ...o, connect };
    return o.connections === 1 ? new Client(origin, withConnect) : new Pool(origin, withConnect);
  };
  const direct = wrap(buildConnector(tls));

  if (options.proxy) {
    return new ProxyAgent({ uri: options.proxy, requestTls: tls, factory, ...pool });
  }
  const httpsProxy = options.ignoreSystemProxy ? undefined : firstEnv(options.env, 'https_proxy', 'HTTPS_PROXY');
  const httpProxy = options.ignoreSystemProxy ? undefined : firstEnv(options.env, 'http_proxy', 'HTTP_PROXY');
  if (httpsProxy || httpProxy) {
    return new EnvHttpProxyAgent({
      ...(httpProxy ? { httpProxy } : {}),
      ...(httpsProxy ? { httpsProxy } : {}),
      noProxy: firstEnv(options.env, 'no_proxy', 'NO_PROXY') ?? '',
      // Unwrapped: the factory adds the pin check for direct and tunnelled sockets alike.
      connect: buildConnector(tls),
      requestTls: tls,
      factory,
      ...pool,
    });
  }
  return new Agent({ connect: direct, ...pool });
}
