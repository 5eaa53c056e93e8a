// cbapi's sensor_operations.py: respond to the alerts of named watchlists on every host they
// fired on: isolate the hosts, kill the alerting processes (Live Response), or take a memory
// dump of each host (Live Response). The Live Response operations run as one job over the
// hosts, so hosts are worked in parallel and an offline host settles instead of blocking.
//
//   node --conditions=@cb/source --import tsx examples/response/sensor-operations.ts --watchlists 'Evil processes' --operation killprocess --dry-run
//   node --conditions=@cb/source --import tsx examples/response/sensor-operations.ts --watchlists 'Evil processes,Net command usage' --operation isolate
import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { OfflineError, type LiveResponseSession } from '@cb/live-response';
import { Alert, type Sensor } from '@cb/response';
import { choice, exampleArgs, intOption, required, run } from '../lib/cli.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const OPERATIONS = ['isolate', 'killprocess', 'memdump'] as const;

const usage = `Usage: sensor-operations.ts --watchlists NAME[,NAME...] --operation OP [options] [--profile NAME]

Finds the alerts of the given watchlists and acts on the hosts they fired on.

  --watchlists LIST  watchlist names, comma-separated
  --operation OP     isolate      isolate each host from the network (waits for the sensor)
                     killprocess  kill each alert's process on its host (Live Response)
                     memdump      dump each host's memory and download it (Live Response)
  --dry-run          only say what would be done
  --all-statuses     also act on alerts already Resolved or False Positive
  --outdir DIR       memdump: where the dumps go (default: current directory)
  --timeout S        per host: give up after S seconds (default 300)
  --offline-ttl S    Live Response: wait at most S seconds for an offline host (default 120)
  --poll-ms MS       check on isolation, sessions and commands every MS ms (default: the SDK's)
  --profile NAME     profile in credentials.response (default: default)
  -h, --help         this text`;

interface Target {
  readonly sensor: Sensor;
  /** The alerting processes on this host: pid and name. */
  readonly processes: Map<number, string>;
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    watchlists: { type: 'string', short: 'w' },
    operation: { type: 'string', short: 'o' },
    'dry-run': { type: 'boolean', short: 'd', default: false },
    'all-statuses': { type: 'boolean', default: false },
    outdir: { type: 'string' },
    timeout: { type: 'string' },
    'offline-ttl': { type: 'string' },
    'poll-ms': { type: 'string' },
  });
  const names = required(values.watchlists, '--watchlists').split(',').map((n) => n.trim()).filter(Boolean);
  const operation = choice(required(values.operation, '--operation').toLowerCase(), '--operation', OPERATIONS);
  const timeoutMs = intOption(values.timeout, '--timeout', 300) * 1000;
  const ttlMs = intOption(values['offline-ttl'], '--offline-ttl', 120) * 1000;
  const pollMs = values['poll-ms'] === undefined ? undefined : intOption(values['poll-ms'], '--poll-ms', 500);
  await using cb = connect(profile, { pollMs });

  let query = cb.select(Alert).where(names.map((n) => `watchlist_name:${JSON.stringify(n)}`).join(' OR '));
  if (!values['all-statuses']) query = query.and('-status:Resolved -status:"False Positive"');
  const targets = new Map<number, Target>();
  let alerts = 0;
  for await (const alert of query) {
    alerts++;
    const sensor = await alert.sensor;
    if (!sensor) continue;
    const target = targets.get(sensor.id) ?? { sensor, processes: new Map<number, string>() };
    targets.set(sensor.id, target);
    const proc = await alert.process;
    if (proc) target.processes.set(proc.process_pid, proc.process_name);
  }
  say(`Trying to ${operation} based on watchlists ${names.join(', ')}: ${alerts} alert(s) on ${targets.size} host(s)`);
  if (values['dry-run']) {
    for (const t of targets.values()) {
      const what = operation === 'killprocess' ? ` (kill ${[...t.processes].map(([pid, n]) => `${n} pid ${pid}`).join(', ')})` : '';
      say(`DRYRUN: would ${operation} ${t.sensor.hostname} (sensor ${t.sensor.id})${what}`);
    }
    return;
  }

  let failures = 0;
  if (operation === 'isolate') {
    // In parallel: each wait lasts until that sensor checks in.
    await Promise.all(
      [...targets.values()].map(async ({ sensor }) => {
        try {
          await sensor.isolate({ timeoutMs, pollIntervalMs: pollMs });
          say(`isolated ${sensor.hostname} (sensor ${sensor.id})`);
        } catch (err) {
          failures++;
          say(`could not isolate ${sensor.hostname}: ${(err as Error).name}: ${(err as Error).message}`);
        }
      }),
    );
  } else {
    const outdir = values.outdir ?? '.';
    if (operation === 'memdump') await mkdir(outdir, { recursive: true });
    const job = async (session: LiveResponseSession, { host, signal }: { host: string | number; signal: AbortSignal }): Promise<string> => {
      const target = targets.get(Number(host))!;
      if (operation === 'killprocess') {
        const running = new Set((await session.listProcesses({ signal })).map((p) => p.pid));
        const done: string[] = [];
        for (const [pid, name] of target.processes) {
          if (!running.has(pid)) done.push(`${name} pid ${pid} is not running`);
          else done.push(`${name} pid ${pid} ${(await session.killProcess(pid, { signal })) ? 'killed' : 'kill not confirmed'}`);
        }
        return done.join('; ') || 'no alerting process to kill';
      }
      const dump = await session.memdump({ signal });
      await dump.wait({ signal });
      const file = join(outdir, `memdump-${target.sensor.hostname}.zip`);
      const bytes = await dump.download(file, { signal });
      await dump.delete({ signal });
      return `memory dump saved to ${file} (${formatBytes(bytes)})`;
    };
    const results$ = cb.liveResponse.submitJob(job, [...targets.values()].map((t) => t.sensor), { timeoutMs, offline: { ttlMs, recheckMs: Math.min(30_000, ttlMs || 1000) } });
    await new Promise<void>((done, fail) =>
      results$.subscribe({
        next: (r) => {
          const host = targets.get(Number(r.host))?.sensor.hostname ?? String(r.host);
          if (r.ok) say(`${host}: ${r.value}`);
          else {
            failures++;
            const e = r.error as Error;
            say(`${host}: ${r.error instanceof OfflineError ? 'offline' : 'failed'}: ${e.name}: ${e.message}`);
          }
        },
        error: fail,
        complete: done,
      }),
    );
  }
  say(`Sensor operations finished${failures ? `: ${failures} host(s) failed` : ''}`);
  if (failures > 0) process.exitCode = 1;
}

run(main);
