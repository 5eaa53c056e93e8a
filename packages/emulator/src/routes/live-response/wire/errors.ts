// Error bodies per backend. The SDKs recognise an expired session by a 404 whose text starts
// with "Session"/"Sensor" or whose JSON `status` is NOT_FOUND (live-response.md §3.1), and on
// Carbon Black Cloud by a 404 JSON `error_code: NOT_FOUND` (cbc-live-response.md §3.8).
import { HttpError, jsonError } from '../../../server/errors.js';
import type { EmuResponse } from '../../../server/types.js';

const jsonBody = (status: number, value: unknown): EmuResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

/** Cb Response (Flask): a plain-text 404 such as `Session 3 not found`. */
export function responseNotFound(text: string): HttpError {
  return new HttpError(404, { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: text });
}

/** Cb Response validation / state errors keep the emulator's `{reason, message}` shape. */
export function responseError(status: number, reason: string, message: string): HttpError {
  return new HttpError(status, jsonError(status, reason, message));
}

/** Cb Defense v3: `{"success": false, "status": ..., "message": ...}`. */
export function defenseError(status: number, code: string, message: string): HttpError {
  return new HttpError(status, jsonBody(status, { success: false, status: code, message }));
}

/** Cb Defense v3 with a missing or wrong key (the body users quote, cbapi-python #270). */
export function defenseUnauthenticated(): HttpError {
  return new HttpError(401, jsonBody(401, { success: false, message: 'User is not authenticated' }));
}

/** Carbon Black Cloud: `{"error_code": ..., "message": ...}`. */
export function cloudError(status: number, code: string, message: string): HttpError {
  return new HttpError(status, jsonBody(status, { error_code: code, message }));
}
