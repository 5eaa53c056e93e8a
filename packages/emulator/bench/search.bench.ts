// Process search at `large` scale (≈251k segments): the old path (bench/naive-search.ts: every
// row materialised once, events regenerated per document) against the server's column-level
// path, both answering through the same emulator core (routing, auth, JSON), interleaved. The
// old path is served on an extra route, /bench/naive/process, next to /api/v1/process.
// Results of both are compared once per case before timing. Targets (maxTimeRatio) sit at 2-5×
// the ratios measured on the 2-core dev machine (0.01-0.27), loose enough for its noise and
// tight enough that losing any of the optimisations fails the run.
import type { BenchCase } from '../../../tools/bench.js';
import { ColumnProcessStore } from '../src/data/process-store.js';
import { storeOf } from '../src/data/events.js';
import { createState } from '../src/data/index.js';
import type { EmulatorState } from '../src/data/types.js';
import { createEmulatorCore, json, startEmulator, type EmulatorCore, type RouteDef, type RouteHandler, type RunningEmulator } from '../src/index.js';
import { runSearch } from '../src/query/index.js';
import { eventFieldIndex } from '../src/routes/events.js';
import { processSearch } from '../src/routes/process-search.js';
import { queryError } from '../src/routes/search.js';
import { naiveSearch, withServerLimits } from './naive-search.js';

const NAIVE_PATH = '/bench/naive/process';
const NEW_PATH = '/api/v1/process';
const MiB = 1024 * 1024;

const naiveRoute: RouteDef<RouteHandler> = {
  method: 'GET',
  pattern: NAIVE_PATH,
  searchPage: true,
  handler: (ctx) => {
    try {
      return json(naiveSearch(ctx.state, ctx.query));
    } catch (err) {
      return queryError(err);
    }
  },
};

interface Env {
  state: EmulatorState;
  core: EmulatorCore;
}

let env: Env | undefined;

function heapMiB(): string {
  return `${(process.memoryUsage().heapUsed / MiB).toFixed(0)} MiB`;
}

function say(line: string): void {
  process.stdout.write(`  [emulator search] ${line}\n`);
}

function setupEnv(): Env {
  if (!env) {
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    const state = createState({ seed: 42, scale: 'large' });
    const s = state.stats;
    say(`large: ${s.processRows} segments, ${s.processes} processes, generated in ${(s.generationMs / 1000).toFixed(2)} s, heap +${((process.memoryUsage().heapUsed - before) / MiB).toFixed(0)} MiB (${heapMiB()} used)`);
    const core = createEmulatorCore(state, { extendRouter: (router) => router.add(naiveRoute) });
    env = { state, core };
  }
  return env;
}

async function get(path: string, query: string): Promise<string> {
  const { core, state } = setupEnv();
  const res = await core.handle({ method: 'GET', url: `${path}?${query}`, headers: { 'x-auth-token': state.adminToken } });
  if (res.status !== 200) throw new Error(`${path}?${query} -> ${res.status}`);
  return typeof res.body === 'string' ? res.body : Buffer.from(res.body).toString('utf8');
}

const withoutElapsed = (body: string): string => body.replace(/"elapsed":[0-9.e-]+/, '"elapsed":0');

/** Both paths must return the same page before their speed is compared. */
async function sameAnswer(query: string): Promise<void> {
  const [a, b] = [await get(NAIVE_PATH, query), await get(NEW_PATH, query)];
  if (withoutElapsed(a) !== withoutElapsed(b)) throw new Error(`naive and new process search differ for ?${query}`);
}

const qs = (p: Record<string, string | number>) => new URLSearchParams(Object.entries(p).map(([k, v]) => [k, String(v)])).toString();
const pages = (base: Record<string, string | number>, starts: number[], rows = 100) => starts.map((start) => qs({ ...base, rows, start }));

interface PagesOptions {
  rounds?: number;
  maxTimeRatio?: number;
  /** Query of each run, when it must change between runs (defeats clause caches). */
  fresh?: (run: number) => string[];
}

function pagesCase(name: string, queries: string[], opts: PagesOptions = {}): BenchCase {
  const runs = { baseline: 0, candidate: 0 };
  const serve = async (path: string, side: keyof typeof runs) => {
    const list = opts.fresh ? opts.fresh(runs[side]++) : queries;
    for (const q of list) await get(path, q);
    return { units: list.length };
  };
  return {
    name: `emulator search: ${name}`,
    unit: 'pages',
    rounds: opts.rounds ?? 5,
    maxTimeRatio: opts.maxTimeRatio,
    async setup() {
      setupEnv();
      await sameAnswer(queries[0]);
    },
    baseline: () => serve(NAIVE_PATH, 'baseline'),
    candidate: () => serve(NEW_PATH, 'candidate'),
  };
}

