// Threat intelligence: feeds (abuse.ch-like md5/ip feed, a local "SOC" query feed, VirusTotal
// scores, a disabled feed), their reports, watchlists, actions, alerts and banned hashes.
// Hit rules are fixed before processes are generated so every process carries its tags.

import { EVIL_NET } from './catalog.js';
import { iconBase64 } from './png.js';
import type { ColumnProcessStore } from './process-store.js';
import { Rng, hashSeed } from './rng.js';
import { DAY, HOUR, sensorTime, solrTime } from './time.js';
import type {
  AlertDocument,
  AlertStatus,
  BannedHashDocument,
  BinaryDocument,
  FeedActionDocument,
  FeedDocument,
  SensorGroupDocument,
  ThreatReportDocument,
  WatchlistActionDocument,
  WatchlistDocument,
} from './types.js';
import type { ModuleEntry, TagRule, World } from './world.js';

export const FEED_ABUSECH = 1;
export const FEED_SOC = 2;
export const FEED_VIRUSTOTAL = 3;
export const FEED_ATTACK = 4;

interface WatchlistSpec {
  id: string;
  name: string;
  index: 'events' | 'modules';
  q: string;
  enabled: boolean;
  description: string;
}

const WATCHLISTS: WatchlistSpec[] = [
  { id: '1', name: 'Evil processes', index: 'events', q: 'process_name:evil.exe', enabled: true, description: 'Known-bad process names' },
  { id: '2', name: 'Net command usage', index: 'events', q: 'process_name:net.exe', enabled: true, description: 'net.exe is often used for share mounting and recon' },
  { id: '3', name: 'Encoded PowerShell', index: 'events', q: 'process_name:powershell.exe cmdline:-enc', enabled: true, description: 'PowerShell with an encoded command' },
  { id: '4', name: 'Execution from user temp or public', index: 'events', q: 'path:c:\\users\\*\\appdata\\local\\temp\\* OR path:c:\\users\\public\\*', enabled: true, description: '' },
  { id: '5', name: 'Unsigned binaries', index: 'modules', q: 'digsig_result:Unsigned', enabled: true, description: 'Newly seen unsigned modules' },
  { id: '6', name: 'RDP client usage', index: 'events', q: 'process_name:mstsc.exe', enabled: false, description: 'Disabled after tuning' },
];

/** Percent-encode a `q` value as the console does (space → %20, `/` kept). */
function encodeQ(q: string): string {
  return encodeURIComponent(q).replaceAll('%2F', '/');
}

export interface IntelPlan {
  rules: TagRule[];
  /** report skeletons keyed `${feed}:${id}` (hit counts filled in later) */
  reports: ThreatReportDocument[];
}

const inTemp = (path: string) => path.includes('\\appdata\\local\\temp\\') || path.startsWith('c:\\users\\public\\');

