// Facet results of Solr searches (response.md §2.1).

/** One bucket of a facet: `value` occurrences of `name`. */
export interface FacetEntry {
  /** The facet value (a process name, a host name, a date bucket, ...). */
  readonly name: string;
  /** Number of matching documents with that value. */
  readonly value: number;
  /** Share of the sum of all counts, in percent (e.g. `23.4`). */
  readonly ratio: number;
  /** Count relative to the largest count, in percent (the top entry is 100). */
  readonly percent: number;
}

/** `facets('process_name', 'hostname')` → `{ process_name: FacetEntry[], hostname: FacetEntry[] }`. */
export type FacetResult<F extends string = string> = { readonly [K in F]: readonly FacetEntry[] };

const num = (value: unknown): number | undefined => {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};

/** Reads one facet list; fills `ratio`/`percent` from the counts when the server left them out. */
function entriesOf(list: unknown): FacetEntry[] {
  if (!Array.isArray(list)) return [];
  const rows = list.filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null);
  const counts = rows.map((e) => num(e.value) ?? 0);
  const sum = counts.reduce((a, b) => a + b, 0);
  const max = counts.reduce((a, b) => Math.max(a, b), 0);
  return rows.map((e, i) => {
    const value = counts[i] ?? 0;
    return {
      name: String(e.name ?? ''),
      value,
      ratio: num(e.ratio) ?? (sum === 0 ? 0 : Math.round((value * 1000) / sum) / 10),
      percent: num(e.percent) ?? (max === 0 ? 0 : Math.round((value * 100) / max)),
    };
  });
}

/** The `facets` member of a search reply, with one (possibly empty) list per requested field. */
export function parseFacets<F extends string>(body: unknown, fields: readonly F[]): FacetResult<F> {
  const facets =
    typeof body === 'object' && body !== null && typeof (body as { facets?: unknown }).facets === 'object'
      ? ((body as { facets: Record<string, unknown> | null }).facets ?? {})
      : {};
  const out = {} as Record<F, readonly FacetEntry[]>;
  for (const field of fields) out[field] = entriesOf(facets[field]);
  return out;
}
