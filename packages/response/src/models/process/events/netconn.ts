// netconn: a pipe string in v1 (`timestamp|remote_ip|remote_port|proto|domain|outbound`), a JSON
// object from v2 on; v2/v3 send IPs as signed 32-bit integers, v4 as dotted strings.
import type { ProcessApiVersion } from '../../../api.js';
import { ipFromInt } from '../guid.js';
import { eventTime, intOr, isTrue, pipeFields, ProcessEvent, str, type DecodeContext } from './common.js';

export type Direction = 'Inbound' | 'Outbound';

/** IP protocol numbers → the socket-table constant names cbapi reports. */
const PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'IPPROTO_IP', 1: 'IPPROTO_ICMP', 2: 'IPPROTO_IGMP', 4: 'IPPROTO_IPIP', 6: 'IPPROTO_TCP', 8: 'IPPROTO_EGP',
  12: 'IPPROTO_PUP', 17: 'IPPROTO_UDP', 22: 'IPPROTO_IDP', 41: 'IPPROTO_IPV6', 47: 'IPPROTO_GRE',
  50: 'IPPROTO_ESP', 51: 'IPPROTO_AH', 58: 'IPPROTO_ICMPV6', 103: 'IPPROTO_PIM', 132: 'IPPROTO_SCTP', 255: 'IPPROTO_RAW',
};

/** Protocol name; 'Unknown' for numbers outside the table (cbapi's v1 decoder crashed instead). */
export function protocolName(value: unknown): string {
  return PROTOCOLS[intOr(value, -1)] ?? 'Unknown';
}

export interface NetconnFields {
  readonly timestamp: Date;
  readonly remoteIp: string;
  readonly remotePort: number;
  readonly localIp: string;
  readonly localPort: number;
  readonly proxyIp: string;
  readonly proxyPort: number;
  readonly proto: string;
  readonly domain: string;
  readonly direction: Direction;
}

/** v1: signed-int IP (unparsable → 0.0.0.0), `true` → Outbound. */
function fromPipe(raw: string): NetconnFields {
  const [timestamp = '', ip = '', port = '', proto = '', domain = '', outbound = ''] = pipeFields(raw, 6);
  const remoteIp = /^-?\d+$/.test(ip.trim()) ? ipFromInt(Number(ip)) : '0.0.0.0';
  return {
    timestamp: eventTime(timestamp),
    remoteIp,
    remotePort: intOr(port, 0),
    localIp: '0.0.0.0',
    localPort: 0,
    proxyIp: '0.0.0.0',
    proxyPort: 0,
    proto: protocolName(proto),
    domain,
    direction: isTrue(outbound) ? 'Outbound' : 'Inbound',
  };
}

/**
 * v2-v4 objects. `direction` is the string "true"/"false" on the wire (cbapi compares with the
 * string "true"; a JSON boolean true is read as Outbound too); missing → Outbound.
 */
function fromObject(raw: Readonly<Record<string, unknown>>, version: ProcessApiVersion): NetconnFields {
  const ip = (value: unknown): string =>
    version === 'v4' ? (value === undefined || value === null || value === '' ? '0.0.0.0' : String(value)) : ipFromInt(value);
  return {
    timestamp: eventTime(raw.timestamp),
    remoteIp: ip(raw.remote_ip),
    remotePort: intOr(raw.remote_port, 0),
    localIp: ip(raw.local_ip),
    localPort: intOr(raw.local_port, 0),
    proxyIp: ip(raw.proxy_ip),
    proxyPort: intOr(raw.proxy_port, 0),
    proto: protocolName(raw.proto),
    domain: str(raw.domain),
    direction: raw.direction === undefined || isTrue(raw.direction) ? 'Outbound' : 'Inbound',
  };
}

export class NetconnEvent extends ProcessEvent implements NetconnFields {
  readonly kind = 'netconn' as const;
  readonly remoteIp: string;
  readonly remotePort: number;
  readonly localIp: string;
  readonly localPort: number;
  readonly proxyIp: string;
  readonly proxyPort: number;
  /** `IPPROTO_TCP`, `IPPROTO_UDP`, ... or `Unknown`. */
  readonly proto: string;
  readonly domain: string;
  readonly direction: Direction;

  constructor(context: DecodeContext, sequence: number, raw: unknown, version: ProcessApiVersion) {
    const fields =
      typeof raw === 'string'
        ? fromPipe(raw)
        : fromObject(typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}, version);
    super(context, sequence, fields.timestamp, false);
    this.remoteIp = fields.remoteIp;
    this.remotePort = fields.remotePort;
    this.localIp = fields.localIp;
    this.localPort = fields.localPort;
    this.proxyIp = fields.proxyIp;
    this.proxyPort = fields.proxyPort;
    this.proto = fields.proto;
    this.domain = fields.domain;
    this.direction = fields.direction;
  }
}
