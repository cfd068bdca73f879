// Whether anything can be saved now: not while secure storage is unavailable. Write actions stay focusable but
// say why they do nothing (aria-disabled, described by the banner's reason), and a press takes the learner to
// the banner that says how to fix it. While unavailable, storage is asked again every few seconds, so the
// actions come back by themselves once the learner unlocks it.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../app/trpc.js';

/** The id of the banner sentence that says why nothing can be saved (see StorageBanner). */
export const READ_ONLY_REASON_ID = 'storage-read-only-reason';

export interface Writable {
  readonly writable: boolean;
  /** Props for a write action's button: disabled with the reason while nothing can be saved. */
  readonly guard: (action: () => void) => {
    readonly 'aria-disabled'?: true;
    readonly 'aria-describedby'?: string;
    readonly onClick: () => void;
  };
}

/** How often storage is asked again while it is unavailable: the learner unlocking it shows up by itself. */
export const UNAVAILABLE_RECHECK_MS = 3_000;

/** The storage status, asked again every few seconds while unavailable and whenever the window is focused. */
export function useStorageStatus() {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.storage.status.queryOptions(),
    refetchOnWindowFocus: true,
    refetchInterval: (query) => (query.state.data?.encryption === 'unavailable' ? UNAVAILABLE_RECHECK_MS : false),
  });
}

export function useWritable(): Writable {
  const status = useStorageStatus();
  const writable = status.data?.encryption !== 'unavailable';
  return {
    writable,
    guard: (action) =>
      writable
        ? { onClick: action }
        : {
            'aria-disabled': true,
            'aria-describedby': READ_ONLY_REASON_ID,
            onClick: () => document.getElementById('storage-unavailable-title')?.focus(),
          },
  };
}
