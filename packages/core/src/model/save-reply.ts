// How a save reply is read (core.md §3.1 step 4, with cbapi's swallowed error made real).
import { ServerError } from '../errors.js';
import type { Doc, SaveOutcome, SaveReplyContext } from './types.js';

const isObject = (value: unknown): value is Doc =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * - `{result: "success"}` (or `{}`) → refresh;
 * - `{result: <anything else>}` → ServerError (cbapi meant to raise but swallowed it);
 * - `{id}` only → take the id, refresh;
 * - any other JSON object → it is the new document;
 * - no JSON (204, text, arrays) → refresh.
 */
export function interpretSaveReply(model: string, body: unknown, context: SaveReplyContext): SaveOutcome {
  if (!isObject(body)) return { kind: 'refresh' };
  const keys = Object.keys(body);
  if (keys.length === 0) return { kind: 'refresh' };
  if (keys.length === 1 && keys[0] === 'result') {
    const result = body.result;
    if (result === undefined || result === null || result === 'success') return { kind: 'refresh' };
    throw new ServerError(`Did not ${context.created ? 'create' : 'update'} ${model} record: ${String(result)}`, {
      status: context.status,
      method: context.method,
      path: context.path,
      body,
    });
  }
  if (keys.length === 1 && keys[0] === 'id') {
    const id = body.id;
    return { kind: 'refresh', id: typeof id === 'string' || typeof id === 'number' ? id : undefined };
  }
  return { kind: 'doc', doc: body };
}
