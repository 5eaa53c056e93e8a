// The Redis the cache tests use. With REDIS_URL set (a redis:// URL on a loopback host) the tests
// use that server and leave it running; otherwise they start a private redis-server on
// 127.0.0.1, a random free port, no persistence. Missing redis-server is a test failure, never a
// skip: `pnpm test` installs it (tools/ensure-test-deps.sh).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** True when the server came from REDIS_URL: tests must not assume they own its keys. */
  readonly external: boolean;
  /** Stops a server we started; a no-op for REDIS_URL. */
  stop(): Promise<void>;
}

const MISSING = 'redis-server not found: install it (apt-get install redis-server) or run .ci/run';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves true when the server answers PING (with PONG, or an auth demand when `anyReply`). */
function ping(port: number, host = '127.0.0.1', anyReply = false): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      const reply = data.toString();
      done(reply.startsWith('+PONG') || (anyReply && reply.startsWith('-')));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

export interface StartRedisOptions {
  /** Bounded wait for the server to accept connections (default 10 s). */
  timeoutMs?: number;
  /** Binary to run (default `redis-server` from PATH). */
  command?: string;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** The URL without its password, for messages. */
function shown(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

/** The REDIS_URL server: checked to be a loopback redis:// URL that answers. */
export async function externalRedis(value: string): Promise<RedisServer> {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('REDIS_URL is not a URL (expected redis://127.0.0.1:6379)');
  }
  if (url.protocol !== 'redis:') throw new Error(`REDIS_URL must be a redis:// URL, got ${shown(url)}`);
  // Tests talk to loopback only.
  if (!LOOPBACK.has(url.hostname)) throw new Error(`REDIS_URL must point at 127.0.0.1 or localhost, got ${shown(url)}`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!(await ping(port, host, true))) throw new Error(`REDIS_URL ${shown(url)} does not answer PING`);
  return { port, url: url.href, external: true, stop: async () => undefined };
}

/** REDIS_URL's server when set, else a private redis-server started for this test file. */
export function redisForTests(env: Readonly<Record<string, string | undefined>> = process.env): Promise<RedisServer> {
  const fromEnv = env['REDIS_URL'];
  return fromEnv ? externalRedis(fromEnv) : startRedisServer();
}

export async function startRedisServer(options: StartRedisOptions = {}): Promise<RedisServer> {
  const command = options.command ?? 'redis-server';
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  if (probe.error) throw new Error(MISSING);

  const port = await freePort();
  const child = spawn(command, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));

  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const failure = await Promise.race([spawnError, new Promise<undefined>((r) => setTimeout(r, 50, undefined))]);
    if (failure) throw new Error(`${MISSING} (${failure.message})`);
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${stderr.trim()}`);
    if (await ping(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not accept connections on port ${port} within the timeout: ${stderr.trim()}`);
    }
  }

  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    external: false,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited(child);
      clearTimeout(timer);
    },
  };
}