/** Rules and reports; needs module MD5s only. */
export function planIntel(w: World, sensorCount: number): IntelPlan {
  const md5 = (key: string) => w.moduleByKey.get(key)!.md5;
  const rules: TagRule[] = [];
  let bit = 0;
  const wl = (id: string, matchProcess?: TagRule['matchProcess'], matchBinary?: TagRule['matchBinary']) =>
    rules.push({ bit: matchProcess ? bit++ : -1, kind: 'watchlist', watchlistId: id, matchProcess, matchBinary });
  wl('1', (p) => p.name === 'evil.exe');
  wl('2', (p) => p.name === 'net.exe');
  wl('3', (p, cmd) => p.name === 'powershell.exe' && cmd.includes(' -enc '));
  wl('4', (_p, _c, path) => inTemp(path));
  wl('5', undefined, (m) => m.spec.publisher === null);

  const rng = new Rng(hashSeed(w.seed, 0x1e7e1));
  const reports: ThreatReportDocument[] = [];
  const report = (feedId: number, feedName: string, category: string, id: string, title: string, score: number, iocs: ThreatReportDocument['iocs'], ageDays: number, description = ''): ThreatReportDocument => {
    const r: ThreatReportDocument = {
      id,
      feed_id: feedId,
      feed_name: feedName,
      feed_category: category,
      title,
      description,
      score,
      link: feedId === FEED_ABUSECH ? `https://bazaar.abuse.example/sample/${iocs.md5?.[0] ?? id}/` : feedId === FEED_SOC ? `https://wiki.corp.example/soc/intel/${id}` : `https://attack.mitre.example/techniques/${id}`,
      timestamp: Math.floor((w.epochMs - ageDays * DAY) / 1000),
      is_ignored: false,
      is_deleted: false,
      tags: [],
      iocs,
      _internal_id: `${feedId}-${id}`,
      create_time: solrTime(w.epochMs - ageDays * DAY),
      hit_count: 0,
    };
    reports.push(r);
    return r;
  };
  const feedRule = (r: ThreatReportDocument, matchProcess?: TagRule['matchProcess'], matchBinary?: TagRule['matchBinary']) =>
    rules.push({ bit: matchProcess ? bit++ : -1, kind: 'report', feedId: r.feed_id, feedName: r.feed_name.toLowerCase(), reportId: r.id, score: r.score, link: r.link, matchProcess, matchBinary });

  // abuse.ch-like: md5 and network IOCs of the estate's malware, plus unrelated filler
  const ab = (id: string, title: string, score: number, iocs: ThreatReportDocument['iocs'], age: number) => report(FEED_ABUSECH, 'abusech', 'Open Source', id, title, score, iocs, age);
  const evilR = ab('abusech-0001', 'Trojan.Agent evil.exe', 100, { md5: [md5('evil')] }, 20);
  feedRule(evilR, (p) => p.key === 'evil', (m) => m.spec.key === 'evil');
  const svcR = ab('abusech-0002', 'Backdoor svch0st.exe', 90, { md5: [md5('svch0st')] }, 18);
  feedRule(svcR, (p) => p.key === 'svch0st', (m) => m.spec.key === 'svch0st');
  const dllR = ab('abusech-0003', 'Loader evilhelper.dll', 85, { md5: [md5('evilhelper.dll')] }, 18);
  feedRule(dllR, (p) => p.dlls.includes('evilhelper.dll'), (m) => m.spec.key === 'evilhelper.dll');
  const c2R = ab('abusech-0004', 'C2 infrastructure (evil family)', 80, { ipv4: EVIL_NET.map((n) => n.ip), dns: EVIL_NET.map((n) => n.domain) }, 15);
  feedRule(c2R, (p, cmd) => p.key === 'evil' || p.key === 'svch0st' || (p.key === 'certutil' && cmd.includes('evil-updates')));
  const filler = Math.min(200, 6 + Math.floor(sensorCount / 8));
  for (let i = 0; i < filler; i++) ab(`abusech-${String(i + 5).padStart(4, '0')}`, `${rng.pick(['Emotet', 'AgentTesla', 'QakBot', 'RedLine', 'Formbook', 'AsyncRAT'])} sample`, rng.range(40, 100), { md5: [rng.hex(32)] }, rng.range(1, 300));

  // SOC: local query reports (FUZZYWOMBAT is the docs' example title)
  const soc = (id: string, title: string, score: number, index: 'events' | 'modules', q: string, age: number, description: string) =>
    report(FEED_SOC, 'SOC', 'Local', id, title, score, { query: [{ index_type: index, search_query: `cb.urlver=1&q=${encodeQ(q)}` }] }, age, description);
  feedRule(soc('SOC-0001', 'FUZZYWOMBAT', 100, 'events', 'process_name:evil.exe', 30, 'FUZZYWOMBAT campaign dropper'), (p) => p.key === 'evil');
  feedRule(soc('SOC-0002', 'Encoded PowerShell launch', 70, 'events', 'process_name:powershell.exe cmdline:-enc', 60, 'Obfuscated PowerShell'), (p, cmd) => p.name === 'powershell.exe' && cmd.includes(' -enc '));
  feedRule(soc('SOC-0003', 'Certutil download cradle', 75, 'events', 'process_name:certutil.exe cmdline:urlcache', 45, 'LOLBin download'), (p, cmd) => p.key === 'certutil' && cmd.includes('urlcache'));
  feedRule(soc('SOC-0004', 'Local admin group recon', 40, 'events', 'process_name:net.exe cmdline:administrators', 90, 'Discovery'), (p, cmd) => p.name === 'net.exe' && cmd.includes('administrators'));
  soc('SOC-0005', 'Unsigned module in system32', 60, 'modules', 'digsig_result:Unsigned path:c:\\windows\\system32\\*', 120, '');

  // VirusTotal: binary scores only
  const vt = (key: string, score: number) => {
    const m = w.moduleByKey.get(key)!;
    const r = report(FEED_VIRUSTOTAL, 'virustotal', 'Partner', m.md5.toUpperCase(), `VirusTotal detections for ${m.spec.name}`, score, { md5: [m.md5] }, 10);
    r.link = `https://www.virustotal.example/file/${m.md5}`;
    feedRule(r, undefined, (b: ModuleEntry) => b.id === m.id);
  };
  vt('evil', 48);
  vt('svch0st', 37);
  vt('evilhelper.dll', 22);

  // a disabled feed with reports but no hits
  report(FEED_ATTACK, 'attackframework', 'Open Source', 'T1059.001', 'PowerShell', 50, { query: [{ index_type: 'events', search_query: `cb.urlver=1&q=${encodeQ('process_name:powershell.exe')}` }] }, 200);
  report(FEED_ATTACK, 'attackframework', 'Open Source', 'T1003.001', 'LSASS Memory', 90, { query: [{ index_type: 'events', search_query: `cb.urlver=1&q=${encodeQ('crossproc_name:lsass.exe')}` }] }, 200);

  if (bit > 32) throw new Error('too many process tag rules for a 32-bit mask');
  return { rules, reports };
}

