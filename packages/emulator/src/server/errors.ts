// Error bodies as the real deployment produces them. The reference documents no JSON error
// envelope for Cb Response (clients keep the raw body as the message), so:
//  * errors raised by the web framework (unknown route, wrong method, missing/unknown token,
//    missing rights, missing object) use the Flask/werkzeug default HTML pages the Cb Response
//    API (Flask behind nginx) returns;
//  * application validation errors are JSON with a `reason` (the HEAD client keys on
//    `{"reason": "query_malformed_syntax"}` for 400s) and a human `message`;
//  * a body over the upload limit gets nginx's own HTML 413 page.
import type { EmuResponse } from './types.js';

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  401: [
    'Unauthorized',
    "The server could not verify that you are authorized to access the URL requested.  You either supplied the wrong credentials (e.g. a bad password), or your browser doesn't understand how to supply the credentials required.",
  ],
  403: ['Forbidden', "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server."],
  404: ['Not Found', 'The requested URL was not found on the server.  If you entered the URL manually please check your spelling and try again.'],
  405: ['Method Not Allowed', 'The method is not allowed for the requested URL.'],
  409: ['Conflict', 'A conflict happened while processing the request.'],
  500: [
    'Internal Server Error',
    'The server encountered an internal error and was unable to complete your request.  Either the server is overloaded or there is an error in the application.',
  ],
};

/** nginx/1.x error pages (used for the 413, injected 500/502/503 and 429); titles are nginx's status lines. */
const NGINX_TITLES: Record<number, string> = {
  413: '413 Request Entity Too Large',
  429: '429 Too Many Requests',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

export const SERVER_HEADER = 'nginx';

/** Thrown by route handlers; turned into a response by the core. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly response: EmuResponse,
  ) {
    super(`HTTP ${status}`);
  }
}

export function werkzeugPage(status: number, description?: string): EmuResponse {
  const [title, text] = TITLES[status] ?? ['Error', 'An error occurred.'];
  const body =
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n' +
    `<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${description ?? text}</p>\n`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

export function nginxPage(status: number, extraHeaders: Record<string, string> = {}): EmuResponse {
  const title = NGINX_TITLES[status] ?? `${status} Error`;
  // The status line carries nginx's reason phrase too, e.g. "HTTP/1.1 503 Service Temporarily Unavailable".
  const statusText = title.slice(String(status).length + 1);
  const body =
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n` +
    `<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, statusText, headers: { 'content-type': 'text/html', ...extraHeaders }, body };
}

/** JSON application error: `{"reason": ..., "message": ...}`. */
export function jsonError(status: number, reason: string, message: string): EmuResponse {
  return {
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reason, message }),
  };
}

export const notFound = (description?: string) => new HttpError(404, werkzeugPage(404, description));
export const forbidden = () => new HttpError(403, werkzeugPage(403));
export const badRequest = (reason: string, message: string) => new HttpError(400, jsonError(400, reason, message));
export const conflict = (reason: string, message: string) => new HttpError(409, jsonError(409, reason, message));
