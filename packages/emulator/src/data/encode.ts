// Wire encodings of the event lists per event-API version (response.md §3.3):
//   v1 (< 5.1)  everything pipe-delimited
//   v2 (5.1.x)  netconn as JSON objects with integer IPs
//   v3 (5.2.x)  + childproc as JSON objects
//   v4 (>= 6.0) netconn IPs as dotted strings
//   v5          not described by the reference; emitted like v4

import { ipToInt } from './guid.js';
import { eventTimeMicros, eventTimeMillis } from './time.js';
import type {
  ChildprocEvent,
  ChildprocObject,
  CrossprocEvent,
  EncodedEvents,
  EventApiVersion,
  FilemodEvent,
  ModloadEvent,
  NetconnEvent,
  NetconnObjectV2,
  NetconnObjectV4,
  RegmodEvent,
  SegmentEvents,
} from './types.js';

export const encodeModload = (e: ModloadEvent): string => `${eventTimeMicros(e.timestamp)}|${e.md5}|${e.path}`;

export const encodeFilemod = (e: FilemodEvent): string =>
  `${e.action}|${eventTimeMicros(e.timestamp)}|${e.path}|${e.md5}|${e.filetype ?? ''}|${e.tamper}`;

export const encodeRegmod = (e: RegmodEvent): string => `${e.action}|${eventTimeMicros(e.timestamp)}|${e.path}|${e.tamper}`;

export const encodeNetconnPipe = (e: NetconnEvent): string =>
  `${eventTimeMicros(e.timestamp)}|${ipToInt(e.remoteIp)}|${e.remotePort}|${e.proto}|${e.domain}|${e.outbound}`;

export function encodeNetconnV2(e: NetconnEvent): NetconnObjectV2 {
  return {
    timestamp: eventTimeMillis(e.timestamp),
    direction: e.outbound ? 'true' : 'false',
    remote_ip: ipToInt(e.remoteIp),
    local_ip: ipToInt(e.localIp),
    proxy_ip: ipToInt(e.proxyIp),
    remote_port: e.remotePort,
    local_port: e.localPort,
    proxy_port: e.proxyPort,
    proto: e.proto,
    domain: e.domain,
  };
}

export function encodeNetconnV4(e: NetconnEvent): NetconnObjectV4 {
  return { ...encodeNetconnV2(e), remote_ip: e.remoteIp, local_ip: e.localIp, proxy_ip: e.proxyIp };
}

export const encodeChildprocPipe = (e: ChildprocEvent): string =>
  `${eventTimeMillis(e.timestamp)}|${e.childUniqueId}|${e.md5}|${e.path}|${e.pid}|${e.started}|${e.tamper}`;

export function encodeChildprocObject(e: ChildprocEvent): ChildprocObject {
  const t = eventTimeMillis(e.timestamp);
  return {
    processId: e.childUniqueId,
    md5: e.md5,
    path: e.path,
    pid: e.pid,
    type: e.started ? 'start' : 'end',
    ...(e.started ? { start: t } : { end: t }),
    is_tampered: e.tamper,
    is_suppressed: e.suppressed,
    commandLine: e.cmdline,
    userName: e.username,
  };
}

/** `type|timestamp|other_guid|other_md5|other_path|subtype|access|tamper|is_target` */
export const encodeCrossproc = (e: CrossprocEvent): string =>
  `${e.kind}|${eventTimeMillis(e.timestamp)}|${e.otherUniqueId.slice(0, 36)}|${e.otherMd5}|${e.otherPath}|${e.subtype}|${e.access}|${e.tamper}|${e.isTarget}`;

export function encodeEvents(events: SegmentEvents, apiVersion: EventApiVersion): EncodedEvents {
  return {
    modload_complete: events.modload.map(encodeModload),
    filemod_complete: events.filemod.map(encodeFilemod),
    regmod_complete: events.regmod.map(encodeRegmod),
    netconn_complete: events.netconn.map((e): EncodedEvents['netconn_complete'][number] =>
      apiVersion === 1 ? encodeNetconnPipe(e) : apiVersion <= 3 ? encodeNetconnV2(e) : encodeNetconnV4(e),
    ),
    childproc_complete: events.childproc.map((e): EncodedEvents['childproc_complete'][number] =>
      apiVersion <= 2 ? encodeChildprocPipe(e) : encodeChildprocObject(e),
    ),
    crossproc_complete: events.crossproc.map(encodeCrossproc),
  };
}

/** The event-API version a client uses for a server version (response.md §3.2). */
export function eventApiVersionFor(serverVersion: string): EventApiVersion {
  const [maj, min] = serverVersion.split('.').map((x) => parseInt(x, 10) || 0);
  if (maj >= 6) return 4;
  if (maj === 5 && min >= 2) return 3;
  if (maj === 5 && min >= 1) return 2;
  return 1;
}
