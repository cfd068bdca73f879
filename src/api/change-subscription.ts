// profiles.changes: the push-style ChangeFeed as the async generator a tRPC subscription returns, one bounded
// queue per window (a window that stops reading loses the oldest events, never blocks the others, and sees the
// gap in revisions), ended when the subscription's signal aborts. The first event says where the feed stands.
import type { ChangeEvent } from '../../shared/change.contract.js';
import type { ChangeFeed } from '../profiles/change-feed.js';
import { PushQueue } from '../system/push-queue.js';

const MAX_BUFFERED = 1_000;

export async function* subscribeToChanges(
  feed: ChangeFeed,
  signal: AbortSignal | undefined,
): AsyncGenerator<ChangeEvent> {
  const queue = new PushQueue<ChangeEvent>({ max: MAX_BUFFERED, signal });
  // Both in one synchronous step, so no change can fall between where the feed stands and the first event heard.
  const unsubscribe = feed.subscribe((event) => queue.push(event));
  queue.push(feed.started());
  try {
    yield* queue;
  } finally {
    unsubscribe();
  }
}
