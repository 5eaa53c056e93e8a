// cbapi's event_export.py: every event of a process (all segments) as a CSV file, one per
// process: ProcessPath,Timestamp,Event,Path/IP/Domain,Comments.
//
//   node --conditions=@cb/source --import tsx examples/response/event-export.ts --process <guid or console URL>
//   node --conditions=@cb/source --import tsx examples/response/event-export.ts --query 'process_name:evil.exe' --outdir exports
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Process, type AnyProcessEvent } from '@cb/response';
import { exampleArgs, intOption, run, UsageError } from '../lib/cli.js';
import { csvRow, say } from '../lib/output.js';
import { processFrom } from '../lib/process-arg.js';
import { connect } from '../lib/response.js';

const usage = `Usage: event-export.ts (--process GUID|URL | --query Q) [--outdir DIR] [--max N] [--profile NAME]

Writes the events of one process, or of every process a query matches, to
<outdir>/<process guid>.csv (all segments of the process).

  --process ID     process GUID, GUID-segment id, or the console URL of its analysis page
  --query Q        process query, e.g. 'process_name:evil.exe'
  --outdir DIR     where to write the CSV files (default: current directory)
  --max N          with --query: at most N processes (default 0 = all)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

export const HEADER = ['ProcessPath', 'Timestamp', 'Event', 'Path/IP/Domain', 'Comments'];

function summary(ev: AnyProcessEvent): unknown[] {
  const own = ev.process.path;
  const at = ev.timestamp.toISOString();
  switch (ev.kind) {
    case 'filemod':
      return [own, at, ev.type, ev.path, ''];
    case 'netconn':
      return [own, at, `${ev.direction} netconn`, `${ev.domain || ev.remoteIp}:${ev.remotePort}`, ev.proto];
    case 'regmod':
      return [own, at, ev.type, ev.path, ''];
    case 'childproc':
      return [own, at, ev.terminated ? 'childproc end' : 'childproc', ev.path, ev.cmdline ?? ''];
    case 'modload':
      return [own, at, 'modload', ev.path, ev.md5];
    case 'crossproc':
      return [ev.sourcePath || own, at, ev.type, ev.targetPath, ev.privileges];
  }
}

async function exportProcess(proc: Process, outdir: string): Promise<void> {
  const lines = [csvRow(HEADER)];
  for await (const ev of proc.allEvents()) lines.push(csvRow(summary(ev)));
  const file = join(outdir, `${proc.guid}.csv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  say(`${lines.length - 1} events exported from process ${proc.process_name} (${proc.webuiLink ?? proc.guid}) to ${file}`);
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    process: { type: 'string', short: 'p' },
    query: { type: 'string' },
    outdir: { type: 'string' },
    max: { type: 'string' },
  });
  if ((values.process === undefined) === (values.query === undefined)) throw new UsageError('give either --process or --query');
  const max = intOption(values.max, '--max', 0);
  const outdir = resolve(values.outdir ?? '.');
  await mkdir(outdir, { recursive: true });
  const cb = connect(profile);
  if (values.process !== undefined) {
    await exportProcess(await processFrom(cb, values.process), outdir);
    return;
  }
  let n = 0;
  // One row per process (not per segment): allEvents() reads every segment itself.
  for await (const proc of cb.select(Process).where(values.query!).groupBy('id')) {
    if (max > 0 && n >= max) break;
    n++;
    await exportProcess(proc, outdir);
  }
  say(`${n} process(es) exported`);
}

run(main);
