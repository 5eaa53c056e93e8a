// Event decoding throughput: decodeEvents() (typed events, sorted by time) on a segment-sized
// list of each wire format, against the bare minimum a caller would do by hand (split the pipe
// strings / read the JSON fields, no sorting). Informative: no target ratio.
import type { BenchCase } from '../../../tools/bench.js';
import { CbResponseAPI, decodeEvents, Process, type DecodeContext, type EventKind } from '../src/index.js';

const N = 20_000;
const cb = new CbResponseAPI({ url: 'https://cb.example.test', token: 'bench-token' });
const owner = new Process(cb, { doc: { id: '00000177-0000-0258-01cf-c209d9f1c431', segment_id: 1, process_md5: 'aa', path: 'c:\\x.exe' }, state: 'full' });
const context: DecodeContext = {
  process: owner,
  binaries: {},
  selectProcess: (id) => cb.select(Process, id),
  suppressedProcess: (doc) => new Process(cb, { doc, state: 'full', suppressed: true }),
  selectBinary: () => {
    throw new Error('not used');
  },
};

const time = (i: number): string => `2017-01-01 00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}000`;
const lists: Record<string, unknown[]> = {
  modload: Array.from({ length: N }, (_, i) => `${time(i)}|517110bd83835338c037269e603db55d|c:\\windows\\system32\\m${i}.dll`),
  filemod: Array.from({ length: N }, (_, i) => `2|${time(i)}|c:\\users\\x\\file${i}.dat|d41d8cd98f00b204e9800998ecf8427e|16|false`),
  crossproc: Array.from({ length: N }, (_, i) => `ProcessOpen|${time(i)}|00000177-0000-0258-01cf-c209d9f1c432|204f3f58212b3e422c90bd9691a2df28|c:\\windows\\system32\\lsass.exe|1|${i}|false`),
  netconn: Array.from({ length: N }, (_, i) => ({ timestamp: time(i), direction: 'true', remote_ip: `10.0.${i % 255}.1`, local_ip: '10.0.0.2', remote_port: 443, local_port: 50000, proto: 6, domain: 'x.example' })),
};

function naive(kind: string, list: unknown[]): number {
  let n = 0;
  for (const raw of list) {
    if (typeof raw === 'string') {
      const f = raw.split('|');
      if (f.length > 2 && new Date(f[kind === 'modload' ? 0 : 1]!.replace(' ', 'T') + 'Z').getTime() > 0) n++;
    } else if (typeof raw === 'object' && raw !== null) {
      // The JSON formats still need their time parsed, as the string ones do.
      const { timestamp } = raw as { timestamp?: string };
      if (timestamp && new Date(timestamp.replace(' ', 'T') + 'Z').getTime() > 0) n++;
    }
  }
  return n;
}

const cases: BenchCase[] = (Object.keys(lists) as EventKind[]).map((kind) => ({
  name: `response: decode ${N} ${kind} events vs hand split`,
  unit: 'events',
  rounds: 5,
  async baseline() {
    return { units: naive(kind, lists[kind]!) };
  },
  async candidate() {
    return { units: decodeEvents(kind, lists[kind], context, 'v4').length };
  },
}));

export default cases;
