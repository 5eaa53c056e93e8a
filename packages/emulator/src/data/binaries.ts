// Binary documents (response.md §4) for every module the estate ran or loaded, the frequency
// numbers behind `/api/v1/process/host/count`, and the file bytes served (zipped by the route)
// from `/api/v1/binary/{md5}`. File bytes are rebuilt on request from the MD5, never stored.

import { iconBase64 } from './png.js';
import type { ColumnProcessStore } from './process-store.js';
import { Rng, hashSeed, hashString } from './rng.js';
import { DAY, solrTime, solrTimeSeconds } from './time.js';
import type { BinaryDocument, BinaryFrequency } from './types.js';
import { expand, type ModuleEntry, type World } from './world.js';

/** Largest file body we synthesise; bigger images report copied_mod_len < orig_mod_len. */
export const MAX_COPIED_LEN = 1 << 20;

interface Usage {
  sensors: number[];
  paths: Set<string>;
  firstSeen: number;
  lastSeen: number;
  processes: number;
}

/** Which sensors ran/loaded each module, from the process table (no events needed). */
function collectUsage(w: World, store: ColumnProcessStore): Map<number, Usage> {
  const usage = new Map<number, Usage>();
  const c = store.cols;
  const touch = (moduleId: number, si: number, path: string, t: number) => {
    let u = usage.get(moduleId);
    if (!u) usage.set(moduleId, (u = { sensors: [], paths: new Set(), firstSeen: t, lastSeen: t, processes: 0 }));
    if (u.sensors[u.sensors.length - 1] !== si) u.sensors.push(si);
    if (u.paths.size < 5) u.paths.add(path);
    u.processes++;
    if (t < u.firstSeen) u.firstSeen = t;
    if (t > u.lastSeen) u.lastSeen = t;
  };
  for (let p = 0; p < store.processCount; p++) {
    const si = c.sensorIdx[p];
    const s = w.sensors[si];
    const prog = w.programs[c.prog[p]];
    const t = c.startMs[p];
    touch(w.programModule[c.prog[p]], si, w.strings[c.path[p]], t);
    for (const key of prog.dlls) {
      const m = w.moduleByKey.get(key);
      if (m) touch(m.id, si, expand(m.spec.path, s.user, s.userSid, 0, ''), t);
    }
  }
  return usage;
}

function iconColour(md5: string): [number, number, number] {
  // a small palette keeps the icon cache tiny on large estates
  const palette: [number, number, number][] = [
    [0x1f, 0x6f, 0xd0],
    [0x2e, 0x9e, 0x5b],
    [0xd0, 0x8a, 0x1f],
    [0x8e, 0x44, 0xad],
    [0xc0, 0x39, 0x2b],
    [0x34, 0x49, 0x5e],
  ];
  return palette[parseInt(md5.slice(0, 2), 16) % palette.length];
}

function binaryDoc(w: World, m: ModuleEntry, u: Usage, partitionId: number, rng: Rng): BinaryDocument {
  const spec = m.spec;
  const md5 = m.md5.toUpperCase();
  const signed = spec.publisher !== null;
  const ms = spec.company === 'Microsoft Corporation';
  const osType = spec.os === 'windows' ? 'Windows' : spec.os === 'osx' ? 'OSX' : 'Linux';
  const noVersionInfo = spec.company === '' && spec.product === '';
  const endpoints = u.sensors.map((si) => `${w.sensors[si].hostname}|${w.sensors[si].id}`);
  const groups = [...new Set(u.sensors.map((si) => w.sensors[si].group))].sort();
  const signTime = u.firstSeen - rng.range(30, 900) * DAY;
  const copied = Math.min(spec.size, MAX_COPIED_LEN);
  const doc = {
    md5,
    original_filename: noVersionInfo ? '' : ms ? spec.name.toUpperCase() : spec.name,
    observed_filename: [...u.paths],
    signed: signed ? 'Signed' : 'Unsigned',
    is_signed: signed,
    digsig_result: signed ? 'Signed' : 'Unsigned',
    digsig_result_code: signed ? '0' : '2148204800',
    digsig_publisher: spec.publisher ?? '',
    digsig_issuer: signed ? (ms ? 'Microsoft Windows Production PCA 2011' : spec.os === 'osx' ? 'Apple Code Signing Certification Authority' : 'DigiCert SHA2 Assured ID Code Signing CA') : '',
    digsig_subject: spec.publisher ?? '',
    digsig_prog_name: signed ? spec.desc || spec.product : '',
    digsig_sign_time: signed ? solrTimeSeconds(signTime) : '',
    company_name: spec.company,
    product_name: spec.product,
    file_version: spec.version,
    product_version: spec.version.split(' ')[0],
    file_desc: spec.desc,
    internal_name: noVersionInfo ? '' : spec.name.replace(/\.(exe|dll|drv)$/, ''),
    legal_copyright: spec.company ? (ms ? '\u00a9 Microsoft Corporation. All rights reserved.' : `Copyright (c) ${spec.company}`) : '',
    legal_trademark: '',
    private_build: '',
    special_build: '',
    comments: '',
    orig_mod_len: spec.size,
    copied_mod_len: copied,
    is_executable_image: spec.exe,
    is_64bit: spec.is64,
    host_count: endpoints.length,
    os_type: osType,
    endpoint: endpoints,
    group: groups,
    server_added_timestamp: solrTime(u.firstSeen + rng.range(2000, 60_000)),
    timestamp: solrTime(u.firstSeen + rng.range(2000, 60_000)),
    last_seen: solrTime(Math.min(w.epochMs, u.lastSeen + rng.range(2000, 60_000))),
    cb_version: 630,
    watchlists: [],
    icon: iconBase64(iconColour(m.md5)),
    event_partition_id: [partitionId],
    facet_id: hashString(md5) % 1_000_000,
  } as BinaryDocument;
  return doc;
}

