// What the connection test dialog shows, as a reducer over the test's lifecycle, kept apart from the
// subscription so every transition (a refusal, a stop before the result, a cancel) can be tested alone.
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { TestEvent, TestPhase, TestResult } from '../../../shared/provider-test.contract.js';
import type { RunAction } from '../../hooks/use-subscription-run.js';

export type TestStatus = 'idle' | 'running' | 'finished' | 'cancelled' | 'refused';

export interface TestState {
  readonly status: TestStatus;
  readonly phases: ReadonlyArray<{ phase: TestPhase; elapsedMs: number; sizeBytes?: number | null }>;
  readonly result: TestResult | null;
  /** The test could not start (e.g. consent missing, key unreadable). */
  readonly refusal: AppErrorData | null;
}

export type TestAction =
  | RunAction<TestEvent, 'refused'>
  /** The subscription ended by itself: without a result, that means main stopped the test. */
  | { readonly type: 'ended' };

export const IDLE_TEST: TestState = { status: 'idle', phases: [], result: null, refusal: null };

export function testReducer(state: TestState, action: TestAction): TestState {
  switch (action.type) {
    case 'start':
      return { ...IDLE_TEST, status: 'running' };
    case 'event': {
      const { event } = action;
      return event.type === 'phase'
        ? {
            ...state,
            phases: [
              ...state.phases,
              {
                phase: event.phase,
                elapsedMs: event.elapsedMs,
                ...(event.sizeBytes != null && { sizeBytes: event.sizeBytes }),
              },
            ],
          }
        : { ...state, status: 'finished', result: event.result };
    }
    case 'refused':
      return { ...state, status: 'refused', refusal: action.error };
    case 'ended':
    case 'cancel':
      return state.status === 'running' ? { ...state, status: 'cancelled' } : state;
  }
}
