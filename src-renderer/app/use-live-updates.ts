// Keeps this window in step with every other: listens to profiles.changes and applies what each event carries to
// the cached profile list (followChanges), so a change costs this window the changed profiles, not the whole
// list; the storage status is refetched on every change. Re-subscribes after an error.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { followChanges, type LiveList } from '../features/profiles/live-list.js';
import { useSubscriptionRun } from '../hooks/use-subscription-run.js';
import { useTRPC, useTRPCClient } from './trpc.js';

const RETRY_MS = 2_000;

export function useLiveUpdates(): void {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const live = useRef<LiveList | null>(null);
  useEffect(() => {
    const following = followChanges(queryClient, trpc.profiles.list.queryKey());
    live.current = following;
    return () => {
      following.dispose();
      if (live.current === following) live.current = null;
    };
  }, [queryClient, trpc]);
  const refreshStatus = () => void queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
  const { start, stop } = useSubscriptionRun(() =>
    client.profiles.changes.subscribe(undefined, {
      onStarted: refreshStatus, // anything that changed while we were not listening
      onData: (event) => {
        // The first event says where the feed stands; the list catches up from it if it has to.
        live.current?.hear(event);
        if (event.type !== 'feed.started') refreshStatus();
      },
      onError: () => start({ delayMs: RETRY_MS }),
    }),
  );
  // Listening lasts as long as the window shows the list; a new client means a new connection to listen on.
  useEffect(() => {
    start();
    return stop;
  }, [client, start, stop]);
}
