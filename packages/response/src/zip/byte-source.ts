// Pull-based reading of exact byte counts from a web ReadableStream, holding at most one
// network chunk plus what a caller pushed back: the basis of constant-memory ZIP parsing.
import { ApiError, type ErrorContext } from '@cb/core';

const EMPTY = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

export class ByteSource {
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #context: ErrorContext;
  #buffer: Uint8Array = EMPTY;
  #ended = false;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>, context: ErrorContext = {}) {
    this.#reader = reader;
    this.#context = context;
  }

  /** Reads one more network chunk into the buffer; false at the end of the stream. */
  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const { value, done } = await this.#reader.read();
    if (done) {
      this.#ended = true;
      return false;
    }
    this.#buffer = concat(this.#buffer, value);
    return true;
  }

  truncated(): ApiError {
    return new ApiError('The ZIP download ended early (truncated archive)', this.#context);
  }

  /** Exactly `n` bytes (small reads: headers); the stream ending first is an error. */
  async readExact(n: number): Promise<Uint8Array> {
    while (this.#buffer.length < n) if (!(await this.#fill())) throw this.truncated();
    const out = this.#buffer.subarray(0, n);
    this.#buffer = this.#buffer.subarray(n);
    return out;
  }

  /** `n` bytes as they arrive, one chunk at a time (never buffered whole). */
  async *take(n: number): AsyncGenerator<Uint8Array, void, undefined> {
    let left = n;
    while (left > 0) {
      if (this.#buffer.length === 0 && !(await this.#fill())) throw this.truncated();
      const part = this.#buffer.subarray(0, Math.min(left, this.#buffer.length));
      this.#buffer = this.#buffer.subarray(part.length);
      left -= part.length;
      yield part;
    }
  }

  /** Buffered bytes, else the next chunk; undefined at the end of the stream. */
  async next(): Promise<Uint8Array | undefined> {
    if (this.#buffer.length === 0 && !(await this.#fill())) return undefined;
    const out = this.#buffer;
    this.#buffer = EMPTY;
    return out;
  }

  /** Puts bytes back in front of the stream. */
  unshift(bytes: Uint8Array): void {
    this.#buffer = concat(bytes, this.#buffer);
  }

  async cancel(reason?: unknown): Promise<void> {
    this.#buffer = EMPTY;
    this.#ended = true;
    await this.#reader.cancel(reason).catch(() => undefined);
  }
}
