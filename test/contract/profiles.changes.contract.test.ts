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
    await editor.client.profiles.activate.mutate({ id: p.id });
    await editor.client.profiles.delete.mutate({ id: p.id });
    await waitFor(() => seen.events.length === 3);
    expect(seen.events.map((e) => [e.type, e.profileId])).toEqual([
      ['profile.created', p.id],
      ['profile.activated', p.id],
      ['profile.deleted', p.id],
    ]);
    expect(seen.events.map((e) => e.sequence)).toEqual([1, 2, 3]);
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