// Path tokens that occur in the generated file modifications, one per run of the fresh-clause case.
const FILEMOD_WORDS = ['temp', 'appdata', 'local', 'windows', 'users', 'system32', 'prefetch', 'programdata', 'roaming', 'tmp'];

/** A state sharing the generated columns but with a new store: no cached rows, rankings or indexes. */
function freshStore(state: EmulatorState): EmulatorState {
  const store = storeOf(state);
  return { ...state, processes: new ColumnProcessStore(store.world, store.cols) };
}

let http: RunningEmulator | undefined;

const HTTP_QUERIES = [
  ...pages({}, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]),
  ...pages({ q: 'process_name:svchost.exe' }, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]),
  ...pages({ 'cb.group': 'id' }, [0, 100, 200, 300, 400, 500, 600, 700, 800, 900]),
];

async function overHttp(path: string): Promise<{ units: number }> {
  for (const q of HTTP_QUERIES) {
    const res = await fetch(`${http!.url}${path}?${q}`, { headers: { 'X-Auth-Token': http!.token } });
    if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    await res.arrayBuffer();
  }
  return { units: HTTP_QUERIES.length };
}

const cases: BenchCase[] = [
  pagesCase('no query, pages 1-5 (rows=100, last_update desc)', pages({}, [0, 100, 200, 300, 400]), { maxTimeRatio: 0.1 }),
  pagesCase('no query, deep pages (start 9500-9900)', pages({}, [9500, 9600, 9700, 9800, 9900]), { maxTimeRatio: 0.1 }),
  pagesCase('process_name:svchost.exe, pages 1-5', pages({ q: 'process_name:svchost.exe' }, [0, 100, 200, 300, 400]), { maxTimeRatio: 0.5 }),
  pagesCase('cmdline + hostname query, sort start asc, pages 1-5', pages({ q: 'cmdline:-k AND NOT hostname:ws-0001', sort: 'start asc' }, [0, 100, 200, 300, 400]), {
    maxTimeRatio: 0.5,
  }),
  pagesCase('cb.group=id, pages 1-5', pages({ 'cb.group': 'id' }, [0, 100, 200, 300, 400]), { maxTimeRatio: 0.25 }),
  pagesCase('facet=true (default facets), rows=10', [qs({ facet: 'true', rows: 10 })], { maxTimeRatio: 0.4 }),
  pagesCase('filemod:temp, pages 1-2 (same clause)', pages({ q: 'filemod:temp' }, [0, 100]), { rounds: 2, maxTimeRatio: 0.05 }),
  pagesCase('filemod:<new word> each run, page 1', [qs({ q: 'filemod:cache', rows: 100 })], {
    rounds: 2,
    maxTimeRatio: 0.1,
    fresh: (run) => [qs({ q: `filemod:${FILEMOD_WORDS[run % FILEMOD_WORDS.length]}`, rows: 100 })],
  }),
  {
    name: 'emulator search: first page after start (fresh store, no caches)',
    unit: 'pages',
    rounds: 2,
    maxTimeRatio: 0.25,
    setup: () => void setupEnv(),
    async baseline() {
      const fresh = freshStore(setupEnv().state);
      JSON.stringify(naiveSearch(fresh, new URLSearchParams({ rows: '100' })));
      return { units: 1 };
    },
    async candidate() {
      const fresh = freshStore(setupEnv().state);
      const s = processSearch(fresh);
      JSON.stringify(runSearch(s.docs, new URLSearchParams({ rows: '100' }), withServerLimits(fresh, s.profile)));
      return { units: 1 };
    },
  },
  {
    name: `emulator search: over HTTP on 127.0.0.1, ${HTTP_QUERIES.length} sequential pages (no query, process_name, cb.group=id)`,
    unit: 'pages',
    rounds: 3,
    maxTimeRatio: 0.3,
    async setup() {
      http = await startEmulator({ state: setupEnv().state, extendRouter: (router) => router.add(naiveRoute) });
    },
    async teardown() {
      await http?.close();
      const { state } = setupEnv();
      const events = eventFieldIndex(state).stats();
      say(`event-field index: ${(events.bytes / MiB).toFixed(1)} MiB (${events.kinds.map((k) => `${k.kind} ${(k.bytes / MiB).toFixed(1)} MiB`).join(', ')}), ${events.clauses} cached clauses`);
      say(`heap used at the end: ${heapMiB()} (old path's materialised rows included)`);
    },
    baseline: () => overHttp(NAIVE_PATH),
    candidate: () => overHttp(NEW_PATH),
  },
];

export default cases;
