// cbapi's dump_all_binaries.py: download every binary matching a query into a directory tree
// (<dest>/<MD5[0:3]>/<MD5[3:6]>/<MD5>, plus <MD5>.json with the binary's document), a few
// downloads at a time. Binaries already on disk with the right size are skipped, so an
// interrupted run can simply be restarted.
//
//   node --conditions=@cb/source --import tsx examples/response/dump-all-binaries.ts --destdir binaries --query 'digsig_result:Unsigned'
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Binary } from '@cb/response';
import { exampleArgs, intOption, run } from '../lib/cli.js';
import { formatBytes, say } from '../lib/output.js';
import { connect } from '../lib/response.js';

const usage = `Usage: dump-all-binaries.ts [--destdir DIR] [--query Q] [--parallel N] [--profile NAME]

Downloads every binary matching a query (default: all of them) into DIR.

  --destdir DIR    destination directory (default: the current directory)
  --query Q        binary search query, e.g. 'digsig_result:Unsigned'
  --parallel N     downloads at once (default 4)
  --profile NAME   profile in credentials.response (default: default)
  -h, --help       this text`;

function pathFor(md5: string, base: string): string {
  const d = md5.toUpperCase();
  return join(base, d.slice(0, 3), d.slice(3, 6), d);
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

type Outcome = 'downloaded' | 'skipped' | 'failed';

async function dump(binary: Binary, base: string): Promise<Outcome> {
  const target = pathFor(binary.md5, base);
  // The server holds copied_mod_len bytes (the sensor may have sent only a prefix).
  if ((await sizeOf(target)) === binary.copiedSize) {
    say(`already have ${binary.md5}`);
    return 'skipped';
  }
  await mkdir(dirname(target), { recursive: true });
  try {
    // Write to a temporary name first: a half-written file must not look complete next time.
    const partial = `${target}.partial`;
    const body = await binary.file();
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), createWriteStream(partial));
    await rename(partial, target);
    await writeFile(`${target}.json`, `${JSON.stringify(binary.toJSON(), null, 2)}\n`);
    say(`grabbed ${binary.md5} (${formatBytes((await sizeOf(target)) ?? 0)}) and its document`);
    return 'downloaded';
  } catch (err) {
    const e = err as Error;
    process.stderr.write(`could not grab ${binary.md5}: ${e.name}: ${e.message}\n`);
    return 'failed';
  }
}

async function main(): Promise<void> {
  const { profile, values } = exampleArgs(usage, {
    destdir: { type: 'string', short: 'd' },
    query: { type: 'string' },
    parallel: { type: 'string' },
  });
  const base = resolve(values.destdir ?? '.');
  const parallel = Math.max(1, intOption(values.parallel, '--parallel', 4));
  const cb = connect(profile);
  const query = values.query ? cb.select(Binary).where(values.query) : cb.select(Binary);
  say(`${await query.count()} binaries to fetch into ${base}`);

  // A fixed pool of workers pulling from the (paged) search: bounded memory and concurrency.
  const counts: Record<Outcome, number> = { downloaded: 0, skipped: 0, failed: 0 };
  const source = query[Symbol.asyncIterator]();
  let next: Promise<unknown> = Promise.resolve();
  const take = (): Promise<IteratorResult<Binary>> => {
    const item = next.then(() => source.next());
    next = item.catch(() => undefined);
    return item;
  };
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let r = await take(); !r.done; r = await take()) counts[await dump(r.value, base)]++;
    }),
  );
  say(`${counts.downloaded} downloaded, ${counts.skipped} already present, ${counts.failed} failed`);
  if (counts.failed > 0) process.exitCode = 1;
}

run(main);
