// What a route handler sees: the parsed request, the authenticated user and the shared runtime.
import type { EmulatorState, UserDocument, UserRole } from '../data/types.js';
import type { FaultRegistry } from '../faults/registry.js';
import type { EmuRequest, EmuResponse } from './types.js';
import type { IsolationTracker } from './isolation.js';

export interface EmulatorConfig {
  /** GETs of a sensor after an isolation PUT until `is_isolating` reflects the request. */
  isolationPolls: number;
  /** nginx client_max_body_size equivalent. */
  uploadLimitBytes: number;
}

/** Everything the core needs; shared by the node server and the msw adapter. */
export interface EmulatorRuntime {
  state: EmulatorState;
  config: EmulatorConfig;
  faults: FaultRegistry;
  isolation: IsolationTracker;
}

export interface RouteContext {
  runtime: EmulatorRuntime;
  state: EmulatorState;
  request: EmuRequest;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  user: UserDocument;
  role: UserRole;
  /** Parses the JSON body (400 on invalid JSON; undefined when there is no body). */
  body(): unknown;
}

export type RouteResult = EmuResponse | unknown;
export type RouteHandler = (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
