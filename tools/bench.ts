// `pnpm bench [filter]`: runs every packages/*/bench/*.bench.ts.
//
// A bench file default-exports a list of BenchCase: each case has a `baseline` and a
// `candidate` measured in the same process, interleaved, so machine load affects both alike.
// We print medians and the candidate/baseline ratio (time and, when reported, peak memory),
// and fail when a case states a target ratio and misses it.
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BenchRun {
  /** Optional work units done (rows, requests, bytes) to print a rate. */
  units?: number;
  /** Optional peak extra memory in bytes observed by the run itself. */
  peakBytes?: number;
}

export interface BenchCase {
  name: string;
  unit?: string;
  rounds?: number;
  setup?: () => Promise<void> | void;
  teardown?: () => Promise<void> | void;
  baseline: () => Promise<BenchRun | void>;
  candidate: () => Promise<BenchRun | void>;
  /** Fail the bench run when median(candidate)/median(baseline) exceeds this. */
  maxTimeRatio?: number;
  /** Fail when candidate peak memory / baseline peak memory exceeds this. */
  maxMemoryRatio?: number;
}

interface Sample {
  ms: number;
  units: number | undefined;
  peakBytes: number | undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

async function sample(fn: () => Promise<BenchRun | void>): Promise<Sample> {
  const t0 = performance.now();
  const run = (await fn()) ?? {};
  return { ms: performance.now() - t0, units: run.units, peakBytes: run.peakBytes };
}

function fmtBytes(n: number): string {
  return n > 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '..');
  const filter = process.argv[2];
  const files: string[] = [];
  // Run from a package directory (its `bench` script), only that package's benches run.
  const cwd = process.cwd();
  const packageDirs = cwd !== root && existsSync(join(cwd, 'bench'))
    ? [cwd]
    : readdirSync(join(root, 'packages')).map((pkg) => join(root, 'packages', pkg));
  for (const pkgDir of packageDirs) {
    const dir = join(pkgDir, 'bench');
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.bench.ts')) files.push(join(dir, f));
  }
  let failures = 0;
  for (const file of files) {
    const mod = (await import(pathToFileURL(file).href)) as { default: BenchCase[] };
    for (const c of mod.default) {
      if (filter && !c.name.includes(filter)) continue;
      const rounds = c.rounds ?? 5;
      const base: Sample[] = [];
      const cand: Sample[] = [];
      // A case that throws is reported and counted; the other cases still run.
      try {
        await c.setup?.();
        // Warm-up once each, then interleave.
        await c.baseline();
        await c.candidate();
        for (let i = 0; i < rounds; i++) {
          base.push(await sample(c.baseline));
          cand.push(await sample(c.candidate));
        }
      } catch (error) {
        process.stdout.write(`${c.name}: FAIL (threw: ${error instanceof Error ? error.message : String(error)})\n`);
        failures += 1;
        try {
          await c.teardown?.();
        } catch {
          // the case already failed; its teardown error adds nothing
        }
        continue;
      }
      await c.teardown?.();
      const b = median(base.map((s) => s.ms));
      const k = median(cand.map((s) => s.ms));
      const ratio = k / b;
      let line = `${c.name}: baseline ${b.toFixed(1)} ms, candidate ${k.toFixed(1)} ms, ratio ${ratio.toFixed(2)}`;
      const units = cand[0]?.units;
      if (units) line += ` (${Math.round((units / k) * 1000)} ${c.unit ?? 'units'}/s)`;
      const bm = median(base.map((s) => s.peakBytes ?? Number.NaN));
      const km = median(cand.map((s) => s.peakBytes ?? Number.NaN));
      if (Number.isFinite(bm) && Number.isFinite(km)) {
        line += `; memory ${fmtBytes(bm)} → ${fmtBytes(km)}, ratio ${(km / bm).toFixed(2)}`;
        if (c.maxMemoryRatio !== undefined && km / bm > c.maxMemoryRatio) {
          line += ` FAIL (target ≤ ${c.maxMemoryRatio})`;
          failures += 1;
        }
      }
      if (c.maxTimeRatio !== undefined && ratio > c.maxTimeRatio) {
        line += ` FAIL (target time ratio ≤ ${c.maxTimeRatio})`;
        failures += 1;
      }
      process.stdout.write(`${line}\n`);
    }
  }
  if (files.length === 0) process.stdout.write('no benchmarks found\n');
  process.exit(failures > 0 ? 1 : 0);
}

await main();
