// Watchlist export and import in the JSON format of cbapi's `watchlist_operations.py` example,
// so files move between servers and between cbapi and this SDK:
// {"Author", "Description", "Watchlists": [{"Name", "URL" (search_query), "Type", "SearchString", "Description"}]}
import { InvalidObjectError, type CallOptions, type ErrorContext, type ModelHost } from '@cb/core';
import { Watchlist, WATCHLIST_URL, type WatchlistIndexType } from './watchlist.js';

export interface WatchlistExportEntry {
  readonly Name: string;
  /** The `search_query` URL query string. */
  readonly URL: string;
  readonly Type: WatchlistIndexType;
  /** The query text (informational; import uses `URL`). */
  readonly SearchString: string;
  readonly Description: string;
}

export interface WatchlistExportFile {
  readonly Author?: string | undefined;
  readonly Description?: string | undefined;
  readonly Watchlists: readonly WatchlistExportEntry[];
}

export interface ExportWatchlistsOptions extends CallOptions {
  /** Only these watchlists (by name); default all. */
  readonly names?: readonly string[] | undefined;
  readonly author?: string | undefined;
  readonly description?: string | undefined;
}

export interface ImportWatchlistsOptions extends CallOptions {
  /** What to do with a name that already exists: `skip` (default) or `error` (ConflictError from the server). */
  readonly onExisting?: 'skip' | 'error' | undefined;
}

export interface ImportWatchlistsResult {
  readonly created: readonly Watchlist[];
  /** Names skipped because a watchlist of that name exists. */
  readonly skipped: readonly string[];
}

/** The server's watchlists (or the named ones) as an export file. */
export async function exportWatchlists(host: ModelHost, options: ExportWatchlistsOptions = {}): Promise<WatchlistExportFile> {
  const wanted = options.names ? new Set(options.names) : undefined;
  const all = await Watchlist.createQuery(host).all(options);
  const chosen = wanted ? all.filter((w) => wanted.has(w.name)) : all;
  return {
    Author: options.author ?? '',
    Description: options.description ?? '',
    Watchlists: chosen.map((w) => ({
      Name: w.name,
      URL: w.search_query,
      Type: w.index_type,
      SearchString: w.query,
      Description: String(w.get('description', '') ?? ''),
    })),
  };
}

/**
 * Checks an export file read from disk; InvalidObjectError naming the first bad entry. Checking a
 * file sends nothing, so its errors name no request unless `context` (importWatchlists: the
 * create each entry would become) says which.
 */
export function parseWatchlistExport(data: unknown, context: ErrorContext = {}): WatchlistExportFile {
  const file = data as Partial<WatchlistExportFile> | null;
  if (typeof file !== 'object' || file === null || !Array.isArray(file.Watchlists)) {
    throw new InvalidObjectError('Not a watchlist export: expected an object with a "Watchlists" array', context);
  }
  file.Watchlists.forEach((entry: Partial<WatchlistExportEntry> | null, i) => {
    const where = `Watchlists[${i}]`;
    if (typeof entry !== 'object' || entry === null) throw new InvalidObjectError(`${where} is not an object`, context);
    const missing = (['Name', 'URL', 'Type'] as const).filter((k) => typeof entry[k] !== 'string' || entry[k] === '');
    if (missing.length > 0) throw new InvalidObjectError(`${where} is missing ${missing.join(', ')}`, { ...context, missingFields: missing });
    if (entry.Type !== 'events' && entry.Type !== 'modules') {
      throw new InvalidObjectError(`${where}.Type must be "events" or "modules", got ${JSON.stringify(entry.Type)}`, context);
    }
  });
  return file as WatchlistExportFile;
}

/** Creates the watchlists of an export file (validated first; nothing is sent if it is invalid). */
export async function importWatchlists(
  host: ModelHost,
  data: WatchlistExportFile | unknown,
  options: ImportWatchlistsOptions = {},
): Promise<ImportWatchlistsResult> {
  const file = parseWatchlistExport(data, { method: 'POST', path: WATCHLIST_URL });
  const existing = new Set((await Watchlist.createQuery(host).all(options)).map((w) => w.name));
  const created: Watchlist[] = [];
  const skipped: string[] = [];
  for (const entry of file.Watchlists) {
    if (existing.has(entry.Name) && (options.onExisting ?? 'skip') === 'skip') {
      skipped.push(entry.Name);
      continue;
    }
    const watchlist = new Watchlist(host, { state: 'new' });
    watchlist.name = entry.Name;
    watchlist.search_query = entry.URL;
    watchlist.index_type = entry.Type;
    if (entry.Description) watchlist.description = entry.Description;
    await watchlist.save(options);
    created.push(watchlist);
    existing.add(entry.Name);
  }
  return { created, skipped };
}
