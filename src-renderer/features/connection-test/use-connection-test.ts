// Runs the connection test over the profiles.test subscription, for a saved profile or a form's unsaved values:
// collects phases as they arrive, then the result; cancel() stops it (the subscription stop reaches main, which
// aborts the request). The input is read when the test starts.
import { useReducer } from 'react';
import type { ProfileTestInput } from '../../../shared/provider-test.contract.js';
import { useTRPCClient } from '../../app/trpc.js';
import { useReducedRun } from '../../hooks/use-subscription-run.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { IDLE_TEST, testReducer } from './test-state.js';

export function useConnectionTest(input: ProfileTestInput) {
  const client = useTRPCClient();
  const [state, dispatch] = useReducer(testReducer, IDLE_TEST);
  const controls = useReducedRun(dispatch, () =>
    client.profiles.test.subscribe(input, {
      onData: (event) => dispatch({ type: 'event', event }),
      onError: (error) => dispatch({ type: 'refused', error: appErrorDataOf(error) }),
      onComplete: () => dispatch({ type: 'ended' }),
    }),
  );

  return { state, ...controls };
}
