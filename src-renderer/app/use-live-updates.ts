// Keeps this window in step with every other: listens to profiles.changes and refetches what it shows
// (the list and the storage status) whenever anything changed, in any window. Re-subscribes after an error.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC, useTRPCClient } from './trpc.js';

const RETRY_MS = 2_000;

export function useLiveUpdates(): void {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let subscription: { unsubscribe(): void } | null = null;
    const refresh = () => {
      void queryClient.invalidateQueries({ queryKey: trpc.profiles.list.queryKey() });
      void queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
    };
    const start = () => {
      subscription = client.profiles.changes.subscribe(undefined, {
        onStarted: refresh, // anything that changed while we were not listening
        onData: refresh,
        onError: () => {
          if (!stopped) retry = setTimeout(start, RETRY_MS);
        },
      });
    };
    start();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      subscription?.unsubscribe();
    };
  }, [client, trpc, queryClient]);
}
