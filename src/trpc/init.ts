// The only place tRPC is initialised. Exports the router builder and the single base procedure every
// procedure must start from: it turns app errors into the right tRPC code and, via the formatter, into
// the catalogued `error.data` — never a stack.
import { initTRPC, TRPCError } from '@trpc/server';
import type { AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import { jsonTransformer } from '../../shared/json-transformer.js';
import { AppError } from '../errors/app-error.js';
import type { TrpcContext } from './context.js';
import { toAppErrorData } from '../errors/app-error-data.js';
import { TRPC_CODE_FOR } from './trpc-codes.js';

const t = initTRPC.context<TrpcContext>().create({
  isServer: true,
  transformer: jsonTransformer,
  errorFormatter({ shape, error, ctx }): { code: number; message: string; data: AppErrorData } {
    const data = toAppErrorData(error, ctx?.correlationId ?? 'unknown');
    return { code: shape.code, message: data.message, data };
  },
});

const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: TRPC_CODE_FOR[cause.code], message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const procedure = t.procedure.use(appErrors);
export const createCallerFactory = t.createCallerFactory;

/**
 * Types an input for the client without validating it here: every service validates its own input with
 * the shared zod schemas, so a malformed call fails the same way through IPC, createCaller or a direct call.
 */
export function typedInput<T>(): (input: unknown) => T {
  return (input) => input as T;
}
