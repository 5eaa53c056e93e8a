export type { Logger } from './types.js';
export { createLogger, type CreateLoggerOptions } from './logger.js';
export { debugEnabled } from './debug-match.js';
export { redactingLogger } from './redacting-logger.js';
