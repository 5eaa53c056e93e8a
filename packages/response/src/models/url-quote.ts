// The encoder of watchlist `search_query` strings and threat-report bulk queries (response.md
// §2.5, §9): Python's urllib `quote()`: every value percent-encoded, space → `%20`, `/` kept.
// (Search requests themselves use the form encoding of core's Connection: space → `+`.)

/** Python's `quote(text)`: like encodeURIComponent, but `!'()*` encoded and `/` kept. */
export function quote(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%2F/gi, '/');
}

/** `k=v&k=v` in the given order, each value quoted. */
export function quotePairs(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${name}=${quote(value)}`).join('&');
}

/** A URL query string as ordered pairs (`+` and `%xx` decoded, blank values kept). */
export function parsePairs(text: string): Array<readonly [string, string]> {
  return [...new URLSearchParams(text.replace(/^[?#]/, ''))];
}
