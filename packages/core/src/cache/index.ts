export { IdentityMap } from './identity-map.js';
export { ModelCache, type ModelCacheOptions, type ModelRef } from './model-cache.js';
