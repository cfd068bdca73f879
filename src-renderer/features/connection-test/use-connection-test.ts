// Runs the connection test for one profile over the profiles.test subscription: collects phases as they
// arrive, then the result; cancel() stops it (the subscription stop reaches main, which aborts the request).
import { useReducer } from 'react';
import { useTRPCClient } from '../../app/trpc.js';
import { useReducedRun } from '../../hooks/use-subscription-run.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { IDLE_TEST, testReducer } from './test-state.js';

export function useConnectionTest(profileId: string) {
  const client = useTRPCClient();
  const [state, dispatch] = useReducer(testReducer, IDLE_TEST);
  const controls = useReducedRun(dispatch, () =>
    client.profiles.test.subscribe(
      { id: profileId },
      {
        onData: (event) => dispatch({ type: 'event', event }),
        onError: (error) => dispatch({ type: 'refused', error: appErrorDataOf(error) }),
        onComplete: () => dispatch({ type: 'ended' }),
      },
    ),
  );

  return { state, ...controls };
}
