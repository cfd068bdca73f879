// Several renderer windows (and several tRPC clients in one window): request ids never collide, every call
// gets its own answer, and correlation ids are unique across 10,000 calls and shared by all of a call's records.
import { createTRPCClient } from '@trpc/client';
import { afterEach, describe, expect, it } from 'vitest';
import { ipcLink } from '../../../src-renderer/ipc/ipc-link.js';
import type { AppRouter } from '../../../src/api/app.router.js';
import { createIpcHarness, type IpcHarness } from '../../support/ipc-harness.js';
import { localProfileInput } from '../../support/profile-builders.js';

let h: IpcHarness;
afterEach(async () => h?.dispose());

describe('many windows and clients', () => {
  it('two tRPC clients on one bridge never reuse a wire id', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const second = createTRPCClient<AppRouter>({ links: [ipcLink({ bridge: w.bridge })] });
    const sent: number[] = [];
    const original = w.bridge.sendMessage.bind(w.bridge);
    w.bridge.sendMessage = (m) => {
      if (m.method === 'request') sent.push(m.operation.id as number);
      original(m);
    };
    const p = await w.client.profiles.create.mutate(localProfileInput({ name: 'Mine' }));
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? w.client : second).profiles.get.query({ id: p.id })),
    );
    expect(results.every((r) => r.id === p.id)).toBe(true);
    expect(new Set(sent).size).toBe(sent.length);
    expect(sent.length).toBe(201); // the create, then 200 gets
  });

  it('10,000 calls from two windows: 0 correlation id collisions, each call answered once', async () => {
    h = await createIpcHarness();
    const a = h.connect();
    const b = h.connect();
    const calls = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? a : b).client.storage.status.query());
    const results = await Promise.all(calls);
    expect(results).toHaveLength(10_000);
    const records = h.t.logger.find('ipc.call');
    expect(records).toHaveLength(10_000);
    const ids = records.map((r) => r.fields.correlationId);
    expect(new Set(ids).size).toBe(10_000);
  });

  it('every record of one call shares its correlation id', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const created = await w.client.profiles.create.mutate(localProfileInput());
    const records = h.t.logger.records.filter((r) => r.event === 'ipc.call' || r.event.startsWith('profile.'));
    const call = records.find((r) => r.event === 'ipc.call' && r.fields.procedure === 'profiles.create')!;
    const domain = records.find((r) => r.event === 'profile.created')!;
    expect(domain.fields.profileId).toBe(created.id);
    expect(domain.correlationId).toBe(call.fields.correlationId);
    expect(call.correlationId).toBe(call.fields.correlationId);
  });

  it('uses the correlation id the renderer supplies, and reports it in errors', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const error = await w.client.profiles.get
      .query({ id: 'missing' }, { context: { correlationId: 'renderer-chosen-id-1' } })
      .catch((e: { data: { correlationId: string } }) => e);
    expect((error as { data: { correlationId: string } }).data.correlationId).toBe('renderer-chosen-id-1');
    expect(h.t.logger.find('ipc.call').at(-1)?.fields.correlationId).toBe('renderer-chosen-id-1');
  });
});

describe('link robustness', () => {
  it('a stray "stopped" or "started" for a query id does not end the query without its data', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    // Answer the first request id with noise before the real answer arrives.
    const sendMessage = w.bridge.sendMessage.bind(w.bridge);
    w.bridge.sendMessage = (m) => {
      if (m.method === 'request') w.sendRaw({ method: 'subscription.stop', id: m.operation.id });
      sendMessage(m);
    };
    const list = await w.client.profiles.list.query();
    expect(list.profiles).toEqual([]);
    expect(w.received.some((m) => 'result' in m && m.result.type === 'stopped')).toBe(true);
  });
});
