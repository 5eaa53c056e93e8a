// Walking the process tree (response.md §3.5) with cycle detection. Every process is obtained
// with cb.select() and loaded through the model cache, so walks that share ancestors (or the same
// walk run twice) fetch each process once.
import { ApiError, InvalidObjectError, ObjectNotFoundError, type CallOptions } from '@cb/core';
import type { Process } from './process.js';
import { requestTarget } from '../request-target.js';
import { PROCESS_URL } from './table.js';

/** The summary GET of the process whose parent closes a cycle. */
const cycleTarget = (process: Process) => requestTarget('GET', () => process.summaryPath(), PROCESS_URL);

/** Called per process with its depth (0 = the nearest level). Return `false` to stop the walk. */
export type WalkCallback = (process: Process, depth: number) => void | boolean | Promise<void | boolean>;

export interface WalkOptions extends CallOptions {
  /**
   * Levels to visit (1 = only the parent / only the children). 0 or unset = no limit.
   * (cbapi's max_depth=N visited N+1 levels.)
   */
  readonly maxDepth?: number | undefined;
}

/** Most parent hops depth() follows (cbapi's limit). */
export const MAX_PROCESS_DEPTH = 500;

const withinDepth = (depth: number, maxDepth: number | undefined): boolean => !maxDepth || depth < maxDepth;

export async function walkParents(start: Process, callback: WalkCallback, options: WalkOptions = {}): Promise<void> {
  const seen = new Set<string>([start.guid]);
  let current = start;
  for (let depth = 0; withinDepth(depth, options.maxDepth); depth++) {
    const parent = await current.parentWith(options);
    if (!parent) return;
    if (seen.has(parent.guid)) throw new ApiError(`Process cycle detected at depth ${depth}`, cycleTarget(current));
    seen.add(parent.guid);
    if ((await callback(parent, depth)) === false) return;
    current = parent;
  }
}

export async function walkChildren(start: Process, callback: WalkCallback, options: WalkOptions = {}): Promise<void> {
  const seen = new Set<string>([start.guid]);
  let stopped = false;
  const visit = async (process: Process, depth: number): Promise<void> => {
    for await (const event of process.children(options)) {
      if (stopped) return;
      if (seen.has(event.childGuid)) continue;
      seen.add(event.childGuid);
      let child: Process;
      try {
        child = await event.childReference().load(options);
      } catch (error) {
        // A child the server no longer has (or never indexed) is skipped, as in cbapi.
        if (error instanceof ObjectNotFoundError || error instanceof InvalidObjectError) continue;
        throw error;
      }
      if ((await callback(child, depth)) === false) {
        stopped = true;
        return;
      }
      if (withinDepth(depth + 1, options.maxDepth) && !child.suppressed) await visit(child, depth + 1);
    }
  };
  await visit(start, 0);
}

/** Parent hops from `start` to its root; ApiError on a cycle or past MAX_PROCESS_DEPTH. */
export async function depthOf(start: Process, options: CallOptions = {}): Promise<number> {
  const seen = new Set<string>([start.guid]);
  let current = start;
  for (let depth = 0; depth < MAX_PROCESS_DEPTH; depth++) {
    const parent = await current.parentWith(options);
    if (!parent) return depth;
    if (seen.has(parent.guid)) throw new ApiError(`Process cycle detected at depth ${depth}`, cycleTarget(current));
    seen.add(parent.guid);
    current = parent;
  }
  return MAX_PROCESS_DEPTH;
}
