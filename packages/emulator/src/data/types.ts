// The emulator's in-memory state. Every `*Document` type is exactly the JSON a real Cb Response
// (6.x) server returns for that object (reference: response.md), so routes can serialise them
// as-is. Emulator-only bookkeeping lives outside the documents (ids, secrets, indexes).

/** Solr time: `YYYY-MM-DDTHH:MM:SS.mmmZ` (process/binary/alert/watchlist documents). */
export type SolrTime = string;
/** Sensor time: `YYYY-MM-DD HH:MM:SS.ffffff+00:00` (sensor documents, as the 6.2 server). */
export type SensorTime = string;

export type ScaleName = 'small' | 'medium' | 'large';
export type Scale = ScaleName | { sensors: number; processesPerSensor: number };

export interface CreateStateOptions {
  seed: number;
  scale: Scale;
  /** `/api/info` version; decides segment-id style (6.x epoch-ms ids vs 5.x 1,2,3). Default 6.3.0.x. */
  serverVersion?: string;
  /** auth_token of the generated `admin` user; default derived from the seed (40 hex digits) */
  adminToken?: string;
}

// ---------------------------------------------------------------------------------------------
// Server-level documents (§1)

export interface ServerInfo {
  version: string;
  version_release: string;
  cblrEnabled: boolean;
  banningEnabled: boolean;
  processPageSize: number;
  binaryPageSize: number;
  maxSearchResultRows: number;
  searchExportCount: number;
  liveResponseAutoAttach: boolean;
  linuxInstallerExists: boolean;
  osxInstallerExists: boolean;
  vdiGloballyEnabled: boolean;
  cloud_install: boolean;
  features: { immutable_documents: boolean; event_exclusions: boolean; thirdparty_sharing: boolean; ipv6_support: boolean };
  user_preferences: Record<string, string | boolean | number>;
  timestampDeltaThreshold: number;
  maxRowsSolrReportQuery: number;
  processOrder: string;
  binaryOrder: string;
}

/** `GET /api/license` (the SDK reads `license_request_block`) and the older `/api/v1/license` fields. */
export interface LicenseInfo {
  license_valid: boolean;
  license_end_date: string;
  licensed_sensor_count: number;
  server_token: string;
  license_expired: boolean;
  licensed_sensor_count_exceeded: boolean;
  actual_sensor_count: number;
  license_request_block: string;
}

// ---------------------------------------------------------------------------------------------
// Sensors, groups, sites, throttle rules (§5, §6)

export interface SensorDocument {
  id: number;
  computer_name: string;
  computer_dns_name: string;
  computer_sid: string;
  os_environment_display_string: string;
  os_environment_id: number;
  /** 1 Windows, 2 OS X, 3 Linux */
  os_type: number;
  build_id: number;
  build_version_string: string;
  status: 'Online' | 'Offline' | 'Uninstall Pending' | 'Uninstalled';
  is_isolating: boolean;
  network_isolation_enabled: boolean;
  supports_isolation: boolean;
  supports_cblr: boolean;
  supports_2nd_gen_modloads: boolean;
  /** `ip,mac|ip,mac|` (trailing pipe, mac as 12 hex digits) */
  network_adapters: string;
  group_id: number;
  last_checkin_time: SensorTime;
  next_checkin_time: SensorTime;
  registration_time: SensorTime;
  last_update: SensorTime;
  license_expiration: SensorTime;
  event_log_flush_time: SensorTime | null;
  restart_queued: boolean;
  uninstall: boolean;
  uninstalled: boolean | null;
  notes: string | null;
  display: boolean;
  boot_id: string;
  cookie: number;
  clock_delta: string;
  uptime: string;
  sensor_uptime: string;
  physical_memory_size: string;
  systemvolume_total_size: string;
  systemvolume_free_size: string;
  num_eventlog_bytes: string;
  num_storefiles_bytes: string;
  sensor_health_status: number;
  sensor_health_message: string;
  power_state: number;
  node_id: number;
  shard_id: number;
  parity_host_id: string;
  emet_version: string;
  emet_dump_flags: string;
  emet_exploit_action: string;
  emet_is_gpo: boolean;
  emet_process_count: number;
  emet_report_setting: string;
  emet_telemetry_path: string;
}

