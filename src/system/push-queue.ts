// Push-style events (a change feed, probes finishing in any order) read as one async iterator, which is what a
// tRPC subscription returns. Bounded: past `max` buffered items the oldest is dropped, so a reader that stops
// reading never holds up the writers. Iteration ends when the queue is ended or the signal aborts.
export class PushQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | null = null;
  private ended = false;

  constructor(private readonly options: { readonly max?: number; readonly signal?: AbortSignal | undefined } = {}) {
    options.signal?.addEventListener('abort', () => this.notify(), { once: true });
  }

  push(item: T): void {
    if (this.ended) return;
    this.items.push(item);
    if (this.options.max !== undefined && this.items.length > this.options.max) this.items.shift();
    this.notify();
  }

  /** No more items: the iterator finishes once it has yielded what is buffered. */
  end(): void {
    this.ended = true;
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    const { signal } = this.options;
    while (!signal?.aborted) {
      if (this.items.length > 0) {
        yield this.items.shift()!;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    this.wake?.();
    this.wake = null;
  }
}
