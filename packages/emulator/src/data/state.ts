// createState: wires the builders together in dependency order. Everything derives from the
// seed: the dataset's "now" (epochMs), the estate, the intel and the ids.

import { performance } from 'node:perf_hooks';
import {
  DEFAULT_SERVER_VERSION,
  buildInfo,
  buildIngressFilters,
  buildInvestigations,
  buildLicense,
  buildPartitions,
  buildTeams,
  buildUsers,
  writerPartitionId,
} from './admin.js';
import { buildBinaries } from './binaries.js';
import { segmentEvents } from './events.js';
import {
  buildAlerts,
  buildBannedHashes,
  buildFeedActions,
  buildFeeds,
  buildWatchlistActions,
  buildWatchlists,
  countHits,
  finishReports,
  planIntel,
} from './intel.js';
import { buildModules } from './modules.js';
import { generateProcesses } from './process-gen.js';
import { ColumnProcessStore } from './process-store.js';
import { Rng, hashSeed } from './rng.js';
import { buildSensorGroups, buildSensorStats, buildSensors, buildSites, buildThrottleRules } from './sensors.js';
import { DAY, solrTime } from './time.js';
import type { CreateStateOptions, EmulatorState, Scale, TaggedEventDocument } from './types.js';
import type { World } from './world.js';

export const SCALES: Record<'small' | 'medium' | 'large', { sensors: number; processesPerSensor: number }> = {
  small: { sensors: 4, processesPerSensor: 40 },
  medium: { sensors: 60, processesPerSensor: 130 },
  large: { sensors: 1000, processesPerSensor: 150 },
};

export function resolveScale(scale: Scale): { sensors: number; processesPerSensor: number } {
  const s = typeof scale === 'string' ? SCALES[scale] : scale;
  if (!s || !(s.sensors >= 1) || !(s.processesPerSensor >= 1)) throw new Error(`invalid scale ${JSON.stringify(scale)}`);
  return { sensors: Math.floor(s.sensors), processesPerSensor: Math.floor(s.processesPerSensor) };
}

/** The dataset's fixed "now": a second in 2023/2024 chosen by the seed. */
export function epochForSeed(seed: number): number {
  const h = hashSeed(seed, 0xe90c);
  return Date.UTC(2023, 8, 1) + (h % 240) * DAY + (hashSeed(h) % 86_400) * 1000;
}

function majorVersion(v: string): number {
  return parseInt(v, 10) || 0;
}

/** Which long-tail installers ran on which sensors: popular ones widely, the rest on 1-3 hosts. */
function assignLongTail(seed: number, keys: string[], windowsSensors: number[]): (si: number) => string[] {
  const rng = new Rng(hashSeed(seed, 0x1a11));
  const bySensor = new Map<number, string[]>();
  keys.forEach((key, j) => {
    const hosts = j < 8 ? Math.max(1, Math.round(windowsSensors.length * (0.1 + 0.3 * rng.next()))) : rng.range(1, 3);
    for (let h = 0; h < hosts && windowsSensors.length; h++) {
      const si = rng.pick(windowsSensors);
      const list = bySensor.get(si) ?? [];
      if (!list.includes(key)) list.push(key);
      bySensor.set(si, list);
    }
  });
  return (si) => bySensor.get(si) ?? [];
}

