// The real renderer link and main-side IPC server joined by a worker_threads MessageChannel (structured
// clone, as Electron IPC), for the benchmarks.
import { MessageChannel } from 'node:worker_threads';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { ElectronTrpcBridge, IpcServerMessage } from '../shared/ipc-protocol.js';
import { TrpcIpcServer } from '../src-main/ipc/trpc-ipc-server.js';
import { ipcLink } from '../src-renderer/ipc/ipc-link.js';
import type { CoreServices } from '../src/core.js';
import type { Logger } from '../src/ports/logger.port.js';
import { systemClock } from '../src/adapters/system-clock.adapter.js';
import { nodeTimers } from '../src/adapters/node-timers.adapter.js';
import { CALL_LIMITS } from '../src/api/call-limits.js';
import { appRouter, type AppRouter } from '../src/api/app.router.js';
import { createContextInner } from '../src/api/context.js';

export interface IpcPair {
  readonly client: TRPCClient<AppRouter>;
  readonly server: TrpcIpcServer<AppRouter>;
  close(): Promise<void>;
}

export function ipcPair(core: CoreServices, logger: Logger = core.logger): IpcPair {
  const server = new TrpcIpcServer<AppRouter>({
    router: appRouter,
    createContext: ({ correlationId }) => createContextInner(core, correlationId),
    logger,
    ids: core.ids,
    clock: systemClock,
    timers: nodeTimers,
    limits: CALL_LIMITS,
  });
  const { port1, port2 } = new MessageChannel();
  const sender = { id: 1, isGone: () => false, send: (m: IpcServerMessage) => port2.postMessage(m) };
  port2.on('message', (m: unknown) => void server.handle(sender, m, { trusted: true }));
  const listeners: Array<(m: IpcServerMessage) => void> = [];
  port1.on('message', (m: IpcServerMessage) => listeners.forEach((l) => l(m)));
  const bridge: ElectronTrpcBridge = {
    sendMessage: (m) => port1.postMessage(m),
    onMessage: (cb) => listeners.push(cb),
  };
  return {
    client: createTRPCClient<AppRouter>({ links: [ipcLink<AppRouter>({ bridge })] }),
    server,
    close: async () => {
      await server.stopAll();
      port1.close();
      port2.close();
    },
  };
}
