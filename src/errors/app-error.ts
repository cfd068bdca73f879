// Expected failures as data: a catalogued code plus the params its words need and, for bad input, one
// message per field. Anything that is not an AppError is reported as INTERNAL without its stack.
import { describeError, type ErrorParams } from '../../shared/errors/error-catalog.js';
import type { ErrorCode } from '../../shared/errors/error-codes.js';
import type { FieldError } from '../../shared/errors/app-error-data.contract.js';

export interface AppErrorDetails {
  readonly params?: ErrorParams;
  readonly fieldErrors?: readonly FieldError[];
  readonly cause?: unknown;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly fieldErrors: readonly FieldError[] | undefined;

  constructor(code: ErrorCode, details: AppErrorDetails = {}) {
    super(
      describeError(code, details.params).message,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.code = code;
    this.params = details.params ?? {};
    this.fieldErrors = details.fieldErrors;
  }
}