export function createState(opts: CreateStateOptions): EmulatorState {
  const t0 = performance.now();
  const seed = opts.seed >>> 0;
  const scale = resolveScale(opts.scale);
  const version = opts.serverVersion ?? DEFAULT_SERVER_VERSION;
  const segmentStyle: 5 | 6 = majorVersion(version) >= 6 ? 6 : 5;
  const epochMs = epochForSeed(seed);

  const sites = buildSites();
  const groups = buildSensorGroups();
  const plans = buildSensors(seed, scale.sensors, epochMs, groups);

  const catalogue = buildModules(seed, Math.max(4, Math.ceil(scale.sensors * 0.4)));
  const world: World = {
    seed,
    epochMs,
    segmentStyle,
    modules: catalogue.modules,
    moduleByKey: new Map(catalogue.modules.map((m) => [m.spec.key, m])),
    moduleByMd5: new Map(catalogue.modules.map((m) => [m.md5, m])),
    programs: catalogue.programs,
    programModule: catalogue.programModule,
    programByKey: new Map(catalogue.programs.map((p, i) => [p.key, i])),
    strings: [],
    stringIds: new Map(),
    sensors: plans.map((p) => p.facts),
    sensorIndexById: new Map(plans.map((p, i) => [p.facts.id, i])),
    rules: [],
  };
  const intel = planIntel(world, scale.sensors);
  world.rules = intel.rules;

  const windowsSensors = plans.flatMap((p, i) => (p.facts.osType === 'windows' ? [i] : []));
  const longTailFor = assignLongTail(seed, catalogue.longTail.map((i) => catalogue.programs[i].key), windowsSensors);
  const cols = generateProcesses(world, plans, scale.processesPerSensor, longTailFor);
  const store = new ColumnProcessStore(world, cols);

  const partitions = buildPartitions(seed, epochMs, store.rowCount);
  const { binaries, frequency } = buildBinaries(world, store, writerPartitionId(partitions));

  const hits = countHits(world, store, binaries);
  const watchlists = buildWatchlists(world, hits);
  finishReports(world, intel.reports, hits);
  const feeds = buildFeeds();
  const sensorGroupsMap = new Map(groups.map((g) => [g.id, g]));
  const alerts = buildAlerts(
    world,
    store,
    binaries,
    sensorGroupsMap,
    new Map(plans.map((p) => [p.doc.id, p.doc.group_id])),
    new Map(feeds.map((f) => [f.id, f.name])),
    new Map(watchlists.map((wl) => [wl.id, wl.name])),
  );
  const evilHost = plans.find((p, i) => i > 0 && p.forced.includes('evil'));
  const banned = buildBannedHashes(world, evilHost ? { id: evilHost.facts.id, hostname: evilHost.facts.hostname } : undefined);

  const teams = buildTeams(groups);
  const { users, secrets } = buildUsers(seed, opts.adminToken);
  const investigations = buildInvestigations(epochMs);
  const tagged = buildTaggedEvents(store, epochMs);

  const state: EmulatorState = {
    seed,
    epochMs,
    segmentStyle,
    info: buildInfo(version),
    license: buildLicense(seed, epochMs, scale.sensors),
    sensors: new Map(plans.map((p) => [p.doc.id, p.doc])),
    sensorGroups: sensorGroupsMap,
    sites: new Map(sites.map((s) => [s.id, s])),
    throttleRules: new Map(buildThrottleRules().map((r) => [r.id, r])),
    teams: new Map(teams.map((t) => [t.id, t])),
    users: new Map(users.map((u) => [u.username, u])),
    userSecrets: new Map(secrets),
    adminToken: users[0].auth_token,
    processes: store,
    binaries,
    binaryFrequency: frequency,
    feeds: new Map(feeds.map((f) => [f.id, f])),
    feedActions: new Map(buildFeedActions().map((a) => [a.id, a])),
    threatReports: new Map(intel.reports.map((r) => [`${r.feed_id}:${r.id}`, r])),
    watchlists: new Map(watchlists.map((wl) => [wl.id, wl])),
    watchlistActions: new Map(buildWatchlistActions().map((a) => [a.id, a])),
    alerts: new Map(alerts.map((a) => [a.unique_id, a])),
    bannedHashes: new Map(banned.map((b) => [b.md5hash, b])),
    investigations: new Map(investigations.map((i) => [i.id, i])),
    taggedEvents: new Map(tagged.map((t) => [t.id, t])),
    ingressFilters: new Map(buildIngressFilters(seed, epochMs).map((f) => [f.id, f])),
    storagePartitions: new Map(partitions.map((p) => [p.name, p])),
    sensorQueued: new Map(),
    sensorActivity: new Map(),
    sensorResources: new Map(),
    nextIds: {
      sensorGroup: groups.length + 1,
      site: sites.length + 1,
      team: teams.length + 1,
      feed: feeds.length + 1,
      feedAction: 4,
      watchlist: 7,
      watchlistAction: 5,
      investigation: investigations.length + 1,
      taggedEvent: tagged.length + 1,
      throttleRule: 4,
      opaque: 1,
    },
    stats: { generationMs: 0, sensors: plans.length, processes: store.processCount, processRows: store.rowCount, binaries: binaries.size, alerts: alerts.length, threatReports: intel.reports.length, watchlists: watchlists.length },
  };
  for (const p of plans) {
    const st = buildSensorStats(seed, p.doc, p.facts.endMs);
    state.sensorQueued.set(p.doc.id, st.queued);
    state.sensorActivity.set(p.doc.id, st.activity);
    state.sensorResources.set(p.doc.id, st.resources);
  }
  state.stats.generationMs = Math.round((performance.now() - t0) * 10) / 10;
  return state;
}

/** Investigation 2 tags the first evil.exe process: its start and first network connection. */
function buildTaggedEvents(store: ColumnProcessStore, epochMs: number): TaggedEventDocument[] {
  const c = store.cols;
  const w = store.world;
  const evil = w.programByKey.get('evil');
  let p = -1;
  for (let i = 0; i < store.processCount; i++) if (c.prog[i] === evil) {
    p = i;
    break;
  }
  if (p < 0) return [];
  const row = c.firstRow[p];
  const guid = store.guidOf(p);
  const segId = c.segmentId[row];
  const when = solrTime(Math.min(epochMs, c.startMs[p] + DAY / 2));
  const out: TaggedEventDocument[] = [
    {
      id: 1,
      investigation_id: 2,
      event_id: `${store.uniqueIdOfRow(row)}-procstart`,
      event_type: 'procstart',
      date_tagged: when,
      start_date: solrTime(c.startMs[p]),
      unique_id: guid,
      process_id: guid,
      segment_id: segId,
      event_data: { process_name: store.nameOf(p), cmdline: store.cmdlineOf(p), md5: store.md5Of(p), pid: c.pid[p] },
      tagged_by_user_id: 1,
      notes: 'Initial execution',
    },
  ];
  const net = segmentEvents(store, row).netconn[0];
  if (net) {
    out.push({
      id: 2,
      investigation_id: 2,
      event_id: `${store.uniqueIdOfRow(row)}-netconn-0`,
      event_type: 'netconn',
      date_tagged: when,
      start_date: solrTime(net.timestamp),
      unique_id: guid,
      process_id: guid,
      segment_id: segId,
      event_data: { remote_ip: net.remoteIp, remote_port: net.remotePort, domain: net.domain, protocol: net.proto, direction: net.outbound ? 'outbound' : 'inbound' },
      tagged_by_user_id: 1,
      notes: 'Beacon to C2',
    });
  }
  return out;
}
