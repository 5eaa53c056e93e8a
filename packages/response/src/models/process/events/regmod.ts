// regmod: `type|timestamp|path|tamper` in every API version.
import { eventTime, isTrue, pipeFields, ProcessEvent, type DecodeContext } from './common.js';

export type RegmodType = 'CreatedKey' | 'FirstWrote' | 'DeletedKey' | 'DeletedValue' | 'Unknown';

const TYPES: Readonly<Record<string, RegmodType>> = { 1: 'CreatedKey', 2: 'FirstWrote', 4: 'DeletedKey', 8: 'DeletedValue' };

export class RegmodEvent extends ProcessEvent {
  readonly kind = 'regmod' as const;
  readonly type: RegmodType;
  /** e.g. `\registry\machine\software\...` */
  readonly path: string;

  constructor(context: DecodeContext, sequence: number, raw: string) {
    const [type = '', timestamp = '', path = '', tamper = ''] = pipeFields(raw, 4);
    super(context, sequence, eventTime(timestamp), isTrue(tamper));
    this.type = TYPES[type.trim()] ?? 'Unknown';
    this.path = path;
  }
}