function feed(id: number, name: string, display: string, category: string, url: string, provider: string, summary: string, enabled: boolean, colour: [number, number, number], extra: Partial<FeedDocument> = {}): FeedDocument {
  return {
    id,
    name,
    display_name: display,
    feed_url: url,
    provider_url: provider,
    summary,
    tech_data: 'There are no requirements to share any data with Carbon Black to use this feed.',
    category,
    enabled,
    use_proxy: false,
    validate_server_cert: false,
    manually_added: false,
    order: id + 1,
    local_rating: null,
    provider_rating: 3.0,
    username: null,
    password: null,
    ssl_client_crt: null,
    ssl_client_key: null,
    requires: null,
    requires_who: null,
    requires_what: null,
    icon: iconBase64(colour),
    icon_small: iconBase64(colour),
    ...extra,
  };
}

export function buildFeeds(): FeedDocument[] {
  return [
    feed(FEED_ABUSECH, 'abusech', 'abuse.ch Malware Hashes', 'Open Source', 'https://feeds.abuse.example/carbonblack/malware.json', 'https://abuse.ch/', 'Malware MD5s and C2 infrastructure from abuse.ch-style community sharing.', true, [0xc0, 0x39, 0x2b]),
    feed(FEED_SOC, 'SOC', 'SOC Threat Intel', 'Local', 'file:///var/cb/data/feeds/soc.json', 'https://wiki.corp.example/soc', 'Queries maintained by the security operations centre.', true, [0x1f, 0x6f, 0xd0], { manually_added: true, local_rating: 5 }),
    feed(FEED_VIRUSTOTAL, 'virustotal', 'VirusTotal', 'Partner', 'https://api.alliance.carbonblack.example/feed/virustotal', 'https://www.virustotal.example/', 'Multi-engine detection scores for observed binaries.', true, [0x34, 0x49, 0x5e], { provider_rating: 2.0 }),
    feed(FEED_ATTACK, 'attackframework', 'ATT&CK Framework', 'Open Source', 'https://feeds.attack.example/cb/attack.json', 'https://attack.mitre.example/', 'Queries mapped to ATT&CK techniques.', false, [0x8e, 0x44, 0xad]),
  ];
}

export function buildFeedActions(): FeedActionDocument[] {
  return [
    { id: 1, action_type: 3, action_data: '{}', group_id: FEED_ABUSECH, watchlist_id: -1 },
    { id: 2, action_type: 3, action_data: '{}', group_id: FEED_SOC, watchlist_id: -1 },
    { id: 3, action_type: 0, action_data: '{"email_recipients":[1]}', group_id: FEED_SOC, watchlist_id: -1 },
  ];
}

