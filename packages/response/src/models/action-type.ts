// Feed and watchlist actions carry a numeric `action_type`; the `type` accessor names it
// (response.md §8): 0 email, 1 syslog, 2 http_post, 3 alert.
import { ApiError, type ErrorContext } from '@cb/core';

export const ACTION_TYPES = ['email', 'syslog', 'http_post', 'alert'] as const;

/** What an action does when its feed or watchlist hits. */
export type ActionType = (typeof ACTION_TYPES)[number];

/** The name of a numeric action type; `unknown` for numbers the SDK does not know. */
export function actionTypeName(code: unknown): ActionType | 'unknown' {
  return typeof code === 'number' ? (ACTION_TYPES[code] ?? 'unknown') : 'unknown';
}

/**
 * The number of an action type name; ApiError for anything else, naming `target()` (the setters
 * pass their model's next save: setting a field sends nothing itself).
 */
export function actionTypeCode(name: string, target: () => ErrorContext = () => ({})): number {
  const code = (ACTION_TYPES as readonly string[]).indexOf(name);
  if (code < 0) throw new ApiError(`Unknown Action type: ${name} (use one of ${ACTION_TYPES.join(', ')})`, target());
  return code;
}