/** `GET /api/v1/sensor/{id}/queued` item (docs example shape). */
export interface SensorQueuedStat {
  id: string;
  sensor_id: number;
  timestamp: SensorTime;
  num_eventlog_bytes: string;
  num_eventlogs: string;
  num_storefile_bytes: string;
  num_storefiles: number;
}

/** `GET /api/v1/sensor/{id}/activity` item (shape not in the reference; plausible check-in record). */
export interface SensorActivityStat {
  id: string;
  sensor_id: number;
  timestamp: SensorTime;
  status: string;
  num_eventlog_bytes: string;
  num_storefile_bytes: string;
  checkin_ip: string;
}

/** `GET /api/v1/sensor/{id}/resourcestatus` item (shape not in the reference; plausible). */
export interface SensorResourceStatus {
  id: string;
  sensor_id: number;
  timestamp: SensorTime;
  page_faults: number;
  commit_charge: number;
  handle_count: number;
  thread_count: number;
  working_set: number;
}

export interface TeamAccess {
  team_id: number;
  team_name: string;
  access_category: 'No Access' | 'Viewer' | 'Administrator';
}

export interface SensorGroupDocument {
  id: number;
  name: string;
  site_id: number;
  sensorbackend_server: string;
  sensor_exe_name: string;
  sensor_version: string;
  datastore_server: string | null;
  alert_criticality: number;
  tamper_level: number;
  max_licenses: number;
  banning_enabled: boolean;
  collect_emet_events: boolean;
  collect_filemods: boolean;
  collect_filewritemd5s: boolean;
  collect_cross_procs: boolean;
  collect_moduleinfo: boolean;
  collect_moduleloads: boolean;
  collect_netconns: boolean;
  collect_nonbinary_filewrites: boolean;
  collect_processes: boolean;
  collect_regmods: boolean;
  collect_storefiles: boolean;
  collect_usercontext: boolean;
  filter_known_dlls: boolean;
  process_filter_level: number;
  quota_eventlog_bytes: string;
  quota_eventlog_percent: number;
  quota_storefile_bytes: string;
  quota_storefile_percent: number;
  vdi_enabled: boolean;
  team_access: TeamAccess[];
}

export interface SiteDocument {
  id: number;
  name: string;
}

export interface ThrottleRuleDocument {
  id: number;
  site_id: number;
  day_of_week: number;
  from: string;
  to: string;
  bytes_per_second: number;
}

// ---------------------------------------------------------------------------------------------
// Teams and users (§7)

export interface GroupAccess {
  group_id: number;
  group_name: string;
  access_category: 'No Access' | 'Viewer' | 'Administrator';
}

export interface TeamDocument {
  id: number;
  name: string;
  group_access: GroupAccess[];
}

export interface UserDocument {
  username: string;
  first_name: string;
  last_name: string;
  email: string;
  global_admin: boolean;
  teams: { id: number; name: string }[];
  auth_token: string;
}

/** Emulator-only: what a user may do. Never serialised. */
export type UserRole = 'admin' | 'read-only';
export interface UserSecret {
  password: string;
  role: UserRole;
}

// ---------------------------------------------------------------------------------------------
// Processes (§3)

/** One search row = one process segment. Field names/types as the 6.x search API returns them. */
export interface ProcessCoreFields {
  /** process GUID (36 chars) */
  id: string;
  /** `<guid>-<segment hex>` (12 hex digits on 6.x, 8 on 5.x) */
  unique_id: string;
  segment_id: number;
  process_name: string;
  process_md5: string;
  path: string;
  cmdline: string;
  username: string;
  hostname: string;
  sensor_id: number;
  group: string;
  host_type: 'workstation' | 'server' | 'domain_controller';
  os_type: 'windows' | 'osx' | 'linux';
  process_pid: number;
  parent_pid: number;
  parent_name: string;
  /** parent unique id (`<guid>-<seg hex>`); '' for roots */
  parent_unique_id: string;
  /** parent GUID; '' for roots */
  parent_id: string;
  parent_md5: string;
  start: SolrTime;
  last_update: SolrTime;
  last_server_update: SolrTime;
  min_last_update: SolrTime;
  max_last_update: SolrTime;
  min_last_server_update: SolrTime;
  max_last_server_update: SolrTime;
  /** only on terminated processes */
  end?: SolrTime;
  terminated: boolean;
  modload_count: number;
  filemod_count: number;
  regmod_count: number;
  netconn_count: number;
  childproc_count: number;
  crossproc_count: number;
  emet_count: number;
  processblock_count: number;
  /** signed 32-bit big-endian IPv4 */
  comms_ip: number;
  interface_ip: number;
  filtering_known_dlls: boolean;
  emet_config: string;
  /** watchlist hits on this process: `{wid, value (hit time), segments_hit}` */
  watchlists?: { wid: string; value: SolrTime; segments_hit: number[] }[];
}

