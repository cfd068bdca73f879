// Keeps this window in step with every other: listens to profiles.changes and refetches what it shows
// (the list and the storage status) whenever anything changed, in any window. Re-subscribes after an error.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSubscriptionRun } from '../hooks/use-subscription-run.js';
import { useTRPC, useTRPCClient } from './trpc.js';

const RETRY_MS = 2_000;

export function useLiveUpdates(): void {
  const client = useTRPCClient();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.profiles.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.storage.status.queryKey() });
  };
  const { start, stop } = useSubscriptionRun(() =>
    client.profiles.changes.subscribe(undefined, {
      onStarted: refresh, // anything that changed while we were not listening
      onData: refresh,
      onError: () => start({ delayMs: RETRY_MS }),
    }),
  );
  // Listening lasts as long as the window shows the list; a new client means a new connection to listen on.
  useEffect(() => {
    start();
    return stop;
  }, [client, start, stop]);
}
