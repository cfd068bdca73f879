// The IPC server under hostile or broken renderers: 10,000 fuzzed raw messages, 1,000 untrusted calls, a
// throwing context, a destroyed window. Never a crash, never an unhandled rejection, never a vault write,
// and every request with an id answered.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppErrorDataSchema } from '../../../shared/errors/app-error-data.contract.js';
import type { IpcServerMessage } from '../../../shared/ipc-protocol.js';
import { createIpcHarness, decodeWire, type IpcHarness } from '../../support/ipc-harness.js';
import { localProfileInput } from '../../support/profile-builders.js';

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));

let h: IpcHarness;
afterEach(async () => h?.dispose());

const PATHS = ['profiles.list', 'profiles.get', 'profiles.create', 'profiles.update', 'profiles.delete', 'profiles.activate', 'profiles.changes', 'storage.status', 'storage.allowWeakEncryption', 'nope', '__proto__', 'profiles', 'constructor', ''];
const wireId = fc.oneof(fc.integer(), fc.string({ maxLength: 70 }), fc.constant(null), fc.double(), fc.constant(undefined));
const looseObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 });

/** Messages that look more or less like the protocol, plus plain garbage. */
const fuzzMessage = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.record({ method: fc.constantFrom('request', 'subscription.stop', 'REQUEST', 'x'), id: wireId }, { requiredKeys: [] }) },
  { weight: 5, arbitrary: fc.record(
    {
      method: fc.constant('request'),
      operation: fc.record(
        {
          id: wireId,
          type: fc.oneof(fc.constantFrom('query', 'mutation', 'subscription'), fc.string({ maxLength: 5 })),
          path: fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 20 })),
          // Near-valid inputs too: every one has at least one field the schemas refuse.
          input: fc.oneof(fc.anything({ maxDepth: 2 }), looseObject, fc.constant({ ...localProfileInput(), baseUrl: 'ftp://x' }), fc.constant({ ...localProfileInput(), name: '' })),
          context: fc.oneof(looseObject, fc.constant({ correlationId: 'abc' }), fc.anything({ maxDepth: 1 })),
        },
        { requiredKeys: ['id'] },
      ),
    },
    { requiredKeys: ['method'] },
  ) },
);

function answeredIds(received: IpcServerMessage[]): Map<unknown, IpcServerMessage[]> {
  const byId = new Map<unknown, IpcServerMessage[]>();
  for (const m of received) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
  return byId;
}

describe('IPC robustness', () => {
  it('10,000 fuzzed raw messages: 0 crashes, 0 unhandled rejections, 0 vault writes, every request answered', async () => {
    // Storage available: a write that slipped through would really happen, and show below.
    h = await createIpcHarness();
    await h.t.core.profiles.create(localProfileInput({ name: 'Existing' }));
    await h.t.core.close();
    const vaultBefore = await h.t.readVaultBytes();
    const encryptsBefore = h.t.cipher.encryptCalls;
    const w = h.connect();
    const messages = fc.sample(fuzzMessage, { numRuns: 10_000, seed: 20261126 });
    // Give every request a unique numeric id we can account for; keep the fuzzed ones on a copy.
    const expected = new Set<number>();
    let nextId = 1_000_000;
    const prepared = messages.map((m, i) => {
      if (i % 5 !== 0 && typeof m === 'object' && m !== null && 'operation' in m && typeof m.operation === 'object' && m.operation !== null) {
        const id = nextId++;
        const op = { ...(m.operation as object), id };
        const candidate = { ...m, operation: op };
        expected.add(id);
        return candidate;
      }
      return m;
    });
    expect(expected.size).toBeGreaterThan(3_000);
    for (const m of prepared) w.sendRaw(m);
    await h.settle();
    await h.server.stopAll();
    await h.settle();

    expect(unhandled).toEqual([]);
    expect(await h.t.readVaultBytes()).toEqual(vaultBefore);
    expect(h.t.cipher.encryptCalls).toBe(encryptsBefore);
    expect(h.t.logger.records.filter((r) => /^profile\.(created|updated|deleted|activated)$/.test(r.event))).toHaveLength(1); // the seed only
    const byId = answeredIds(w.received);
    const unanswered = [...expected].filter((id) => !(byId.get(id) ?? []).some((m) => 'error' in m || ('result' in m && m.result.type !== 'started')));
    expect(unanswered).toEqual([]);
    for (const m of w.received.map(decodeWire)) if ('error' in m) AppErrorDataSchema.parse(m.error.data);
    // The server still serves a well-formed call afterwards.
    expect((await w.client.profiles.list.query()).profiles.map((p) => p.name)).toEqual(['Existing']);
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
    const codes = settled.map((s) => (s.status === 'rejected' ? AppErrorDataSchema.parse((s.reason as { data: unknown }).data).code : 'ok'));
    expect(codes.filter((c) => c === 'IPC_FORBIDDEN_SENDER')).toHaveLength(1000);
    expect(settled.every((s) => s.status === 'rejected' && (s.reason as { shape: { code: number } }).shape.code === -32003)).toBe(true);
    expect(contexts).toBe(0);
    expect(h.t.cipher.encryptCalls).toBe(0);
    expect(await h.t.readVaultBytes()).toBeNull();
    expect(h.t.logger.find('ipc.call').filter((r) => r.fields.outcome === 'refused')).toHaveLength(1000);
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
    expect(refusal && 'error' in refusal ? (refusal.error.data as { code: string }).code : null).toBe('IPC_FORBIDDEN_SENDER');
    // The window's subscription is still live: a change reaches it, and it has not been told 'stopped'.
    await h.t.core.profiles.create(localProfileInput());
    await h.settle();
    const types = top.received.filter((m) => m.id === 5).map(decodeWire).map((m) => ('result' in m ? m.result.type : 'error'));
    expect(types).toEqual(['started', 'data']);
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
    expect(dup.map((m) => ('error' in m ? (m.error.data as { code: string }).code : m.result.type))).toEqual(['started', 'IPC_MALFORMED_REQUEST']);
  });
});