/** Tag fields: `alliance_score_<feed>` (number), `alliance_link_<feed>`, `alliance_data_<feed>` (string[]),
 *  `alliance_updated_<feed>`, and `watchlist_<id>` (hit time). */
export type ProcessTagFields = { [k: `alliance_${string}`]: number | string | string[] } & {
  [k: `watchlist_${string}`]: SolrTime;
};

export type ProcessDocument = ProcessCoreFields & ProcessTagFields;

/** Row index into the process store (one per segment). */
export type RowIndex = number;
/** Process index (one per process, all segments). */
export type ProcIndex = number;

/**
 * Compact, read-mostly process store. Search rows are materialised on demand (`row(i)` builds a
 * fresh object each call) so large estates stay memory-lean. Rows are ordered by sensor, then
 * process start, then segment.
 */
export interface ProcessStore {
  readonly processCount: number;
  /** total number of search rows (segments) */
  readonly rowCount: number;
  /** Materialise search row `i` (0..rowCount-1). */
  row(i: RowIndex): ProcessDocument;
  /** Iterate all rows (fresh objects). */
  rows(): IterableIterator<ProcessDocument>;
  /** Fast single-field read without materialising the row (undefined if the row lacks it). */
  field(i: RowIndex, name: string): unknown;
  /** Process index for a GUID (36 chars; a 45/49-char unique id is accepted too), -1 if unknown. */
  indexOf(guid: string): ProcIndex;
  /** Row indices of a process, in segment order. */
  rowsOf(p: ProcIndex): RowIndex[];
  /** Row for (guid, segment id); segment 0 (6.x) / 1 (5.x) = the first segment. -1 if unknown. */
  findRow(guid: string, segmentId: number): RowIndex;
  processOfRow(i: RowIndex): ProcIndex;
  guidOf(p: ProcIndex): string;
  /** Parent process index, -1 for roots. */
  parentOf(p: ProcIndex): ProcIndex;
  /** Child process indices in start order. */
  childrenOf(p: ProcIndex): ProcIndex[];
  /** Processes of one sensor. */
  processesOfSensor(sensorId: number): ProcIndex[];
}

// ---------------------------------------------------------------------------------------------
// Events (§3.3). Structured form; `encodeEvents` turns them into each API version's wire format.

/** Event time, epoch milliseconds (sensor-local time is treated as UTC). */
export type EventTime = number;

export interface ModloadEvent {
  timestamp: EventTime;
  /** lower-case hex */
  md5: string;
  path: string;
}

export interface FilemodEvent {
  timestamp: EventTime;
  /** 1 CreatedFile, 2 FirstWrote, 4 Deleted, 8 LastWrote */
  action: 1 | 2 | 4 | 8;
  path: string;
  /** set for LastWrote of executables, else '' */
  md5: string;
  /** 1 PE, 2 ELF, 3 MachO, 8 EICAR, 16 DOC, 17 DOCX, 48 PDF, 64 ZIP, ...; null = unknown (empty field) */
  filetype: number | null;
  tamper: boolean;
}

export interface RegmodEvent {
  timestamp: EventTime;
  /** 1 CreatedKey, 2 FirstWrote, 4 DeletedKey, 8 DeletedValue */
  action: 1 | 2 | 4 | 8;
  path: string;
  tamper: boolean;
}

export interface NetconnEvent {
  timestamp: EventTime;
  /** dotted quads */
  remoteIp: string;
  remotePort: number;
  localIp: string;
  localPort: number;
  proxyIp: string;
  proxyPort: number;
  /** 6 TCP, 17 UDP */
  proto: 6 | 17;
  domain: string;
  outbound: boolean;
}

export interface ChildprocEvent {
  timestamp: EventTime;
  /** child's unique id (`<guid>-<first segment hex>`) */
  childUniqueId: string;
  /** child's GUID */
  childGuid: string;
  md5: string;
  path: string;
  pid: number;
  /** true = start event, false = end event */
  started: boolean;
  tamper: boolean;
  suppressed: boolean;
  cmdline: string;
  username: string;
}

