// What the connection test dialog shows, as a reducer over the test's lifecycle, kept apart from the
// subscription so every transition (a refusal, a stop before the result, a cancel) can be tested alone.
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { ErrorCode } from '../../../shared/errors/error-codes.js';
import {
  LOADING_PHASE,
  TEST_PHASES,
  type TestEvent,
  type TestPhase,
  type TestResult,
} from '../../../shared/provider-test.contract.js';
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

/** Each phase in the learner's words. */
export const PHASE_LABEL: Record<TestPhase, string> = {
  loading: 'Loading the model into memory',
  connecting: 'Connecting to the server',
  authenticated: 'Server accepted the request',
  'model-found': 'Model is answering',
  'first-token': 'First words received',
  done: 'Answer complete',
};

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

/**
 * The phase each failure belongs to. A phase event says a phase began, so "reached" is not "passed": a refused
 * connection reached "connecting" and failed there; that is the phase to mark, not the one after it.
 */
const FAILED_IN: Partial<Record<ErrorCode, TestPhase>> = {
  PROVIDER_LOAD_TIMEOUT: LOADING_PHASE,
  PROVIDER_CONNECTION_REFUSED: 'connecting',
  PROVIDER_CONNECTION_FAILED: 'connecting',
  PROVIDER_DNS_FAILED: 'connecting',
  PROVIDER_TLS_FAILED: 'connecting',
  PROVIDER_PROXY_FAILED: 'connecting',
  PROVIDER_CONNECT_TIMEOUT: 'connecting',
  PROVIDER_REDIRECT_BLOCKED: 'authenticated',
  PROVIDER_ENDPOINT_NOT_FOUND: 'authenticated',
  PROVIDER_AUTH_FAILED: 'authenticated',
  PROVIDER_KEY_NEEDED: 'authenticated',
  PROVIDER_RATE_LIMITED: 'authenticated',
  PROVIDER_QUOTA_EXCEEDED: 'authenticated',
  PROVIDER_MODEL_NOT_FOUND: 'model-found',
  PROVIDER_MODEL_NOT_RUNNING: 'model-found',
  PROVIDER_MODEL_LOADING: 'model-found',
  PROVIDER_DEPLOYMENT_NOT_FOUND: 'model-found',
  PROVIDER_FIRST_TOKEN_TIMEOUT: 'first-token',
  PROVIDER_EMPTY_REPLY: 'first-token',
};

/**
 * Where a finished test failed: the phase its error belongs to, else the first phase it did not reach (an error
 * the catalogue does not place, such as a server error, fails the step under way). Null for a pass.
 */
export function failedPhase(state: TestState): TestPhase | null {
  const { result } = state;
  if (result === null || result.ok) return null;
  // The error's own phase first: a missing model is found out while loading (the server is asked about it
  // before it loads anything), and it fails at "model found", not at the load.
  const placed = result.error ? FAILED_IN[result.error.code] : undefined;
  if (placed !== undefined) return placed;
  if (result.phaseReached === LOADING_PHASE) return LOADING_PHASE;
  const reached = new Set(state.phases.map((p) => p.phase));
  return TEST_PHASES.find((phase) => !reached.has(phase)) ?? 'done';
}
