// A promise whose work starts only when someone awaits it (calls then/catch/finally).
// Join getters return these, so merely touching `model.sensor` (a debugger, a spread, a
// property listing) sends no request and can never produce an unhandled rejection.

export class LazyPromise<T> implements Promise<T> {
  #promise: Promise<T> | undefined;

  constructor(private readonly start: () => Promise<T>) {}

  get [Symbol.toStringTag](): string {
    return 'LazyPromise';
  }

  #run(): Promise<T> {
    this.#promise ??= this.start();
    return this.#promise;
  }

  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.#run().then(onfulfilled, onrejected);
  }

  catch<R = never>(onrejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.#run().catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#run().finally(onfinally);
  }
}
