export { FaultRegistry, validateFault } from './registry.js';
export { parseFaultSpec } from './parse.js';
export { globToRegExp } from './glob.js';
export { mulberry32, type Random } from './prng.js';
export type { FaultSpec, FaultMatch, FaultDecision, FaultHandle, TransportFault } from './types.js';
