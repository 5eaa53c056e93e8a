// Process identity (response.md §3.1): GUID = sensor id (u32) + pid (u32) + create time as a
// Windows FILETIME (u64, 100-ns ticks since 1601), all big-endian hex, dashed 8-4-4-4-12.
// unique_id = GUID + '-' + segment in hex (12 digits on 6.x, 8 on 5.x).

/** ms between 1601-01-01 and 1970-01-01 */
const EPOCH_DIFF_MS = 11644473600000n;

/** FILETIME ticks for an epoch-ms time plus sub-millisecond ticks (0..9999). */
export function filetime(ms: number, subTicks = 0): bigint {
  return (BigInt(ms) + EPOCH_DIFF_MS) * 10000n + BigInt(subTicks);
}

export function filetimeToMs(ft: bigint): number {
  return Number(ft / 10000n - EPOCH_DIFF_MS);
}

const hex8 = (n: number) => (n >>> 0).toString(16).padStart(8, '0');

export function processGuid(sensorId: number, pid: number, startMs: number, subTicks = 0): string {
  const s = hex8(sensorId);
  const p = hex8(pid);
  const t = filetime(startMs, subTicks).toString(16).padStart(16, '0');
  return `${s}-${p.slice(0, 4)}-${p.slice(4)}-${t.slice(0, 4)}-${t.slice(4)}`;
}

export interface ParsedGuid {
  sensorId: number;
  pid: number;
  /** FILETIME ticks */
  createTime: bigint;
  /** create time in epoch ms (sub-ms ticks dropped) */
  startMs: number;
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parse a 36-char GUID (or the GUID prefix of a unique id); null when malformed. */
export function parseProcessGuid(id: string): ParsedGuid | null {
  const guid = id.slice(0, 36);
  if (!GUID_RE.test(guid)) return null;
  const hex = guid.replaceAll('-', '');
  const createTime = BigInt('0x' + hex.slice(16));
  return {
    sensorId: parseInt(hex.slice(0, 8), 16),
    pid: parseInt(hex.slice(8, 16), 16),
    createTime,
    startMs: filetimeToMs(createTime),
  };
}

export function uniqueId(guid: string, segmentId: number, style: 5 | 6): string {
  return `${guid}-${segmentId.toString(16).padStart(style === 6 ? 12 : 8, '0')}`;
}

/**
 * Split an id as the client does: 36 chars → (guid, undefined); 45 chars (5.x) or 49 chars (6.x)
 * → (first 36 chars, hex after index 38). Anything else → null.
 */
export function splitUniqueId(id: string): { guid: string; segmentId: number | undefined } | null {
  if (id.length === 36) return { guid: id, segmentId: undefined };
  if (id.length === 45 || id.length === 49) {
    const seg = parseInt(id.slice(38), 16);
    return { guid: id.slice(0, 36), segmentId: Number.isNaN(seg) ? undefined : seg };
  }
  return null;
}

/** dotted quad → signed 32-bit big-endian integer (comms_ip / interface_ip / v2 netconn ips) */
export function ipToInt(ip: string): number {
  const [a, b, c, d] = ip.split('.').map(Number);
  return ((a << 24) | (b << 16) | (c << 8) | d) | 0;
}

export function intToIp(n: number): string {
  const u = n >>> 0;
  return `${u >>> 24}.${(u >>> 16) & 255}.${(u >>> 8) & 255}.${u & 255}`;
}
