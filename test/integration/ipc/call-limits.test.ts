// Work per window is bounded: past each limit the call is refused with its catalogued error and nothing starts;
// another window has its own share; a window that goes away frees its share at once. And every call gets
// exactly one terminal answer, even when the page sends `subscription.stop` for a query or mutation in flight.
// The network stalls every request until the test lets it go, so calls stay in flight as long as needed.
import { afterEach, describe, expect, it } from 'vitest';
import { AppErrorDataSchema } from '../../../shared/errors/app-error-data.contract.js';
import type { IpcServerMessage } from '../../../shared/ipc-protocol.js';
import { CALL_LIMITS } from '../../../src/api/call-limits.js';
import type { Network } from '../../../src/ports/network.port.js';
import { expectAppError } from '../../support/app-error-assertions.js';
import { createIpcHarness, decodeWire, type IpcHarness, type RendererWindow } from '../../support/ipc-harness.js';
import { localProfileInput } from '../../support/profile-builders.js';
import { waitFor } from '../../support/wait-for.js';

let h: IpcHarness;
afterEach(async () => h?.dispose());

/** A network on which every request waits until released (then fails as a refused connection) or aborted. */
function stallingNetwork() {
  const waiting = new Set<() => void>();
  let started = 0;
  const stall = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      started += 1;
      const refuse = () => reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
      waiting.add(refuse);
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
    });
  const network: Network = {
    fetch: (_url, request) => stall(request.signal),
    canConnect: (_host, _port, signal) => stall(signal),
  };
  return {
    network,
    get started() {
      return started;
    },
    releaseAll: () => {
      for (const refuse of waiting) refuse();
      waiting.clear();
    },
  };
}

const draft = { kind: 'ollama', baseUrl: 'http://127.0.0.1:11434' } as const;

/** A subscription's failure as a rejected promise, for expectAppError. */
function refusedSubscription(start: (onError: (error: Error) => void) => unknown): Promise<never> {
  return new Promise<never>((_, reject) => void start(reject));
}

/**
 * Waits until the server has handled everything this window sent so far. Messages are handled in order and a
 * refusal or a stop is answered without waiting, so the answer to a later query is the barrier; h.settle() would
 * wait for the stalled calls themselves.
 */
async function handled(w: RendererWindow): Promise<void> {
  await w.client.profiles.list.query();
}

function terminalAnswers(w: RendererWindow, id: number): IpcServerMessage[] {
  return w.received.filter(
    (m) => m.id === id && ('error' in m || m.result.type === 'data' || m.result.type === 'stopped'),
  );
}

