// Wraps CBCloudAPI's requester so the two classic misconfigurations fail with advice instead of a
// bare status (user-asks E5, E9): a URL that is not Carbon Black Cloud (Cb Response and Cb
// Protection answer platform routes with their own HTML pages), and 401/403 from a key of the
// wrong type or without the permission the route needs.
import { ServerError, type HttpResponse, type Requester, type RequestOptions, type ServerErrorDetails } from '@cb/core';
import { WrongProductError } from './errors.js';
import { displayPath } from './paths.js';

const HTML = /^\s*(<!doctype html|<html|<head|<title)/i;

// Gateway pages (413 upload limit, 429, 5xx) are nginx HTML on Carbon Black Cloud too.
const APP_STATUSES = new Set([401, 403, 404, 405]);

function isHtml(value: unknown): boolean {
  return typeof value === 'string' && HTML.test(value);
}

function wrongServer(baseUrl: string, options: RequestOptions, status: number, cause?: unknown): WrongProductError {
  const method = options.method ?? 'GET';
  const path = displayPath(options.path);
  return new WrongProductError(
    `${method} ${path} → ${status}: the server answered with an HTML page, not Carbon Black Cloud JSON. ` +
      `Is ${baseUrl} your Carbon Black Cloud URL (e.g. https://defense-prod05.conferdeploy.net)? ` +
      'A Cb Response server needs CbResponseAPI from @cb/response; Cb Protection needs @cb/protection.',
    { method, path, status, cause },
  );
}

const ACTION_PERMISSIONS: Readonly<Record<string, string>> = {
  QUARANTINE: 'device.quarantine EXECUTE',
  BYPASS: 'device.bypass EXECUTE',
  BACKGROUND_SCAN: 'device.bg-scan EXECUTE',
  UPDATE_POLICY: 'device.policy UPDATE',
  UPDATE_SENSOR_VERSION: 'org.kits EXECUTE',
  DELETE_SENSOR: 'device.deregistered DELETE',
  UNINSTALL_SENSOR: 'device.uninstall EXECUTE',
};

/** The permission a device route needs (cbc-live-response.md §2.4), when we know it. */
export function permissionFor(options: RequestOptions): string | undefined {
  const path = options.path;
  if (/\/device_actions$/.test(path)) {
    const type = (options.body as { action_type?: unknown } | undefined)?.action_type;
    return typeof type === 'string' ? ACTION_PERMISSIONS[type] : undefined;
  }
  // Live Response routes: @cb/live-response names the exact permission of each command.
  if (/\/liveresponse\//.test(path)) return undefined;
  if (/\/devices(\/|$)/.test(path)) return 'device READ';
  return undefined;
}

function hintFor(error: ServerError, options: RequestOptions): string {
  if (error.status === 401) {
    return (
      '. Carbon Black Cloud wants X-Auth-Token "API Secret Key/API ID" from an API key with access level type Custom; ' +
      'legacy API, LIVE_RESPONSE and SIEM keys do not work on /appservices/v6 routes'
    );
  }
  const permission = permissionFor(options);
  return permission ? `. This route needs ${permission} in the key's Custom access level` : '';
}

/** Same error class, message extended, original kept as the cause. */
function withHint(error: ServerError, hint: string): ServerError {
  const Ctor = error.constructor as new (message: string, details: ServerErrorDetails) => ServerError;
  return new Ctor(`${error.message}${hint}`, {
    method: error.method,
    path: error.path,
    status: error.status,
    body: error.body,
    requestId: error.requestId,
    attempts: error.attempts,
    cause: error,
  });
}

function translate(error: unknown, baseUrl: string, options: RequestOptions): unknown {
  if (!(error instanceof ServerError) || !APP_STATUSES.has(error.status)) return error;
  if (isHtml(error.body)) return wrongServer(baseUrl, options, error.status, error);
  if (error.status === 401 || error.status === 403) return withHint(error, hintFor(error, options));
  return error;
}

export function cloudGuard(requester: Requester): Requester {
  return {
    baseUrl: requester.baseUrl,
    async request<T>(options: RequestOptions): Promise<HttpResponse<T>> {
      let response: HttpResponse<T>;
      try {
        response = await requester.request<T>(options);
      } catch (error) {
        throw translate(error, requester.baseUrl, options);
      }
      const wantsJson = options.responseType === undefined || options.responseType === 'json';
      if (wantsJson && isHtml(response.data)) throw wrongServer(requester.baseUrl, options, response.status);
      return response;
    },
  };
}
