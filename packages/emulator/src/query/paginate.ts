// Paging arithmetic of the Cb Response search endpoints: 0-based `start`, `rows` per page,
// `total_results` always the full match count. Two caps model the real server:
//  * maxRows – rows per page are silently clamped to it;
//  * maxResultWindow – no row past this offset is ever returned (start+rows beyond it is
//    silently truncated; a start at/after it yields an empty page). total_results is NOT reduced:
//    clients see "N results" but can only page through the window – the silent cap users
//    reported (user-asks B2/B5).

export interface PageCaps {
  /** Largest page the server returns (rows above are clamped). */
  maxRows?: number;
  /** Highest (exclusive) offset reachable through start/rows. */
  maxResultWindow?: number;
}

export interface Page {
  /** Requested 0-based offset, echoed as `start` in the reply. */
  start: number;
  /** Rows after the maxRows clamp. */
  rows: number;
  /** Slice of the sorted match set to return: [from, to). */
  from: number;
  to: number;
  /** True when a cap removed rows that exist and were asked for. */
  capped: boolean;
}

export function paginate(total: number, start: number, rows: number, caps: PageCaps = {}): Page {
  const s = Math.max(0, Math.trunc(start));
  const requested = Math.max(0, Math.trunc(rows));
  const r = caps.maxRows === undefined ? requested : Math.min(requested, caps.maxRows);
  const window = caps.maxResultWindow ?? Infinity;
  const wantedEnd = Math.min(total, s + requested);
  const to = Math.max(s, Math.min(total, s + r, window));
  const from = Math.min(s, to);
  return { start: s, rows: r, from, to, capped: to < wantedEnd };
}
