// Adapts the push-style ChangeFeed to the async generator a tRPC subscription returns. Events are buffered
// per subscriber (bounded: a window that stops reading loses the oldest, never blocks the others) and the
// generator ends when the subscription's signal aborts.
import type { ChangeEvent } from '../../shared/change.contract.js';
import type { ChangeFeed } from '../profiles/change-feed.js';

const MAX_BUFFERED = 1_000;

export async function* subscribeToFeed(feed: ChangeFeed, signal: AbortSignal | undefined): AsyncGenerator<ChangeEvent> {
  const buffer: ChangeEvent[] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    wake?.();
    wake = null;
  };
  const unsubscribe = feed.subscribe((event) => {
    buffer.push(event);
    if (buffer.length > MAX_BUFFERED) buffer.shift();
    notify();
  });
  signal?.addEventListener('abort', notify, { once: true });
  try {
    while (!signal?.aborted) {
      const event = buffer.shift();
      if (event) {
        yield event;
        continue;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', notify);
  }
}
