// Timestamp formats used by the different documents (response.md): Solr times on process,
// binary and alert documents, Python-isoformat-with-offset on sensors, and the space-separated
// forms inside event strings.

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;
const pad3 = (n: number) => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

function parts(ms: number) {
  const d = new Date(ms);
  return {
    date: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`,
    time: `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`,
    ms: d.getUTCMilliseconds(),
  };
}

/** `2018-01-18T20:30:15.245Z` */
const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();

export function solrTime(ms: number): string {
  // Hot path (every materialised process row formats 8 of these): cache the date per day and
  // build the time of day from lookup tables. Same output as Date#toISOString.
  const day = Math.floor(ms / 86_400_000);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let r = Math.floor(ms - day * 86_400_000);
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[r - s * 1000]}Z`;
}

/** `2018-01-18T20:30:15Z` (digsig_sign_time) */
export function solrTimeSeconds(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.time}Z`;
}

/** `2018-02-06 12:44:33.883886+00:00` (sensor documents); `micros` adds sub-ms digits. */
export function sensorTime(ms: number, micros = 0): string {
  const p = parts(ms);
  return `${p.date} ${p.time}.${pad3(p.ms)}${pad3(micros % 1000)}+00:00`;
}

/** `2013-09-19 22:07:07.000000` (modload/filemod/regmod/netconn pipe strings) */
export function eventTimeMicros(ms: number): string {
  const p = parts(ms);
  return `${p.date} ${p.time}.${pad3(p.ms)}000`;
}

/** `2014-01-23 09:19:08.331` (childproc/crossproc pipe strings, JSON event objects) */
export function eventTimeMillis(ms: number): string {
  const p = parts(ms);
  return `${p.date} ${p.time}.${pad3(p.ms)}`;
}

/** `2018_01_18_2030` (storage partition names) */
export function partitionStamp(ms: number): string {
  const p = parts(ms);
  return `${p.date.replaceAll('-', '_')}_${p.time.slice(0, 2)}${p.time.slice(3, 5)}`;
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
export const MINUTE = 60_000;
