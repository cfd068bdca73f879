// The connection test dialog's states: phases in order, the result, a refusal, and a stop with no result.
import { describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { TestResult } from '../../../shared/provider-test.contract.js';
import {
  failedPhase,
  IDLE_TEST,
  testReducer,
  type TestAction,
  type TestState,
} from '../../../src-renderer/features/connection-test/test-state.js';

const result: TestResult = {
  ok: true,
  profileId: 'p1',
  model: 'llama3.2',
  resolvedEndpoint: 'http://127.0.0.1:11434/api/chat',
  at: '2026-01-01T00:00:00.000Z',
  phaseReached: 'done',
  metrics: null,
  preview: 'Hello',
  error: null,
  saved: true,
  notSaved: null,
};

const refusal: AppErrorData = {
  code: 'CONSENT_REQUIRED',
  message: 'This profile sends your prompts to api.openai.com, which is not on this computer.',
  remediation: 'Confirm that you agree.',
  correlationId: 'corr-1',
  retryable: false,
};

const play = (...actions: TestAction[]): TestState => actions.reduce(testReducer, IDLE_TEST);

describe('connection test state', () => {
  it('collects the phases in order, then finishes with the result', () => {
    const state = play(
      { type: 'start' },
      { type: 'event', event: { type: 'phase', phase: 'connecting', elapsedMs: 3 } },
      { type: 'event', event: { type: 'phase', phase: 'authenticated', elapsedMs: 12 } },
      { type: 'event', event: { type: 'result', result } },
      { type: 'ended' },
    );
    expect(state.status).toBe('finished');
    expect(state.phases.map((p) => p.phase)).toEqual(['connecting', 'authenticated']);
    expect(state.result).toBe(result);
  });

  it('starting again forgets the previous run', () => {
    const state = play(
      { type: 'start' },
      { type: 'event', event: { type: 'phase', phase: 'connecting', elapsedMs: 3 } },
      { type: 'refused', error: refusal },
      { type: 'start' },
    );
    expect(state).toEqual({ ...IDLE_TEST, status: 'running' });
  });

  it('a refusal keeps what the test could not do, and the end after it changes nothing', () => {
    const state = play({ type: 'start' }, { type: 'refused', error: refusal }, { type: 'ended' });
    expect(state.status).toBe('refused');
    expect(state.refusal).toBe(refusal);
  });

  it('a run that ends without a result, or is cancelled, counts as cancelled', () => {
    expect(play({ type: 'start' }, { type: 'ended' }).status).toBe('cancelled');
    expect(play({ type: 'start' }, { type: 'cancel' }).status).toBe('cancelled');
  });

  it('cancelling a test that already finished keeps its outcome', () => {
    const state = play({ type: 'start' }, { type: 'event', event: { type: 'result', result } }, { type: 'cancel' });
    expect(state.status).toBe('finished');
    expect(play({ type: 'cancel' }).status).toBe('idle');
  });
});

describe('where a failed test failed', () => {
  const failing = (code: AppErrorData['code'], reached: TestResult['phaseReached'], phases: string[]) =>
    play(
      { type: 'start' },
      ...phases.map((phase, i): TestAction => ({
        type: 'event',
        event: { type: 'phase', phase: phase as TestResult['phaseReached'] & string, elapsedMs: i },
      })),
      {
        type: 'event',
        event: {
          type: 'result',
          result: { ...result, ok: false, phaseReached: reached, error: { ...refusal, code } },
        },
      },
    );

  it.each([
    ['a refused connection', 'PROVIDER_CONNECTION_REFUSED', ['connecting'], 'connecting'],
    ['a refused key', 'PROVIDER_AUTH_FAILED', ['connecting'], 'authenticated'],
    ['a missing model', 'PROVIDER_MODEL_NOT_FOUND', ['connecting', 'authenticated'], 'model-found'],
    ['no first token in time', 'PROVIDER_FIRST_TOKEN_TIMEOUT', ['connecting', 'authenticated'], 'first-token'],
    ['a model too slow to load', 'PROVIDER_LOAD_TIMEOUT', ['loading'], 'loading'],
    ['a server error the catalogue does not place', 'PROVIDER_SERVER_ERROR', ['connecting'], 'authenticated'],
  ] as const)('%s fails in its own phase, not the one after what was reached', (_l, code, phases, expected) => {
    expect(failedPhase(failing(code, phases.at(-1)!, [...phases]))).toBe(expected);
  });

  it('a pass has none', () => {
    expect(failedPhase(play({ type: 'start' }, { type: 'event', event: { type: 'result', result } }))).toBeNull();
  });
});
