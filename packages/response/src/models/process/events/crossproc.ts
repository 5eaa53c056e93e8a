// crossproc: `type|timestamp|other_guid|other_md5|other_path|subtype|access|tamper|is_target`
// in every API version. `is_target` true: the other process opened *this* one.
import { LazyPromise } from '@cb/core';
import { guidOf } from '../guid.js';
import type { Process } from '../process.js';
import { peek } from '../../peek.js';
import { eventTime, intOr, isTrue, pipeFields, ProcessEvent, type DecodeContext } from './common.js';

export type CrossprocType = 'RemoteThread' | 'ProcessOpen' | 'ThreadOpen' | (string & {});

/** Access-mask bits of OpenProcess (names as cbapi spells them, including its typo). */
export const ACCESS_FLAGS: Readonly<Record<string, number>> = {
  SYNCHRONIZE: 0x100000,
  WRITE_OWNER: 0x80000,
  WRITE_DAC: 0x40000,
  READ_CONTROL: 0x20000,
  DELETE: 0x10000,
  PROCESS_TERMINATE: 0x1,
  PROCESS_CREATE_THREAD: 0x2,
  PROCESS_SET_SESSIONID: 0x4,
  PROCESS_VM_OPERATION: 0x8,
  PROCESS_VM_READ: 0x10,
  PROCESS_VM_WRITE: 0x20,
  PROCESS_DUP_HANDLE: 0x40,
  PROCESS_CREATE_PROCESS: 0x80,
  PROCESS_SET_QUOTA: 0x100,
  PROCESS_SET_INFORMATION: 0x200,
  PROCESS_QUERY_INFORMATION: 0x400,
  PROCESS_SUPEND_RESUME: 0x800,
  PROCESS_QUERY_LIMITED_INFORMATION: 0x1000,
};

const COMBINED: ReadonlyArray<readonly [number, string]> = [
  [0x1fffff, 'PROCESS_ALL_ACCESS'],
  [0x1f0000, 'STANDARD_RIGHTS_ALL'],
  [0xf0000, 'STANDARD_RIGHTS_REQUIRED'],
  [0x20000, 'STANDARD_RIGHTS_READ'],
];

/** Access mask → `PROCESS_ALL_ACCESS`, or the contained flag names joined with ` | `. */
export function describeAccess(mask: number): string {
  const named = COMBINED.find(([value]) => value === mask);
  if (named) return named[1];
  return Object.entries(ACCESS_FLAGS)
    .filter(([, bit]) => (mask & bit) === bit)
    .map(([name]) => name)
    .join(' | ');
}

function accessBit(name: string): number {
  const bit = ACCESS_FLAGS[name];
  if (bit === undefined) throw new RangeError(`Unknown access right ${name}; known: ${Object.keys(ACCESS_FLAGS).join(', ')}`);
  return bit;
}

export class CrossprocEvent extends ProcessEvent {
  readonly kind = 'crossproc' as const;
  /** `RemoteThread`, `ProcessOpen`, or `ThreadOpen` (ProcessOpen with subtype 2). */
  readonly type: CrossprocType;
  /** The access mask requested. */
  readonly privilegeCode: number;
  /** True when this process was the target. */
  readonly isTarget: boolean;
  readonly sourceId: string;
  readonly sourceMd5: string;
  readonly sourcePath: string;
  readonly targetId: string;
  readonly targetMd5: string;
  readonly targetPath: string;
  readonly #context: DecodeContext;

  constructor(context: DecodeContext, sequence: number, raw: string) {
    const [type = '', timestamp = '', otherId = '', otherMd5 = '', otherPath = '', subtype = '', access = '', tamper = '', target = ''] =
      pipeFields(raw, 9);
    super(context, sequence, eventTime(timestamp), isTrue(tamper));
    this.type = type === 'ProcessOpen' && subtype.trim() === '2' ? 'ThreadOpen' : type;
    this.privilegeCode = intOr(access, 0);
    this.isTarget = isTrue(target);
    const self = context.process;
    const me = { id: self.guid, md5: String(peek(self, 'process_md5', '')), path: String(peek(self, 'path', '')) };
    const other = { id: otherId, md5: otherMd5, path: otherPath };
    const [source, targetProc] = this.isTarget ? [other, me] : [me, other];
    this.sourceId = source.id;
    this.sourceMd5 = source.md5;
    this.sourcePath = source.path;
    this.targetId = targetProc.id;
    this.targetMd5 = targetProc.md5;
    this.targetPath = targetProc.path;
    this.#context = context;
  }

  /** Text of the access mask (`PROCESS_ALL_ACCESS`, `PROCESS_VM_READ | SYNCHRONIZE`, ...). */
  get privileges(): string {
    return describeAccess(this.privilegeCode);
  }

  /** Whether the access mask contains the named flag; unknown names throw a RangeError. */
  hasPermission(name: string): boolean {
    const bit = accessBit(name);
    return (this.privilegeCode & bit) === bit;
  }

  /** Whether the mask contains every named flag; any unknown name throws a RangeError (whatever the mask). */
  hasPermissions(names: readonly string[]): boolean {
    const bits = names.map(accessBit);
    return bits.every((bit) => (this.privilegeCode & bit) === bit);
  }

  /** The target process (loaded through the model cache). */
  get targetProc(): Promise<Process> {
    return this.#load(this.targetId);
  }

  /** The source process (loaded through the model cache). */
  get sourceProc(): Promise<Process> {
    return this.#load(this.sourceId);
  }

  #load(id: string): Promise<Process> {
    return new LazyPromise(async () => (id === this.process.guid ? this.process : this.#context.selectProcess(guidOf(id)).load()));
  }
}
