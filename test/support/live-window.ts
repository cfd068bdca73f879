// A renderer window as the app runs it, without React: its own TanStack QueryClient holding profiles.list, kept in
// step by the window's own followChanges over profiles.changes, and a count of the profiles.list calls it sent.
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ChangeEvent } from '../../shared/change.contract.js';
import type { ProfileList } from '../../shared/profile.contract.js';
import { followChanges } from '../../src-renderer/features/profiles/live-list.js';
import type { AppRouter } from '../../src/api/app.router.js';
import type { RendererWindow } from './ipc-harness.js';
import { waitFor } from './wait-for.js';

export interface LiveWindow {
  readonly window: RendererWindow;
  readonly queryClient: QueryClient;
  /** The list in this window's cache. */
  list(): ProfileList | undefined;
  /** profiles.list requests this window has sent. */
  listCalls(): number;
  /** Drops the next `n` change events before the window hears them, as a missed event would. */
  dropNext(n?: number): void;
  /** Called after the window has applied each event it heard. */
  onHeard(listener: (event: ChangeEvent) => void): void;
  /** Opens the changes subscription and resolves once its first event is in. */
  listen(): Promise<void>;
  /** Ends the changes subscription, as a window losing its connection would. */
  stopListening(): void;
  /** The first load, as the screen's useQuery does it. */
  load(): Promise<ProfileList>;
  close(): void;
}

/** Wraps an already connected window (h.connect()). */
export function liveWindow(window: RendererWindow): LiveWindow {
  let calls = 0;
  const send = window.bridge.sendMessage.bind(window.bridge);
  window.bridge.sendMessage = (message) => {
    if (message.method === 'request' && message.operation.path === 'profiles.list') calls += 1;
    send(message);
  };
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: window.client, queryClient });
  const listOptions = trpc.profiles.list.queryOptions();
  const live = followChanges(queryClient, listOptions.queryKey);
  let dropping = 0;
  const listeners: Array<(event: ChangeEvent) => void> = [];
  let subscription: { unsubscribe(): void } | null = null;

  return {
    window,
    queryClient,
    list: () => queryClient.getQueryData(listOptions.queryKey),
    listCalls: () => calls,
    dropNext: (n = 1) => (dropping += n),
    onHeard: (listener) => listeners.push(listener),
    listen: async () => {
      let started = false;
      subscription = window.client.profiles.changes.subscribe(undefined, {
        onData: (event) => {
          if (event.type === 'feed.started') started = true;
          if (dropping > 0 && event.type !== 'feed.started') {
            dropping -= 1;
            return;
          }
          live.hear(event);
          for (const listener of listeners) listener(event);
        },
      });
      await waitFor(() => started, { what: 'the first changes event' });
    },
    stopListening: () => {
      subscription?.unsubscribe();
      subscription = null;
    },
    load: () => queryClient.fetchQuery(listOptions),
    close: () => {
      subscription?.unsubscribe();
      live.dispose();
      queryClient.clear();
    },
  };
}
