// Replies of action endpoints (synchronize, bulk updates): `{"result": "success", ...}` or a
// body without `result` is success; any other `result` is a refusal and becomes a ServerError
// (cbapi ignored these bodies).
import { ServerError, type HttpResponse } from '@cb/core';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The reply body; ServerError when it carries a `result` other than `success`. */
export function checkResult(response: HttpResponse<unknown>, method: string, path: string, what: string): unknown {
  const body = response.data;
  if (isObject(body) && 'result' in body && body.result !== 'success') {
    throw new ServerError(`${what}: ${String(body.result)}`, { status: response.status, method, path, body });
  }
  return body;
}

/** The server's `updated` count, when the reply has one. */
export function updatedCount(body: unknown): number | undefined {
  return isObject(body) && typeof body.updated === 'number' ? body.updated : undefined;
}
