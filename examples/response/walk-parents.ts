// The user guide's walk_parents example: a process's ancestry, up to the root.
//
//   node --conditions=@cb/source --import tsx examples/response/walk-parents.ts --process 00000001-0000-0554-01d1-3bc4553b8c9f
//   node --conditions=@cb/source --import tsx examples/response/walk-parents.ts --process 'https://cb.example.com/#/analyze/<guid>/<segment>'
import { exampleArgs, intOption, required, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { processFrom } from '../lib/process-arg.js';
import { connect } from '../lib/response.js';

const usage = `Usage: walk-parents.ts --process GUID|URL [--max-depth N] [--profile NAME]

Prints the parents of a process, nearest first.

  --process ID     process GUID, GUID-segment id, or the console URL of its analysis page
  --max-depth N    levels to walk (default 0 = up to the root)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { process: { type: 'string', short: 'p' }, 'max-depth': { type: 'string' } });
  const maxDepth = intOption(values['max-depth'], '--max-depth', 0);
  const cb = connect(profile);
  const proc = await processFrom(cb, required(values.process, '--process'));
  say(`${proc.cmdline}  [pid ${proc.process_pid} on ${proc.hostname}]`);
  let levels = 0;
  await proc.walkParents(
    (parent, depth) => {
      levels++;
      say(`${'  '.repeat(depth + 1)}<- ${parent.cmdline}  [pid ${parent.process_pid}, ${parent.start?.toISOString() ?? 'start unknown'}]`);
    },
    { maxDepth },
  );
  say(levels === 0 ? 'no parents: this is a root process' : `${levels} parent level(s)`);
}

run(main);