export interface CrossprocEvent {
  timestamp: EventTime;
  kind: 'ProcessOpen' | 'RemoteThread';
  /** 1 process handle, 2 thread handle (ProcessOpen only; RemoteThread uses 0) */
  subtype: 0 | 1 | 2;
  /** the other process's unique id */
  otherUniqueId: string;
  otherMd5: string;
  otherPath: string;
  /** requested access mask */
  access: number;
  tamper: boolean;
  /** true: this process is the target of the other process's open/injection */
  isTarget: boolean;
}

export interface SegmentEvents {
  modload: ModloadEvent[];
  filemod: FilemodEvent[];
  regmod: RegmodEvent[];
  netconn: NetconnEvent[];
  childproc: ChildprocEvent[];
  crossproc: CrossprocEvent[];
}

/** Event API path version: `/api/v{n}/process/{guid}/{segment}/event`. */
export type EventApiVersion = 1 | 2 | 3 | 4 | 5;

export interface NetconnObjectV2 {
  timestamp: string;
  direction: 'true' | 'false';
  remote_ip: number;
  local_ip: number;
  proxy_ip: number;
  remote_port: number;
  local_port: number;
  proxy_port: number;
  proto: number;
  domain: string;
}
export interface NetconnObjectV4 extends Omit<NetconnObjectV2, 'remote_ip' | 'local_ip' | 'proxy_ip'> {
  remote_ip: string;
  local_ip: string;
  proxy_ip: string;
}
export interface ChildprocObject {
  processId: string;
  md5: string;
  path: string;
  pid: number;
  type: 'start' | 'end';
  start?: string;
  end?: string;
  is_tampered: boolean;
  is_suppressed: boolean;
  commandLine: string;
  userName: string;
}

/** The `*_complete` lists of an event response, in the wire format of one API version. */
export interface EncodedEvents {
  modload_complete: string[];
  filemod_complete: string[];
  regmod_complete: string[];
  netconn_complete: (string | NetconnObjectV2 | NetconnObjectV4)[];
  childproc_complete: (string | ChildprocObject)[];
  crossproc_complete: string[];
}

// ---------------------------------------------------------------------------------------------
// Binaries (§4)

export interface BinaryWatchlistHit {
  wid: string;
  value: SolrTime;
}

