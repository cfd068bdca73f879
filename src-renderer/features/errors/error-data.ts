// Pulls the catalogued error out of whatever a call threw, so every screen shows the same three things:
// what happened, what to do, and the reference that matches the diagnostics log.
import { AppErrorDataSchema, type AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { describeError } from '../../../shared/errors/error-catalog.js';

/** The reference of an error that happened in the window before main saw the request: no log line has it. */
export const NO_REFERENCE = 'none';

export function appErrorDataOf(error: unknown): AppErrorData {
  const parsed = AppErrorDataSchema.safeParse((error as { data?: unknown } | null)?.data);
  if (parsed.success) return parsed.data;
  // The call never reached main (e.g. the bridge is missing): still say something useful.
  const words = describeError('INTERNAL');
  return {
    code: 'INTERNAL',
    message: words.message,
    remediation: words.remediation,
    retryable: words.retryable,
    correlationId: NO_REFERENCE,
  };
}

export type Attempt<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AppErrorData };

/** Awaits a call and hands back its result or its catalogued error, never a rejection. */
export async function attempt<T>(call: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, data: await call() };
  } catch (caught) {
    return { ok: false, error: appErrorDataOf(caught) };
  }
}

export function fieldErrorMap(error: AppErrorData | null): Record<string, string> {
  const map: Record<string, string> = {};
  for (const e of error?.fieldErrors ?? []) if (!(e.field in map)) map[e.field] = e.message;
  return map;
}
