// Device search criteria (cbc-live-response.md §2.2): names, allowed values and validation.
// Values are checked before any request, as the CBC SDK does, so a typo fails where it is made.
import { InvalidCriteriaError } from '../errors.js';

export const DEVICE_OS = ['WINDOWS', 'ANDROID', 'MAC', 'IOS', 'LINUX', 'OTHER'] as const;
export type DeviceOs = (typeof DEVICE_OS)[number];

export const DEVICE_STATUS = [
  'PENDING',
  'REGISTERED',
  'UNINSTALLED',
  'DEREGISTERED',
  'ACTIVE',
  'INACTIVE',
  'ERROR',
  'ALL',
  'BYPASS_ON',
  'BYPASS',
  'QUARANTINE',
  'SENSOR_OUTOFDATE',
  'DELETED',
  'LIVE',
] as const;
export type DeviceStatus = (typeof DEVICE_STATUS)[number];

export const DEVICE_TARGET_PRIORITY = ['LOW', 'MEDIUM', 'HIGH', 'MISSION_CRITICAL'] as const;
export type DeviceTargetPriority = (typeof DEVICE_TARGET_PRIORITY)[number];

export const DEVICE_DEPLOYMENT_TYPE = ['ENDPOINT', 'WORKLOAD', 'VDI', 'AWS', 'AZURE', 'GCP'] as const;
export type DeviceDeploymentType = (typeof DEVICE_DEPLOYMENT_TYPE)[number];

/** Criteria whose values are fixed enumerations. */
const ENUMS: Readonly<Record<string, readonly string[]>> = {
  os: DEVICE_OS,
  status: DEVICE_STATUS,
  target_priority: DEVICE_TARGET_PRIORITY,
  deployment_type: DEVICE_DEPLOYMENT_TYPE,
};

/** Criteria whose values are integer ids. */
const INTEGER_CRITERIA: ReadonlySet<string> = new Set(['id', 'policy_id', 'ad_group_id']);

/** A criterion value as it goes on the wire. */
export type CriterionValue = string | number;

/** Throws InvalidCriteriaError unless every value suits the criterion. */
export function validateCriterion(name: string, values: readonly CriterionValue[]): void {
  if (!/^[a-z][a-z0-9_]*$/.test(name)) {
    throw new InvalidCriteriaError(name, [name], 'criterion names are snake_case API field names such as "os" or "policy_id"');
  }
  const allowed = ENUMS[name];
  if (allowed) {
    const bad = values.filter((v) => typeof v !== 'string' || !allowed.includes(v));
    if (bad.length > 0) throw new InvalidCriteriaError(name, bad, `allowed: ${allowed.join(', ')}`);
    return;
  }
  if (INTEGER_CRITERIA.has(name)) {
    const bad = values.filter((v) => typeof v !== 'number' || !Number.isSafeInteger(v));
    if (bad.length > 0) throw new InvalidCriteriaError(name, bad, 'integers expected');
    return;
  }
  const bad = values.filter((v) => (typeof v !== 'string' && typeof v !== 'number') || v === '');
  if (bad.length > 0) throw new InvalidCriteriaError(name, bad, 'non-empty strings or numbers expected');
}

/** `last_contact_time`: a start/end pair or a relative range such as `-3w`, never both (§2.2). */
export type TimeCriterion =
  | { readonly start: Date | string; readonly end: Date | string; readonly range?: undefined }
  | { readonly range: string; readonly start?: undefined; readonly end?: undefined };

const RANGE = /^-\d+[smhdwy]$/;

function isoOf(name: string, value: Date | string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new InvalidCriteriaError(name, [value], 'a Date or an ISO-8601 string expected');
  return date.toISOString();
}

/** The wire form of a time criterion, validated. */
export function timeCriterion(name: string, value: TimeCriterion): { start: string; end: string } | { range: string } {
  const hasRange = value.range !== undefined;
  const hasWindow = value.start !== undefined || value.end !== undefined;
  if (hasRange && hasWindow) throw new InvalidCriteriaError(name, [value], 'give either range or start and end, not both');
  if (hasRange) {
    if (!RANGE.test(value.range)) throw new InvalidCriteriaError(name, [value.range], 'a range looks like "-30m", "-2h", "-3d", "-3w" or "-1y"');
    return { range: value.range };
  }
  if (value.start === undefined || value.end === undefined) {
    throw new InvalidCriteriaError(name, [value], 'both start and end are required without a range');
  }
  return { start: isoOf(name, value.start), end: isoOf(name, value.end) };
}
