// @cb/response: the Cb Response (EDR) API.
export * from './api.js';
export * from './version.js';
export * from './exports-process.js';
export * from './exports-admin.js';
export * from './exports-intel.js';
