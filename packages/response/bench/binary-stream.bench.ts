// Binary download: Binary.file() (streamed, inflated on the fly) against buffering the whole
// ZIP and extracting `filedata` afterwards, on a 4 MiB binary served by an emulator in a child
// process. Peak memory = the largest rise of arrayBuffers + heapUsed seen while the bytes flow.
//
// maxMemoryRatio 0.25: the baseline necessarily holds the whole ZIP plus the whole extracted
// member (≥ 8 MiB for a 4 MiB, incompressible binary); the stream holds a network chunk, the
// 16 KiB batch and zlib's 32 KiB window plus its output chunk — a few hundred KiB with GC slack.
// A ratio above 0.25 means something started buffering.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { readZip } from '@cb/emulator';
import type { BenchCase } from '../../../tools/bench.js';
import { Binary, CbResponseAPI } from '../src/index.js';
import { PeakMemory } from './support/memory.js';

interface Served {
  url: string;
  token: string;
  md5: string;
  size: number;
}

let child: ChildProcess | undefined;
let served: Served | undefined;
let cb: CbResponseAPI | undefined;
const memory = new PeakMemory();

async function startChild(): Promise<void> {
  const script = fileURLToPath(new URL('./support/large-binary-emulator.ts', import.meta.url));
  child = spawn(process.execPath, [...process.execArgv, script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) {
    served = JSON.parse(line) as Served;
    break;
  }
  cb = new CbResponseAPI({ url: served!.url, token: served!.token, retry: false });
}

async function stopChild(): Promise<void> {
  if (!child) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  child = undefined;
}

const cases: BenchCase[] = [
  {
    // Memory only: the forced GCs behind each sample make this case's times meaningless.
    name: 'response: Binary.file() peak live memory vs buffered zip (4 MiB)',
    unit: 'MiB',
    rounds: 7,
    maxMemoryRatio: 0.25,
    setup: startChild,
    teardown: stopChild,
    async baseline() {
      memory.begin();
      const zip = await cb!.request<Uint8Array>('GET', `/api/v1/binary/${served!.md5}`, { responseType: 'bytes' });
      memory.sample();
      const filedata = readZip(zip.data).find((e) => e.name === 'filedata')!.data;
      memory.sample();
      let bytes = 0;
      for (let at = 0; at < filedata.length; at += 65_536) bytes += filedata.subarray(at, at + 65_536).length;
      memory.sample();
      if (bytes !== served!.size) throw new Error(`baseline read ${bytes} bytes`);
      return { units: bytes / 2 ** 20, peakBytes: memory.peakBytes };
    },
    async candidate() {
      memory.begin();
      let bytes = 0;
      let chunks = 0;
      for await (const chunk of await cb!.select(Binary, served!.md5).file()) {
        bytes += chunk.length;
        // Every 8th chunk (a forced GC per sample): while the chunk is still referenced.
        if (chunks++ % 8 === 0) memory.sample();
      }
      memory.sample();
      if (bytes !== served!.size) throw new Error(`candidate read ${bytes} bytes`);
      return { units: bytes / 2 ** 20, peakBytes: memory.peakBytes };
    },
  },
  {
    // Time only (no forced GCs): throughput of streaming + inflating vs buffering + inflating.
    name: 'response: Binary.file() throughput vs buffered zip (4 MiB)',
    unit: 'MiB',
    rounds: 7,
    setup: startChild,
    teardown: stopChild,
    async baseline() {
      const zip = await cb!.request<Uint8Array>('GET', `/api/v1/binary/${served!.md5}`, { responseType: 'bytes' });
      const filedata = readZip(zip.data).find((e) => e.name === 'filedata')!.data;
      return { units: filedata.length / 2 ** 20 };
    },
    async candidate() {
      let bytes = 0;
      for await (const chunk of await cb!.select(Binary, served!.md5).file()) bytes += chunk.length;
      return { units: bytes / 2 ** 20 };
    },
  },
  {
    name: 'response: Binary.read(0, 2) vs downloading the whole zip (4 MiB)',
    rounds: 7,
    maxMemoryRatio: 0.25,
    setup: startChild,
    teardown: stopChild,
    async baseline() {
      memory.begin();
      const zip = await cb!.request<Uint8Array>('GET', `/api/v1/binary/${served!.md5}`, { responseType: 'bytes' });
      memory.sample();
      const head = readZip(zip.data).find((e) => e.name === 'filedata')!.data.subarray(0, 2);
      memory.sample();
      if (Buffer.from(head).toString('latin1') !== 'MZ') throw new Error('no MZ');
      return { peakBytes: memory.peakBytes };
    },
    async candidate() {
      memory.begin();
      const head = await cb!.select(Binary, served!.md5).read(0, 2);
      memory.sample();
      if (Buffer.from(head).toString('latin1') !== 'MZ') throw new Error('no MZ');
      return { peakBytes: memory.peakBytes };
    },
  },
];

export default cases;
