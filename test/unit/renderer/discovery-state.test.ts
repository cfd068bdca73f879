// The discovery dialog's progress: addresses counted once they settle, servers listed once, the final list wins.
import { describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { DiscoveredServer } from '../../../shared/discovery.contract.js';
import {
  discoveryReducer,
  IDLE_DISCOVERY,
  type DiscoveryAction,
  type DiscoveryState,
} from '../../../src-renderer/features/discovery/discovery-state.js';

const ollama: DiscoveredServer = {
  server: 'ollama',
  label: 'Ollama',
  host: '127.0.0.1',
  port: 11434,
  version: '0.9.0',
  requiresKey: false,
  models: ['llama3.2'],
  evidence: 'GET /api/version answered',
  suggestion: { kind: 'ollama', preset: null, baseUrl: 'http://127.0.0.1:11434', model: 'llama3.2', name: 'Ollama' },
  savedProfileIds: [],
};

const play = (...actions: DiscoveryAction[]): DiscoveryState => actions.reduce(discoveryReducer, IDLE_DISCOVERY);
const targets = [
  { host: '127.0.0.1' as const, port: 11434 },
  { host: '127.0.0.1' as const, port: 1234 },
];

describe('discovery state', () => {
  it('counts an address as checked only once its probe has settled', () => {
    const state = play(
      { type: 'start' },
      { type: 'event', event: { type: 'started', targets } },
      { type: 'event', event: { type: 'probe', host: '127.0.0.1', port: 11434, state: 'open' } },
      { type: 'event', event: { type: 'probe', host: '127.0.0.1', port: 11434, state: 'identified' } },
      { type: 'event', event: { type: 'probe', host: '127.0.0.1', port: 1234, state: 'closed' } },
    );
    expect(state).toMatchObject({ status: 'scanning', total: 2, checked: 2 });
  });

  it('lists a server once however often it is reported, and ends with the final list', () => {
    const found: DiscoveryAction = { type: 'event', event: { type: 'found', server: ollama } };
    const scanning = play({ type: 'start' }, { type: 'event', event: { type: 'started', targets } }, found, found);
    expect(scanning.found).toEqual([ollama]);
    const done = discoveryReducer(scanning, {
      type: 'event',
      event: { type: 'done', servers: [], durationMs: 812, probed: 2 },
    });
    expect(done).toMatchObject({ status: 'done', found: [], durationMs: 812, checked: 2 });
  });

  it('a failure keeps its catalogued error; starting again forgets it', () => {
    const error: AppErrorData = {
      code: 'INTERNAL',
      message: 'Something went wrong inside the app.',
      remediation: 'Try again.',
      correlationId: 'corr-2',
      retryable: true,
    };
    const failed = play({ type: 'start' }, { type: 'failed', error });
    expect(failed).toMatchObject({ status: 'failed', error });
    expect(discoveryReducer(failed, { type: 'start' })).toEqual({ ...IDLE_DISCOVERY, status: 'scanning' });
  });

  it('only a running scan can be cancelled', () => {
    expect(play({ type: 'start' }, { type: 'cancel' }).status).toBe('cancelled');
    const done = play(
      { type: 'start' },
      { type: 'event', event: { type: 'done', servers: [], durationMs: 1, probed: 0 } },
    );
    expect(discoveryReducer(done, { type: 'cancel' }).status).toBe('done');
  });
});
