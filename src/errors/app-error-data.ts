// Any failure → the `error.data` a learner sees: catalogued code, message, remediation, retryable, the
// correlation id, and one message per field for bad input. Unknown errors become INTERNAL with no detail
// (and never a stack) so nothing about the main process leaks over IPC.
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { AppErrorData, FieldError } from '../../shared/errors/app-error-data.contract.js';
import { describeError } from '../../shared/errors/error-catalog.js';
import { AppError } from './app-error.js';
import { fieldErrorsFromZod } from './validation.js';

interface StandardIssue {
  readonly message: string;
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>;
}

function isStandardSchemaError(error: unknown): error is { issues: readonly StandardIssue[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { issues?: unknown }).issues);
}

function fieldErrorsFromIssues(issues: readonly StandardIssue[]): FieldError[] {
  const byField = new Map<string, string>();
  for (const issue of issues) {
    const path = (issue.path ?? [])
      .map((p) => String(typeof p === 'object' ? p.key : p))
      .filter((p, i) => !(i === 0 && p === 'patch'));
    const field = path.length > 0 ? path.join('.') : 'input';
    if (!byField.has(field)) byField.set(field, issue.message);
  }
  return [...byField].map(([field, message]) => ({ field, message }));
}

/** Finds the AppError behind whatever was thrown (tRPC wraps causes), or derives one. */
export function toAppError(error: unknown): AppError {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof AppError) return current;
    if (current instanceof ZodError)
      return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromZod(current) });
    if (current instanceof TRPCError && current.code === 'FORBIDDEN' && !current.cause)
      return new AppError('IPC_FORBIDDEN_SENDER');
    if (!(current instanceof TRPCError) && isStandardSchemaError(current)) {
      return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromIssues(current.issues) });
    }
    current = (current as { cause?: unknown }).cause;
  }
  // tRPC's own refusals (unknown path, wrong procedure type, unparsable call) are protocol errors, not bad input.
  if (
    error instanceof TRPCError &&
    ['BAD_REQUEST', 'PARSE_ERROR', 'NOT_FOUND', 'METHOD_NOT_SUPPORTED'].includes(error.code)
  ) {
    return new AppError('IPC_MALFORMED_REQUEST');
  }
  return new AppError('INTERNAL', { cause: error });
}

export function toAppErrorData(error: unknown, correlationId: string): AppErrorData {
  const appError = toAppError(error);
  const words = describeError(appError.code, appError.params);
  return {
    code: appError.code,
    message: words.message,
    remediation: words.remediation,
    correlationId,
    retryable: words.retryable,
    ...(appError.fieldErrors && appError.fieldErrors.length > 0 && { fieldErrors: [...appError.fieldErrors] }),
  };
}
