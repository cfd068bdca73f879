// How long a change takes to reach another window: from the acknowledgement of a mutation in window A until
// window B's TanStack cache holds it. The delta path (B applies the event with followChanges, the window's own
// code) beside the old path (B re-fetches the whole list on every event), measured one after the other on the
// same core so the two never compete for the CPU.
import { performance } from 'node:perf_hooks';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { ChangeEvent } from '../shared/change.contract.js';
import type { ProfileList } from '../shared/profile.contract.js';
import { jsonTransformer } from '../shared/json-transformer.js';
import { followChanges } from '../src-renderer/features/profiles/live-list.js';
import type { AppRouter } from '../src/api/app.router.js';
import type { CoreServices } from '../src/core.js';
import { ipcPair, type IpcPair } from './ipc-pair.js';
import { percentile, seededVault } from './support.js';

type Record = (name: string, value: number, unit: string, max?: number, note?: string) => void;
type Path = 'delta' | 'refetch';

/** Window B: its cache, and when it first held each revision. */
function watcher(pair: IpcPair, path: Path) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: 5_000 } } });
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: pair.client, queryClient });
  const listOptions = trpc.profiles.list.queryOptions();
  const live = followChanges(queryClient, listOptions.queryKey);
  const heldAt = new Map<number, number>();
  let waiting: { revision: number; resolve: () => void } | null = null;
  const noteRevision = () => {
    const revision = queryClient.getQueryData<ProfileList>(listOptions.queryKey)?.revision;
    if (revision === undefined || heldAt.has(revision)) return;
    heldAt.set(revision, performance.now());
    if (waiting && revision >= waiting.revision) waiting.resolve();
  };
  // A list fetched whole (after a gap) is noted too, a little later, so no wait below can hang.
  const unwatch = queryClient.getQueryCache().subscribe(noteRevision);
  let started = false;
  const subscription = pair.client.profiles.changes.subscribe(undefined, {
    onData: (event: ChangeEvent) => {
      if (event.type === 'feed.started') started = true;
      if (path === 'delta') {
        live.hear(event);
        noteRevision();
      } else if (event.type !== 'feed.started') {
        // What the window did before: every event invalidates the list, which is fetched whole.
        void queryClient.fetchQuery({ ...listOptions, staleTime: 0 }).then(noteRevision);
      }
    },
  });
  return {
    async ready(): Promise<void> {
      await queryClient.fetchQuery(listOptions);
      while (!started) await new Promise((resolve) => setImmediate(resolve));
    },
    /** Resolves with when B first held `revision`. */
    held(revision: number): Promise<number> {
      const at = heldAt.get(revision);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve) => {
        waiting = {
          revision,
          resolve: () => {
            waiting = null;
            resolve(heldAt.get(revision) ?? performance.now());
          },
        };
      });
    },
    close(): void {
      subscription.unsubscribe();
      unwatch();
      live.dispose();
      queryClient.clear();
    },
  };
}

/** `iterations` updates from window A, each timed from its acknowledgement to B's cache holding it. */
async function timePath(core: CoreServices, path: Path, iterations: number): Promise<number[]> {
  const a = ipcPair(core);
  const b = ipcPair(core);
  const window = watcher(b, path);
  await window.ready();
  const revisions = new Map(core.profiles.list().profiles.map((p) => [p.id, p.revision]));
  const ids = [...revisions.keys()];
  const samples: number[] = [];
  for (let i = -20; i < iterations; i += 1) {
    const id = ids[(i + 20) % ids.length]!;
    const updated = await a.client.profiles.update.mutate({
      id,
      expectedRevision: revisions.get(id)!,
      patch: { model: `${path}-${i}` },
    });
    const acknowledged = performance.now();
    revisions.set(id, updated.revision);
    const heldAt = await window.held(core.profiles.list().revision);
    // B can hold the change before A hears its answer: that is no wait at all.
    if (i >= 0) samples.push(Math.max(0, heldAt - acknowledged));
  }
  window.close();
  await a.close();
  await b.close();
  return samples;
}

export async function liveUpdates(record: Record): Promise<void> {
  for (const count of [10, 100, 1000]) {
    const vault = await seededVault(count);
    const core = await vault.open();
    const iterations = count === 1000 ? 300 : 200;
    const delta = await timePath(core, 'delta', iterations);
    const refetch = await timePath(core, 'refetch', iterations);
    const label = (what: string, p: number) =>
      `change reaches another window's cache (${what}), ${count} profiles, p${p}`;
    const early = delta.filter((ms) => ms === 0).length;
    record(label('event applied', 50), percentile(delta, 50), 'ms', undefined, `${early} of ${iterations} there first`);
    record(label('event applied', 99), percentile(delta, 99), 'ms', count === 1000 ? 2 : undefined);
    record(label('old path: event, then the list re-fetched', 50), percentile(refetch, 50), 'ms');
    record(label('old path: event, then the list re-fetched', 99), percentile(refetch, 99), 'ms');
    if (count === 1000) {
      // What crosses IPC to each window per change: one event against one list.
      let event: ChangeEvent | null = null;
      const stop = core.changes.subscribe((e) => (event = e));
      const [first] = core.profiles.list().profiles;
      await core.profiles.update({ id: first!.id, expectedRevision: first!.revision, patch: { model: 'sized' } });
      stop();
      record('bytes per window per change, one update (event), 1000 profiles', size(event), 'bytes');
      record(
        'bytes per window per change, the whole list (old path), 1000 profiles',
        size(core.profiles.list()),
        'bytes',
      );
    }
    await core.close();
    await vault.dispose();
  }
}

function size(value: unknown): number {
  return Buffer.byteLength(jsonTransformer.serialize(value) ?? '');
}
