// Feed/watchlist action payloads: action_type 0 email, 1 syslog, 2 http_post, 3 alert;
// action_data is JSON *text* (e.g. "{\"email_recipients\":[1,2]}").
import { badRequest } from '../server/errors.js';
import { asInt, requireFields, type JsonObject } from './util.js';

export function validateActionType(value: unknown): number {
  const t = asInt(value, 'action_type');
  if (t < 0 || t > 3) throw badRequest('invalid_action_type', 'action_type must be 0 (email), 1 (syslog), 2 (http_post) or 3 (alert)');
  return t;
}

export function parseAction(body: JsonObject): { action_type: number; action_data: string } {
  requireFields(body, ['action_type']);
  const action_type = validateActionType(body.action_type);
  let action_data = body.action_data ?? '{}';
  if (typeof action_data !== 'string') action_data = JSON.stringify(action_data);
  try {
    JSON.parse(action_data as string);
  } catch {
    throw badRequest('invalid_action_data', 'action_data must be JSON text');
  }
  return { action_type, action_data: action_data as string };
}
