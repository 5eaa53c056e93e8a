// cbapi's process_netconn_rate.py: processes with many network connections per second of
// runtime (beaconing, scanning). Prints hostname|username|process|rate.
//
//   node --conditions=@cb/source --import tsx examples/response/process-netconn-rate.ts --gt-count 20 --rate 0.01
import { Process } from '@cb/response';
import { exampleArgs, intOption, numberOption, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: process-netconn-rate.ts [--gt-count N] [--rate R] [--skip-unknown] [--profile NAME]

Flags processes whose average connection rate exceeds R per second.

  --gt-count N     only processes with at least N network connections (default 100)
  --rate R         report processes above R connections per second (default 100)
  --skip-unknown   skip processes whose start or last update time is unknown
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    'gt-count': { type: 'string', short: 'g' },
    rate: { type: 'string', short: 'r' },
    'skip-unknown': { type: 'boolean', short: 's', default: false },
  });
  const gtCount = intOption(values['gt-count'], '--gt-count', 100);
  const limit = numberOption(values.rate, '--rate', 100);
  const cb = connect(profile);
  let flagged = 0;
  let seen = 0;
  for await (const proc of cb.select(Process).where(`netconn_count:[${gtCount} TO *]`).sort('last_update desc')) {
    seen++;
    const start = proc.start;
    let runtimeSec: number;
    if (start === null) {
      if (values['skip-unknown']) continue;
      runtimeSec = 1; // as cbapi: treat an unknown runtime as one second
    } else {
      runtimeSec = (proc.lastUpdate.getTime() - start.getTime()) / 1000;
    }
    // A zero-length runtime with connections is "infinitely" fast.
    const rate = runtimeSec > 0 ? proc.netconn_count / runtimeSec : 1_000_000;
    if (rate > limit) {
      flagged++;
      say(`${proc.hostname}|${proc.username}|${proc.process_name}|${rate.toFixed(4)}`);
    }
  }
  say(`${flagged} of ${seen} process segment(s) with >= ${gtCount} connections exceed ${limit}/s`);
}

run(main);
