// The only place tRPC is initialised. Exports the router builder and the single base procedure every procedure
// starts from: it sends each app error with its tRPC code and, via the formatter, the catalogued `error.data`
// (never a stack). Procedures carry their schemas and error codes as metadata, which docs/api.md is built from.
import { initTRPC, TRPCError } from '@trpc/server';
import type { z } from 'zod';
import type { AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import type { ErrorCode } from '../../shared/errors/error-codes.js';
import { jsonTransformer } from '../../shared/json-transformer.js';
import { AppError } from '../errors/app-error.js';
import type { ApiContext } from './context.js';
import { apiErrorData } from './error-formatter.js';
import { TRPC_CODE_FOR } from './trpc-codes.js';

export interface ProcedureMeta {
  /** One line on what the procedure does, for docs/api.md. */
  readonly summary: string;
  /** The shape of each result (or each event, for a subscription). */
  readonly output: z.ZodType;
  /** The catalogued codes this procedure can end with, besides VALIDATION_FAILED and INTERNAL. */
  readonly errors: readonly ErrorCode[];
}

const t = initTRPC
  .context<ApiContext>()
  .meta<ProcedureMeta>()
  .create({
    isServer: true,
    transformer: jsonTransformer,
    errorFormatter({ shape, error, ctx }): { code: number; message: string; data: AppErrorData } {
      const data = apiErrorData(error, ctx?.correlationId ?? 'unknown');
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

/** An input parser that only types: the service behind the procedure validates with the same schema. */
export type TypedInput<S extends z.ZodType> = ((input: unknown) => z.input<S>) & { readonly schema: S };

/**
 * Types a procedure's input for the client, and carries its schema for the API docs, without validating here:
 * every service parses its own input, so a malformed call fails the same way through IPC, createCaller or a
 * direct call from inside the process.
 */
export function typedInput<S extends z.ZodType>(schema: S): TypedInput<S> {
  return Object.assign((input: unknown) => input as z.input<S>, { schema });
}