export function buildWatchlistActions(): WatchlistActionDocument[] {
  return [
    { id: 1, action_type: 3, action_data: '{}', watchlist_id: 1 },
    { id: 2, action_type: 0, action_data: '{"email_recipients":[1,2]}', watchlist_id: 1 },
    { id: 3, action_type: 3, action_data: '{}', watchlist_id: 3 },
    { id: 4, action_type: 1, action_data: '{}', watchlist_id: 2 },
  ];
}

export interface HitSummary {
  /** per rule index: processes hit */
  processHits: number[];
  /** per rule index: latest hit time */
  lastHit: number[];
}

/** Count rule hits over the process table and the binaries. */
export function countHits(w: World, store: ColumnProcessStore, binaries: Map<string, BinaryDocument>): HitSummary {
  const processHits = w.rules.map(() => 0);
  const lastHit = w.rules.map(() => 0);
  const c = store.cols;
  for (let p = 0; p < store.processCount; p++) {
    const mask = c.tags[p];
    if (mask === 0) continue;
    const t = store.hitTime(p);
    w.rules.forEach((r, k) => {
      if (r.bit >= 0 && (mask >>> r.bit) & 1) {
        processHits[k]++;
        lastHit[k] = Math.max(lastHit[k], t);
      }
    });
  }
  w.rules.forEach((r, k) => {
    if (!r.matchBinary) return;
    for (const m of w.modules) {
      if (!binaries.has(m.md5.toUpperCase()) || !r.matchBinary(m)) continue;
      processHits[k]++;
      lastHit[k] = Math.max(lastHit[k], Date.parse(binaries.get(m.md5.toUpperCase())!.server_added_timestamp));
    }
  });
  return { processHits, lastHit };
}

export function buildWatchlists(w: World, hits: HitSummary): WatchlistDocument[] {
  const rng = new Rng(hashSeed(w.seed, 0x3a7c));
  return WATCHLISTS.map((spec) => {
    const k = w.rules.findIndex((r) => r.kind === 'watchlist' && r.watchlistId === spec.id);
    const total = k >= 0 ? hits.processHits[k] : 0;
    const last = k >= 0 && total > 0 ? hits.lastHit[k] : 0;
    const added = w.epochMs - rng.range(60, 400) * DAY;
    return {
      id: spec.id,
      name: spec.name,
      search_query: `cb.urlver=1&q=${encodeQ(spec.q)}`,
      index_type: spec.index,
      enabled: spec.enabled,
      description: spec.description,
      readonly: false,
      date_added: sensorTime(added, rng.int(1000)),
      last_hit: last ? sensorTime(last, rng.int(1000)) : '',
      last_hit_count: total > 0 ? Math.max(1, Math.min(total, rng.range(1, 5))) : 0,
      total_hits: String(total),
      total_tags: String(total),
      group_id: -1,
      alliance_id: null,
      from_alliance: false,
      search_timestamp: solrTime(w.epochMs - rng.range(1, 10) * 60_000),
    };
  });
}

export function finishReports(w: World, reports: ThreatReportDocument[], hits: HitSummary): void {
  for (const r of reports) {
    const k = w.rules.findIndex((x) => x.kind === 'report' && x.feedId === r.feed_id && x.reportId === r.id);
    if (k >= 0) r.hit_count = hits.processHits[k];
  }
}

