// Raw queries: a web-console or watchlist URL query string (`cb.urlver=1&q=...&cb.q.x=...`)
// kept as parameters and sent as they are (core.md §7.2), plus the encoders the watchlist
// `search_query` strings need.

/** Parameters of a raw query, in the order they appeared; repeated names keep every value. */
export type RawParams = ReadonlyArray<readonly [name: string, value: string]>;

/** Parses `a=1&q=x+y` (a leading `?` or `#` is ignored); blank values are dropped, as cbapi does. */
export function parseRawQuery(text: string): RawParams {
  const params = new URLSearchParams(text.replace(/^[?#]/, ''));
  const out: Array<readonly [string, string]> = [];
  for (const [name, value] of params) if (value.trim() !== '') out.push([name, value]);
  return out;
}

/** First value of a raw parameter, if any. */
export function rawValue(params: RawParams, name: string): string | undefined {
  return params.find(([n]) => n === name)?.[1];
}

/** The raw parameters without the named ones. */
export function rawWithout(params: RawParams, ...names: string[]): RawParams {
  return params.filter(([n]) => !names.includes(n));
}

/** Raw parameters as a request query map (repeated names become arrays). */
export function rawToQuery(params: RawParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of params) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Python's quote_plus: form encoding, space → `+`. */
export function formEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** `k=v&k=v` in the given order (not sorted), form-encoded: the watchlist `search_query` format. */
export function encodeInOrder(params: RawParams): string {
  return params.map(([n, v]) => `${formEncode(n)}=${formEncode(v)}`).join('&');
}
