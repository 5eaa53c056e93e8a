// One simulated endpoint: file system, registry and process table, built lazily and
// deterministically from (state seed, sensor id) the first time Live Response touches the host,
// and kept per state so every LR backend (Response, Defense, Cloud) sees the same machine.
import { Rng, hashSeed } from '../rng.js';
import type { EmulatorState } from '../types.js';
import { FileSystem } from './filesystem.js';
import { seedPosixFs } from './fs-posix.js';
import { FsSeeder } from './fs-seed.js';
import { seedWindowsFs } from './fs-windows.js';
import { hostIdentity, type HostIdentity } from './identity.js';
import { ProcessTable, seedProcesses } from './processes.js';
import { seedRegistry } from './registry-seed.js';
import type { Registry } from './registry.js';

export interface HostModel {
  identity: HostIdentity;
  fs: FileSystem;
  /** Windows only; POSIX sensors do not support the registry commands. */
  registry: Registry | undefined;
  processes: ProcessTable;
  /** The sensor's working directory (session `current_working_directory`). */
  cwd: string;
  /** Where temp files and relative output files go. */
  tempDir: string;
  drives: string[];
}

const hosts = new WeakMap<EmulatorState, Map<number, HostModel>>();

function buildHost(state: EmulatorState, sensorId: number): HostModel | undefined {
  const sensor = state.sensors.get(sensorId);
  if (!sensor) return undefined;
  const identity = hostIdentity(state, sensor);
  const windows = identity.os === 'windows';
  // Independent streams, so adding seeded files never changes pids or registry values.
  const fsRng = new Rng(hashSeed(state.seed, 0x1f5, sensorId));
  const procRng = new Rng(hashSeed(state.seed, 0x9ec, sensorId));
  const regRng = new Rng(hashSeed(state.seed, 0x4e6, sensorId));
  const wallClock = () => Date.now();
  const fs = new FileSystem(identity.os, { created: identity.epochMs - 900 * 86_400_000, accessed: identity.epochMs, written: identity.epochMs }, wallClock);
  const seeder = new FsSeeder(fs, fsRng, identity);
  if (windows) seedWindowsFs(seeder, state);
  else seedPosixFs(seeder, state);
  const seeded = seedProcesses(state, identity, procRng);
  return {
    identity,
    fs,
    registry: windows ? seedRegistry(regRng, identity, seeded) : undefined,
    processes: new ProcessTable(identity, procRng, seeded),
    cwd: windows ? 'C:\\Windows\\CarbonBlack' : '/',
    tempDir: windows ? 'C:\\Windows\\Temp' : '/tmp',
    drives: windows ? ['C:\\'] : ['/'],
  };
}

/** The host model of a sensor (created on first use), or undefined for an unknown sensor id. */
export function hostModel(state: EmulatorState, sensorId: number): HostModel | undefined {
  let perState = hosts.get(state);
  if (!perState) {
    perState = new Map();
    hosts.set(state, perState);
  }
  let host = perState.get(sensorId);
  if (!host) {
    host = buildHost(state, sensorId);
    if (host) perState.set(sensorId, host);
  }
  return host;
}

/** Drops every host model of a state (they are rebuilt from the seed on next use). */
export function resetHosts(state: EmulatorState): void {
  hosts.delete(state);
}