export interface BinaryCoreFields {
  /** upper-case */
  md5: string;
  original_filename: string;
  observed_filename: string[];
  /** 'Signed' | 'Unsigned' (mirrors digsig_result) */
  signed: string;
  is_signed: boolean;
  digsig_result: 'Signed' | 'Unsigned' | 'Expired' | 'Bad Signature' | 'Invalid Signature' | 'Invalid Chain' | 'Untrusted Root' | 'Explicit Distrust';
  digsig_result_code: string;
  digsig_publisher: string;
  digsig_issuer: string;
  digsig_subject: string;
  digsig_prog_name: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` or '' when unsigned */
  digsig_sign_time: string;
  company_name: string;
  product_name: string;
  file_version: string;
  product_version: string;
  file_desc: string;
  internal_name: string;
  legal_copyright: string;
  legal_trademark: string;
  private_build: string;
  special_build: string;
  comments: string;
  orig_mod_len: number;
  copied_mod_len: number;
  is_executable_image: boolean;
  is_64bit: boolean;
  host_count: number;
  os_type: 'Windows' | 'OSX' | 'Linux';
  /** `<hostname>|<sensor id>` */
  endpoint: string[];
  /** sensor group names */
  group: string[];
  server_added_timestamp: SolrTime;
  timestamp: SolrTime;
  last_seen: SolrTime;
  cb_version: number;
  watchlists: BinaryWatchlistHit[];
  /** base64 PNG */
  icon: string;
  event_partition_id: number[];
  facet_id: number;
}
export type BinaryDocument = BinaryCoreFields & { [k: `alliance_${string}`]: number | string | string[] } & {
  [k: `watchlist_${string}`]: SolrTime;
};

/** `GET /api/v1/process/host/count?...&md5=` */
export interface BinaryFrequency {
  hostCount: number;
  globalCount: number;
  numDocs: number;
}

// ---------------------------------------------------------------------------------------------
// Feeds, reports, watchlists, actions (§8, §9, §12)

export interface FeedDocument {
  id: number;
  name: string;
  display_name: string;
  feed_url: string;
  provider_url: string;
  summary: string;
  tech_data: string;
  category: string;
  enabled: boolean;
  use_proxy: boolean;
  validate_server_cert: boolean;
  manually_added: boolean;
  order: number;
  local_rating: number | null;
  provider_rating: number;
  username: string | null;
  password: string | null;
  ssl_client_crt: string | null;
  ssl_client_key: string | null;
  requires: string | null;
  requires_who: string | null;
  requires_what: string | null;
  icon: string;
  icon_small: string;
}

/** Action types: 0 email, 1 syslog, 2 http_post, 3 alert. */
export interface FeedActionDocument {
  id: number;
  action_type: number;
  /** JSON text */
  action_data: string;
  group_id: number;
  watchlist_id: number | null;
}

export interface WatchlistActionDocument {
  id: number;
  action_type: number;
  action_data: string;
  watchlist_id: number;
}

export interface ThreatReportIocs {
  md5?: string[];
  ipv4?: string[];
  dns?: string[];
  query?: { index_type: 'events' | 'modules'; search_query: string }[];
}

export interface ThreatReportDocument {
  /** report id (unique within its feed) */
  id: string;
  feed_id: number;
  feed_name: string;
  feed_category: string;
  title: string;
  description: string;
  score: number;
  link: string;
  /** epoch seconds */
  timestamp: number;
  is_ignored: boolean;
  is_deleted: boolean;
  tags: string[];
  iocs: ThreatReportIocs;
  _internal_id: string;
  create_time: SolrTime;
  hit_count: number;
}

export interface WatchlistDocument {
  /** a string on real servers */
  id: string;
  name: string;
  search_query: string;
  index_type: 'events' | 'modules';
  enabled: boolean;
  description: string;
  readonly: boolean;
  date_added: string;
  last_hit: string;
  last_hit_count: number;
  total_hits: string;
  total_tags: string;
  group_id: number;
  alliance_id: string | null;
  from_alliance: boolean;
  search_timestamp: SolrTime;
}

// ---------------------------------------------------------------------------------------------
// Alerts, banning (§10, §11)

export type AlertStatus = 'Unresolved' | 'In Progress' | 'Resolved' | 'False Positive';

export interface AlertDocument {
  unique_id: string;
  alert_type: string;
  status: AlertStatus;
  alert_severity: number;
  sensor_criticality: number;
  report_score: number;
  feed_rating: number;
  ioc_confidence: number;
  feed_name: string;
  feed_id: number;
  hostname: string;
  sensor_id: number;
  md5: string;
  os_type: string;
  created_time: SolrTime;
  /** what matched (e.g. `{"highlights": [...]}` for query hits, `{"md5": ...}` for md5 IOCs) */
  ioc_attr: Record<string, unknown>;
  ioc_type: string;
  ioc_value: string;
  process_id: string;
  segment_id: number;
  watchlist_id: string;
  watchlist_name: string;
  process_name: string;
  process_path: string;
  username: string;
  assigned_to: string;
  is_ignored: boolean;
  total_hosts: string;
  resolved_time: SolrTime | null;
  report_id?: string;
  group: string;
  interface_ip: number;
  comms_ip: number;
}

export interface BannedHashAuditEntry {
  username: string;
  timestamp: SensorTime;
  text: string;
  enabled: boolean;
  user_id: number;
}

export interface BannedHashDocument {
  /** lower-case */
  md5hash: string;
  text: string;
  enabled: boolean;
  username: string;
  user_id: number;
  timestamp: SensorTime;
  block_count: number;
  last_block_time: SensorTime | null;
  last_block_sensor_id: number | null;
  last_block_hostname: string | null;
  audit: BannedHashAuditEntry[];
}

// ---------------------------------------------------------------------------------------------
// Investigations (§13), ingress filters (§14), storage partitions (§15)

export interface InvestigationDocument {
  id: number;
  created_by_user_id: number;
  date_started: SolrTime;
  last_updated: SolrTime;
  name: string;
  notes: string;
}

export interface TaggedEventDocument {
  id: number;
  investigation_id: number;
  event_id: string;
  event_type: 'filemod' | 'regmod' | 'netconn' | 'modload' | 'childproc' | 'crossproc' | 'procstart';
  date_tagged: SolrTime;
  start_date: SolrTime;
  /** process GUID */
  unique_id: string;
  process_id: string;
  segment_id: number;
  event_data: Record<string, unknown>;
  tagged_by_user_id: number;
  notes: string;
}

export interface IngressFilterDocument {
  id: string;
  name: string;
  description: string;
  create_timestamp: SolrTime;
  modify_timestamp: SolrTime;
  create_user_id: number;
  modify_user_id: number;
  version: number;
  priority: number;
  internal: boolean;
  enabled: boolean;
  filter_on_sensor: boolean;
  filter_on_server: boolean;
  track_metrics: boolean;
  hit_rate: number;
  os_mask: number;
  global: boolean;
  group_ids: number[];
  sensor_ids: number[];
  path_filters: string[];
  command_line_filters: string[];
  md5_filters: string[];
  descendant_filtering_level: number;
  filter_all_events: boolean;
  regmod_filters: string[];
  modload_filters: string[];
  filemod_filters: string[];
  non_binary_filemod_filters: string[];
  netconn_filters: string[];
  crossproc_filters: string[];
}

export interface StoragePartitionDocument {
  name: string;
  status: 'hot' | 'warm' | 'cold' | 'deleted';
  info: {
    sizeInBytes: number;
    startDate: string;
    endDate: string | null;
    partitionId: number;
    deletedDocs: number;
    maxDoc: number;
    numDocs: number;
    segmentCount: number;
    userMounted: boolean;
    isLegacy: boolean;
    dir: string;
    schema: string;
  };
}

// ---------------------------------------------------------------------------------------------
// The state

/** Next ids handed out by the mutation helpers (deterministic: plain counters). */
export interface IdCounters {
  sensorGroup: number;
  site: number;
  team: number;
  feed: number;
  feedAction: number;
  watchlist: number;
  watchlistAction: number;
  investigation: number;
  taggedEvent: number;
  throttleRule: number;
  /** used to build alert unique ids and other opaque ids */
  opaque: number;
}

export interface GenerationStats {
  generationMs: number;
  sensors: number;
  processes: number;
  processRows: number;
  binaries: number;
  alerts: number;
  threatReports: number;
  watchlists: number;
}

export interface EmulatorState {
  readonly seed: number;
  /** the fixed "now" of this dataset (epoch ms), derived from the seed; all timestamps are before it */
  readonly epochMs: number;
  /** 6 for 6.x segment ids (epoch ms, 12-hex unique-id suffix), 5 for 5.x (1,2,3; 8-hex suffix) */
  readonly segmentStyle: 5 | 6;
  info: ServerInfo;
  license: LicenseInfo;
  /** keyed by id / name / md5, insertion order = generation order */
  sensors: Map<number, SensorDocument>;
  sensorGroups: Map<number, SensorGroupDocument>;
  sites: Map<number, SiteDocument>;
  throttleRules: Map<number, ThrottleRuleDocument>;
  teams: Map<number, TeamDocument>;
  users: Map<string, UserDocument>;
  userSecrets: Map<string, UserSecret>;
  /** emulator admin token (the admin user's auth_token) */
  adminToken: string;
  processes: ProcessStore;
  /** key: upper-case MD5 */
  binaries: Map<string, BinaryDocument>;
  /** key: upper-case MD5 */
  binaryFrequency: Map<string, BinaryFrequency>;
  feeds: Map<number, FeedDocument>;
  feedActions: Map<number, FeedActionDocument>;
  /** key: `${feed_id}:${report id}` */
  threatReports: Map<string, ThreatReportDocument>;
  /** key: watchlist id (string) */
  watchlists: Map<string, WatchlistDocument>;
  watchlistActions: Map<number, WatchlistActionDocument>;
  /** key: alert unique_id */
  alerts: Map<string, AlertDocument>;
  /** key: lower-case MD5 */
  bannedHashes: Map<string, BannedHashDocument>;
  investigations: Map<number, InvestigationDocument>;
  taggedEvents: Map<number, TaggedEventDocument>;
  /** key: filter id */
  ingressFilters: Map<string, IngressFilterDocument>;
  /** key: partition name */
  storagePartitions: Map<string, StoragePartitionDocument>;
  /** per-sensor stats lists (`/queued`, `/activity`, `/resourcestatus`) */
  sensorQueued: Map<number, SensorQueuedStat[]>;
  sensorActivity: Map<number, SensorActivityStat[]>;
  sensorResources: Map<number, SensorResourceStatus[]>;
  nextIds: IdCounters;
  stats: GenerationStats;
}
