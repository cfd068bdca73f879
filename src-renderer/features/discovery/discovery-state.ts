// The discovery dialog's progress as a reducer over the scan's events: how many addresses were checked, which
// servers answered, how it ended. Apart from the subscription so each step can be tested alone.
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { DiscoveredServer, DiscoveryEvent } from '../../../shared/discovery.contract.js';
import type { RunAction } from '../../hooks/use-subscription-run.js';

export interface DiscoveryState {
  readonly status: 'idle' | 'scanning' | 'done' | 'cancelled' | 'failed';
  readonly total: number;
  readonly checked: number;
  readonly found: readonly DiscoveredServer[];
  readonly durationMs: number | null;
  readonly error: AppErrorData | null;
}

export type DiscoveryAction = RunAction<DiscoveryEvent, 'failed'>;

export const IDLE_DISCOVERY: DiscoveryState = {
  status: 'idle',
  total: 0,
  checked: 0,
  found: [],
  durationMs: null,
  error: null,
};

/** Probe states after which an address counts as checked ('open' is only on the way to one of these). */
const FINAL_STATES = new Set(['closed', 'identified', 'unidentified', 'no-answer']);

function onEvent(state: DiscoveryState, event: DiscoveryEvent): DiscoveryState {
  switch (event.type) {
    case 'started':
      return { ...state, total: event.targets.length };
    case 'probe':
      return FINAL_STATES.has(event.state) ? { ...state, checked: state.checked + 1 } : state;
    case 'found':
      return state.found.some((f) => f.port === event.server.port && f.server === event.server.server)
        ? state
        : { ...state, found: [...state.found, event.server] };
    case 'done':
      return { ...state, status: 'done', found: event.servers, durationMs: event.durationMs, checked: state.total };
  }
}

export function discoveryReducer(state: DiscoveryState, action: DiscoveryAction): DiscoveryState {
  switch (action.type) {
    case 'start':
      return { ...IDLE_DISCOVERY, status: 'scanning' };
    case 'event':
      return onEvent(state, action.event);
    case 'failed':
      return { ...state, status: 'failed', error: action.error };
    case 'cancel':
      return state.status === 'scanning' ? { ...state, status: 'cancelled' } : state;
  }
}
