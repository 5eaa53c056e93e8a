// Secret redaction. A Redactor knows the secrets of one connection (token, the key part of
// `key/connector` tokens, org key, proxy password) and also removes generic secret shapes
// (auth headers, `token=` query parameters, URL passwords). Every log line, error message and
// error body the transport produces goes through one.

export const REDACTED = '[REDACTED]';

// Shorter "secrets" would blank out ordinary text (a test token "x" would eat every x).
const MIN_SECRET_LENGTH = 4;

const SENSITIVE_KEY =
  /^(x-auth-token|authorization|proxy-authorization|cookie|set-cookie|token|auth_token|api_key|apikey|api-key|password|passwd|secret|client_secret)$/i;

const GENERIC_PATTERNS: readonly [RegExp, string][] = [
  // Header lines / header-like pairs: "X-Auth-Token: abc", "authorization=Bearer x".
  [/\b(x-auth-token|proxy-authorization|authorization)(["']?\s*[:=]\s*["']?)([^"'\r\n,;}&]+)/gi, `$1$2${REDACTED}`],
  // JSON text: "token": "abc".
  [/("(?:token|auth_token|api_key|apikey|password|passwd|secret|client_secret)"\s*:\s*")([^"]*)(")/gi, `$1${REDACTED}$3`],
  // Query parameters: ?token=abc&password=x&api_key=y.
  [/([?&;]|\b)(token|auth_token|api_key|apikey|password|passwd|secret)=([^&#\s"':,)]*)/gi, `$1$2=${REDACTED}`],
  // URL user info: scheme://user:password@host.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)([^\s@/]+)@/gi, `$1${REDACTED}@`],
];

/** The secrets hidden in a credential set. Exported for tests and for custom redactors. */
export function secretsOf(values: { token?: string | undefined; orgKey?: string | undefined; proxy?: string | undefined }): string[] {
  const out: string[] = [];
  if (values.token) {
    out.push(values.token);
    // Defense "API key/connector id" and Cloud "secret/api id": the first part is the secret.
    const slash = values.token.indexOf('/');
    if (slash > 0) out.push(values.token.slice(0, slash));
  }
  if (values.orgKey) out.push(values.orgKey);
  if (values.proxy) {
    try {
      const url = new URL(values.proxy);
      if (url.password) out.push(url.password, decodeURIComponent(url.password));
    } catch {
      // Not a URL: nothing structured to extract; the generic URL pattern still applies.
    }
  }
  return out;
}

export class Redactor {
  #secrets: string[] = [];

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.addSecret(secret);
  }

  static forCredentials(values: { token?: string | undefined; orgKey?: string | undefined; proxy?: string | undefined }): Redactor {
    return new Redactor(secretsOf(values));
  }

  addSecret(secret: string | undefined): void {
    if (!secret || secret.length < MIN_SECRET_LENGTH || this.#secrets.includes(secret)) return;
    this.#secrets.push(secret);
    // Longest first, so a token is replaced whole before its key part is.
    this.#secrets.sort((a, b) => b.length - a.length);
  }

  redactString(text: string): string {
    let out = text;
    for (const secret of this.#secrets) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
      // Secrets also travel percent-encoded in URLs and form bodies.
      const encoded = encodeURIComponent(secret);
      if (encoded !== secret && out.includes(encoded)) out = out.split(encoded).join(REDACTED);
    }
    for (const [pattern, replacement] of GENERIC_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  }

  /** A redacted deep copy of a JSON-like value (objects, arrays, strings, Headers). */
  redact<T>(value: T): T {
    return this.#redactValue(value, 0, new WeakSet()) as T;
  }

  /** Header name → value, sensitive values replaced, other values scrubbed of secrets. */
  redactHeaders(headers: Headers | Readonly<Record<string, string>>): Record<string, string> {
    const out: Record<string, string> = {};
    const put = (value: string, name: string): void => {
      out[name] = SENSITIVE_KEY.test(name) ? REDACTED : this.redactString(value);
    };
    if (headers instanceof Headers) headers.forEach(put);
    else for (const [name, value] of Object.entries(headers)) put(value, name);
    return out;
  }

  #redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redactString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (depth > 32 || seen.has(value)) return '[…]';
    seen.add(value);
    if (value instanceof Headers) return this.redactHeaders(value);
    if (Array.isArray(value)) return value.map((v) => this.#redactValue(v, depth + 1, seen));
    if (value instanceof Error) return this.redactString(`${value.name}: ${value.message}`);
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SENSITIVE_KEY.test(key) && (typeof v === 'string' || typeof v === 'number') ? REDACTED : this.#redactValue(v, depth + 1, seen);
    }
    return out;
  }
}
