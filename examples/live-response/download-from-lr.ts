// cbapi's download_from_lr.py: fetch one file from an endpoint through Live Response, streamed
// to a local file (never held in memory), with its SHA-256.
//
//   node --conditions=@cb/source --import tsx examples/live-response/download-from-lr.ts --sensor WIN-IA9NQ1GN8OI --path 'C:\Windows\System32\drivers\etc\hosts'
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ApiError } from '@cb/core';
import { exampleArgs, intOption, required, run } from '../lib/cli.js';
import { baseName } from '../lib/lr/paths.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';
import { sensorFrom } from '../lib/sensor-arg.js';

const usage = `Usage: download-from-lr.ts --sensor ID|HOSTNAME --path REMOTE [--output FILE] [--profile NAME]

Downloads a file from a sensor's host through Live Response.

  --sensor S       sensor id or host name (it must be online)
  --path REMOTE    the file on the endpoint, e.g. C:\\Windows\\System32\\drivers\\etc\\hosts
  --output FILE    local file (default: the remote file's name, in the current directory)
  --poll-ms MS     check on the session and the command every MS ms (default: the SDK's)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    sensor: { type: 'string', short: 'H' },
    path: { type: 'string', short: 'p' },
    output: { type: 'string', short: 'o' },
    'poll-ms': { type: 'string' },
  });
  const remote = required(values.path, '--path');
  const pollMs = values['poll-ms'] === undefined ? undefined : intOption(values['poll-ms'], '--poll-ms', 500);
  await using cb = connect(profile, { pollMs });
  const sensor = await sensorFrom(cb, required(values.sensor, '--sensor'));
  // A session with an offline sensor would wait for it for minutes: say so instead.
  if (sensor.status !== 'Online') throw new ApiError(`${sensor.hostname} (sensor ${sensor.id}) is ${sensor.status}; Live Response needs it online`);

  await using session = await sensor.lrSession();
  const output = values.output ?? baseName(remote, session.osType === 'windows');
  const sha256 = createHash('sha256');
  let bytes = 0;
  const hashing = new Transform({
    transform(chunk: Buffer, _enc, done) {
      sha256.update(chunk);
      bytes += chunk.byteLength;
      done(null, chunk);
    },
  });
  const body = await session.getRawFile(remote);
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), hashing, createWriteStream(output));
  say(`Successfully wrote ${remote} from ${sensor.hostname} to local file ${output} (${formatBytes(bytes)}, sha256 ${sha256.digest('hex')})`);
}

run(main);
