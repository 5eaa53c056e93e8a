// @cb/core: what every Carbon Black product package stands on. Product-agnostic.
export * from './errors.js';
export * from './transport-exports.js';
export * from './model-exports.js';
