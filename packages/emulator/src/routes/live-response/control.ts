// The test-facing handle on Live Response (`emulator.liveResponse`): inspect sessions, take
// hosts offline or slow them down, reach the host models.
import type { HostModel } from '../../data/hosts/index.js';
import type { LiveResponseEngine, OpenSessionCounts, SessionSummary } from './engine/engine.js';
import type { HostOverride } from './engine/options.js';
import type { Backend } from './engine/types.js';

export interface LiveResponseControl {
  /** Sessions not closed or expired (pending or active), per backend and in total. */
  openSessions(): OpenSessionCounts;
  sessions(backend?: Backend): SessionSummary[];
  /** Take a host (sensor id or host name) offline, or bring it back. */
  setOffline(host: number | string, offline?: boolean): void;
  /** Per-host latencies; `sessionLatencyMs: null` = sessions never become active. */
  setHost(host: number | string, override: HostOverride): void;
  closeAll(): void;
  /** The simulated host behind a sensor id (file system, registry, processes). */
  host(sensorId: number): HostModel | undefined;
  readonly engine: LiveResponseEngine;
}

export function liveResponseControl(engine: LiveResponseEngine): LiveResponseControl {
  return {
    openSessions: () => engine.openSessions(),
    sessions: (backend) => engine.summaries(backend),
    setOffline: (host, offline = true) => engine.setOffline(host, offline),
    setHost: (host, override) => engine.setHost(host, override),
    closeAll: () => engine.closeAll(),
    host: (sensorId) => engine.host(sensorId),
    engine,
  };
}
