// The real renderer link and the real main-side IPC server joined by a worker_threads MessageChannel, so
// every message is structured-cloned exactly as Electron IPC would. Each connect() is one renderer window.
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { ElectronTrpcBridge, IpcClientMessage, IpcServerMessage } from '../../shared/ipc-protocol.js';
import { TrpcIpcServer, type IpcSender, type SenderVerdict } from '../../src-main/ipc/trpc-ipc-server.js';
import { ipcLink } from '../../src-renderer/ipc/ipc-link.js';
import { appRouter, type AppRouter } from '../../src/api/app.router.js';
import { createContextInner } from '../../src/api/context.js';
import { systemClock } from '../../src/adapters/system-clock.adapter.js';
import { nodeTimers } from '../../src/adapters/node-timers.adapter.js';
import { CALL_LIMITS } from '../../src/api/call-limits.js';
import type { Logger } from '../../src/ports/logger.port.js';
import { createTestCore, type TestCore, type TestCoreOptions } from './create-test-core.js';
import { settle as settleQueued } from './wait-for.js';

export interface RendererWindow {
  readonly senderId: number;
  readonly client: TRPCClient<AppRouter>;
  readonly bridge: ElectronTrpcBridge;
  /** Every message main sent to this window, in order. */
  readonly received: IpcServerMessage[];
  /** Sends a raw message as a (possibly misbehaving) renderer would. */
  sendRaw(message: unknown): void;
  /** Simulates the window being destroyed: main's sends now fail. */
  destroy(): void;
  close(): void;
}

export interface IpcHarness extends AsyncDisposable {
  readonly t: TestCore;
  readonly server: TrpcIpcServer<AppRouter>;
  /** A new window; with senderId, another frame of an existing window (a subframe shares its webContents id). */
  connect(options?: { verdict?: SenderVerdict; senderId?: number }): RendererWindow;
  /** Resolves once every message posted so far has been handled on both ends. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

export interface IpcHarnessOptions extends TestCoreOptions {
  readonly createContextHook?: () => void;
  readonly logger?: TestCoreOptions['logger'];
  readonly serverLogger?: Logger;
}

export async function createIpcHarness(options: IpcHarnessOptions = {}): Promise<IpcHarness> {
  const t = await createTestCore(options);
  const server = new TrpcIpcServer<AppRouter>({
    router: appRouter,
    createContext: ({ correlationId }) => {
      options.createContextHook?.();
      return createContextInner(t.core, correlationId);
    },
    logger: options.serverLogger ?? t.core.logger,
    ids: t.core.ids,
    clock: systemClock,
    timers: nodeTimers,
    limits: CALL_LIMITS,
  });
  const ports: MessagePort[] = [];
  const inFlight = new Set<Promise<void>>();
  let nextSenderId = 1;

  const connect = ({
    verdict = { trusted: true },
    senderId = nextSenderId++,
  }: { verdict?: SenderVerdict; senderId?: number } = {}): RendererWindow => {
    const { port1: rendererPort, port2: mainPort } = new MessageChannel();
    ports.push(rendererPort, mainPort);
    let gone = false;
    const received: IpcServerMessage[] = [];
    const sender: IpcSender = {
      id: senderId,
      isGone: () => gone,
      send: (message) => mainPort.postMessage(message),
    };
    mainPort.on('message', (message: unknown) => {
      const handled = server.handle(sender, message, verdict);
      inFlight.add(handled);
      void handled.finally(() => inFlight.delete(handled));
    });
    const listeners: Array<(m: IpcServerMessage) => void> = [];
    rendererPort.on('message', (message: IpcServerMessage) => {
      received.push(message);
      for (const l of listeners) l(message);
    });
    const bridge: ElectronTrpcBridge = {
      sendMessage: (message: IpcClientMessage) => rendererPort.postMessage(message),
      onMessage: (callback) => listeners.push(callback),
    };
    return {
      senderId,
      bridge,
      received,
      client: createTRPCClient<AppRouter>({ links: [ipcLink({ bridge })] }),
      sendRaw: (message) => rendererPort.postMessage(message),
      destroy: () => {
        gone = true;
        void server.releaseSender(senderId);
      },
      close: () => {
        rendererPort.close();
        mainPort.close();
      },
    };
  };

  const settle = async () => {
    for (let round = 0; round < 50; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      if (inFlight.size === 0) {
        await settleQueued();
        if (inFlight.size === 0) return;
      }
      await Promise.all([...inFlight]);
    }
  };

  const dispose = async () => {
    await server.stopAll();
    for (const port of ports) port.close();
    await t.dispose();
  };
  return { t, server, connect, settle, dispose, [Symbol.asyncDispose]: dispose };
}

/** A wire message as the renderer link would read it: data and error decoded by the app's JSON transformer. */
export function decodeWire<M extends { id: unknown }>(message: M): M {
  const decode = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
  const m = message as unknown as { error?: unknown; result?: { type: string; data?: unknown } };
  if ('error' in m) return { ...message, error: decode(m.error) };
  if (m.result?.type === 'data') return { ...message, result: { ...m.result, data: decode(m.result.data) } };
  return message;
}

/** Every string the window was sent, decoded as the renderer would read it (strings holding JSON opened too). */
export function windowText(w: RendererWindow): string {
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      strings.push(value);
      try {
        walk(JSON.parse(value));
      } catch {
        // not JSON: the string itself is what the window reads
      }
    } else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  for (const message of w.received) walk(decodeWire(message));
  return strings.join('\n');
}
