// What `cb.liveResponse.submitJob()` accepts as hosts: sensor ids, Sensor objects, or any
// (async) iterable or Observable of them — e.g. a SensorQuery. Converted to the host ids of
// @cb/live-response without importing rxjs (a structural Observable is enough).
import type { HostId, HostSource } from '@cb/live-response';
import type { Sensor } from '../models/sensor.js';

/** A sensor id or a Sensor. */
export type SensorRef = HostId | Sensor;

/** The subscribe side of an Observable (an rxjs Observable is one). */
export interface SubscribableSource<T> {
  subscribe(observer: { next: (value: T) => void; error: (error: unknown) => void; complete: () => void }): { unsubscribe(): void };
}

/** Hosts of a job: one sensor, or an array, Set, (async) iterable or Observable of sensors or ids. */
export type SensorSource = SensorRef | Iterable<SensorRef> | AsyncIterable<SensorRef> | SubscribableSource<SensorRef>;

function hostIdOf(ref: SensorRef): HostId {
  return typeof ref === 'object' ? ref.id : ref;
}

const isSubscribable = (value: object): value is SubscribableSource<SensorRef> =>
  typeof (value as Partial<SubscribableSource<SensorRef>>).subscribe === 'function';
const isAsyncIterable = (value: object): value is AsyncIterable<SensorRef> =>
  typeof (value as Partial<AsyncIterable<SensorRef>>)[Symbol.asyncIterator] === 'function';
const isIterable = (value: object): value is Iterable<SensorRef> =>
  typeof (value as Partial<Iterable<SensorRef>>)[Symbol.iterator] === 'function';

/** An Observable as a re-iterable async iterable: every iteration subscribes anew; return() unsubscribes. */
function fromSubscribable(source: SubscribableSource<SensorRef>): AsyncIterable<HostId> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<HostId> {
      const queue: HostId[] = [];
      let done = false;
      let failure: { error: unknown } | undefined;
      let wake: (() => void) | undefined;
      const notify = (): void => {
        wake?.();
        wake = undefined;
      };
      const subscription = source.subscribe({
        next: (value) => {
          queue.push(hostIdOf(value));
          notify();
        },
        error: (error) => {
          failure = { error };
          notify();
        },
        complete: () => {
          done = true;
          notify();
        },
      });
      return {
        async next(): Promise<IteratorResult<HostId>> {
          for (;;) {
            const value = queue.shift();
            if (value !== undefined) return { value, done: false };
            if (failure) throw failure.error;
            if (done) return { value: undefined, done: true };
            await new Promise<void>((resolve) => (wake = resolve));
          }
        },
        async return(): Promise<IteratorResult<HostId>> {
          done = true;
          subscription.unsubscribe();
          return { value: undefined, done: true };
        },
      };
    },
  };
}

/** The host ids of `source`, as @cb/live-response takes them (lazily: nothing is read until the job runs). */
export function toHostSource(source: SensorSource): HostSource {
  // A single id stays one host (a string id is not a list of characters).
  if (typeof source !== 'object') return [source];
  if (isSubscribable(source)) return fromSubscribable(source);
  if (isAsyncIterable(source)) {
    return {
      async *[Symbol.asyncIterator]() {
        for await (const ref of source) yield hostIdOf(ref);
      },
    };
  }
  if (isIterable(source)) {
    return {
      *[Symbol.iterator]() {
        for (const ref of source) yield hostIdOf(ref);
      },
    };
  }
  return [hostIdOf(source)];
}
