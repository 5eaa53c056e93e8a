// Kept in step with package.json by test/http/version.test.ts (importing package.json here
// would drag JSON-module handling into every consumer's build).
export const CORE_VERSION = '0.1.0';
