// childproc: a pipe string in v1/v2 (`timestamp|child_guid|md5|path|pid|started|tamper`), a JSON
// object from v3 on (`processId`, `md5`, `path`, `pid`, `type` start|end, `start`/`end`,
// `is_tampered`, `is_suppressed`, and `commandLine`/`userName` for suppressed children).
import { LazyPromise } from '@cb/core';
import { guidOf } from '../guid.js';
import type { Process } from '../process.js';
import { eventTime, intOr, isTrue, pipeFields, ProcessEvent, str, type DecodeContext } from './common.js';

interface ChildFields {
  timestamp: Date;
  procGuid: string;
  md5: string;
  path: string;
  pid: number;
  terminated: boolean;
  tamper: boolean;
  suppressed: boolean;
  cmdline: string | undefined;
  username: string | undefined;
}

function fromPipe(raw: string): ChildFields {
  const [timestamp = '', guid = '', md5 = '', path = '', pid = '', started = '', tamper = ''] = pipeFields(raw, 7);
  return {
    timestamp: eventTime(timestamp),
    procGuid: guid,
    md5,
    path,
    pid: intOr(pid, -1),
    terminated: !isTrue(started),
    tamper: isTrue(tamper),
    suppressed: false,
    cmdline: undefined,
    username: undefined,
  };
}

function fromObject(raw: Readonly<Record<string, unknown>>): ChildFields {
  const ended = raw.type === 'end';
  const suppressed = isTrue(raw.is_suppressed);
  return {
    timestamp: eventTime(ended ? (raw.end ?? raw.start) : (raw.start ?? raw.end)),
    procGuid: str(raw.processId),
    md5: str(raw.md5),
    path: str(raw.path),
    pid: intOr(raw.pid, -1),
    terminated: ended,
    tamper: isTrue(raw.is_tampered),
    suppressed,
    cmdline: suppressed && raw.commandLine !== undefined ? str(raw.commandLine) : undefined,
    username: suppressed && raw.userName !== undefined ? str(raw.userName) : undefined,
  };
}

export class ChildprocEvent extends ProcessEvent {
  readonly kind = 'childproc' as const;
  /** The child's id as sent (GUID or unique id). */
  readonly procGuid: string;
  readonly md5: string;
  readonly path: string;
  readonly pid: number;
  /** True for the child's end event (each child normally has a start and an end event). */
  readonly terminated: boolean;
  /** Suppressed children are not in the process index: their data is all there is. */
  readonly suppressed: boolean;
  /** Command line and user name, sent for suppressed children only. */
  readonly cmdline: string | undefined;
  readonly username: string | undefined;
  readonly #context: DecodeContext;

  constructor(context: DecodeContext, sequence: number, raw: unknown) {
    const fields =
      typeof raw === 'string' ? fromPipe(raw) : fromObject(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {});
    super(context, sequence, fields.timestamp, fields.tamper);
    this.procGuid = fields.procGuid;
    this.md5 = fields.md5;
    this.path = fields.path;
    this.pid = fields.pid;
    this.terminated = fields.terminated;
    this.suppressed = fields.suppressed;
    this.cmdline = fields.cmdline;
    this.username = fields.username;
    this.#context = context;
  }

  /** The child's GUID (segment suffix removed). */
  get childGuid(): string {
    return guidOf(this.procGuid);
  }

  /**
   * The child Process through the model cache, without a request (`await ev.child` loads it).
   * Suppressed children are built from the event and never contact the server.
   */
  childReference(): Process {
    if (this.suppressed) {
      const parent = this.process;
      return this.#context.suppressedProcess({
        id: this.childGuid,
        process_md5: this.md5,
        process_pid: this.pid,
        path: this.path,
        cmdline: this.cmdline ?? '',
        username: this.username ?? '',
        parent_unique_id: parent.guid,
        parent_id: parent.guid,
      });
    }
    return this.#context.selectProcess(this.childGuid);
  }

  /** The child Process, loaded (from the model cache when possible). */
  get child(): Promise<Process> {
    return new LazyPromise(async () => this.childReference().load());
  }
}
