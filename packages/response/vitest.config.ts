import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

// Tests pipe Live Response job results through rxjs operators (test/support/rxjs.ts). rxjs is a
// dependency of @cb/live-response, not of this package, so it is resolved from there: the same
// copy the job API uses.
const rxjs = dirname(createRequire(new URL('../live-response/package.json', import.meta.url)).resolve('rxjs/package.json'));

export default defineProject({
  resolve: {
    alias: [...sourceAliases(), { find: /^(\.\.\/)+live-response\/node_modules\/rxjs\/dist\/types\/index\.js$/, replacement: rxjs }],
  },
  test: { name: "response", include: ['src/**/*.test.ts', 'test/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
