import { afterEach, describe, expect, it } from 'vitest';
import { ChangeEventSchema, type ChangeEvent } from '../../shared/change.contract.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { localProfileInput } from '../support/profile-builders.js';
import { waitFor } from '../support/wait-for.js';

let h: IpcHarness;
afterEach(async () => h?.dispose());

function collect(window: ReturnType<IpcHarness['connect']>) {
  const events: ChangeEvent[] = [];
  let started = false;
  const sub = window.client.profiles.changes.subscribe(undefined, {
    onStarted: () => (started = true),
    onData: (event) => events.push(ChangeEventSchema.parse(event)),
  });
  return { events, sub, isStarted: () => started };
}

describe('profiles.changes over IPC', () => {
  it('a change made in one window reaches the other', async () => {
    h = await createIpcHarness();
    const editor = h.connect();
    const watcher = h.connect();
    const seen = collect(watcher);
    await waitFor(seen.isStarted);
    const p = await editor.client.profiles.create.mutate(localProfileInput());
    const q = await editor.client.profiles.create.mutate(localProfileInput());
    await editor.client.profiles.activate.mutate({ id: q.id });
    await editor.client.profiles.delete.mutate({ id: q.id });
    await waitFor(() => seen.events.length === 5);
    const [started, ...changes] = seen.events;
    expect(started).toMatchObject({ type: 'feed.started', sequence: 0, revision: 0, baseRevision: 0, profiles: [] });
    expect(changes.map((e) => [e.type, e.profileId, e.baseRevision, e.revision])).toEqual([
      ['profile.created', p.id, 0, 1],
      ['profile.created', q.id, 1, 2],
      ['profile.activated', q.id, 2, 3],
      ['profile.deleted', q.id, 3, 4],
    ]);
    expect(changes.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
    seen.sub.unsubscribe();
  });

  it('each event carries the views that changed, the ids that are gone and the active id', async () => {
    h = await createIpcHarness();
    const editor = h.connect();
    const watcher = h.connect();
    const seen = collect(watcher);
    await waitFor(seen.isStarted);
    const a = await editor.client.profiles.create.mutate(localProfileInput());
    const b = await editor.client.profiles.create.mutate(localProfileInput());
    const renamed = await editor.client.profiles.update.mutate({
      id: a.id,
      expectedRevision: 1,
      patch: { name: 'New' },
    });
    // Activating another profile changes two views: the one now active and the one no longer.
    await editor.client.profiles.activate.mutate({ id: b.id });
    await editor.client.profiles.delete.mutate({ id: b.id });
    await waitFor(() => seen.events.length === 6);
    const [, createdA, createdB, updatedA, activatedB, deletedB] = seen.events;
    // The first profile on this computer is made the active one as it is created.
    expect(createdA).toMatchObject({ profiles: [{ ...a, isActive: true }], deletedIds: [], activeProfileId: a.id });
    expect(createdB).toMatchObject({ profiles: [{ ...b, isActive: false }], deletedIds: [], activeProfileId: a.id });
    expect(updatedA).toMatchObject({ profiles: [renamed], deletedIds: [], activeProfileId: a.id });
    expect(activatedB!.profiles.map((v) => [v.id, v.isActive])).toEqual([
      [a.id, false],
      [b.id, true],
    ]);
    expect(activatedB!.activeProfileId).toBe(b.id);
    expect(deletedB).toMatchObject({ profiles: [], deletedIds: [b.id], activeProfileId: null });
    seen.sub.unsubscribe();
  });

  it('a change no window can see (storage status) moves no revision and carries no views', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const seen = collect(w);
    await waitFor(seen.isStarted);
    await w.client.storage.status.query();
    h.t.cipher.setAvailability('unavailable');
    await w.client.storage.status.query();
    await waitFor(() => seen.events.length === 2);
    expect(seen.events[1]).toMatchObject({ type: 'storage.changed', baseRevision: 0, revision: 0, profiles: [] });
    seen.sub.unsubscribe();
  });

  it('subscription.stop ends it on main, and the window gets "stopped"', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const seen = collect(w);
    await waitFor(seen.isStarted);
    expect(h.server.activeSubscriptions).toBe(1);
    seen.sub.unsubscribe();
    await waitFor(() => h.server.activeSubscriptions === 0);
    expect(h.t.core.changes.subscriberCount).toBe(0);
    await waitFor(() => w.received.some((m) => 'result' in m && m.result.type === 'stopped'));
  });

  it('a window that goes away has its subscriptions cleaned up', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const seen = collect(w);
    await waitFor(seen.isStarted);
    w.destroy();
    await waitFor(() => h.server.activeSubscriptions === 0);
    expect(h.t.core.changes.subscriberCount).toBe(0);
    // Changes after that are not sent to it.
    const before = w.received.length;
    await h.t.core.profiles.create(localProfileInput());
    await h.settle();
    expect(w.received.length).toBe(before);
  });
});
