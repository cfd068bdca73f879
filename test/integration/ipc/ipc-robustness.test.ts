// The IPC server under hostile or broken renderers: 10,000 fuzzed raw messages, 1,000 untrusted calls, a
// throwing context, a destroyed window. Never a crash, never an unhandled rejection, never a vault write,
// and every request with an id answered.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorDataSchema } from '../../../shared/errors/app-error-data.contract.js';
import { createIpcHarness, decodeWire, type IpcHarness } from '../../support/ipc-harness.js';
import { runIpcFuzz } from '../../support/ipc-fuzz.js';
import { localProfileInput } from '../../support/profile-builders.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

let h: IpcHarness;
afterEach(async () => h?.dispose());

describe('IPC robustness', () => {
  it('10,000 fuzzed raw messages: 0 crashes, 0 unhandled rejections, 0 vault writes, every request answered', async () => {
    const report = await runIpcFuzz(10_000, 20261126);
    expect(report.requestsWithId).toBeGreaterThan(3_000);
    expect(report.unhandledRejections).toEqual([]);
    expect(report.unanswered).toEqual([]);
    expect(report.vaultChanged).toBe(false);
    expect(report.encryptCalls).toBe(0);
    expect(report.domainChanges).toBe(0);
    expect(report.malformedErrors).toBe(0);
    // The server still serves a well-formed call afterwards.
    expect(report.listedAfter).toEqual(['Existing']);
  });

  it('1,000 calls from untrusted senders: 100% FORBIDDEN, 0 handler runs', async () => {
    let contexts = 0;
    h = await createIpcHarness({ createContextHook: () => (contexts += 1) });
    const reasons = ['unknown-webcontents', 'subframe', 'foreign-origin', 'no-frame'];
    const windows = reasons.map((reason) => h.connect({ verdict: { trusted: false, reason } }));
    const calls = Array.from({ length: 1000 }, (_, i) => {
      const w = windows[i % windows.length]!;
      return i % 3 === 0
        ? w.client.profiles.create.mutate(localProfileInput())
        : i % 3 === 1
          ? w.client.profiles.list.query()
          : w.client.storage.allowWeakEncryption.mutate({ acknowledged: true });
    });
    const settled = await Promise.allSettled(calls);
    const codes = settled.map((s) =>
      s.status === 'rejected' ? AppErrorDataSchema.parse((s.reason as { data: unknown }).data).code : 'ok',
    );
    expect(codes.filter((c) => c === 'IPC_FORBIDDEN_SENDER')).toHaveLength(1000);
    expect(
      settled.every((s) => s.status === 'rejected' && (s.reason as { shape: { code: number } }).shape.code === -32003),
    ).toBe(true);
    expect(contexts).toBe(0);
    expect(h.t.cipher.encryptCalls).toBe(0);
    expect(await h.t.readVaultBytes()).toBeNull();
    // Logged in full after a quiet spell, otherwise counted into one summary line per second: all accounted for.
    await h.server.stopAll();
    const full = h.t.logger.find('ipc.call').filter((r) => r.fields.outcome === 'refused');
    const summaries = h.t.logger.find('ipc.calls_refused');
    expect(full.length + summaries.reduce((n, r) => n + (r.fields.count as number), 0)).toBe(1000);
    expect(full.length + summaries.length).toBeLessThan(100);
  });

  it("an untrusted subframe cannot stop its window's subscriptions", async () => {
    h = await createIpcHarness();
    const top = h.connect();
    const subframe = h.connect({ senderId: top.senderId, verdict: { trusted: false, reason: 'subframe' } });
    top.sendRaw({ method: 'request', operation: { id: 5, type: 'subscription', path: 'profiles.changes' } });
    await h.settle();
    subframe.sendRaw({ method: 'subscription.stop', id: 5 });
    await h.settle();
    const refusal = subframe.received.map(decodeWire).find((m) => m.id === 5);
    expect(refusal && 'error' in refusal ? (refusal.error.data as { code: string }).code : null).toBe(
      'IPC_FORBIDDEN_SENDER',
    );
    // The window's subscription is still live: a change reaches it, and it has not been told 'stopped'.
    await h.t.core.profiles.create(localProfileInput());
    await h.settle();
    const answers = top.received.filter((m) => m.id === 5).map(decodeWire);
    expect(answers.map((m) => ('result' in m ? m.result.type : 'error'))).toEqual(['started', 'data', 'data']);
    // The first event only says where the feed stands; the second is the change.
    const eventTypes = answers.map((m) =>
      'result' in m && m.result.type === 'data' ? (m.result.data as { type: string }).type : null,
    );
    expect(eventTypes).toEqual([null, 'feed.started', 'profile.created']);
  });

  it('a throwing context still answers, with INTERNAL and no stack', async () => {
    h = await createIpcHarness({
      createContextHook: () => {
        throw new Error('context exploded at /secret/path.ts:12:3');
      },
    });
    const w = h.connect();
    const error = await w.client.profiles.list.query().catch((e: { data: unknown; shape: unknown }) => e);
    expect(AppErrorDataSchema.parse((error as { data: unknown }).data).code).toBe('INTERNAL');
    expect(JSON.stringify((error as { shape: unknown }).shape)).not.toContain('secret/path');
    expect(h.t.logger.find('ipc.internal_error')).toHaveLength(1);
  });

  it('a destroyed window: no reply attempted, no crash, other windows unaffected', async () => {
    h = await createIpcHarness();
    const gone = h.connect();
    const alive = h.connect();
    gone.destroy();
    gone.sendRaw({ method: 'request', operation: { id: 1, type: 'query', path: 'profiles.list' } });
    await h.settle();
    expect(gone.received).toEqual([]);
    expect((await alive.client.profiles.list.query()).profiles).toEqual([]);
    expect(unhandled).toEqual([]);
  });

  it('answers an unknown subscription.stop with "stopped" and a duplicate subscription id with an error', async () => {
    h = await createIpcHarness();
    const w = h.connect();
    w.sendRaw({ method: 'subscription.stop', id: 42 });
    w.sendRaw({ method: 'request', operation: { id: 7, type: 'subscription', path: 'profiles.changes' } });
    await h.settle();
    w.sendRaw({ method: 'request', operation: { id: 7, type: 'subscription', path: 'profiles.changes' } });
    await h.settle();
    expect(w.received.find((m) => m.id === 42)).toEqual({ id: 42, result: { type: 'stopped' } });
    const dup = w.received.filter((m) => m.id === 7).map(decodeWire);
    expect(dup.map((m) => ('error' in m ? (m.error.data as { code: string }).code : m.result.type))).toEqual([
      'started',
      'data', // the subscription's first event, feed.started
      'IPC_MALFORMED_REQUEST',
    ]);
  });
});
