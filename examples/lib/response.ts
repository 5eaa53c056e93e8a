// Opening the Cb Response API the way every example does: the `--profile` section of
// credentials.response (/etc/carbonblack/, ~/.carbonblack/, ./.carbonblack/).
import { CbResponseAPI } from '@cb/response';

export interface ConnectOptions {
  /**
   * Live Response examples: check on sessions and commands every `pollMs` instead of the SDK's
   * defaults (0.5 s for commands, 1 s for sessions, 5 s for memory dumps, as real sensors
   * need). Only worth lowering against a fast server such as the emulator.
   */
  readonly pollMs?: number | undefined;
}

export function connect(profile: string, options: ConnectOptions = {}): CbResponseAPI {
  const delayMs = options.pollMs;
  if (delayMs === undefined) return new CbResponseAPI({ profile });
  const every = { delayMs };
  return new CbResponseAPI({
    profile,
    liveResponse: { timings: { session: every, command: every, kill: every, createProcess: every, memdump: every } },
  });
}
