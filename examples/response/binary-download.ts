// cbapi's binary_download.py: download one binary by MD5, streamed straight to a file
// (binary.file() inflates the server's ZIP on the fly, so memory stays constant).
//
//   node --conditions=@cb/source --import tsx examples/response/binary-download.ts --md5 24DA05ADE2A978E199875DA0D859E7EB --filename notepad.bin
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Binary } from '@cb/response';
import { exampleArgs, required, run } from '../lib/cli.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: binary-download.ts --md5 MD5 [--filename FILE] [--profile NAME]

Downloads a binary the server has collected.

  --md5 MD5         the binary's MD5 (32 hex digits)
  --filename FILE   where to save it (default: <MD5>.bin in the current directory)
  --profile NAME    profile in credentials.response (default: default)
  -h, --help        this text`;

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, { md5: { type: 'string' }, filename: { type: 'string' } });
  const cb = connect(profile);
  const binary = cb.select(Binary, required(values.md5, '--md5')); // InvalidHashError for a bad MD5
  await binary.load(); // ObjectNotFoundError when the server has never seen it
  const filename = values.filename ?? `${binary.md5}.bin`;
  say(`${binary.md5}: ${binary.observedFilenames[0] ?? binary.original_filename} (${binary.file_desc || 'no description'})`);
  const body = await binary.file();
  await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), createWriteStream(filename));
  const { size } = await stat(filename);
  say(`-> Downloaded binary ${binary.md5} [${size} bytes, ${formatBytes(size)}] to ${filename}`);
}

run(main);
