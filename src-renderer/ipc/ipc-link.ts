// The renderer end of tRPC over IPC: a tRPC link that speaks electron-trpc's wire protocol through the
// preload bridge. Wire ids come from one counter per bridge (so several tRPC clients in one window never
// collide), no AbortSignal crosses IPC (Chromium cannot clone it), and every operation carries a
// correlation id that main echoes in errors and diagnostics.
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable, type Observer } from '@trpc/server/observable';
import type { ElectronTrpcBridge, IpcServerMessage } from '../../shared/ipc-protocol.js';
import { jsonTransformer } from '../../shared/json-transformer.js';

/** Must match the server's transformer (src/trpc/init.ts). */
export interface LinkTransformer {
  serialize(value: unknown): unknown;
  deserialize(value: unknown): unknown;
}

interface Operation {
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly path: string;
  readonly input: unknown;
}

interface Pending {
  readonly type: Operation['type'];
  readonly observer: Observer<
    { result: { type: 'data'; data: unknown; id?: string } | { type: 'started' } | { type: 'stopped' } },
    TRPCClientError<AnyRouter>
  >;
}

/** One per bridge: the id counter and the table of calls waiting for an answer. */
class IpcClient {
  /**
   * Starts at a random point so that, after a reload, an answer main still sends to a call of the previous
   * page can never match a call of this one.
   */
  private nextId = Math.floor(Math.random() * 2 ** 31) * 1024 + 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly bridge: ElectronTrpcBridge,
    private readonly transformer: LinkTransformer,
  ) {
    bridge.onMessage((message) => this.receive(message));
  }

  /** Returns the wire id, or null when the request could not be sent (the observer has been told). */
  send(op: Operation, correlationId: string, pending: Pending): number | null {
    const id = this.nextId++;
    this.pending.set(id, pending);
    try {
      this.bridge.sendMessage({
        method: 'request',
        operation: {
          id,
          type: op.type,
          path: op.path,
          input: this.transformer.serialize(op.input),
          context: { correlationId },
        },
      });
    } catch (error) {
      // e.g. an input that cannot be structured-cloned
      this.pending.delete(id);
      pending.observer.error(
        TRPCClientError.from<AnyRouter>(error instanceof Error ? error : new Error(String(error))),
      );
      return null;
    }
    return id;
  }

  cancel(id: number): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    if (pending.type === 'subscription') this.bridge.sendMessage({ method: 'subscription.stop', id });
  }

  /** A payload that does not decode is reported as what it is rather than thrown into the bridge. */
  private decode(value: unknown): unknown {
    try {
      return this.transformer.deserialize(value);
    } catch {
      return { code: -32700, message: 'The app received an answer it could not read.', data: null };
    }
  }

  private receive(message: IpcServerMessage): void {
    if (typeof message?.id !== 'number') return;
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if ('error' in message) {
      this.pending.delete(message.id);
      pending.observer.error(
        TRPCClientError.from<AnyRouter>({
          error: this.decode(message.error) as typeof message.error,
        }),
      );
      return;
    }
    const { result } = message;
    // started/stopped only mean something for a subscription; for a query or mutation they are noise (a stray
    // or forged message) and must not end the call without its data.
    if (pending.type !== 'subscription' && result.type !== 'data') return;
    if (result.type === 'stopped') {
      this.pending.delete(message.id);
      pending.observer.complete();
      return;
    }
    pending.observer.next({ result: result.type === 'data' ? { ...result, data: this.decode(result.data) } : result });
    if (pending.type !== 'subscription') {
      this.pending.delete(message.id);
      pending.observer.complete();
    }
  }
}

const clients = new WeakMap<ElectronTrpcBridge, IpcClient>();

function clientFor(bridge: ElectronTrpcBridge, transformer: LinkTransformer): IpcClient {
  let client = clients.get(bridge);
  if (!client) {
    client = new IpcClient(bridge, transformer);
    clients.set(bridge, client);
  }
  return client;
}

export interface IpcLinkOptions {
  /** Defaults to the preload's `window.electronTRPC`. */
  readonly bridge?: ElectronTrpcBridge;
  readonly newCorrelationId?: () => string;
  /** Defaults to the app's JSON transformer, which the server uses too. */
  readonly transformer?: LinkTransformer;
}

declare global {
  interface Window {
    electronTRPC?: ElectronTrpcBridge;
  }
}

export function ipcLink<TRouter extends AnyRouter>(options: IpcLinkOptions = {}): TRPCLink<TRouter> {
  return () => {
    const bridge = options.bridge ?? globalThis.window?.electronTRPC;
    if (!bridge) throw new Error('window.electronTRPC is missing: the preload script did not run.');
    const client = clientFor(bridge, options.transformer ?? jsonTransformer);
    const newCorrelationId = options.newCorrelationId ?? (() => globalThis.crypto.randomUUID());
    return ({ op }) =>
      observable((observer) => {
        const given = (op.context as { correlationId?: unknown }).correlationId;
        const correlationId = typeof given === 'string' ? given : newCorrelationId();
        const id = client.send(op, correlationId, { type: op.type, observer: observer as Pending['observer'] });
        return () => {
          if (id !== null) client.cancel(id);
        };
      });
  };
}
