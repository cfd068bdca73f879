// Runs discovery.scan and keeps its progress: how many addresses were checked, which servers answered.
import { useCallback, useReducer } from 'react';
import { useTRPCClient } from '../../app/trpc.js';
import { useSubscriptionRun } from '../../hooks/use-subscription-run.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { discoveryReducer, IDLE_DISCOVERY } from './discovery-state.js';

export function useDiscovery() {
  const client = useTRPCClient();
  const [state, dispatch] = useReducer(discoveryReducer, IDLE_DISCOVERY);
  const { start: open, stop } = useSubscriptionRun(() =>
    client.discovery.scan.subscribe(undefined, {
      onData: (event) => dispatch({ type: 'event', event }),
      onError: (error) => dispatch({ type: 'failed', error: appErrorDataOf(error) }),
    }),
  );

  const start = useCallback(() => {
    dispatch({ type: 'start' });
    open();
  }, [open]);

  const cancel = useCallback(() => {
    stop();
    dispatch({ type: 'cancel' });
  }, [stop]);

  return { state, start, cancel };
}
