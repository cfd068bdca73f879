// Any failure → the `error.data` a learner sees: catalogued code, message, remediation, retryable, the
// correlation id, and one message per field for bad input. Unknown errors become INTERNAL with no detail
// (and never a stack) so nothing about the main process leaks to the window. Transport-free: the API layer
// adds what its own framework's errors mean (src/api/error-formatter.ts).
import { ZodError } from 'zod';
import type { AppErrorData, FieldError } from '../../shared/errors/app-error-data.contract.js';
import { describeError } from '../../shared/errors/error-catalog.js';
import { AppError } from './app-error.js';
import { fieldErrorsFromIssues, fieldErrorsFromZod, type StandardIssue } from './validation.js';

function isStandardSchemaError(error: unknown): error is { issues: readonly StandardIssue[] } {
  return typeof error === 'object' && error !== null && Array.isArray((error as { issues?: unknown }).issues);
}

/** The AppError behind whatever was thrown, following causes (frameworks wrap them), or null if there is none. */
export function findAppError(error: unknown): AppError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    if (current instanceof AppError) return current;
    if (current instanceof ZodError)
      return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromZod(current) });
    if (isStandardSchemaError(current)) {
      return new AppError('VALIDATION_FAILED', { fieldErrors: fieldErrorsFromIssues(current.issues) });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

export function toAppError(error: unknown): AppError {
  return findAppError(error) ?? new AppError('INTERNAL', { cause: error });
}

export function appErrorData(appError: AppError, correlationId: string): AppErrorData {
  const words = describeError(appError.code, appError.params);
  const fieldErrors: FieldError[] | undefined = appError.fieldErrors?.length ? [...appError.fieldErrors] : undefined;
  return {
    code: appError.code,
    message: words.message,
    remediation: words.remediation,
    correlationId,
    retryable: words.retryable,
    ...(fieldErrors && { fieldErrors }),
  };
}

export function toAppErrorData(error: unknown, correlationId: string): AppErrorData {
  return appErrorData(toAppError(error), correlationId);
}
