// Device actions (cbc-live-response.md §2.4): POST /appservices/v6/orgs/{org}/device_actions
// with `{action_type, device_id: [...]}` or `{action_type, search: <search body>}`, plus
// `options`. Success is 204 (or 200 with JSON); the SDK treats anything else as a server error.
import { ApiError, ServerError, type CallOptions, type ModelHost } from '@cb/core';
import { deviceActionsPath, displayPath } from '../paths.js';

export type ToggleActionType = 'QUARANTINE' | 'BYPASS' | 'BACKGROUND_SCAN';

/** One action and its options, as a typed union (the wire names follow in actionBody()). */
export type DeviceAction =
  | { readonly type: ToggleActionType; readonly enable: boolean }
  | { readonly type: 'UPDATE_POLICY'; readonly policyId: number }
  /** `{ WINDOWS: '3.8.0.100' }`, `{ RHEL: '2.3.4.5' }`: OS (or distribution) → sensor version. */
  | { readonly type: 'UPDATE_SENSOR_VERSION'; readonly sensorVersion: Readonly<Record<string, string>> }
  | { readonly type: 'DELETE_SENSOR' | 'UNINSTALL_SENSOR' };

export type DeviceActionType = DeviceAction['type'];

/** The search part of a device search body (what `search:` targets carry). */
export interface DeviceSearchBody {
  readonly criteria: Readonly<Record<string, unknown>>;
  readonly exclusions?: Readonly<Record<string, unknown>> | undefined;
  readonly query?: string | undefined;
  readonly sort?: ReadonlyArray<{ readonly field: string; readonly order: 'ASC' | 'DESC' }> | undefined;
}

/** Which devices an action applies to: explicit ids or every device matching a search. */
export type DeviceActionTarget = { readonly deviceIds: readonly number[] } | { readonly search: DeviceSearchBody };

function options(action: DeviceAction): Record<string, unknown> | undefined {
  switch (action.type) {
    case 'QUARANTINE':
    case 'BYPASS':
    case 'BACKGROUND_SCAN':
      return { toggle: action.enable ? 'ON' : 'OFF' };
    case 'UPDATE_POLICY':
      if (!Number.isSafeInteger(action.policyId)) throw new ApiError(`UPDATE_POLICY needs an integer policy id, got ${action.policyId}`);
      return { policy_id: action.policyId };
    case 'UPDATE_SENSOR_VERSION':
      return { sensor_version: { ...action.sensorVersion } };
    case 'DELETE_SENSOR':
    case 'UNINSTALL_SENSOR':
      return undefined;
  }
}

/** The request body for `action` on `target`. */
export function deviceActionBody(action: DeviceAction, target: DeviceActionTarget): Record<string, unknown> {
  const body: Record<string, unknown> = { action_type: action.type };
  if ('deviceIds' in target) body.device_id = [...target.deviceIds];
  else body.search = target.search;
  const opts = options(action);
  if (opts) body.options = opts;
  return body;
}

/** Sends one device action; resolves once the server accepted it (200/204). */
export async function sendDeviceAction(
  host: ModelHost,
  action: DeviceAction,
  target: DeviceActionTarget,
  call: CallOptions = {},
): Promise<void> {
  if ('deviceIds' in target && target.deviceIds.length === 0) return;
  const path = deviceActionsPath(host);
  // Not idempotent on purpose: a replayed UNINSTALL or a flipped toggle is not harmless.
  const response = await host.requester.request({ method: 'POST', path, body: deviceActionBody(action, target), ...call });
  if (response.status !== 200 && response.status !== 204) {
    throw new ServerError(`POST device_actions (${action.type}) → ${response.status}: expected 204 No Content`, {
      method: 'POST',
      path: displayPath(path),
      status: response.status,
      body: response.data,
    });
  }
}
