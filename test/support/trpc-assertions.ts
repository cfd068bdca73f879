// Asserts what a renderer receives when a call fails: a TRPCClientError whose data is exactly the catalogued
// AppErrorData (parsed with the shared schema), with no stack or file path anywhere in the shape.
import { TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';
import { AppErrorDataSchema, type AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import type { ErrorCode } from '../../shared/errors/error-codes.js';

export async function expectCallError(call: Promise<unknown>, code: ErrorCode): Promise<AppErrorData> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${code}, but the call succeeded`).toBeInstanceOf(TRPCClientError);
  const error = caught as { message: string; shape: unknown; data: unknown };
  const data = AppErrorDataSchema.parse(error.data);
  expect(data.code).toBe(code);
  expect(error.message).toBe(data.message);
  const wire = JSON.stringify(error.shape);
  expect(wire).not.toMatch(/\\n\s+at |"stack"|node_modules|\.[cm]?[jt]s:\d+:\d+/);
  expect(Object.keys(error.shape as Record<string, unknown>).sort()).toEqual(['code', 'data', 'message']);
  return data;
}
