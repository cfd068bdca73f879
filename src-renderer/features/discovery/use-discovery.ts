// Runs discovery.scan and keeps its progress: how many addresses were checked, which servers answered.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { DiscoveredServer } from '../../../shared/discovery.contract.js';
import { useTRPCClient } from '../../app/trpc.js';
import { appErrorDataOf } from '../errors/error-data.js';

export interface DiscoveryState {
  readonly status: 'idle' | 'scanning' | 'done' | 'cancelled' | 'failed';
  readonly total: number;
  readonly checked: number;
  readonly found: readonly DiscoveredServer[];
  readonly durationMs: number | null;
  readonly error: AppErrorData | null;
}

const IDLE: DiscoveryState = { status: 'idle', total: 0, checked: 0, found: [], durationMs: null, error: null };
const FINAL_STATES = new Set(['closed', 'identified', 'unidentified', 'no-answer']);

export function useDiscovery() {
  const client = useTRPCClient();
  const [state, setState] = useState<DiscoveryState>(IDLE);
  const subscription = useRef<{ unsubscribe(): void } | null>(null);

  const start = useCallback(() => {
    subscription.current?.unsubscribe();
    setState({ ...IDLE, status: 'scanning' });
    subscription.current = client.discovery.scan.subscribe(undefined, {
      onData: (event) => {
        setState((s) => {
          switch (event.type) {
            case 'started':
              return { ...s, total: event.targets.length };
            case 'probe':
              return FINAL_STATES.has(event.state) ? { ...s, checked: s.checked + 1 } : s;
            case 'found':
              return s.found.some((f) => f.port === event.server.port && f.server === event.server.server)
                ? s
                : { ...s, found: [...s.found, event.server] };
            case 'done':
              return { ...s, status: 'done', found: event.servers, durationMs: event.durationMs, checked: s.total };
          }
        });
      },
      onError: (error) => setState((s) => ({ ...s, status: 'failed', error: appErrorDataOf(error) })),
    });
  }, [client]);

  const cancel = useCallback(() => {
    subscription.current?.unsubscribe();
    subscription.current = null;
    setState((s) => (s.status === 'scanning' ? { ...s, status: 'cancelled' } : s));
  }, []);

  useEffect(() => () => subscription.current?.unsubscribe(), []);
  return { state, start, cancel };
}
