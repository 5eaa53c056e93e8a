// One engine per emulator runtime. createEmulatorCore attaches it with the configured options;
// routes reach it through their context (a runtime built elsewhere gets the defaults).
import type { EmulatorRuntime } from '../../../server/context.js';
import { LiveResponseEngine } from './engine.js';
import type { LiveResponseOptions } from './options.js';

const engines = new WeakMap<EmulatorRuntime, LiveResponseEngine>();

export function attachLiveResponse(runtime: EmulatorRuntime, options: LiveResponseOptions = {}): LiveResponseEngine {
  const engine = new LiveResponseEngine(runtime.state, options);
  engines.set(runtime, engine);
  return engine;
}

export function liveResponseOf(runtime: EmulatorRuntime): LiveResponseEngine {
  return engines.get(runtime) ?? attachLiveResponse(runtime);
}
