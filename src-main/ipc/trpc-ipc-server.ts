// The main side of tRPC over IPC, free of Electron so it runs unchanged in unit tests, in the Chromium e2e
// harness and in the app. Every request gets exactly one terminal answer (data or error) — a malformed
// message, a refused sender, a throwing context or a destroyed window included — and nothing it does can
// end in an unhandled rejection. Every call in flight is tracked by window and id: an id already in flight is
// refused, `subscription.stop` only stops subscriptions (a query or mutation answers once, itself), and each
// window is held to the call limits. Subscriptions are async generators stopped by `subscription.stop`, or when
// their window goes away; a window that goes away also aborts its other calls and frees its share of the limits.
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
  type CallLimits,
  type Clock,
  type IdGenerator,
  type Logger,
  type Timers,
} from '../../src/index.js';
import { RefusalDigest } from './refusal-digest.js';

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
  readonly timers: Timers;
  readonly limits: CallLimits;
}

type Outcome = 'ok' | 'error' | 'refused' | 'stopped';

/** A call between its request and its terminal answer. */
interface InFlight {
  readonly senderId: number;
  readonly path: string;
  readonly type: IpcRequestMessage['operation']['type'];
  readonly abort: AbortController;
  /** Settles when a subscription's pump has finished (resolved at once for other calls). */
  done: Promise<void>;
}

/** Refusals that a page can produce in bulk: summarised in the log rather than one line each. */
const BULK_REFUSALS = new Set<string>([
  'IPC_FORBIDDEN_SENDER',
  'IPC_MALFORMED_REQUEST',
  'IPC_SCAN_IN_PROGRESS',
  'IPC_TOO_MANY_REQUESTS',
  'IPC_TOO_MANY_SUBSCRIPTIONS',
]);

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

export class TrpcIpcServer<TRouter extends AnyRouter> {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly refusals: RefusalDigest;

  constructor(private readonly options: TrpcIpcServerOptions<TRouter>) {
    this.refusals = new RefusalDigest(options.logger, options.clock, options.timers);
  }

  get activeSubscriptions(): number {
    let count = 0;
    for (const call of this.inFlight.values()) if (call.type === 'subscription') count += 1;
    return count;
  }

  /** Calls of any kind awaiting their terminal answer. */
  get callsInFlight(): number {
    return this.inFlight.size;
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

  /**
   * A window closed, crashed or navigated away: stops its subscriptions, aborts its other calls (their answers
   * go nowhere) and frees its share of the limits at once. Resolves with the number of subscriptions stopped,
   * once they have ended.
   */
  async releaseSender(senderId: number): Promise<number> {
    const mine = [...this.inFlight].filter(([, call]) => call.senderId === senderId);
    for (const [key, call] of mine) {
      call.abort.abort();
      this.inFlight.delete(key);
    }
    const subscriptions = mine.filter(([, call]) => call.type === 'subscription');
    await Promise.all(subscriptions.map(([, call]) => call.done));
    return subscriptions.length;
  }

  async stopAll(): Promise<void> {
    const all = [...this.inFlight.values()];
    for (const call of all) call.abort.abort();
    this.inFlight.clear();
    await Promise.all(all.map((call) => call.done));
    this.refusals.close();
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
      const call = this.inFlight.get(this.key(sender, message.id));
      // A subscription answers `stopped` as it ends; a query or mutation in flight will answer once, itself.
      if (call?.type === 'subscription') call.abort.abort();
      else if (!call) this.reply(sender, { id: message.id, result: { type: 'stopped' } });
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
      // An id already in flight in this window gets its own answer and leaves the first call alone.
      const refusal = this.inFlight.has(key)
        ? new AppError('IPC_MALFORMED_REQUEST')
        : this.overLimit(sender, path, type);
      if (refusal) {
        const shape = this.errorShape(refusal, correlationId, path, type);
        this.record(correlationId, { ...base, outcome: 'refused', errorCode: shape.data.code, durationMs: 0 });
        this.reply(sender, { id, error: shape });
        return;
      }
      const abort = new AbortController();
      const call: InFlight = { senderId: sender.id, path, type, abort, done: Promise.resolve() };
      this.inFlight.set(key, call);
      let result: unknown;
      try {
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
        this.settle(key, call);
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
        this.settle(key, call);
        this.record(correlationId, { ...base, outcome: 'ok', durationMs: this.since(started) });
        this.reply(sender, { id, result: { type: 'data', data: result } });
        return;
      }
      // Still registered while the pump runs, so a pump that ends at once (window already gone) removes it.
      call.done = this.stream(sender, id, result as AsyncIterable<unknown>, call, {
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
    entry: InFlight,
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
      this.settle(key, entry);
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

  /** The limit this call would break for its window, as the catalogued refusal; null when it may start. */
  private overLimit(sender: IpcSender, path: string, type: InFlight['type']): AppError | null {
    const { limits } = this.options;
    const mine = [...this.inFlight.values()].filter((call) => call.senderId === sender.id);
    if (type === 'subscription') {
      const live = mine.filter((call) => call.type === 'subscription').length;
      if (live >= limits.subscriptionsPerWindow)
        return new AppError('IPC_TOO_MANY_SUBSCRIPTIONS', { params: { limit: limits.subscriptionsPerWindow } });
    }
    for (const group of limits.groups) {
      if (!group.procedures.includes(path)) continue;
      const running = mine.filter((call) => group.procedures.includes(call.path)).length;
      if (running >= group.max) return new AppError(group.code, { params: { limit: group.max } });
    }
    return null;
  }

  /** Ends a call's tracking, unless its window already released it (and a new call may have taken the id). */
  private settle(key: string, call: InFlight): void {
    if (this.inFlight.get(key) === call) this.inFlight.delete(key);
  }

  private record(correlationId: string, fields: Record<string, unknown> & { outcome: Outcome }): void {
    const errorCode = typeof fields.errorCode === 'string' ? fields.errorCode : null;
    if (errorCode !== null && BULK_REFUSALS.has(errorCode)) {
      this.refusals.note(correlationId, errorCode, fields);
      return;
    }
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
