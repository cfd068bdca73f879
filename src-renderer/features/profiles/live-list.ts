// Keeps the cached profile list of one window in step with profiles.changes, with no React in it so the contract
// tests drive this very code over the real IPC link. Each event is applied to the cached list; a window that
// missed one (a dropped event, a reconnect, a change made before it listened) fetches the whole list once.
import { hashKey, type QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ChangeEvent } from '../../../shared/change.contract.js';
import type { ProfileList } from '../../../shared/profile.contract.js';
import { applyChange } from './apply-change.js';

export interface LiveList {
  /** One event from profiles.changes, in the order they arrive. */
  hear(event: ChangeEvent): void;
  /** Stops watching the cache. */
  dispose(): void;
}

/** `listKey` is the key of the profiles.list query whose data this keeps current. */
export function followChanges(queryClient: QueryClient, listKey: QueryKey): LiveList {
  const listHash = hashKey(listKey);
  // The newest revision the feed has said exists. Reset by each subscription's first event rather than only
  // raised, so a feed that started again (a new run of the core) cannot leave the window fetching forever.
  let heard = -1;
  let fetching = false;
  const cached = () => queryClient.getQueryData<ProfileList>(listKey);

  const catchUp = () => {
    const list = cached();
    if (list === undefined || list.revision >= heard || fetching) return;
    fetching = true;
    // Joins a fetch already under way instead of starting a second; if that one was answered before the
    // change it missed, the check after it fetches again.
    void queryClient.refetchQueries({ queryKey: listKey, exact: true }, { cancelRefetch: false }).finally(() => {
      fetching = false;
      if (queryClient.getQueryState(listKey)?.status === 'success') catchUp();
    });
  };

  // A list that lands (the first load, a fetch started elsewhere) may be older than what the feed has said since.
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'success' && event.query.queryHash === listHash) catchUp();
  });

  return {
    hear(event) {
      heard = event.type === 'feed.started' ? event.revision : Math.max(heard, event.revision);
      const list = cached();
      // Before the first load there is nothing to patch; the load is checked against `heard` when it lands.
      if (list === undefined) return;
      const outcome = applyChange(list, event);
      if (outcome.kind === 'applied') queryClient.setQueryData(listKey, outcome.list);
      else if (outcome.kind === 'behind') catchUp();
    },
    dispose: unsubscribe,
  };
}
