// cbapi's partition_operations.py: event storage partitions (server 6.1+): list, create a new
// writer, delete, mount and unmount.
//
//   node --conditions=@cb/source --import tsx examples/response/partition-operations.ts list
//   node --conditions=@cb/source --import tsx examples/response/partition-operations.ts unmount --name cbevents_2024_04_08_1803
import { ApiError } from '@cb/core';
import { StoragePartition } from '@cb/response';
import { choice, exampleArgs, required, run } from '../lib/cli.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: partition-operations.ts COMMAND [--name PARTITION] [--profile NAME]

Commands:
  list                   every partition with its state, size and time range
  create                 roll the current writer into a new warm partition and start a new writer
  delete --name P        delete a partition (its events are gone)
  mount --name P         mount a cold partition (searchable again)
  unmount --name P       unmount a warm partition

  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values, positionals } = exampleArgs(usage, { name: { type: 'string', short: 'N' } });
  const command = choice(positionals[0], 'command', ['list', 'create', 'delete', 'mount', 'unmount'] as const);
  const cb = connect(profile);
  if (!(await cb.serverAtLeast('6.1.0'))) {
    throw new ApiError(`Storage partitions need a server >= 6.1.0; ${cb.url} runs ${await cb.serverVersion()}`);
  }
  if (command === 'list') {
    for (const p of await cb.select(StoragePartition).sort('name').all()) {
      const { sizeInBytes = 0, startDate, endDate, numDocs } = p.info;
      say(`${p.status.toUpperCase().padEnd(5)} ${p.name.padEnd(28)} ${formatBytes(sizeInBytes).padStart(10)}  ${numDocs ?? '?'} docs  ${startDate ?? '?'} .. ${endDate ?? 'now'}`);
    }
    return;
  }
  if (command === 'create') {
    await cb.createNewPartition();
    say('Successfully created new writer partition');
    return;
  }
  const partition = await cb.fetch(StoragePartition, required(values.name, '--name')); // ObjectNotFoundError for an unknown name
  if (command === 'delete') {
    await partition.delete();
    say(`Successfully deleted partition ${partition.name}`);
  } else {
    await (command === 'mount' ? partition.mount() : partition.unmount());
    say(`Successfully ${command}ed partition ${partition.name}: now ${partition.status}`);
  }
}

run(main);
