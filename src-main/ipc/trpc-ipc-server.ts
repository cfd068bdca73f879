// The main side of tRPC over IPC, free of Electron so it runs unchanged in unit tests, in the Chromium e2e
// harness and in the app. Every request gets exactly one terminal answer (data or error) — a malformed
// message, a refused sender, a throwing context or a destroyed window included — and nothing it does can
// end in an unhandled rejection. Subscriptions are async generators stopped by `subscription.stop`, or
// when their window goes away.
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  transformTRPCResponse,
  TRPCError,
  type AnyRouter,
  type inferRouterContext,
} from '@trpc/server';
import {
  CorrelationIdSchema,
  IpcClientMessageSchema,
  salvageWireId,
  type IpcRequestMessage,
  type IpcServerMessage,
  type WireId,
} from '../../shared/ipc-protocol.js';
import {
  apiAppError,
  AppError,
  describeUnexpected,
  runInRequestContext,
  type Clock,
  type IdGenerator,
  type Logger,
} from '../../src/index.js';

/** One renderer frame as the server sees it. */
export interface IpcSender {
  readonly id: number;
  isGone(): boolean;
  send(message: IpcServerMessage): void;
}

export type SenderVerdict = { readonly trusted: true } | { readonly trusted: false; readonly reason: string };

export interface TrpcIpcServerOptions<TRouter extends AnyRouter> {
  readonly router: TRouter;
  readonly createContext: (info: {
    correlationId: string;
    senderId: number;
  }) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;
  readonly logger: Logger;
  readonly ids: IdGenerator;
  readonly clock: Clock;
}

type Outcome = 'ok' | 'error' | 'refused' | 'stopped';

