// The one way a test asserts a failure: whatever failed — a service call in-process (AppError), a router call
// through createCaller (TRPCError) or a renderer call over IPC (TRPCClientError) — it must end as the catalogued
// error data the learner would see, with the expected code; over IPC also with no stack or path in the shape.
import { TRPCClientError } from '@trpc/client';
import { TRPCError } from '@trpc/server';
import { expect } from 'vitest';
import { AppErrorDataSchema, type AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import type { ErrorCode } from '../../shared/errors/error-codes.js';
import { apiErrorData } from '../../src/api/error-formatter.js';
import { appErrorData } from '../../src/errors/app-error-data.js';
import { AppError } from '../../src/errors/app-error.js';

const IN_PROCESS = 'in-process';

export async function expectAppError(
  call: Promise<unknown> | (() => unknown),
  code?: ErrorCode,
): Promise<AppErrorData> {
  let caught: unknown;
  let succeeded = false;
  try {
    await (typeof call === 'function' ? call() : call);
    succeeded = true;
  } catch (error) {
    caught = error;
  }
  expect(succeeded, `expected ${code ?? 'an app error'}, but the call succeeded`).toBe(false);
  let data: AppErrorData;
  if (caught instanceof TRPCClientError) {
    const error = caught as unknown as { message: string; shape: object; data: unknown };
    data = AppErrorDataSchema.parse(error.data);
    expect(error.message).toBe(data.message);
    expect(JSON.stringify(error.shape)).not.toMatch(/\\n\s+at |"stack"|node_modules|\.[cm]?[jt]s:\d+:\d+/);
    expect(Object.keys(error.shape).sort()).toEqual(['code', 'data', 'message']);
  } else if (caught instanceof AppError) {
    data = appErrorData(caught, IN_PROCESS);
  } else if (caught instanceof TRPCError) {
    data = apiErrorData(caught, IN_PROCESS);
  } else {
    throw new Error(
      `expected an app error, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`,
    );
  }
  if (code) expect(data.code).toBe(code);
  return data;
}
