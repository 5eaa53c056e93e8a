// Event storage partitions (response.md §15). Global-admin only (a 403 for others is what
// the HEAD client expects to ignore during its legacy-partition probe).
import type { StoragePartitionDocument } from '../data/types.js';
import type { RouteContext } from '../server/context.js';
import { badRequest, conflict } from '../server/errors.js';
import { success } from '../server/respond.js';
import { getOr404, type Route, clock } from './util.js';

const pad = (n: number) => String(n).padStart(2, '0');

function partitionName(ms: number, taken: (name: string) => boolean): string {
  const d = new Date(ms);
  const base = `cbevents_${d.getUTCFullYear()}_${pad(d.getUTCMonth() + 1)}_${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
  if (!taken(base)) return base;
  for (let i = 1; i < 1000; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
  throw new Error('no free partition name');
}

function partition(ctx: RouteContext): StoragePartitionDocument {
  return getOr404(ctx.state.storagePartitions, String(ctx.params.name));
}

function visible(ctx: RouteContext) {
  const out: Record<string, StoragePartitionDocument> = {};
  for (const [name, p] of ctx.state.storagePartitions) if (p.status !== 'deleted') out[name] = p;
  return out;
}

export const storageRoutes: Route[] = [
  { method: 'GET', pattern: '/api/v1/storage/events/partition', access: 'admin', handler: visible },
  {
    method: 'POST',
    pattern: '/api/v1/storage/events/new_partition',
    access: 'admin',
    // Rolls the hot "writer" into a time-stamped warm partition and starts a new writer.
    handler: (ctx) => {
      const partitions = ctx.state.storagePartitions;
      const writer = partitions.get('writer');
      const now = clock(ctx.state);
      if (writer) {
        const name = partitionName(now, (n) => partitions.has(n));
        partitions.delete('writer');
        partitions.set(name, {
          ...writer,
          name,
          status: 'warm',
          info: { ...writer.info, endDate: new Date(now).toISOString(), dir: writer.info.dir.replace(/writer$/, name) },
        });
      }
      const maxId = Math.max(0, ...[...partitions.values()].map((p) => p.info.partitionId));
      partitions.set('writer', {
        name: 'writer',
        status: 'hot',
        info: {
          sizeInBytes: 0,
          startDate: new Date(now).toISOString(),
          endDate: null,
          partitionId: maxId + 1,
          deletedDocs: 0,
          maxDoc: 0,
          numDocs: 0,
          segmentCount: 0,
          userMounted: false,
          isLegacy: false,
          dir: '/var/cb/data/solr5/cbevents/writer',
          schema: 'cbevents_v1',
        },
      });
      return success();
    },
  },
  {
    method: 'DELETE',
    pattern: '/api/v1/storage/events/:name',
    access: 'admin',
    handler: (ctx) => {
      const p = partition(ctx);
      if (p.status === 'hot') throw conflict('partition_in_use', 'The hot (writer) partition cannot be deleted');
      p.status = 'deleted';
      return success();
    },
  },
  {
    method: 'POST',
    pattern: '/api/v1/storage/events/:name/mount',
    access: 'admin',
    handler: (ctx) => {
      const p = partition(ctx);
      if (p.status === 'deleted') throw badRequest('partition_deleted', `Partition ${p.name} was deleted`);
      if (p.status === 'cold') {
        p.status = 'warm';
        p.info.userMounted = true;
      }
      return success();
    },
  },
  {
    method: 'POST',
    pattern: '/api/v1/storage/events/:name/unmount',
    access: 'admin',
    handler: (ctx) => {
      const p = partition(ctx);
      if (p.status === 'hot') throw conflict('partition_in_use', 'The hot (writer) partition cannot be unmounted');
      if (p.status === 'deleted') throw badRequest('partition_deleted', `Partition ${p.name} was deleted`);
      p.status = 'cold';
      p.info.userMounted = false;
      return success();
    },
  },
];
