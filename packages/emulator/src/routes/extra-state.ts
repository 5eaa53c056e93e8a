// Emulator-side state that the seeded dataset does not model (group data-sharing configs),
// kept per state object so two emulators never share it.
import type { EmulatorState } from '../data/types.js';

export interface DataSharingConfig {
  id: number;
  group_id: number;
  who: string;
  what: string;
}

interface Extra {
  dataSharing: Map<number, DataSharingConfig>;
  nextDataSharingId: number;
}

const extras = new WeakMap<EmulatorState, Extra>();

export function extraState(state: EmulatorState): Extra {
  let extra = extras.get(state);
  if (!extra) {
    extra = { dataSharing: new Map(), nextDataSharingId: 1 };
    extras.set(state, extra);
  }
  return extra;
}
