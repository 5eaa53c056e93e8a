#!/usr/bin/env node
// cb-emulator: run the Cb Response emulator from the command line. Prints machine-readable
// `url=` / `token=` lines (plus the Cloud/Defense LR credentials, and `fingerprint=` /
// `ca_file=` with --tls) and serves until SIGINT/SIGTERM, then prints request and page stats.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults/parse.js';
import type { FaultSpec } from './faults/types.js';
import { startEmulator } from './server/emulator.js';
import { defaultCredentialsFile, writeProfile } from './server/profile.js';
import { formatStats } from './server/stats.js';
import type { ScaleName } from './data/types.js';

const USAGE = `Usage: cb-emulator [options]

  --port <n>               port to listen on (default 0 = any free port)
  --host <addr>            interface to bind (default 127.0.0.1)
  --seed <n>               dataset seed (default 42)
  --scale <s>              small | medium | large (default small)
  --server-version <v>     /api/info version (default: the dataset's, 6.x)
  --tls                    serve HTTPS with a certificate from a fresh CA
  --ca-file <path>         with --tls: write the CA certificate (PEM) here
  --token <t>              API token of the admin user (default: generated)
  --isolation-polls <n>    sensor GETs until isolation takes effect (default 3)
  --upload-limit <bytes>   request body limit, e.g. 1m, 512k (default 1m)
  --fault <spec>           inject faults, repeatable: '[METHOD ]PATH_GLOB:opt,opt'
                           opts: status=500|502|503 rate=0..1 times=N latency=MS
                                 ratelimit=SEC reset truncate slow=MS
  --log-requests           print every request to stderr
  --lr-session-latency <ms>   Live Response: time until a session is active (default 100-300)
  --lr-command-latency <ms>   Live Response: time a command takes (default 50-150)
  --lr-slot-limit <n>         Cb Response concurrent LR sessions (default 10)
  --lr-idle-timeout <ms>      LR idle session expiry (default 300 s Response, 900 s Cloud)
  --lr-offline-host <host>    a sensor id or host name that never checks in (repeatable)
  --write-profile <name>   write [name] url/token/ssl_verify to the credentials file
  --credentials-file <p>   credentials file (default ~/.carbonblack/credentials.response)
  -h, --help               show this help
`;

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(text.trim());
  if (!m) throw new Error(`invalid size "${text}"`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * unit);
}

function int(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a non-negative integer, got "${text}"`);
  return n;
}

function optionalInt(name: string, text: string | undefined): number | undefined {
  return text === undefined ? undefined : int(name, text, 0);
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      'server-version': { type: 'string' },
      tls: { type: 'boolean' },
      'ca-file': { type: 'string' },
      token: { type: 'string' },
      'isolation-polls': { type: 'string' },
      'upload-limit': { type: 'string' },
      fault: { type: 'string', multiple: true },
      'log-requests': { type: 'boolean' },
      'lr-session-latency': { type: 'string' },
      'lr-command-latency': { type: 'string' },
      'lr-slot-limit': { type: 'string' },
      'lr-idle-timeout': { type: 'string' },
      'lr-offline-host': { type: 'string', multiple: true },
      'write-profile': { type: 'string' },
      'credentials-file': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const scale = (values.scale ?? 'small') as ScaleName;
  if (!['small', 'medium', 'large'].includes(scale)) throw new Error(`--scale must be small, medium or large, got "${scale}"`);
  const faults: FaultSpec[] = (values.fault ?? []).map(parseFaultSpec);
  const seed = int('seed', values.seed, 42);

  const emulator = await startEmulator({
    port: int('port', values.port, 0),
    host: values.host,
    seed,
    scale,
    serverVersion: values['server-version'],
    tls: values.tls,
    token: values.token,
    isolationPolls: values['isolation-polls'] === undefined ? undefined : int('isolation-polls', values['isolation-polls'], 3),
    uploadLimitBytes: values['upload-limit'] === undefined ? undefined : parseSize(values['upload-limit']),
    faults,
    logRequests: values['log-requests'] ? (line) => process.stderr.write(`${line}\n`) : undefined,
    liveResponse: {
      sessionLatencyMs: optionalInt('lr-session-latency', values['lr-session-latency']),
      commandLatencyMs: optionalInt('lr-command-latency', values['lr-command-latency']),
      slotLimit: optionalInt('lr-slot-limit', values['lr-slot-limit']),
      idleTimeoutMs: optionalInt('lr-idle-timeout', values['lr-idle-timeout']),
      offlineHosts: (values['lr-offline-host'] ?? []).map((h) => (/^\d+$/.test(h) ? Number(h) : h)),
    },
  });

  const s = emulator.state.stats;
  const out: string[] = [
    `# Cb Response emulator (seed ${seed}, scale ${scale}, version ${emulator.state.info.version})`,
    `# state generated in ${emulator.stats.stateGenerationMs.toFixed(0)} ms: ${s.sensors} sensors, ${s.processes} processes (${s.processRows} segments), ${s.binaries} binaries, ${s.alerts} alerts`,
    `# listening on ${emulator.url}`,
    `url=${emulator.url}`,
    `token=${emulator.token}`,
  ];
  if (emulator.readOnlyToken) out.push(`read_only_token=${emulator.readOnlyToken}`);
  out.push(
    `# Live Response: /api/v1/cblr (token), /integrationServices/v3/cblr (defense_token), /appservices/v6/orgs/${emulator.cloud.orgKey}/liveresponse (cloud_token)`,
    `org_key=${emulator.cloud.orgKey}`,
    `cloud_token=${emulator.cloud.token}`,
    `cloud_limited_token=${emulator.cloud.limitedToken}`,
    `cloud_read_only_token=${emulator.cloud.readOnlyToken}`,
    `defense_token=${emulator.defense.token}`,
  );
  let caFile: string | undefined;
  if (emulator.caCert) {
    const credentials = values['credentials-file'] ?? defaultCredentialsFile();
    caFile = values['ca-file'] ?? (values['write-profile'] ? join(dirname(credentials), `cb-emulator-${values['write-profile']}-ca.pem`) : undefined);
    if (caFile) {
      writeFileSync(caFile, emulator.caCert, { mode: 0o644 });
      out.push(`ca_file=${caFile}`);
    }
    out.push(`fingerprint=${emulator.fingerprint}`);
  }
  for (const f of faults) out.push(`# fault: ${JSON.stringify(f)}`);
  if (values['write-profile']) {
    const file = writeProfile(
      values['write-profile'],
      { url: emulator.url, token: emulator.token, ssl_verify: Boolean(caFile), ssl_cert_file: caFile },
      values['credentials-file'],
    );
    out.push(`profile=${values['write-profile']}`, `credentials_file=${file}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const shutdown = () => {
    // The serving rate over busy time (search pages only), before anything can cut us short.
    process.stdout.write(`${formatStats(emulator.stats).join('\n')}\n`);
    void emulator.close().then(() => process.exit(0));
    // Never hang on shutdown: force exit after a grace period.
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`cb-emulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
