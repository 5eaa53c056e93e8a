// Public surface of the data layer: state creation, lazy events and their encodings, binary
// file bytes, mutations and snapshots. Types live in types.ts.

export * from './types.js';
export { createState, resolveScale, SCALES, epochForSeed } from './state.js';
export { getProcessEvents, segmentEvents } from './events.js';
export { encodeEvents, eventApiVersionFor } from './encode.js';
export { processGuid, parseProcessGuid, uniqueId, splitUniqueId, ipToInt, intToIp, filetime } from './guid.js';
export { solrTime, sensorTime, eventTimeMicros, eventTimeMillis } from './time.js';
export { SPECIAL_BINARY_MD5 } from './modules.js';
export { SPECIAL_HOSTNAME, SPECIAL_USERNAME, SPECIAL_IP } from './sensors.js';
export { processSummary, processEventResponse, processSegmentList, eventsAt, binaryFile } from './views.js';
export type { ProcessSummary, ProcessEventResponse } from './views.js';
export * from './mutations.js';
