// Runs discovery.scan and keeps its progress: how many addresses were checked, which servers answered.
import { useReducer } from 'react';
import { useTRPCClient } from '../../app/trpc.js';
import { useReducedRun } from '../../hooks/use-subscription-run.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { discoveryReducer, IDLE_DISCOVERY } from './discovery-state.js';

export function useDiscovery() {
  const client = useTRPCClient();
  const [state, dispatch] = useReducer(discoveryReducer, IDLE_DISCOVERY);
  const controls = useReducedRun(dispatch, () =>
    client.discovery.scan.subscribe(undefined, {
      onData: (event) => dispatch({ type: 'event', event }),
      onError: (error) => dispatch({ type: 'failed', error: appErrorDataOf(error) }),
    }),
  );

  return { state, ...controls };
}
