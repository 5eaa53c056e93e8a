// Turning raw response bytes into what the caller asked for, and into short error summaries.
import { ServerError } from '../errors.js';
import type { HttpContext } from './pipeline.js';

const JSON_TYPE = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json\b/i;
export const ERROR_BODY_LIMIT = 2048;

export function isJsonType(headers: Headers): boolean {
  return JSON_TYPE.test(headers.get('content-type') ?? '');
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

export function emptyStream(): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({ start: (c) => c.close() });
}

/** The success body in the requested shape. JSON that claims to be JSON must parse. */
export function decodeBody(ctx: HttpContext, status: number, headers: Headers, raw: unknown): unknown {
  if (ctx.responseType === 'stream') return raw ?? emptyStream();
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array();
  if (ctx.responseType === 'bytes') return bytes;
  const text = utf8(bytes);
  if (ctx.responseType === 'text') return text;
  if (text.trim() === '') return undefined;
  if (isJsonType(headers)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      throw new ServerError(
        `${ctx.method} ${ctx.displayPath} → ${status}: Cannot parse response as JSON: ${ctx.redactor.redactString(text.slice(0, 200))}`,
        { method: ctx.method, path: ctx.displayPath, status, body: ctx.redactor.redactString(text.slice(0, ERROR_BODY_LIMIT)), attempts: ctx.attempt, cause: err },
      );
    }
  }
  // No JSON content type: still parse what looks like JSON (some endpoints send text/plain).
  if (/^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** An error body: parsed JSON when JSON, else text cut to 2 KB; always redacted. */
export function errorBody(ctx: HttpContext, headers: Headers, raw: unknown): unknown {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array();
  const text = utf8(bytes);
  if (text.trim() === '') return undefined;
  if (isJsonType(headers) || /^\s*[[{]/.test(text)) {
    try {
      return ctx.redactor.redact(JSON.parse(text) as unknown);
    } catch {
      // fall through to text
    }
  }
  const cut = text.length > ERROR_BODY_LIMIT ? `${text.slice(0, ERROR_BODY_LIMIT)}… (${bytes.length} bytes)` : text;
  return ctx.redactor.redactString(cut);
}

/** One line for the error message: the server's reason, a page title, or the body start. */
export function summarise(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const key of ['reason', 'message', 'errorMessage', 'error', 'detail']) {
      const v = record[key];
      if (typeof v === 'string' && v) return clip(v);
    }
    return clip(JSON.stringify(body));
  }
  const text = String(body);
  if (/<html|<body|<title/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1] ?? /<h1[^>]*>([^<]*)<\/h1>/i.exec(text)?.[1];
    const plain = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
    return clip(plain);
  }
  return clip(text.replace(/\s+/g, ' ').trim());
}

function clip(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