interface Subscription {
  readonly abort: AbortController;
  done: Promise<void>;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

export class TrpcIpcServer<TRouter extends AnyRouter> {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(private readonly options: TrpcIpcServerOptions<TRouter>) {}

  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Handles one raw message from a sender. Never throws and never rejects. */
  async handle(sender: IpcSender, raw: unknown, verdict: SenderVerdict): Promise<void> {
    try {
      await this.dispatch(sender, raw, verdict);
    } catch (error) {
      // Only reachable through a bug in this file; still answer the call if it can be identified.
      this.options.logger.log('error', 'ipc.handler_failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      const id = salvageWireId(raw);
      if (id !== null) this.reply(sender, { id, error: this.errorShape(error, this.options.ids.correlationId()) });
    }
  }

  /** Stops every subscription of a window that closed, crashed or navigated away. */
  async releaseSender(senderId: number): Promise<number> {
    const prefix = `${senderId}:`;
    const mine = [...this.subscriptions].filter(([key]) => key.startsWith(prefix));
    for (const [, sub] of mine) sub.abort.abort();
    await Promise.all(mine.map(([, sub]) => sub.done));
    return mine.length;
  }

  async stopAll(): Promise<void> {
    const all = [...this.subscriptions.values()];
    for (const sub of all) sub.abort.abort();
    await Promise.all(all.map((sub) => sub.done));
  }

  private async dispatch(sender: IpcSender, raw: unknown, verdict: SenderVerdict): Promise<void> {
    const parsed = IpcClientMessageSchema.safeParse(raw);
    if (!parsed.success) {
      const id = salvageWireId(raw);
      const correlationId = this.options.ids.correlationId();
      this.record(correlationId, {
        procedure: null,
        type: null,
        outcome: 'error',
        errorCode: 'IPC_MALFORMED_REQUEST',
        durationMs: 0,
        senderId: sender.id,
      });
      if (id !== null)
        this.reply(sender, { id, error: this.errorShape(new AppError('IPC_MALFORMED_REQUEST'), correlationId) });
      return;
    }
    const message = parsed.data;
    if (message.method === 'subscription.stop') {
      // A subframe shares its window's sender id: only the trusted frame may stop the window's subscriptions.
      if (!verdict.trusted) {
        const correlationId = this.options.ids.correlationId();
        this.record(correlationId, {
          procedure: null,
          type: 'subscription.stop',
          outcome: 'refused',
          errorCode: 'IPC_FORBIDDEN_SENDER',
          durationMs: 0,
          reason: verdict.reason,
          senderId: sender.id,
        });
        this.reply(sender, {
          id: message.id,
          error: this.errorShape(
            new TRPCError({ code: 'FORBIDDEN', cause: new AppError('IPC_FORBIDDEN_SENDER') }),
            correlationId,
          ),
        });
        return;
      }
      const sub = this.subscriptions.get(this.key(sender, message.id));
      if (sub) sub.abort.abort();
      else this.reply(sender, { id: message.id, result: { type: 'stopped' } });
      return;
    }
    await this.request(sender, message, verdict);
  }

  private async request(sender: IpcSender, message: IpcRequestMessage, verdict: SenderVerdict): Promise<void> {
    const { id, type, path, input } = message.operation;
    const suggested = CorrelationIdSchema.safeParse(message.operation.context?.correlationId);
    const correlationId = suggested.success ? suggested.data : this.options.ids.correlationId();
    const started = this.options.clock.monotonicMs();
    const base = { procedure: path, type, senderId: sender.id };

    await runInRequestContext({ correlationId, procedure: path }, async () => {
      if (!verdict.trusted) {
        this.record(correlationId, {
          ...base,
          outcome: 'refused',
          errorCode: 'IPC_FORBIDDEN_SENDER',
          durationMs: 0,
          reason: verdict.reason,
        });
        this.reply(sender, {
          id,
          error: this.errorShape(
            new TRPCError({ code: 'FORBIDDEN', cause: new AppError('IPC_FORBIDDEN_SENDER') }),
            correlationId,
            path,
            type,
          ),
        });
        return;
      }
      const key = this.key(sender, id);
      const abort = new AbortController();
      let result: unknown;
      try {
        if (type === 'subscription' && this.subscriptions.has(key)) throw new AppError('IPC_MALFORMED_REQUEST');
        const ctx = await this.options.createContext({ correlationId, senderId: sender.id });
        result = await callTRPCProcedure({
          router: this.options.router,
          path,
          getRawInput: async () => this.decodeInput(input),
          ctx,
          type,
          signal: abort.signal,
          batchIndex: 0,
        });
        if (type === 'subscription' && !isAsyncIterable(result))
          throw new Error(`subscription ${path} did not return an async iterable`);
        if (type !== 'subscription' && isAsyncIterable(result))
          throw new Error(`${type} ${path} returned an async iterable`);
      } catch (error) {
        const shape = this.errorShape(error, correlationId, path, type);
        this.record(correlationId, {
          ...base,
          outcome: 'error',
          errorCode: shape.data.code,
          durationMs: this.since(started),
        });
        this.reply(sender, { id, error: shape });
        return;
      }
      if (type !== 'subscription') {
        this.record(correlationId, { ...base, outcome: 'ok', durationMs: this.since(started) });
        this.reply(sender, { id, result: { type: 'data', data: result } });
        return;
      }
      // Registered before the pump starts, so a pump that ends at once (window already gone) still removes it.
      const entry: Subscription = { abort, done: Promise.resolve() };
      this.subscriptions.set(key, entry);
      entry.done = this.stream(sender, id, result as AsyncIterable<unknown>, entry, {
        correlationId,
        path,
        started,
        base,
      });
    });
  }

  /** Pumps a subscription until it ends, fails, is stopped or its window is gone; always settles. */
  private async stream(
    sender: IpcSender,
    id: WireId,
    iterable: AsyncIterable<unknown>,
    entry: Subscription,
    call: { correlationId: string; path: string; started: number; base: Record<string, unknown> },
  ): Promise<void> {
    const key = this.key(sender, id);
    const { abort } = entry;
    const iterator = iterable[Symbol.asyncIterator]();
    const aborted = new Promise<'aborted'>((resolve) =>
      abort.signal.addEventListener('abort', () => resolve('aborted'), { once: true }),
    );
    let events = 0;
    let outcome: Outcome = 'stopped';
    let errorCode: string | undefined;
    this.reply(sender, { id, result: { type: 'started' } });
    try {
      for (;;) {
        if (sender.isGone()) break;
        const next = await Promise.race([iterator.next(), aborted]);
        if (next === 'aborted' || next.done) break;
        events += 1;
        const value = next.value;
        this.reply(
          sender,
          isTrackedEnvelope(value)
            ? { id, result: { type: 'data', id: value[0], data: { id: value[0], data: value[1] } } }
            : { id, result: { type: 'data', data: value } },
        );
      }
      this.reply(sender, { id, result: { type: 'stopped' } });
    } catch (error) {
      outcome = 'error';
      const shape = this.errorShape(error, call.correlationId, call.path, 'subscription');
      errorCode = shape.data.code;
      this.reply(sender, { id, error: shape });
    } finally {
      abort.abort();
      if (this.subscriptions.get(key) === entry) this.subscriptions.delete(key);
      try {
        await iterator.return?.();
      } catch (error) {
        this.options.logger.log('warn', 'ipc.subscription_cleanup_failed', {
          procedure: call.path,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      runInRequestContext({ correlationId: call.correlationId, procedure: call.path }, () =>
        this.record(call.correlationId, {
          ...call.base,
          outcome,
          durationMs: this.since(call.started),
          events,
          ...(errorCode && { errorCode }),
        }),
      );
    }
  }

  private errorShape(
    error: unknown,
    correlationId: string,
    path?: string,
    type?: IpcRequestMessage['operation']['type'],
  ): { code: number; message: string; data: { code: string } } {
    const trpcError = getTRPCErrorFromUnknown(error);
    if (apiAppError(trpcError).code === 'INTERNAL') {
      this.options.logger.log('error', 'ipc.internal_error', {
        procedure: path ?? null,
        error: describeInternal(error),
      });
    }
    return getErrorShape({
      config: this.options.router._def._config,
      error: trpcError,
      type: type ?? 'unknown',
      path,
      input: undefined,
      ctx: { correlationId } as inferRouterContext<TRouter>,
    }) as { code: number; message: string; data: { code: string } };
  }

  /** The router's transformer decodes inputs; text that does not decode is a malformed request. */
  private decodeInput(input: unknown): unknown {
    try {
      return this.options.router._def._config.transformer.input.deserialize(input);
    } catch {
      throw new AppError('IPC_MALFORMED_REQUEST');
    }
  }

  /**
   * Sends through the router's transformer. If a result cannot be encoded or sent (not serialisable, not
   * cloneable), the call is still answered, with an error.
   */
  private reply(sender: IpcSender, message: IpcServerMessage): void {
    if (sender.isGone()) return;
    const config = this.options.router._def._config as Parameters<typeof transformTRPCResponse>[0];
    try {
      sender.send(
        transformTRPCResponse(config, message as Parameters<typeof transformTRPCResponse>[1]) as IpcServerMessage,
      );
    } catch (error) {
      this.options.logger.log('warn', 'ipc.reply_failed', {
        senderId: sender.id,
        error: error instanceof Error ? error.message : String(error),
      });
      if ('error' in message || message.id === null || sender.isGone()) return;
      try {
        const fallback = {
          id: message.id,
          error: this.errorShape(new Error('reply could not be sent'), this.options.ids.correlationId()),
        };
        sender.send(
          transformTRPCResponse(config, fallback as Parameters<typeof transformTRPCResponse>[1]) as IpcServerMessage,
        );
      } catch {
        // The window is gone: nobody is left to answer.
      }
    }
  }

  private record(correlationId: string, fields: Record<string, unknown> & { outcome: Outcome }): void {
    const level = fields.outcome === 'ok' || fields.outcome === 'stopped' ? 'info' : 'warn';
    this.options.logger.log(level, 'ipc.call', { correlationId, ...fields });
  }

  private key(sender: IpcSender, id: WireId): string {
    return `${sender.id}:${typeof id}:${id}`;
  }

  private since(started: number): number {
    return Math.round((this.options.clock.monotonicMs() - started) * 1000) / 1000;
  }
}

/** An unexpected error for diagnostics, unwrapped from tRPC's envelope; the stack stays in the main process log only. */
function describeInternal(error: unknown): Record<string, string> {
  return describeUnexpected(error instanceof TRPCError && error.cause ? error.cause : error);
}
