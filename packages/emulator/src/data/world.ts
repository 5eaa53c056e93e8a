// Generation-time knowledge shared by the process store, the lazy event generator and the
// binary builder: the module catalogue with MD5s, the string pool and per-sensor facts.
// Kept out of EmulatorState so the public state stays exactly the server's documents.

import type { ModuleSpec, ProgramSpec } from './catalog.js';

export interface ModuleEntry {
  id: number;
  spec: ModuleSpec | ProgramSpec;
  /** lower-case MD5 */
  md5: string;
  /** index into World.programs, -1 for plain modules (DLLs) */
  program: number;
}

/** What a process row needs to know about its sensor (captured at generation time, as real
 *  process documents keep the values they were ingested with). */
export interface SensorFacts {
  id: number;
  hostname: string;
  group: string;
  hostType: 'workstation' | 'server' | 'domain_controller';
  osType: 'windows' | 'osx' | 'linux';
  commsIp: number;
  interfaceIp: number;
  /** interactive user */
  user: string;
  /** user SID (for registry paths) */
  userSid: string;
  /** dotted interface address (netconn local_ip) */
  localIp: string;
  /** generation window of this sensor: boot .. last event time */
  bootMs: number;
  endMs: number;
}

/** A watchlist or feed-report hit rule. Bit `bit` of a process's tag mask = the rule matched. */
export interface TagRule {
  bit: number;
  kind: 'watchlist' | 'report';
  watchlistId?: string;
  feedId?: number;
  /** lower-case feed name (alliance_*_<name>) */
  feedName?: string;
  reportId?: string;
  score?: number;
  link?: string;
  matchProcess?: (program: ProgramSpec, cmdline: string, path: string) => boolean;
  matchBinary?: (m: ModuleEntry) => boolean;
}

export interface World {
  seed: number;
  epochMs: number;
  segmentStyle: 5 | 6;
  modules: ModuleEntry[];
  moduleByKey: Map<string, ModuleEntry>;
  /** key: lower-case MD5 */
  moduleByMd5: Map<string, ModuleEntry>;
  programs: ProgramSpec[];
  /** program index → module id */
  programModule: number[];
  programByKey: Map<string, number>;
  /** interned strings (paths, cmdlines, user names) */
  strings: string[];
  stringIds: Map<string, number>;
  /** indexed by sensor index (not id) */
  sensors: SensorFacts[];
  sensorIndexById: Map<number, number>;
  rules: TagRule[];
}

export function intern(w: World, s: string): number {
  let id = w.stringIds.get(s);
  if (id === undefined) {
    id = w.strings.length;
    w.strings.push(s);
    w.stringIds.set(s, id);
  }
  return id;
}

/** Expand `{user}`, `{sid}`, `{n}`, `{hex}` placeholders. `n`/`hex` come from the caller's draw. */
export function expand(template: string, user: string, sid: string, n: number, hex: string): string {
  if (template.indexOf('{') < 0) return template;
  return template.replaceAll('{user}', user).replaceAll('{sid}', sid).replaceAll('{n}', String(n)).replaceAll('{hex}', hex);
}
