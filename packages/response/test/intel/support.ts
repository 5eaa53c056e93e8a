// Helpers for the intel integration tests: an API object whose debug log is captured, so tests
// can assert the JSON bodies the SDK sent (the emulator's request log records no bodies).
import type { Logger } from '@cb/core';
import type { CbResponseAPI } from '../../src/index.js';
import type { EmulatorFixture } from '../support/emulator.js';

export interface SentBody {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

export interface RecordingApi {
  readonly cb: CbResponseAPI;
  /** Bodies sent since the last call, then clears the record. */
  takeBodies(): SentBody[];
}

const BODY_LINE = /^HTTP (\w+) (\S+) request body: (.*)$/s;

export function recordingApi(fx: EmulatorFixture): RecordingApi {
  let sent: SentBody[] = [];
  const logger: Logger = {
    debug(message) {
      const m = BODY_LINE.exec(message);
      if (!m) return;
      const [, method = '', path = '', text = ''] = m;
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      sent.push({ method, path, body });
    },
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  return {
    cb: fx.api({ logger }),
    takeBodies() {
      const out = sent;
      sent = [];
      return out;
    },
  };
}
