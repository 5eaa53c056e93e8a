// cbapi's walk_children.py: a process's descendants as a tree.
//
//   node --conditions=@cb/source --import tsx examples/response/walk-children.ts --process 00000001-0000-0554-01d1-3bc4553b8c9f --max-depth 2
import { exampleArgs, intOption, required, run } from '../lib/cli.js';
import { say } from '../lib/output.js';
import { processFrom } from '../lib/process-arg.js';
import { connect } from '../lib/response.js';

const usage = `Usage: walk-children.ts --process GUID|URL [--max-depth N] [--profile NAME]

Prints the children of a process, their children, and so on.

  --process ID     process GUID, GUID-segment id, or the console URL of its analysis page
  --max-depth N    levels to walk (default 0 = all)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { process: { type: 'string', short: 'p' }, 'max-depth': { type: 'string' } });
  const maxDepth = intOption(values['max-depth'], '--max-depth', 0);
  const cb = connect(profile);
  const proc = await processFrom(cb, required(values.process, '--process'));
  say(`${proc.cmdline}  [pid ${proc.process_pid} on ${proc.hostname}]`);
  let count = 0;
  await proc.walkChildren(
    (child, depth) => {
      count++;
      say(`${'  '.repeat(depth + 1)}-> ${child.cmdline}  [pid ${child.process_pid}, ${child.start?.toISOString() ?? 'start unknown'}]`);
    },
    { maxDepth },
  );
  say(count === 0 ? 'no children' : `${count} descendant(s)`);
}

run(main);
