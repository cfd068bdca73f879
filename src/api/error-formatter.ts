// The API layer's side of the error model: what tRPC's own refusals mean in catalogue codes, and the tRPC code
// each catalogued error is sent with. The words come from the catalogue; no stack ever leaves.
import { TRPCError } from '@trpc/server';
import type { AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import { AppError } from '../errors/app-error.js';
import { appErrorData, findAppError } from '../errors/app-error-data.js';

/** tRPC's own refusals of a call it cannot run (unknown path, wrong procedure type, unparsable input). */
const PROTOCOL_CODES = new Set<TRPCError['code']>(['BAD_REQUEST', 'PARSE_ERROR', 'NOT_FOUND', 'METHOD_NOT_SUPPORTED']);

/** The catalogued error behind anything a procedure or tRPC threw. */
export function apiAppError(error: unknown): AppError {
  const found = findAppError(error);
  if (found) return found;
  if (error instanceof TRPCError) {
    if (error.code === 'FORBIDDEN' && !error.cause) return new AppError('IPC_FORBIDDEN_SENDER');
    if (PROTOCOL_CODES.has(error.code)) return new AppError('IPC_MALFORMED_REQUEST');
  }
  return new AppError('INTERNAL', { cause: error });
}

export function apiErrorData(error: unknown, correlationId: string): AppErrorData {
  return appErrorData(apiAppError(error), correlationId);
}
