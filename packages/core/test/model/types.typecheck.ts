// Type-level tests: checked by tsc (`pnpm typecheck`), never executed.
import { defineModel, field } from '../../src/model/index.js';
import type { PaginatedQuery } from '../../src/query/paginated-query.js';
import type { SimpleListQuery } from '../../src/query/simple-list-query.js';
import { Process, Sensor, SensorGroup, TestAPI, type TeamAccess } from '../support/models.js';

declare const api: TestAPI;
declare const s: Sensor;
declare const sg: SensorGroup;

// Field accessors are typed from the table.
const hostname: string = s.hostname;
const isolated: boolean = s.network_isolation_enabled;
s.network_isolation_enabled = true;
const checkin: Date = s.last_checkin_time;
const flush: Date | null = s.event_log_flush_time;
const access: TeamAccess[] = sg.team_access;
// @ts-expect-error read-only field
s.id = 3;
// @ts-expect-error wrong type
s.network_isolation_enabled = 'yes';
// @ts-expect-error unknown field
void s.no_such_field;

// Joins are promises of the target model.
const group: Promise<SensorGroup | null> = s.group;

// select() returns the model's own query type, else the API's paginated query.
const groups: SimpleListQuery<SensorGroup> = api.select(SensorGroup);
const processes: PaginatedQuery<Process> = api.select(Process).where('process_name:cmd.exe');
const sensor: Sensor = api.select(Sensor, 3);
const created: SensorGroup = api.create(SensorGroup, { name: 'x', site_id: 1 });
// @ts-expect-error wrong data type for create()
api.create(SensorGroup, { site_id: 'one' });

async function iterate(): Promise<void> {
  for await (const p of api.select(Process)) {
    const name: string = p.process_name;
    void name;
  }
  const first: Process | undefined = await api.select(Process).first();
  const fetched: Sensor = await api.fetch(Sensor, 3);
  void first;
  void fetched;
}

// Inline specs keep literal flags; field<T>() carries element types.
class Thing extends defineModel({
  name: 'Thing',
  urlObject: '/things',
  fields: { tags: field<string[]>('array'), seen: { type: 'epoch-ms', nullable: true } },
}) {}
declare const thing: Thing;
const tags: string[] = thing.tags;
const seen: Date | null = thing.seen;

void [hostname, isolated, checkin, flush, access, group, groups, processes, sensor, created, iterate, tags, seen];
