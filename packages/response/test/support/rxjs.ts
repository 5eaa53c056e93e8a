// rxjs for the tests: the copy @cb/live-response depends on (this package does not list rxjs;
// adding it as a devDependency would let tests import 'rxjs' directly). The specifier names the
// declaration file for tsc; vitest.config.ts maps it to the rxjs package at run time.
export { distinct, filter, from, lastValueFrom, map, mergeMap, toArray } from '../../../live-response/node_modules/rxjs/dist/types/index.js';
