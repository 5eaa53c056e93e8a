// The transport-neutral request/response pair shared by the node server and the msw adapter.
import type { TransportFault } from '../faults/types.js';

export interface EmuRequest {
  method: string;
  /** Absolute URL or path with query string. */
  url: string;
  /** Header names are matched case-insensitively. */
  headers: Record<string, string | string[] | undefined>;
  /** Raw request body (undefined or empty for none). */
  body?: Uint8Array;
  /**
   * Size of the body as received. The node adapter stops buffering past the upload limit, so
   * `bodyLength` may exceed `body.length`; defaults to `body.length`.
   */
  bodyLength?: number;
}

export interface EmuResponse {
  status: number;
  /** Reason phrase of the status line when it differs from Node's (nginx: "Service Temporarily Unavailable"). */
  statusText?: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
  /** A transport-level fault the adapter must apply while sending this response. */
  transport?: TransportFault;
}

/** The one request-handling core. */
export type RequestHandler = (request: EmuRequest) => Promise<EmuResponse>;