describe('limits per window', () => {
  it('one discovery scan at a time: the second is refused before it touches the network', async () => {
    const net = stallingNetwork();
    h = await createIpcHarness({ network: net.network });
    const w = h.connect();
    const first = w.client.discovery.scan.subscribe(undefined, { onData: () => undefined });
    await waitFor(() => net.started > 0, { what: 'the first scan to probe' });
    const probes = net.started;
    const refused = refusedSubscription((onError) => w.client.discovery.scan.subscribe(undefined, { onError }));
    const error = await expectAppError(refused, 'IPC_SCAN_IN_PROGRESS');
    expect(error.correlationId).toMatch(/.+/);
    await handled(w);
    expect(net.started).toBe(probes);
    // Another window has its own share.
    const other = h.connect();
    const second = other.client.discovery.scan.subscribe(undefined, { onData: () => undefined });
    await waitFor(() => net.started > probes, { what: "the other window's scan to probe" });
    first.unsubscribe();
    second.unsubscribe();
  });

  it(`${CALL_LIMITS.groups[1]!.procedures.join(' and ')} share a limit of ${CALL_LIMITS.groups[1]!.max}`, async () => {
    const net = stallingNetwork();
    h = await createIpcHarness({ network: net.network });
    const w = h.connect();
    // llama.cpp serves the model it started with: the test sends its prompt with nothing asked first.
    const p = await w.client.profiles.create.mutate(
      localProfileInput({ kind: 'openai-compatible', preset: 'llamacpp', baseUrl: 'http://127.0.0.1:8080/v1' }),
    );
    const max = CALL_LIMITS.groups[1]!.max;
    const running = Array.from({ length: max - 1 }, () =>
      w.client.profiles.models.mutate({ draft }).catch(() => undefined),
    );
    const test = w.client.profiles.test.subscribe({ id: p.id }, { onData: () => undefined });
    await waitFor(() => net.started === max, { what: `${max} requests to reach the network` });
    const error = await expectAppError(w.client.profiles.models.mutate({ draft }), 'IPC_TOO_MANY_REQUESTS');
    expect(error.message).toContain(String(max));
    const refusedTest = refusedSubscription((onError) => w.client.profiles.test.subscribe({ id: p.id }, { onError }));
    await expectAppError(refusedTest, 'IPC_TOO_MANY_REQUESTS');
    await handled(w);
    expect(net.started).toBe(max);
    // Once one finishes, there is room for one more.
    net.releaseAll();
    await Promise.all(running);
    test.unsubscribe();
    await waitFor(() => h.server.callsInFlight === 0, { what: 'the calls to end' });
    const again = w.client.profiles.models.mutate({ draft });
    again.catch(() => undefined);
    await waitFor(() => net.started === max + 1, { what: 'the next request to start' });
    net.releaseAll();
    await expectAppError(again, 'PROVIDER_CONNECTION_REFUSED');
  });

  it(`at most ${CALL_LIMITS.subscriptionsPerWindow} live subscriptions per window`, async () => {
    h = await createIpcHarness();
    const w = h.connect();
    const live = Array.from({ length: CALL_LIMITS.subscriptionsPerWindow }, () =>
      w.client.profiles.changes.subscribe(undefined, { onData: () => undefined }),
    );
    await waitFor(() => h.t.core.changes.subscriberCount === CALL_LIMITS.subscriptionsPerWindow, {
      what: 'every subscription to start',
    });
    const refused = refusedSubscription((onError) => w.client.profiles.changes.subscribe(undefined, { onError }));
    await expectAppError(refused, 'IPC_TOO_MANY_SUBSCRIPTIONS');
    expect(h.t.core.changes.subscriberCount).toBe(CALL_LIMITS.subscriptionsPerWindow);
    // Queries are not subscriptions: the window still works.
    expect((await w.client.profiles.list.query()).profiles).toEqual([]);
    for (const s of live) s.unsubscribe();
  });

  it('a window that goes away frees its share at once, and aborts what it had running', async () => {
    const net = stallingNetwork();
    h = await createIpcHarness({ network: net.network });
    const w = h.connect();
    w.client.discovery.scan.subscribe(undefined, { onData: () => undefined });
    const listing = w.client.profiles.models.mutate({ draft }).catch(() => undefined);
    await waitFor(() => h.server.callsInFlight === 2, { what: 'both calls to be in flight' });
    w.destroy();
    expect(h.server.callsInFlight).toBe(0);
    void listing;
    // The same window after a reload (same sender id) starts afresh.
    const reloaded = h.connect({ senderId: w.senderId });
    const probes = net.started;
    const scan = reloaded.client.discovery.scan.subscribe(undefined, { onData: () => undefined });
    await waitFor(() => net.started > probes, { what: 'the reloaded window to scan' });
    scan.unsubscribe();
  });
});

describe('one terminal answer per id', () => {
  it('subscription.stop for a mutation in flight is ignored: the mutation answers once, itself', async () => {
    const net = stallingNetwork();
    h = await createIpcHarness({ network: net.network });
    const w = h.connect();
    const ids: number[] = [];
    const sendMessage = w.bridge.sendMessage.bind(w.bridge);
    w.bridge.sendMessage = (m) => {
      if (m.method === 'request') ids.push(m.operation.id as number);
      sendMessage(m);
    };
    const listing = w.client.profiles.models.mutate({ draft });
    await waitFor(() => net.started === 1, { what: 'the listing to reach the network' });
    w.sendRaw({ method: 'subscription.stop', id: ids[0] });
    await handled(w);
    expect(terminalAnswers(w, ids[0]!)).toEqual([]);
    net.releaseAll();
    await expectAppError(listing, 'PROVIDER_CONNECTION_REFUSED');
    await h.settle();
    const answers = terminalAnswers(w, ids[0]!).map(decodeWire);
    expect(answers).toHaveLength(1);
    expect(AppErrorDataSchema.parse((answers[0] as { error: { data: unknown } }).error.data).code).toBe(
      'PROVIDER_CONNECTION_REFUSED',
    );
  });

  it('a second request with an id already in flight is refused and leaves the first alone', async () => {
    const net = stallingNetwork();
    h = await createIpcHarness({ network: net.network });
    const w = h.connect();
    const input = JSON.stringify({ draft });
    w.sendRaw({ method: 'request', operation: { id: 9, type: 'mutation', path: 'profiles.models', input } });
    await waitFor(() => net.started === 1, { what: 'the first call to reach the network' });
    w.sendRaw({ method: 'request', operation: { id: 9, type: 'mutation', path: 'profiles.models', input } });
    await handled(w);
    expect(net.started).toBe(1);
    net.releaseAll();
    await waitFor(() => terminalAnswers(w, 9).length === 2, { what: 'both answers' });
    await h.settle();
    const codes = terminalAnswers(w, 9)
      .map(decodeWire)
      .map((m) => AppErrorDataSchema.parse((m as { error: { data: unknown } }).error.data).code);
    expect(codes).toEqual(['IPC_MALFORMED_REQUEST', 'PROVIDER_CONNECTION_REFUSED']);
  });
});
