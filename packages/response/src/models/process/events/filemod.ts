// filemod: `type|timestamp|path|md5|filetype|tamper` in every API version.
import { eventTime, isTrue, pipeFields, ProcessEvent, type DecodeContext } from './common.js';

export type FilemodType = 'CreatedFile' | 'FirstWrote' | 'Deleted' | 'LastWrote' | 'Unknown';

export type FileType =
  | 'PE' | 'ELF' | 'MachO' | 'EICAR' | 'DOC' | 'DOCX' | 'PDF' | 'ZIP' | 'LZH' | 'LZW' | 'RAR' | 'TAR' | '7Z' | 'Unknown';

const TYPES: Readonly<Record<string, FilemodType>> = { 1: 'CreatedFile', 2: 'FirstWrote', 4: 'Deleted', 8: 'LastWrote' };
const FILE_TYPES: Readonly<Record<string, FileType>> = {
  1: 'PE', 2: 'ELF', 3: 'MachO', 8: 'EICAR', 16: 'DOC', 17: 'DOCX', 48: 'PDF',
  64: 'ZIP', 65: 'LZH', 66: 'LZW', 67: 'RAR', 68: 'TAR', 69: '7Z',
};

export class FilemodEvent extends ProcessEvent {
  readonly kind = 'filemod' as const;
  readonly type: FilemodType;
  readonly path: string;
  /** MD5 of the written file (usually only on `LastWrote`; may be ''). */
  readonly md5: string;
  readonly fileType: FileType;

  constructor(context: DecodeContext, sequence: number, raw: string) {
    const [type = '', timestamp = '', path = '', md5 = '', fileType = '', tamper = ''] = pipeFields(raw, 6);
    super(context, sequence, eventTime(timestamp), isTrue(tamper));
    this.type = TYPES[type.trim()] ?? 'Unknown';
    this.path = path;
    this.md5 = md5;
    this.fileType = FILE_TYPES[fileType.trim()] ?? 'Unknown';
  }
}
