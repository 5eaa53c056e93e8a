// Process identity (response.md §3.1). A GUID `SSSSSSSS-PPPP-PPPP-TTTT-TTTTTTTTTTTT` packs the
// sensor id (u32), the pid (u32) and the create time (u64 Windows FILETIME), big-endian hex.
// A unique id is `<guid>-<segment hex>`: 45 chars on 5.x (8 hex digits), 49 on 6.x (12).

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT_SUFFIX = /^-[0-9a-f]{8}(?:[0-9a-f]{4})?$/i;

/** Milliseconds between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

export interface ProcessIdParts {
  /** The 36-character GUID. */
  readonly guid: string;
  /** The segment, when the id carried one (45/49-character unique ids). */
  readonly segment: number | undefined;
}

export function isProcessGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * Splits a GUID or unique id. 45-character ids are read on every server version; 49-character
 * ones too (cbapi only did so on 6.x; a 49-char id is unambiguous, so we always accept it).
 * Undefined when the text is neither.
 */
export function parseProcessId(id: string): ProcessIdParts | undefined {
  const text = id.trim();
  const guid = text.slice(0, 36);
  if (!GUID.test(guid)) return undefined;
  if (text.length === 36) return { guid: guid.toLowerCase(), segment: undefined };
  const suffix = text.slice(36);
  if (!SEGMENT_SUFFIX.test(suffix)) return undefined;
  return { guid: guid.toLowerCase(), segment: Number.parseInt(suffix.slice(1), 16) };
}

/** `<guid>-<segment hex>` with 12 hex digits (6.x) or 8 (5.x). */
export function formatUniqueId(guid: string, segment: number, sixDigits: boolean): string {
  return `${guid}-${segment.toString(16).padStart(sixDigits ? 12 : 8, '0')}`;
}

/** First five dash-separated groups: a unique id without its segment suffix. */
export function guidOf(id: string): string {
  return id.split('-').slice(0, 5).join('-');
}

export interface GuidFacts {
  readonly sensorId: number;
  readonly pid: number;
  /** Process create time (UTC), from the FILETIME in the GUID. */
  readonly start: Date;
}

/** Sensor id, pid and create time encoded in a GUID (undefined when it is not one). */
export function guidFacts(id: string): GuidFacts | undefined {
  const guid = id.slice(0, 36);
  if (!GUID.test(guid)) return undefined;
  const hex = guid.replaceAll('-', '');
  const ticks = BigInt(`0x${hex.slice(16, 32)}`);
  return {
    sensorId: Number.parseInt(hex.slice(0, 8), 16),
    pid: Number.parseInt(hex.slice(8, 16), 16),
    start: new Date(Number(ticks / 10_000n - FILETIME_EPOCH_OFFSET_MS)),
  };
}

/** Signed 32-bit big-endian integer → dotted quad; other values as text (`comms_ip`, v1/v2 netconns). */
export function ipFromInt(value: unknown, fallback = '0.0.0.0'): string {
  if (value === undefined || value === null || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : undefined;
  if (n === undefined || !Number.isInteger(n)) return String(value);
  const u = n >>> 0;
  return `${u >>> 24}.${(u >>> 16) & 255}.${(u >>> 8) & 255}.${u & 255}`;
}

/** True for an empty or all-zero id (cbapi's "no parent" markers). */
export function isBlankId(value: unknown): boolean {
  return typeof value !== 'string' || value === '' || /^[0-]+$/.test(value);
}
