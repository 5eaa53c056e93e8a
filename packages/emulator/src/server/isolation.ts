// Sensor isolation as a sensor would report it (response.md §5): a PUT records the request
// (`network_isolation_enabled`) at once, while the sensor-reported `is_isolating` catches up at
// the sensor's next check-in, modelled as the N-th GET of that sensor after the PUT made while
// it is online. An offline sensor does not check in, so its GETs do not count and the request
// stays pending until it is back online.
//   (false,false) normal · (true,false) requested · (true,true) active · (false,true) removal pending
import { applyIsolationCheckin } from '../data/mutations.js';
import type { EmulatorState, SensorDocument } from '../data/types.js';

export class IsolationTracker {
  /** sensor id → GETs still needed before `is_isolating` follows the request */
  private pending = new Map<number, number>();

  /**
   * Reads `isolationPolls` live, so changing the config takes effect for the next PUT. `online`
   * says whether a sensor checks in (default: its `status` is `Online`).
   */
  constructor(
    private readonly config: { isolationPolls: number },
    private readonly online: (sensor: SensorDocument) => boolean = (sensor) => sensor.status === 'Online',
  ) {}

  /** Called after a PUT changed `network_isolation_enabled`. */
  requested(sensor: SensorDocument): void {
    if (sensor.is_isolating === sensor.network_isolation_enabled) this.pending.delete(sensor.id);
    else if (this.config.isolationPolls <= 0 && this.online(sensor)) sensor.is_isolating = sensor.network_isolation_enabled;
    else this.pending.set(sensor.id, Math.max(0, this.config.isolationPolls));
  }

  /** Called on every GET of one sensor, before it is serialised. */
  polled(state: EmulatorState, sensor: SensorDocument): void {
    const left = this.pending.get(sensor.id);
    if (left === undefined || !this.online(sensor)) return;
    if (left <= 1) {
      // The check-in: the sensor now reports the requested state (and its check-in time moves).
      applyIsolationCheckin(state, sensor.id);
      this.pending.delete(sensor.id);
    } else this.pending.set(sensor.id, left - 1);
  }

  isPending(sensorId: number): boolean {
    return this.pending.has(sensorId);
  }
}
