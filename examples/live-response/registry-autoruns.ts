// Registry autoruns across many hosts, as one Live Response job (the job API replaces cbapi's
// event-bus get_reg_autoruns.py): every sensor's Run and RunOnce keys (machine and default
// user) are read in parallel, each host's result is printed as soon as it arrives, with
// progress counts, and every host settles: with its entries, its error, a timeout, or
// "offline" once it stayed offline for --offline-ttl. Ctrl-C cancels the job and closes its
// sessions.
//
//   node --conditions=@cb/source --import tsx examples/live-response/registry-autoruns.ts --query groupid:2 --output autoruns.csv
import { writeFile } from 'node:fs/promises';
import { LiveResponseError, OfflineError, type JobProgress, type JobResult, type LiveResponseSession } from '@cb/live-response';
import { Sensor } from '@cb/response';
import { exampleArgs, intOption, run, UsageError } from '../lib/cli.js';
import { csvRow, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: registry-autoruns.ts [--sensors ID,ID,... | --query Q] [options] [--profile NAME]

Reads the Run/RunOnce registry keys of many sensors at once and prints what starts automatically.

  --sensors LIST        sensor ids (default: every sensor, or those --query selects)
  --query Q             sensor filter: ip:<addr>, hostname:<name> or groupid:<id>
  --output FILE         also write every entry as CSV (host, sensor id, key, name, type, data)
  --concurrency N       hosts worked at once (default 10, the server's session slots)
  --timeout S           give up on a host after S seconds (default 300)
  --offline-ttl S       wait at most S seconds for an offline host to come back (default 120)
  --offline-recheck S   check an offline host again every S seconds (default 30)
  --poll-ms MS          check on sessions and commands every MS ms (default: the SDK's)
  --profile NAME        profile in credentials.response (default: default)
  -h, --help            this text

Exit status: 0 when every host answered or was offline, 1 when a host failed otherwise.`;

export const AUTORUN_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
  'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\RunOnce',
];

/** Programs started from places malware likes (temp folders, Public, AppData) are flagged with "!". */
const SUSPICIOUS = /\\(temp|users\\public|appdata)\\/i;

interface Autorun {
  readonly key: string;
  readonly name: string;
  readonly type: string;
  readonly data: string;
}

/** The job: runs on one host's session. A key that does not exist has no entries. */
async function readAutoruns(session: LiveResponseSession, { signal }: { signal: AbortSignal }): Promise<Autorun[]> {
  const found: Autorun[] = [];
  for (const key of AUTORUN_KEYS) {
    try {
      for (const v of await session.listRegistryValues(key, { signal })) {
        found.push({ key, name: v.value_name, type: v.value_type, data: Array.isArray(v.value_data) ? v.value_data.join(' ') : String(v.value_data) });
      }
    } catch (err) {
      if (err instanceof LiveResponseError && err.decodedWin32Error === 'ERROR_FILE_NOT_FOUND') continue;
      throw err;
    }
  }
  return found;
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    sensors: { type: 'string' },
    query: { type: 'string', short: 'q' },
    output: { type: 'string', short: 'o' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    'offline-ttl': { type: 'string' },
    'offline-recheck': { type: 'string' },
    'poll-ms': { type: 'string' },
  });
  if (values.sensors && values.query) throw new UsageError('give --sensors or --query, not both');
  const concurrency = Math.max(1, intOption(values.concurrency, '--concurrency', 10));
  const timeoutMs = intOption(values.timeout, '--timeout', 300) * 1000;
  const ttlMs = intOption(values['offline-ttl'], '--offline-ttl', 120) * 1000;
  const recheckMs = Math.max(1, intOption(values['offline-recheck'], '--offline-recheck', 30)) * 1000;
  const pollMs = values['poll-ms'] === undefined ? undefined : intOption(values['poll-ms'], '--poll-ms', 500);

  await using cb = connect(profile, { pollMs });
  let sensors: Sensor[];
  if (values.sensors) {
    const ids = values.sensors.split(',').map((s) => s.trim());
    if (ids.some((id) => !/^\d+$/.test(id))) throw new UsageError(`--sensors takes sensor ids, got '${values.sensors}'`);
    sensors = await Promise.all(ids.map((id) => cb.fetch(Sensor, Number(id))));
  } else {
    sensors = await (values.query ? cb.select(Sensor).where(values.query) : cb.select(Sensor)).sort('id').all();
  }
  const windows = sensors.filter((s) => s.os_type === 1 && s.supports_cblr);
  const skipped = sensors.length - windows.length;
  const names = new Map(windows.map((s) => [String(s.id), s.hostname]));
  say(`reading autoruns of ${windows.length} Windows sensor(s)${skipped ? ` (${skipped} skipped: not Windows or no Live Response)` : ''}`);
  if (windows.length === 0) return;

  const job$ = cb.liveResponse.submitJob(readAutoruns, windows, { concurrency, timeoutMs, offline: { ttlMs, recheckMs } });
  const rows: string[] = [csvRow(['host', 'sensor_id', 'key', 'name', 'type', 'data'])];
  let failed = 0;
  let offline = 0;
  // The latest counts; a progress line follows each host's result.
  let progress: JobProgress = { queued: 0, running: 0, succeeded: 0, failed: 0, total: windows.length };
  let ok = 0;
  const showProgress = (): void => {
    const settled = ok + failed + offline;
    say(`  progress: ${settled}/${Math.max(progress.total, settled)} settled (${ok} ok, ${offline} offline, ${failed} failed), ${progress.running} running, ${progress.queued} queued`);
  };
  const onResult = (r: JobResult<Autorun[]>): void => {
    const host = `${names.get(String(r.host)) ?? '?'} (sensor ${String(r.host)})`;
    if (r.ok) {
      ok++;
      say(`${host}: ${r.value.length} autorun(s) in ${(r.durationMs / 1000).toFixed(1)} s`);
      for (const a of r.value) {
        say(`  ${SUSPICIOUS.test(a.data) ? '!' : ' '} ${a.key.split('\\').slice(-1)[0]!.padEnd(7)} ${a.name}: ${a.data}`);
        rows.push(csvRow([names.get(String(r.host)), r.host, a.key, a.name, a.type, a.data]));
      }
    } else if (r.error instanceof OfflineError) {
      offline++;
      say(`${host}: offline, not read (${r.error.message})`);
    } else {
      failed++;
      const e = r.error as Error;
      say(`${host}: FAILED after ${r.attempts} attempt(s): ${e.name}: ${e.message}`);
    }
    showProgress();
  };

  // Subscribing starts the job; unsubscribing (Ctrl-C) aborts it and closes its sessions.
  const cancelled = await new Promise<boolean>((done, fail) => {
    const counts = job$.progress$.subscribe((p) => (progress = p));
    const subscription = job$.subscribe({ next: onResult, error: fail, complete: () => done(false) });
    process.once('SIGINT', () => {
      subscription.unsubscribe();
      counts.unsubscribe();
      done(true);
    });
  });
  if (values.output) {
    await writeFile(values.output, `${rows.join('\n')}\n`);
    say(`wrote ${rows.length - 1} entries to ${values.output}`);
  }
  say(
    cancelled
      ? 'cancelled: running jobs were aborted and their sessions closed'
      : `done: ${ok} host(s) read, ${offline} offline, ${failed} failed`,
  );
  if (failed > 0 || cancelled) process.exitCode = 1;
}

run(main);
