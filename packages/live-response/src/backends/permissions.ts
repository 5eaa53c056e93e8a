// Carbon Black Cloud RBAC: which permission each Live Response operation needs
// (cbc-live-response.md §3.5/§3.9). READ appears almost everywhere because the SDK polls.
import type { CommandName } from '../types.js';

/** Everything a backend request can be doing, for error messages and permission lookups. */
export type Operation =
  | CommandName
  | 'session create'
  | 'session poll'
  | 'session close'
  | 'session keepalive'
  | 'session list'
  | 'command cancel'
  | 'host lookup';

export interface RequiredPermission {
  readonly permission: string;
  readonly operations: readonly string[];
}

const FILE = 'org.liveresponse.file';
const PROCESS = 'org.liveresponse.process';
const REGISTRY = 'org.liveresponse.registry';
const SESSION = 'org.liveresponse.session';

const TABLE: Readonly<Record<Operation, RequiredPermission>> = {
  'session create': { permission: SESSION, operations: ['CREATE', 'READ'] },
  'session poll': { permission: SESSION, operations: ['READ'] },
  'session keepalive': { permission: SESSION, operations: ['READ'] },
  'session list': { permission: SESSION, operations: ['READ'] },
  'session close': { permission: SESSION, operations: ['READ', 'DELETE'] },
  'directory list': { permission: FILE, operations: ['READ'] },
  'get file': { permission: FILE, operations: ['READ'] },
  'put file': { permission: FILE, operations: ['CREATE', 'READ'] },
  'create directory': { permission: FILE, operations: ['CREATE', 'READ'] },
  'delete file': { permission: FILE, operations: ['READ', 'DELETE'] },
  kill: { permission: PROCESS, operations: ['READ', 'DELETE'] },
  'create process': { permission: PROCESS, operations: ['EXECUTE'] },
  'process list': { permission: PROCESS, operations: ['READ'] },
  'command cancel': { permission: SESSION, operations: ['READ'] },
  'reg enum key': { permission: REGISTRY, operations: ['READ'] },
  'reg query value': { permission: REGISTRY, operations: ['READ'] },
  'reg set value': { permission: REGISTRY, operations: ['READ', 'UPDATE'] },
  'reg create key': { permission: REGISTRY, operations: ['CREATE', 'READ'] },
  'reg delete key': { permission: REGISTRY, operations: ['READ', 'DELETE'] },
  'reg delete value': { permission: REGISTRY, operations: ['READ', 'DELETE'] },
  memdump: { permission: 'org.liveresponse.memdump', operations: ['READ'] },
  'host lookup': { permission: 'device', operations: ['READ'] },
};

export function requiredPermission(operation: Operation): RequiredPermission {
  return TABLE[operation];
}

/** Extra permissions some composite operations need, for the message only. */
export function permissionNote(operation: Operation): string {
  switch (operation) {
    case 'create process':
      return `; waiting for output also needs ${FILE} READ+DELETE`;
    case 'memdump':
      return `; downloading and deleting the dump also needs ${FILE} READ+DELETE`;
    default:
      return '';
  }
}
