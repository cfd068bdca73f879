// Runs the connection test for one profile over the profiles.test subscription: collects phases as they
// arrive, then the result; cancel() stops it (the subscription stop reaches main, which aborts the request).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { TestPhase, TestResult } from '../../../shared/provider-test.contract.js';
import { useTRPCClient } from '../../app/trpc.js';
import { appErrorDataOf } from '../errors/error-data.js';

export type TestStatus = 'idle' | 'running' | 'finished' | 'cancelled' | 'refused';

export interface TestState {
  readonly status: TestStatus;
  readonly phases: ReadonlyArray<{ phase: TestPhase; elapsedMs: number }>;
  readonly result: TestResult | null;
  /** The test could not start (e.g. consent missing, key unreadable). */
  readonly refusal: AppErrorData | null;
}

const IDLE: TestState = { status: 'idle', phases: [], result: null, refusal: null };

export function useConnectionTest(profileId: string) {
  const client = useTRPCClient();
  const [state, setState] = useState<TestState>(IDLE);
  const subscription = useRef<{ unsubscribe(): void } | null>(null);

  const stopListening = () => {
    subscription.current?.unsubscribe();
    subscription.current = null;
  };

  const start = useCallback(() => {
    stopListening();
    setState({ status: 'running', phases: [], result: null, refusal: null });
    subscription.current = client.profiles.test.subscribe(
      { id: profileId },
      {
        onData: (event) => {
          if (event.type === 'phase')
            setState((s) => ({ ...s, phases: [...s.phases, { phase: event.phase, elapsedMs: event.elapsedMs }] }));
          else setState((s) => ({ ...s, status: 'finished', result: event.result }));
        },
        onError: (error) => setState((s) => ({ ...s, status: 'refused', refusal: appErrorDataOf(error) })),
        onComplete: () => setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s)),
      },
    );
  }, [client, profileId]);

  const cancel = useCallback(() => {
    stopListening();
    setState((s) => (s.status === 'running' ? { ...s, status: 'cancelled' } : s));
  }, []);

  useEffect(() => stopListening, []);
  return { state, start, cancel };
}
