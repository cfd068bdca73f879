// The part of useAppMutation that turns a call into a result or a catalogued error, and the fallback error
// for a call that never reached main.
import { describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { describeError } from '../../../shared/errors/error-catalog.js';
import { appErrorDataOf, attempt, NO_REFERENCE } from '../../../src-renderer/features/errors/error-data.js';

const refused: AppErrorData = {
  code: 'PROFILE_NAME_TAKEN',
  message: 'You already have a profile called "Local".',
  remediation: 'Choose a different name.',
  correlationId: 'corr-1234',
  retryable: false,
  fieldErrors: [{ field: 'name', message: 'You already have a profile called "Local".' }],
};

describe('attempt', () => {
  it('hands back the result of a call that succeeds', async () => {
    expect(await attempt(() => Promise.resolve({ id: 'p1' }))).toEqual({ ok: true, data: { id: 'p1' } });
  });

  it('hands back the catalogued error a refused call carries, never a rejection', async () => {
    const outcome = await attempt(() => Promise.reject(Object.assign(new Error('refused'), { data: refused })));
    expect(outcome).toEqual({ ok: false, error: refused });
  });

  it('says something useful, in catalogue words, when the call never reached main', async () => {
    const outcome = await attempt(() => Promise.reject(new Error('window.electronTRPC is missing')));
    const internal = describeError('INTERNAL');
    expect(outcome).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: internal.message,
        remediation: internal.remediation,
        retryable: internal.retryable,
        correlationId: NO_REFERENCE,
      },
    });
  });
});

describe('appErrorDataOf', () => {
  it('does not trust error data that is not in the catalogue shape', () => {
    expect(appErrorDataOf({ data: { code: 'NOPE', message: 1 } }).code).toBe('INTERNAL');
    expect(appErrorDataOf(null).code).toBe('INTERNAL');
  });
});
