// cbapi's user_hostname_pairs.py: who logs on where, counted from explorer.exe starts.
//
//   node --conditions=@cb/source --import tsx examples/response/user-hostname-pairs.ts
import { Process } from '@cb/response';
import { exampleArgs, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: user-hostname-pairs.ts [--process-name NAME] [--profile NAME]

Counts logons per host and user (one explorer.exe per interactive logon).

  --process-name N  the per-logon process to count (default explorer.exe)
  --profile NAME    profile in credentials.response (default: default)
  -h, --help        this text`;

function bump(map: Map<string, Map<string, number>>, outer: string, inner: string): void {
  const counts = map.get(outer) ?? new Map<string, number>();
  counts.set(inner, (counts.get(inner) ?? 0) + 1);
  map.set(outer, counts);
}

function sortedByCount(counts: Map<string, number>): [string, number][] {
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { 'process-name': { type: 'string' } });
  const cb = connect(profile);
  const byHost = new Map<string, Map<string, number>>();
  const byUser = new Map<string, Map<string, number>>();
  // One row per process, not per segment: a long-running explorer.exe is one logon.
  for await (const proc of cb.select(Process).where(`process_name:${values['process-name'] ?? 'explorer.exe'}`).groupBy('id')) {
    bump(byHost, proc.hostname, proc.username.toLowerCase());
    bump(byUser, proc.username.toLowerCase(), proc.hostname);
  }
  for (const [host, users] of [...byHost].sort((a, b) => a[0].localeCompare(b[0]))) {
    say(`For host ${host}:`);
    for (const [user, n] of sortedByCount(users)) say(`  ${user.padEnd(20)}: logged in ${n} time(s)`);
  }
  say();
  for (const [user, hosts] of [...byUser].sort((a, b) => a[0].localeCompare(b[0]))) {
    say(`User ${user} used ${hosts.size} host(s): ${sortedByCount(hosts).map(([h, n]) => `${h} (${n})`).join(', ')}`);
  }
}

run(main);