/** Watchlist and feed tags on binaries (rules with a binary matcher). */
function tagBinary(w: World, m: ModuleEntry, doc: BinaryDocument, hitMs: number): void {
  const tags = doc as unknown as Record<string, unknown>;
  const hit = solrTime(hitMs);
  for (const r of w.rules) {
    if (!r.matchBinary?.(m)) continue;
    if (r.kind === 'watchlist') {
      doc.watchlists.push({ wid: r.watchlistId!, value: hit });
      tags[`watchlist_${r.watchlistId}`] = hit;
    } else {
      const f = r.feedName!;
      tags[`alliance_score_${f}`] = Math.max((tags[`alliance_score_${f}`] as number | undefined) ?? 0, r.score ?? 0);
      tags[`alliance_link_${f}`] ??= r.link;
      ((tags[`alliance_data_${f}`] ??= []) as string[]).push(r.reportId!);
      tags[`alliance_updated_${f}`] = hit;
    }
  }
}

export function buildBinaries(w: World, store: ColumnProcessStore, partitionId: number): { binaries: Map<string, BinaryDocument>; frequency: Map<string, BinaryFrequency> } {
  const usage = collectUsage(w, store);
  const binaries = new Map<string, BinaryDocument>();
  const frequency = new Map<string, BinaryFrequency>();
  const ids = [...usage.keys()].sort((a, b) => a - b);
  for (const id of ids) {
    const m = w.modules[id];
    const u = usage.get(id)!;
    const rng = new Rng(hashSeed(w.seed, 0xb1, id));
    const doc = binaryDoc(w, m, u, partitionId, rng);
    tagBinary(w, m, doc, Math.min(w.epochMs, u.firstSeen + 5 * 60_000));
    binaries.set(doc.md5, doc);
    frequency.set(doc.md5, { hostCount: u.sensors.length, globalCount: u.processes, numDocs: store.rowCount });
  }
  return { binaries, frequency };
}

// ---------------------------------------------------------------------------------------------
// File bytes

function writeAscii(buf: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < s.length && at + i < buf.length; i++) buf[at + i] = s.charCodeAt(i) & 0x7f;
}

/**
 * Deterministic file image for a module: a PE (MZ header, DOS stub, PE signature, COFF header)
 * for Windows, ELF or Mach-O magic otherwise, then pseudo-random sections with the version
 * strings embedded. Length = copied_mod_len.
 */
export function moduleFileBytes(w: World, m: ModuleEntry): Uint8Array {
  const spec = m.spec;
  const len = Math.min(spec.size, MAX_COPIED_LEN);
  const buf = new Uint8Array(len);
  const rng = new Rng(hashSeed(w.seed, 0xf11e, m.id));
  // filler first, headers on top
  for (let i = 0; i + 4 <= len; i += 4) {
    const v = rng.u32();
    buf[i] = v & 0xff;
    buf[i + 1] = (v >>> 8) & 0xff;
    buf[i + 2] = (v >>> 16) & 0xff;
    buf[i + 3] = v >>> 24;
  }
  const dv = new DataView(buf.buffer);
  if (spec.os === 'windows') {
    buf.fill(0, 0, Math.min(len, 0x200));
    writeAscii(buf, 0, 'MZ');
    dv.setUint16(2, 0x90, true);
    dv.setUint16(4, 3, true);
    dv.setUint16(8, 4, true);
    dv.setUint16(0x0c, 0xffff, true);
    dv.setUint16(0x10, 0xb8, true);
    dv.setUint16(0x18, 0x40, true);
    dv.setUint32(0x3c, 0x80, true);
    writeAscii(buf, 0x4e, 'This program cannot be run in DOS mode.\r\r\n$');
    writeAscii(buf, 0x80, 'PE\0\0');
    dv.setUint16(0x84, spec.is64 ? 0x8664 : 0x014c, true);
    dv.setUint16(0x86, 6, true);
    dv.setUint32(0x88, Math.floor(w.epochMs / 1000) - 86400 * 400, true);
    dv.setUint16(0x94, spec.is64 ? 0xf0 : 0xe0, true);
    dv.setUint16(0x96, spec.exe ? 0x0022 : 0x2022, true);
    dv.setUint16(0x98, spec.is64 ? 0x20b : 0x10b, true);
    writeAscii(buf, 0x178, '.text\0\0\0');
    writeAscii(buf, 0x1a0, '.rdata\0\0');
    writeAscii(buf, 0x1c8, '.rsrc\0\0\0');
  } else if (spec.os === 'linux') {
    buf.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0], 0);
  } else {
    buf.set([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1], 0);
  }
  // version resource strings near the end, as in real images
  const strings = [spec.company, spec.desc, spec.product, spec.version, spec.name].filter(Boolean).join('\0');
  if (len > strings.length + 0x400) writeAscii(buf, len - strings.length - 64, strings);
  return buf;
}

/** `metadata` member of the binary zip (CRLF lines as the real server writes). */
export function moduleMetadataText(doc: BinaryDocument): string {
  const t = new Date(Date.parse(doc.server_added_timestamp));
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(t.getUTCMonth() + 1)}/${pad(t.getUTCDate())}/${t.getUTCFullYear()} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  const path = doc.observed_filename[0] ?? doc.original_filename;
  const device = path.replace(/^([a-z]):\\/i, '\\Device\\HarddiskVolume2\\');
  return `Timestamp : ${stamp}\r\nOrigFilename : ${device}\r\n`;
}
