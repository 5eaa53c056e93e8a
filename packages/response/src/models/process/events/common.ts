// Pieces every event decoder shares: the decode context (who owns the events, how joins are
// made), timestamps, and the fields of the common event base.
import { parseCbDate } from '@cb/core';
import type { Binary } from '../../binary.js';
import type { Process } from '../process.js';

/** What decoders need from the owning process (joins are resolved through the model cache). */
export interface DecodeContext {
  readonly process: Process;
  /** Binary documents of the event reply (`binaries`, keyed by upper-case MD5). */
  readonly binaries: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  selectProcess(id: string): Process;
  /** A suppressed child: never fetched, its data comes from the event. */
  suppressedProcess(doc: Readonly<Record<string, unknown>>): Process;
  selectBinary(md5: string): Binary;
}

export type EventKind = 'modload' | 'filemod' | 'regmod' | 'netconn' | 'childproc' | 'crossproc';

/** Fields every decoded event has. */
export abstract class ProcessEvent {
  abstract readonly kind: EventKind;
  /** Sensor-local wall-clock time (the server sends no zone; we read it as UTC). */
  readonly timestamp: Date;
  /** 0-based position in the server's list for this kind. */
  readonly sequence: number;
  /** The process this event belongs to. */
  readonly process: Process;
  readonly tamperFlag: boolean;

  protected constructor(context: DecodeContext, sequence: number, timestamp: Date, tamperFlag: boolean) {
    this.timestamp = timestamp;
    this.sequence = sequence;
    this.process = context.process;
    this.tamperFlag = tamperFlag;
  }

  /** cbapi's `tamper_event`. */
  get tamperEvent(): boolean {
    return this.tamperFlag;
  }
}

/** Liberal event time parse; the zone, if any, is dropped (event times are sensor-local). */
export function eventTime(value: unknown): Date {
  if (typeof value === 'string') {
    const withoutZone = value.trim().replace(/\s*(?:Z|[+-]\d{2}:?\d{2})$/i, '');
    return parseCbDate(withoutZone);
  }
  return parseCbDate(value);
}

export const isTrue = (value: unknown): boolean => value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');

export function intOr(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export const str = (value: unknown, fallback = ''): string => (value === undefined || value === null ? fallback : String(value));

/** Splits a pipe-delimited event string into exactly `n` fields (missing ones are ''). */
export function pipeFields(text: string, n: number): string[] {
  const parts = text.split('|');
  if (parts.length > n) {
    // Extra pipes belong to the last free-text field (paths may contain '|' in theory).
    parts.splice(n - 1, parts.length - n + 1, parts.slice(n - 1).join('|'));
  }
  while (parts.length < n) parts.push('');
  return parts;
}
