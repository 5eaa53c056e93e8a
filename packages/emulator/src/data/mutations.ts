// Deterministic mutations of the mutable collections, shaped after what the real server accepts
// (response.md §6-§15). Ids come from state.nextIds counters; timestamps from the dataset clock
// (`state.epochMs` advanced by one second per mutation), never the wall clock, so a scripted
// sequence of requests always yields the same documents. Routes validate and map errors; these
// helpers return `undefined` / `false` for "not found" and a `{ conflict }` marker for conflicts.

import { Rng, hashSeed } from './rng.js';
import { partitionStamp, sensorTime, solrTime } from './time.js';
import type {
  AlertDocument,
  AlertStatus,
  BannedHashDocument,
  EmulatorState,
  FeedActionDocument,
  FeedDocument,
  IngressFilterDocument,
  InvestigationDocument,
  SensorDocument,
  SensorGroupDocument,
  SiteDocument,
  TaggedEventDocument,
  TeamDocument,
  ThreatReportDocument,
  UserDocument,
  UserRole,
  WatchlistActionDocument,
  WatchlistDocument,
} from './types.js';

/** The dataset clock: epochMs plus one second per mutation so far. */
export function mutationClock(state: EmulatorState): number {
  return state.epochMs + state.nextIds.opaque * 1000;
}

function tick(state: EmulatorState): number {
  state.nextIds.opaque++;
  return mutationClock(state);
}

/** Copy only keys the document already has (so clients cannot inject foreign fields or ids). */
function assignKnown<T extends object>(doc: T, patch: Partial<T>, readonly: readonly (keyof T)[] = []): T {
  for (const k of Object.keys(patch) as (keyof T)[]) {
    if (readonly.includes(k) || !(k in doc)) continue;
    const v = patch[k];
    if (v !== undefined) doc[k] = v as T[keyof T];
  }
  return doc;
}

export interface Conflict {
  conflict: string;
}
export const isConflict = (x: unknown): x is Conflict => typeof x === 'object' && x !== null && 'conflict' in x;

// ---------------------------------------------------------------------------------------------
// Sensors

/** Fields a PUT may change (HEAD's restricted body; 1.3.2 sends everything, the rest is ignored). */
export const SENSOR_WRITABLE = ['network_isolation_enabled', 'restart_queued', 'uninstall', 'group_id', 'notes', 'event_log_flush_time'] as const;

export function updateSensor(state: EmulatorState, id: number, patch: Partial<SensorDocument>): SensorDocument | undefined {
  const s = state.sensors.get(id);
  if (!s) return undefined;
  const p: Partial<SensorDocument> = {};
  for (const k of SENSOR_WRITABLE) if (patch[k] !== undefined) (p as Record<string, unknown>)[k] = patch[k];
  if (p.group_id !== undefined && !state.sensorGroups.has(Number(p.group_id))) delete p.group_id;
  if (p.uninstall) s.status = 'Uninstall Pending';
  return assignKnown(s, p);
}

/** The sensor reports its isolation state at check-in (response.md §5 state machine). */
export function applyIsolationCheckin(state: EmulatorState, id: number): SensorDocument | undefined {
  const s = state.sensors.get(id);
  if (!s) return undefined;
  s.is_isolating = s.network_isolation_enabled;
  s.last_checkin_time = sensorTime(tick(state));
  return s;
}

// ---------------------------------------------------------------------------------------------
// Sites, sensor groups, teams

export function createSite(state: EmulatorState, body: Partial<SiteDocument>): SiteDocument {
  const doc: SiteDocument = { id: state.nextIds.site++, name: String(body.name ?? '') };
  state.sites.set(doc.id, doc);
  return doc;
}
export const updateSite = (state: EmulatorState, id: number, patch: Partial<SiteDocument>) => {
  const d = state.sites.get(id);
  return d ? assignKnown(d, patch, ['id']) : undefined;
};
export const deleteSite = (state: EmulatorState, id: number) => state.sites.delete(id);

