// What a sensor reports about an executable it saw written: with `collect_filewritemd5s` (on in
// every seeded sensor group) the LastWrote event of a PE file carries the file's MD5
// (response.md §3.3 filemod: "md5 set for type 8"). A file named like a module of the estate is
// that module (same MD5 as its binary document); any other PE gets a stable MD5 of its path,
// which the server has no binary for (it never ran, so it was never uploaded).
import type { ColumnProcessStore } from './process-store.js';
import { fakeMd5 } from './rng.js';
import type { FilemodEvent } from './types.js';
import type { ModuleEntry, World } from './world.js';

/** Filemod action LastWrote: the file was closed after writing, so its content (and MD5) is final. */
export const LAST_WROTE: FilemodEvent['action'] = 8;
/** CbFileType filetypePe (events.md). */
export const FILETYPE_PE = 1;

/** Placeholder in file templates for a long-tail installer of the estate (`zoominstaller-5.3.12.exe`). */
export const INSTALLER = '{installer}';

interface WriteLookup {
  /** lower-case Windows module file name → module */
  byName: Map<string, ModuleEntry>;
  /** file names of the long-tail installers, in catalogue order */
  installers: string[];
}

const lookups = new WeakMap<World, WriteLookup>();

function lookupOf(w: World): WriteLookup {
  let l = lookups.get(w);
  if (!l) {
    const byName = new Map<string, ModuleEntry>();
    for (const m of w.modules) {
      const name = m.spec.name.toLowerCase();
      if (m.spec.os === 'windows' && !byName.has(name)) byName.set(name, m);
    }
    const installers = w.programs.filter((p) => p.key.startsWith(LONG_TAIL_PREFIX)).map((p) => p.name.toLowerCase());
    lookups.set(w, (l = { byName, installers }));
  }
  return l;
}

const LONG_TAIL_PREFIX = 'longtail:';
/** Per store: sensor id → installers run there; `ESTATE` → installers run anywhere. */
const installersRun = new WeakMap<ColumnProcessStore, Map<number, string[]>>();
const ESTATE = -1;

/** File names of the long-tail installers that ran on each sensor (and anywhere), in first-run order. */
function installersRunOn(store: ColumnProcessStore, sensorId: number): string[] {
  let bySensor = installersRun.get(store);
  if (!bySensor) {
    const sets = new Map<number, Set<string>>([[ESTATE, new Set()]]);
    const c = store.cols;
    for (let p = 0; p < store.processCount; p++) {
      const prog = store.world.programs[c.prog[p]];
      if (!prog.key.startsWith(LONG_TAIL_PREFIX)) continue;
      const id = store.world.sensors[c.sensorIdx[p]].id;
      if (!sets.has(id)) sets.set(id, new Set());
      sets.get(id)!.add(prog.name.toLowerCase());
      sets.get(ESTATE)!.add(prog.name.toLowerCase());
    }
    bySensor = new Map([...sets].map(([id, names]) => [id, [...names]]));
    installersRun.set(store, bySensor);
  }
  return bySensor.get(sensorId) ?? [];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
}

/** The MD5 a filemod event carries: only LastWrote events of PE files have one. */
export function fileWriteMd5(w: World, path: string, action: FilemodEvent['action'], filetype: number | null): string {
  if (action !== LAST_WROTE || filetype !== FILETYPE_PE) return '';
  return lookupOf(w).byName.get(baseName(path))?.md5 ?? fakeMd5(w.seed, `filewrite:${path}`);
}

/**
 * Fills `{installer}` with a long-tail installer the host ran, else one run elsewhere in the
 * estate (either way the server has its binary), else any of the estate's; chosen by the event's
 * `{n}` draw so no extra randomness is consumed. `setup-{n}.exe` when the estate has none.
 */
export function expandInstaller(store: ColumnProcessStore, sensorId: number, template: string, n: number): string {
  if (!template.includes(INSTALLER)) return template;
  const own = installersRunOn(store, sensorId);
  const anywhere = own.length ? own : installersRunOn(store, ESTATE);
  const names = anywhere.length ? anywhere : lookupOf(store.world).installers;
  return template.replace(INSTALLER, names.length ? names[n % names.length] : `setup-${n}.exe`);
}
