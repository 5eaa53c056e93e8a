// Searchable values hidden inside process event lists (filemod, modload, regmod, childproc,
// crossproc, netconn). Entries may be the wire strings of response.md §3.3 (pipe-separated or
// JSON text) or already-decoded objects, so the data layer can hand over whatever it stores.

export type EventKind = 'filemod' | 'modload' | 'regmod' | 'childproc' | 'crossproc' | 'netconn';

/** Supplies a document's raw event entries of one kind, lazily (called only when a clause needs it). */
export type EventSource<T> = (doc: T, kind: EventKind) => readonly unknown[] | null | undefined;

const COMPLETE_KEY: Readonly<Record<EventKind, string>> = {
  filemod: 'filemod_complete',
  modload: 'modload_complete',
  regmod: 'regmod_complete',
  childproc: 'childproc_complete',
  crossproc: 'crossproc_complete',
  netconn: 'netconn_complete',
};

/** Default source: the `<kind>_complete` array stored on the document itself. */
export function completeListSource<T>(doc: T, kind: EventKind): readonly unknown[] | undefined {
  const v = (doc as Record<string, unknown>)[COMPLETE_KEY[kind]];
  return Array.isArray(v) ? v : undefined;
}

const NONE: string[] = [];

type Entry = { pipe: string[] } | { obj: Record<string, unknown> };

function decode(entry: unknown): Entry | null {
  if (entry !== null && typeof entry === 'object') return { obj: entry as Record<string, unknown> };
  if (typeof entry !== 'string' || entry === '') return null;
  if (entry.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(entry);
      if (parsed !== null && typeof parsed === 'object') return { obj: parsed as Record<string, unknown> };
    } catch {
      // Not JSON after all – fall through to the pipe format.
    }
  }
  return { pipe: entry.split('|') };
}

/** Pull one attribute out of every entry: pipe field index, or object key(s) (first present wins). */
function extract(entries: readonly unknown[] | null | undefined, pipeIndex: number, keys: readonly string[]): string[] {
  // Most documents have no events of a given kind: share one empty result.
  if (!entries || entries.length === 0) return NONE;
  const out: string[] = [];
  for (const raw of entries ?? []) {
    const e = decode(raw);
    if (!e) continue;
    let v: unknown;
    if ('pipe' in e) v = e.pipe[pipeIndex];
    else for (const k of keys) if (e.obj[k] !== undefined && e.obj[k] !== null) { v = e.obj[k]; break; }
    if (v !== undefined && v !== null && v !== '') out.push(String(v));
  }
  return out;
}

function basename(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

/** Value extractors per searchable event field name. */
export const EVENT_FIELDS: Readonly<Record<string, { kind: EventKind; values: (entries: readonly unknown[] | null | undefined) => string[] }>> = {
  filemod: { kind: 'filemod', values: (e) => extract(e, 2, ['path']) },
  filewrite_md5: { kind: 'filemod', values: (e) => extract(e, 3, ['md5']) },
  modload: { kind: 'modload', values: (e) => extract(e, 2, ['path']) },
  modload_md5: { kind: 'modload', values: (e) => extract(e, 1, ['md5']) },
  regmod: { kind: 'regmod', values: (e) => extract(e, 2, ['path']) },
  childproc_name: { kind: 'childproc', values: (e) => extract(e, 3, ['path']).map(basename) },
  childproc_md5: { kind: 'childproc', values: (e) => extract(e, 2, ['md5']) },
  crossproc_name: { kind: 'crossproc', values: (e) => extract(e, 4, ['target_path', 'path']).map(basename) },
  crossproc_md5: { kind: 'crossproc', values: (e) => extract(e, 3, ['target_md5', 'md5']) },
  domain: { kind: 'netconn', values: (e) => extract(e, 4, ['domain']) },
  ipaddr: { kind: 'netconn', values: (e) => extract(e, 1, ['remote_ip', 'ipv4']) },
  ipport: { kind: 'netconn', values: (e) => extract(e, 2, ['remote_port', 'port']) },
};
