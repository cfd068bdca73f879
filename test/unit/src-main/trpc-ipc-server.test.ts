// Edge cases of the IPC server that the channel harness cannot produce: a reply that cannot be sent, and a
// subscription whose window is already gone when it starts.
import { afterEach, describe, expect, it } from 'vitest';
import type { IpcServerMessage } from '../../../shared/ipc-protocol.js';
import { TrpcIpcServer, type IpcSender } from '../../../src-main/ipc/trpc-ipc-server.js';
import { systemClock } from '../../../src/adapters/system-clock.adapter.js';
import { nodeTimers } from '../../../src/adapters/node-timers.adapter.js';
import { CALL_LIMITS } from '../../../src/api/call-limits.js';
import { appRouter, type AppRouter } from '../../../src/api/app.router.js';
import { createContextInner } from '../../../src/api/context.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { decodeWire } from '../../support/ipc-harness.js';
import { waitFor } from '../../support/wait-for.js';

let t: TestCore;
afterEach(async () => t?.dispose());

function serverFor(core: TestCore) {
  return new TrpcIpcServer<AppRouter>({
    router: appRouter,
    createContext: ({ correlationId }) => createContextInner(core.core, correlationId),
    logger: core.core.logger,
    ids: core.core.ids,
    clock: systemClock,
    timers: nodeTimers,
    limits: CALL_LIMITS,
  });
}

describe('TrpcIpcServer edge cases', () => {
  it('answers with an error when the result itself cannot be sent', async () => {
    t = await createTestCore();
    const server = serverFor(t);
    const sent: IpcServerMessage[] = [];
    let first = true;
    const sender: IpcSender = {
      id: 1,
      isGone: () => false,
      send: (m) => {
        if (first) {
          first = false;
          throw new DOMException('could not be cloned', 'DataCloneError');
        }
        sent.push(decodeWire(m));
      },
    };
    await server.handle(
      sender,
      { method: 'request', operation: { id: 5, type: 'query', path: 'profiles.list' } },
      { trusted: true },
    );
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ id: 5, error: { data: { code: 'INTERNAL' } } });
    expect(t.logger.find('ipc.reply_failed')).toHaveLength(1);
  });

  it('does not keep a subscription whose window is already gone', async () => {
    t = await createTestCore();
    const server = serverFor(t);
    const sender: IpcSender = { id: 2, isGone: () => true, send: () => undefined };
    await server.handle(
      sender,
      { method: 'request', operation: { id: 1, type: 'subscription', path: 'profiles.changes' } },
      { trusted: true },
    );
    await waitFor(() => server.activeSubscriptions === 0, { what: 'the subscription of a gone window to end' });
    expect(t.core.changes.subscriberCount).toBe(0);
  });
});