function uuid(rng: Rng): string {
  const h = rng.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[rng.int(4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const STATUSES: AlertStatus[] = ['Unresolved', 'In Progress', 'Resolved', 'False Positive'];

/** Alerts for process hits of alerting watchlists/feeds and for binary hits. */
export function buildAlerts(w: World, store: ColumnProcessStore, binaries: Map<string, BinaryDocument>, groups: Map<number, SensorGroupDocument>, groupIdBySensor: Map<number, number>, feedNames: Map<number, string>, watchlistNames: Map<string, string>): AlertDocument[] {
  const rng = new Rng(hashSeed(w.seed, 0xa1e7));
  const alerting = new Set(['1', '3']); // watchlists with an alert action
  const cap = Math.min(5000, 40 + Math.floor(store.processCount / 40));
  const alerts: AlertDocument[] = [];
  const c = store.cols;
  const hostsPerRule = new Map<number, Set<number>>();
  const candidates: [number, number][] = [];
  for (let p = 0; p < store.processCount && candidates.length < cap; p++) {
    const mask = c.tags[p];
    if (mask === 0) continue;
    w.rules.forEach((r, k) => {
      if (r.bit < 0 || !((mask >>> r.bit) & 1)) return;
      if (r.kind === 'watchlist' && !alerting.has(r.watchlistId!)) return;
      if (r.kind === 'report' && r.feedId !== FEED_ABUSECH && r.feedId !== FEED_SOC) return;
      candidates.push([p, k]);
      let set = hostsPerRule.get(k);
      if (!set) hostsPerRule.set(k, (set = new Set()));
      set.add(c.sensorIdx[p]);
    });
  }
  const status = () => rng.weighted(STATUSES, [50, 20, 20, 10]);
  for (const [p, k] of candidates.slice(0, cap)) {
    const r = w.rules[k];
    const s = w.sensors[c.sensorIdx[p]];
    const created = store.hitTime(p) + rng.range(1000, 30_000);
    const st = status();
    const crit = groups.get(groupIdBySensor.get(s.id) ?? 1)?.alert_criticality ?? 3;
    const score = r.kind === 'watchlist' ? 100 : r.score ?? 50;
    const md5 = store.md5Of(p).toUpperCase();
    const isMd5Ioc = r.kind === 'report' && r.feedId === FEED_ABUSECH && r.reportId !== 'abusech-0004';
    const firstRow = c.firstRow[p];
    alerts.push({
      unique_id: uuid(rng),
      alert_type: r.kind === 'watchlist' ? 'watchlist.hit.query.process' : isMd5Ioc || r.reportId === 'abusech-0004' ? 'watchlist.hit.ingress.process' : 'watchlist.hit.query.process',
      status: st,
      alert_severity: Math.round(score * (crit / 5) * 0.9 * 100) / 100,
      sensor_criticality: crit,
      report_score: score,
      feed_rating: r.kind === 'watchlist' ? 3.0 : r.feedId === FEED_SOC ? 5.0 : 3.0,
      ioc_confidence: r.kind === 'watchlist' ? 0.5 : 1.0,
      feed_name: r.kind === 'watchlist' ? 'My Watchlists' : feedNames.get(r.feedId!) ?? '',
      feed_id: r.kind === 'watchlist' ? -1 : r.feedId!,
      hostname: s.hostname,
      sensor_id: s.id,
      md5,
      os_type: s.osType,
      created_time: solrTime(Math.min(w.epochMs, created)),
      ioc_attr: isMd5Ioc ? { md5: md5.toLowerCase() } : r.reportId === 'abusech-0004' ? { ipv4: '185.220.101.47', direction: 'outbound', port: 443 } : { highlights: [`PREPREPRE${store.nameOf(p)}POSTPOSTPOST`] },
      ioc_type: isMd5Ioc ? 'md5' : r.reportId === 'abusech-0004' ? 'ipv4' : 'query',
      ioc_value: isMd5Ioc ? md5.toLowerCase() : r.reportId === 'abusech-0004' ? '185.220.101.47' : `process_name:${store.nameOf(p)}`,
      process_id: store.guidOf(p),
      segment_id: c.segmentId[firstRow],
      watchlist_id: r.kind === 'watchlist' ? r.watchlistId! : '',
      watchlist_name: r.kind === 'watchlist' ? watchlistNames.get(r.watchlistId!) ?? '' : '',
      process_name: store.nameOf(p),
      process_path: store.pathOf(p),
      username: store.usernameOf(p),
      assigned_to: st === 'Unresolved' ? '' : rng.pick(['admin', 'analyst']),
      is_ignored: st === 'False Positive' && rng.chance(0.5),
      total_hosts: String(hostsPerRule.get(k)?.size ?? 1),
      resolved_time: st === 'Resolved' || st === 'False Positive' ? solrTime(Math.min(w.epochMs, created + rng.range(1, 48) * HOUR)) : null,
      ...(r.kind === 'report' ? { report_id: r.reportId! } : {}),
      group: s.group,
      interface_ip: s.interfaceIp,
      comms_ip: s.commsIp,
    });
  }
  // binary hits: unsigned-binaries watchlist is not alerting; md5 feed hits on binaries are
  for (const r of w.rules) {
    if (r.kind !== 'report' || r.feedId !== FEED_ABUSECH || !r.matchBinary) continue;
    for (const m of w.modules) {
      const doc = binaries.get(m.md5.toUpperCase());
      if (!doc || !r.matchBinary(m)) continue;
      const [host, sid] = (doc.endpoint[0] ?? '|0').split('|');
      const st = status();
      const created = Date.parse(doc.server_added_timestamp) + rng.range(60_000, 600_000);
      alerts.push({
        unique_id: uuid(rng),
        alert_type: 'watchlist.hit.ingress.binary',
        status: st,
        alert_severity: Math.round((r.score ?? 50) * 0.6 * 100) / 100,
        sensor_criticality: 3,
        report_score: r.score ?? 50,
        feed_rating: 3.0,
        ioc_confidence: 1.0,
        feed_name: feedNames.get(r.feedId!) ?? '',
        feed_id: r.feedId!,
        hostname: host,
        sensor_id: Number(sid),
        md5: doc.md5,
        os_type: doc.os_type.toLowerCase(),
        created_time: solrTime(Math.min(w.epochMs, created)),
        ioc_attr: { md5: m.md5 },
        ioc_type: 'md5',
        ioc_value: m.md5,
        process_id: '',
        segment_id: 0,
        watchlist_id: '',
        watchlist_name: '',
        process_name: '',
        process_path: doc.observed_filename[0] ?? '',
        username: '',
        assigned_to: st === 'Unresolved' ? '' : 'admin',
        is_ignored: false,
        total_hosts: String(doc.host_count),
        resolved_time: st === 'Resolved' || st === 'False Positive' ? solrTime(Math.min(w.epochMs, created + 4 * HOUR)) : null,
        report_id: r.reportId!,
        group: doc.group[0] ?? '',
        interface_ip: 0,
        comms_ip: 0,
      });
    }
  }
  return alerts;
}

export function buildBannedHashes(w: World, evilSensor: { id: number; hostname: string } | undefined): BannedHashDocument[] {
  const rng = new Rng(hashSeed(w.seed, 0xba2));
  const md5 = (key: string) => w.moduleByKey.get(key)!.md5;
  const t1 = w.epochMs - 12 * DAY;
  const t2 = w.epochMs - 9 * DAY;
  const t3 = w.epochMs - 200 * DAY;
  const audit = (t: number, text: string, enabled: boolean) => ({ username: 'admin', timestamp: sensorTime(t, rng.int(1000)), text, enabled, user_id: 1 });
  return [
    {
      md5hash: md5('evil'),
      text: 'Known malware - evil.exe (FUZZYWOMBAT)',
      enabled: true,
      username: 'admin',
      user_id: 1,
      timestamp: sensorTime(t1, rng.int(1000)),
      block_count: evilSensor ? 3 : 0,
      last_block_time: evilSensor ? sensorTime(t1 + 2 * DAY, rng.int(1000)) : null,
      last_block_sensor_id: evilSensor?.id ?? null,
      last_block_hostname: evilSensor?.hostname ?? null,
      audit: [audit(t1, 'Known malware - evil.exe (FUZZYWOMBAT)', true)],
    },
    {
      md5hash: md5('svch0st'),
      text: 'Backdoor masquerading as svchost',
      enabled: true,
      username: 'admin',
      user_id: 1,
      timestamp: sensorTime(t2, rng.int(1000)),
      block_count: 0,
      last_block_time: null,
      last_block_sensor_id: null,
      last_block_hostname: null,
      audit: [audit(t2, 'Backdoor masquerading as svchost', true)],
    },
    {
      md5hash: rng.hex(32),
      text: '',
      enabled: false,
      username: 'admin',
      user_id: 1,
      timestamp: sensorTime(t3, rng.int(1000)),
      block_count: 0,
      last_block_time: null,
      last_block_sensor_id: null,
      last_block_hostname: null,
      audit: [audit(t3, 'Test ban', true), audit(t3 + DAY, '', false)],
    },
  ];
}