export function createSensorGroup(state: EmulatorState, body: Partial<SensorGroupDocument>): SensorGroupDocument {
  const template = state.sensorGroups.get(1) ?? [...state.sensorGroups.values()][0];
  const doc: SensorGroupDocument = structuredClone(template);
  assignKnown(doc, body, ['id']);
  doc.id = state.nextIds.sensorGroup++;
  doc.name = String(body.name ?? `Group ${doc.id}`);
  doc.team_access = body.team_access ?? [];
  state.sensorGroups.set(doc.id, doc);
  return doc;
}
export const updateSensorGroup = (state: EmulatorState, id: number, patch: Partial<SensorGroupDocument>) => {
  const d = state.sensorGroups.get(id);
  return d ? assignKnown(d, patch, ['id']) : undefined;
};
/** Refuses (conflict) while sensors are still in the group, as the console does. */
export function deleteSensorGroup(state: EmulatorState, id: number): boolean | Conflict {
  if (!state.sensorGroups.has(id)) return false;
  for (const s of state.sensors.values()) if (s.group_id === id) return { conflict: 'Sensor group is not empty' };
  state.sensorGroups.delete(id);
  for (const t of state.teams.values()) t.group_access = t.group_access.filter((g) => g.group_id !== id);
  return true;
}

export function createTeam(state: EmulatorState, body: Partial<TeamDocument>): TeamDocument {
  const doc: TeamDocument = { id: state.nextIds.team++, name: String(body.name ?? ''), group_access: body.group_access ?? [] };
  state.teams.set(doc.id, doc);
  return doc;
}
export const updateTeam = (state: EmulatorState, id: number, patch: Partial<TeamDocument>) => {
  const d = state.teams.get(id);
  return d ? assignKnown(d, patch, ['id']) : undefined;
};
export function deleteTeam(state: EmulatorState, id: number): boolean {
  if (!state.teams.delete(id)) return false;
  for (const u of state.users.values()) u.teams = u.teams.filter((t) => t.id !== id);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Users

/** A fresh 40-hex token, deterministic in (seed, mutation count). */
export function newToken(state: EmulatorState): string {
  return new Rng(hashSeed(state.seed, 0x70c3, tick(state))).hex(40);
}

/** Create; `teams` may be objects or bare ids (servers < 6.1 bodies). Conflict if the name exists. */
export type UserBody = Omit<Partial<UserDocument>, 'teams'> & { password?: string; teams?: unknown[] };

export function createUser(state: EmulatorState, body: UserBody, role?: UserRole): UserDocument | Conflict {
  const username = String(body.username ?? '');
  if (state.users.has(username)) return { conflict: `User ${username} already exists` };
  const doc: UserDocument = {
    username,
    first_name: String(body.first_name ?? ''),
    last_name: String(body.last_name ?? ''),
    email: String(body.email ?? ''),
    global_admin: Boolean(body.global_admin),
    teams: normaliseTeams(state, body.teams ?? []),
    auth_token: newToken(state),
  };
  state.users.set(username, doc);
  state.userSecrets.set(username, { password: String(body.password ?? ''), role: role ?? (doc.global_admin ? 'admin' : 'read-only') });
  return doc;
}

function normaliseTeams(state: EmulatorState, teams: unknown[]): { id: number; name: string }[] {
  return teams.flatMap((t) => {
    const id = typeof t === 'object' && t !== null ? Number((t as { id?: unknown }).id) : Number(t);
    const team = state.teams.get(id);
    return team ? [{ id: team.id, name: team.name }] : [];
  });
}

export function updateUser(state: EmulatorState, username: string, patch: UserBody): UserDocument | undefined {
  const d = state.users.get(username);
  if (!d) return undefined;
  const { teams, password, ...rest } = patch;
  assignKnown(d, rest, ['username', 'auth_token']);
  if (teams) d.teams = normaliseTeams(state, teams);
  if (password !== undefined) {
    const sec = state.userSecrets.get(username);
    if (sec) sec.password = String(password);
  }
  return d;
}

export function deleteUser(state: EmulatorState, username: string): boolean {
  state.userSecrets.delete(username);
  return state.users.delete(username);
}

export function userByToken(state: EmulatorState, token: string): UserDocument | undefined {
  for (const u of state.users.values()) if (u.auth_token === token) return u;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Feeds and actions

export function createFeed(state: EmulatorState, body: Partial<FeedDocument>): FeedDocument | Conflict {
  if (body.name && [...state.feeds.values()].some((f) => f.name === body.name)) return { conflict: `Feed ${body.name} already exists` };
  const id = state.nextIds.feed++;
  const url = String(body.feed_url ?? '');
  const doc: FeedDocument = {
    id,
    name: String(body.name ?? `feed${id}`),
    display_name: String(body.display_name ?? body.name ?? `Feed ${id}`),
    feed_url: url,
    provider_url: String(body.provider_url ?? ''),
    summary: String(body.summary ?? ''),
    tech_data: String(body.tech_data ?? ''),
    category: String(body.category ?? 'Local'),
    enabled: body.enabled ?? true,
    use_proxy: body.use_proxy ?? false,
    validate_server_cert: body.validate_server_cert ?? false,
    manually_added: true,
    order: id + 1,
    local_rating: body.local_rating ?? null,
    provider_rating: body.provider_rating ?? 3.0,
    username: body.username ?? null,
    password: body.password ?? null,
    ssl_client_crt: body.ssl_client_crt ?? null,
    ssl_client_key: body.ssl_client_key ?? null,
    requires: null,
    requires_who: null,
    requires_what: null,
    icon: body.icon ?? '',
    icon_small: body.icon_small ?? '',
  };
  state.feeds.set(id, doc);
  return doc;
}
export const updateFeed = (state: EmulatorState, id: number, patch: Partial<FeedDocument>) => {
  const d = state.feeds.get(id);
  return d ? assignKnown(d, patch, ['id']) : undefined;
};
/** Deleting a feed drops its actions and reports too. */
export function deleteFeed(state: EmulatorState, id: number): boolean {
  if (!state.feeds.delete(id)) return false;
  for (const [k, a] of state.feedActions) if (a.group_id === id) state.feedActions.delete(k);
  for (const [k, r] of state.threatReports) if (r.feed_id === id) state.threatReports.delete(k);
  return true;
}

export function createFeedAction(state: EmulatorState, feedId: number, body: Partial<FeedActionDocument>): FeedActionDocument | undefined {
  if (!state.feeds.has(feedId)) return undefined;
  const doc: FeedActionDocument = {
    id: state.nextIds.feedAction++,
    action_type: Number(body.action_type ?? 3),
    action_data: typeof body.action_data === 'string' ? body.action_data : JSON.stringify(body.action_data ?? {}),
    group_id: feedId,
    watchlist_id: body.watchlist_id ?? -1,
  };
  state.feedActions.set(doc.id, doc);
  return doc;
}
export function updateFeedAction(state: EmulatorState, feedId: number, id: number, patch: Partial<FeedActionDocument>): FeedActionDocument | undefined {
  const d = state.feedActions.get(id);
  return d && d.group_id === feedId ? assignKnown(d, patch, ['id', 'group_id']) : undefined;
}
export function deleteFeedAction(state: EmulatorState, feedId: number, id: number): boolean {
  const d = state.feedActions.get(id);
  return !!d && d.group_id === feedId && state.feedActions.delete(id);
}
export const feedActionsOf = (state: EmulatorState, feedId: number) => [...state.feedActions.values()].filter((a) => a.group_id === feedId);

// ---------------------------------------------------------------------------------------------
// Watchlists and actions

export function createWatchlist(state: EmulatorState, body: Partial<WatchlistDocument>): WatchlistDocument {
  const now = tick(state);
  const doc: WatchlistDocument = {
    id: String(state.nextIds.watchlist++),
    name: String(body.name ?? ''),
    search_query: String(body.search_query ?? ''),
    index_type: body.index_type === 'modules' ? 'modules' : 'events',
    enabled: body.enabled ?? true,
    description: String(body.description ?? ''),
    readonly: false,
    date_added: sensorTime(now),
    last_hit: '',
    last_hit_count: 0,
    total_hits: '0',
    total_tags: '0',
    group_id: -1,
    alliance_id: null,
    from_alliance: false,
    search_timestamp: solrTime(now),
  };
  state.watchlists.set(doc.id, doc);
  return doc;
}
export const updateWatchlist = (state: EmulatorState, id: string, patch: Partial<WatchlistDocument>) => {
  const d = state.watchlists.get(String(id));
  return d ? assignKnown(d, patch, ['id', 'date_added', 'total_hits', 'total_tags', 'last_hit', 'last_hit_count']) : undefined;
};
export function deleteWatchlist(state: EmulatorState, id: string): boolean {
  if (!state.watchlists.delete(String(id))) return false;
  for (const [k, a] of state.watchlistActions) if (String(a.watchlist_id) === String(id)) state.watchlistActions.delete(k);
  return true;
}

export function createWatchlistAction(state: EmulatorState, watchlistId: string, body: Partial<WatchlistActionDocument>): WatchlistActionDocument | undefined {
  if (!state.watchlists.has(String(watchlistId))) return undefined;
  const doc: WatchlistActionDocument = {
    id: state.nextIds.watchlistAction++,
    action_type: Number(body.action_type ?? 3),
    action_data: typeof body.action_data === 'string' ? body.action_data : JSON.stringify(body.action_data ?? {}),
    watchlist_id: Number(watchlistId),
  };
  state.watchlistActions.set(doc.id, doc);
  return doc;
}
export function updateWatchlistAction(state: EmulatorState, watchlistId: string, id: number, patch: Partial<WatchlistActionDocument>): WatchlistActionDocument | undefined {
  const d = state.watchlistActions.get(id);
  return d && String(d.watchlist_id) === String(watchlistId) ? assignKnown(d, patch, ['id', 'watchlist_id']) : undefined;
}
export function deleteWatchlistAction(state: EmulatorState, watchlistId: string, id: number): boolean {
  const d = state.watchlistActions.get(id);
  return !!d && String(d.watchlist_id) === String(watchlistId) && state.watchlistActions.delete(id);
}
export const watchlistActionsOf = (state: EmulatorState, watchlistId: string) =>
  [...state.watchlistActions.values()].filter((a) => String(a.watchlist_id) === String(watchlistId));

// ---------------------------------------------------------------------------------------------
// Banned hashes (§10)

/** POST /api/v1/banning/blacklist: new ban, or re-enable a disabled one; conflict if already banned. */
export function banHash(state: EmulatorState, md5: string, text: string, username = 'admin'): BannedHashDocument | Conflict {
  const key = md5.toLowerCase();
  const user = state.users.get(username);
  const userId = user ? [...state.users.keys()].indexOf(username) + 1 : 0;
  const now = sensorTime(tick(state));
  const existing = state.bannedHashes.get(key);
  if (existing?.enabled) return { conflict: 'banned hash already exists' };
  const entry = { username, timestamp: now, text, enabled: true, user_id: userId };
  if (existing) {
    Object.assign(existing, { enabled: true, text, username, user_id: userId, timestamp: now });
    existing.audit.push(entry);
    return existing;
  }
  const doc: BannedHashDocument = { md5hash: key, text, enabled: true, username, user_id: userId, timestamp: now, block_count: 0, last_block_time: null, last_block_sensor_id: null, last_block_hostname: null, audit: [entry] };
  state.bannedHashes.set(key, doc);
  return doc;
}

/** DELETE /api/v1/banning/blacklist/{md5}: disables (and clears text); the record stays. */
export function unbanHash(state: EmulatorState, md5: string, username = 'admin'): BannedHashDocument | undefined {
  const d = state.bannedHashes.get(md5.toLowerCase());
  if (!d) return undefined;
  d.enabled = false;
  d.text = '';
  d.audit.push({ username, timestamp: sensorTime(tick(state)), text: '', enabled: false, user_id: d.user_id });
  return d;
}

export function updateBannedHash(state: EmulatorState, md5: string, patch: Partial<BannedHashDocument>): BannedHashDocument | undefined {
  const d = state.bannedHashes.get(md5.toLowerCase());
  return d ? assignKnown(d, patch, ['md5hash', 'audit', 'block_count', 'last_block_time', 'last_block_sensor_id', 'last_block_hostname']) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Alerts (§2.4, §11)

export const ALERT_STATUSES: readonly AlertStatus[] = ['Unresolved', 'In Progress', 'Resolved', 'False Positive'];

function setStatus(state: EmulatorState, a: AlertDocument, status: AlertStatus): void {
  a.status = status;
  a.resolved_time = status === 'Resolved' || status === 'False Positive' ? solrTime(mutationClock(state)) : null;
}

/** POST /api/v1/alert/{unique_id} with a (partial or whole) document. */
export function updateAlert(state: EmulatorState, uniqueId: string, patch: Partial<AlertDocument>): AlertDocument | undefined {
  const a = state.alerts.get(uniqueId);
  if (!a) return undefined;
  tick(state);
  const { status, ...rest } = patch;
  if (rest.assigned_to !== undefined) a.assigned_to = String(rest.assigned_to);
  if (rest.is_ignored !== undefined) a.is_ignored = Boolean(rest.is_ignored);
  if (status !== undefined && ALERT_STATUSES.includes(status)) setStatus(state, a, status);
  return a;
}

/** POST /api/v1/alerts: both the 1.3.2 (`updates: {...}`) and HEAD (`set_ignored`) bodies. */
export function bulkUpdateAlerts(
  state: EmulatorState,
  body: { alert_ids?: string[]; requested_status?: AlertStatus; assigned_to?: string; set_ignored?: boolean; updates?: { is_ignored?: boolean; requested_status?: AlertStatus } },
): number {
  tick(state);
  const status = body.requested_status ?? body.updates?.requested_status;
  const ignored = body.set_ignored ?? body.updates?.is_ignored;
  let n = 0;
  for (const id of body.alert_ids ?? []) {
    const a = state.alerts.get(id);
    if (!a) continue;
    n++;
    if (status && ALERT_STATUSES.includes(status)) setStatus(state, a, status);
    if (body.assigned_to !== undefined) a.assigned_to = body.assigned_to;
    if (ignored !== undefined) a.is_ignored = ignored;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Threat reports (§12, §2.5)

export function getThreatReport(state: EmulatorState, feedId: number | string, reportId: string): ThreatReportDocument | undefined {
  return state.threatReports.get(`${feedId}:${reportId}`);
}

/** POST /api/v1/threat_report `{ids: {feed: [report ids]}, updates: {...}}`; only is_ignored is writable. */
export function updateThreatReports(state: EmulatorState, ids: Record<string, string[]>, updates: Partial<ThreatReportDocument>): number {
  let n = 0;
  for (const [feedId, reportIds] of Object.entries(ids)) {
    for (const rid of reportIds) {
      const r = getThreatReport(state, feedId, rid);
      if (!r) continue;
      if (updates.is_ignored !== undefined) r.is_ignored = Boolean(updates.is_ignored);
      n++;
    }
  }
  return n;
}

export function setThreatReportIgnored(state: EmulatorState, feedId: number, reportId: string, ignored: boolean): ThreatReportDocument | undefined {
  const r = getThreatReport(state, feedId, reportId);
  if (r) r.is_ignored = ignored;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Ingress filters (§14)

/** POST with an array: ids are client-chosen; returns the ids created (conflict on a duplicate). */
export function createIngressFilters(state: EmulatorState, bodies: Partial<IngressFilterDocument>[]): string[] | Conflict {
  for (const b of bodies) if (b.id !== undefined && state.ingressFilters.has(String(b.id))) return { conflict: `Ingress filter ${b.id} already exists` };
  const template = [...state.ingressFilters.values()][0];
  return bodies.map((b) => {
    const now = solrTime(tick(state));
    const id = b.id !== undefined ? String(b.id) : new Rng(hashSeed(state.seed, 0x1f, state.nextIds.opaque)).hex(32);
    const doc: IngressFilterDocument = {
      ...(template ? structuredClone(template) : ({} as IngressFilterDocument)),
      priority: 0,
      enabled: true,
      filter_on_sensor: false,
      filter_on_server: true,
      track_metrics: true,
      hit_rate: 0,
      os_mask: 7,
      global: true,
      group_ids: [],
      sensor_ids: [],
      path_filters: [],
      command_line_filters: [],
      md5_filters: [],
      descendant_filtering_level: 0,
      filter_all_events: true,
      regmod_filters: [],
      modload_filters: [],
      filemod_filters: [],
      non_binary_filemod_filters: [],
      netconn_filters: [],
      crossproc_filters: [],
      internal: false,
      version: 1,
      create_user_id: 1,
      modify_user_id: 1,
    };
    assignKnown(doc, b, ['hit_rate']);
    Object.assign(doc, { id, name: String(b.name ?? ''), description: String(b.description ?? ''), create_timestamp: now, modify_timestamp: now });
    state.ingressFilters.set(id, doc);
    return id;
  });
}
export function updateIngressFilter(state: EmulatorState, id: string, patch: Partial<IngressFilterDocument>): IngressFilterDocument | undefined {
  const d = state.ingressFilters.get(id);
  if (!d) return undefined;
  assignKnown(d, patch, ['id', 'create_timestamp', 'create_user_id', 'hit_rate', 'version']);
  d.version++;
  d.modify_timestamp = solrTime(tick(state));
  return d;
}
export const deleteIngressFilter = (state: EmulatorState, id: string) => state.ingressFilters.delete(id);

// ---------------------------------------------------------------------------------------------
// Storage partitions (§15)

export function deletePartition(state: EmulatorState, name: string): boolean | Conflict {
  const p = state.storagePartitions.get(name);
  if (!p) return false;
  if (p.status === 'hot') return { conflict: 'Cannot delete the writer partition' };
  state.storagePartitions.delete(name);
  return true;
}
export function mountPartition(state: EmulatorState, name: string): boolean {
  const p = state.storagePartitions.get(name);
  if (!p || p.status !== 'cold') return false;
  p.status = 'warm';
  p.info.userMounted = true;
  return true;
}
export function unmountPartition(state: EmulatorState, name: string): boolean {
  const p = state.storagePartitions.get(name);
  if (!p || p.status !== 'warm') return false;
  p.status = 'cold';
  p.info.userMounted = false;
  return true;
}
/** Rolls the writer into a time-stamped warm partition and starts a new empty writer. */
export function createNewPartition(state: EmulatorState): string {
  const now = tick(state);
  const writer = state.storagePartitions.get('writer');
  let name = `cbevents_${partitionStamp(now)}`;
  for (let k = 1; state.storagePartitions.has(name); k++) name = `cbevents_${partitionStamp(now)}_${k}`;
  if (writer) {
    state.storagePartitions.delete('writer');
    state.storagePartitions.set(name, { ...writer, name, status: 'warm', info: { ...writer.info, endDate: new Date(now).toISOString().replace('Z', '000Z'), dir: `/var/cb/data/solr5/cbevents/${name}` } });
  }
  state.storagePartitions.set('writer', {
    name: 'writer',
    status: 'hot',
    info: { sizeInBytes: 0, startDate: new Date(now).toISOString().replace('Z', '000Z'), endDate: null, partitionId: Math.floor(now / 1000) * 65536, deletedDocs: 0, maxDoc: 0, numDocs: 0, segmentCount: 0, userMounted: false, isLegacy: false, dir: '/var/cb/data/solr5/cbevents/writer', schema: 'cbevents_v1' },
  });
  return name;
}

// ---------------------------------------------------------------------------------------------
// Investigations and tagged events (§13)

export const updateInvestigation = (state: EmulatorState, id: number, patch: Partial<InvestigationDocument>) => {
  const d = state.investigations.get(id);
  if (!d) return undefined;
  assignKnown(d, patch, ['id', 'created_by_user_id', 'date_started']);
  d.last_updated = solrTime(tick(state));
  return d;
};
export function deleteInvestigation(state: EmulatorState, id: number): boolean {
  if (!state.investigations.delete(id)) return false;
  for (const [k, t] of state.taggedEvents) if (t.investigation_id === id) state.taggedEvents.delete(k);
  return true;
}

export function createTaggedEvent(state: EmulatorState, body: Partial<TaggedEventDocument>): TaggedEventDocument | undefined {
  const inv = Number(body.investigation_id);
  if (!state.investigations.has(inv)) return undefined;
  const now = solrTime(tick(state));
  const doc: TaggedEventDocument = {
    id: state.nextIds.taggedEvent++,
    investigation_id: inv,
    event_id: String(body.event_id ?? ''),
    event_type: body.event_type ?? 'procstart',
    date_tagged: now,
    start_date: String(body.start_date ?? now),
    unique_id: String(body.unique_id ?? ''),
    process_id: String(body.process_id ?? body.unique_id ?? ''),
    segment_id: Number(body.segment_id ?? 0),
    event_data: body.event_data ?? {},
    tagged_by_user_id: Number(body.tagged_by_user_id ?? 1),
    notes: String(body.notes ?? ''),
  };
  state.taggedEvents.set(doc.id, doc);
  return doc;
}
export const updateTaggedEvent = (state: EmulatorState, id: number, patch: Partial<TaggedEventDocument>) => {
  const d = state.taggedEvents.get(id);
  return d ? assignKnown(d, patch, ['id', 'investigation_id', 'date_tagged']) : undefined;
};
export const deleteTaggedEvent = (state: EmulatorState, id: number) => state.taggedEvents.delete(id);
export const taggedEventsOf = (state: EmulatorState, investigationId: number) =>
  [...state.taggedEvents.values()].filter((t) => t.investigation_id === investigationId);

// ---------------------------------------------------------------------------------------------
// Snapshot / reset

const MUTABLE_KEYS = [
  'info', 'license', 'sensors', 'sensorGroups', 'sites', 'throttleRules', 'teams', 'users', 'userSecrets', 'adminToken',
  'binaries', 'feeds', 'feedActions', 'threatReports', 'watchlists', 'watchlistActions', 'alerts', 'bannedHashes',
  'investigations', 'taggedEvents', 'ingressFilters', 'storagePartitions', 'sensorQueued', 'sensorActivity', 'sensorResources', 'nextIds',
] as const;
type MutableKey = (typeof MUTABLE_KEYS)[number];
export type StateSnapshot = Pick<EmulatorState, MutableKey>;

/** Deep copy of everything mutable (the process store and binary frequencies are read-only). */
export function snapshot(state: EmulatorState): StateSnapshot {
  const out = {} as Record<MutableKey, unknown>;
  for (const k of MUTABLE_KEYS) out[k] = structuredClone(state[k]);
  return out as StateSnapshot;
}

/** Restore a snapshot in place (the state object identity is kept for the server/msw). */
export function reset(state: EmulatorState, snap: StateSnapshot): void {
  const target = state as unknown as Record<MutableKey, unknown>;
  for (const k of MUTABLE_KEYS) target[k] = structuredClone(snap[k]);
}
