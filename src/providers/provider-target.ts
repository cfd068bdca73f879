// Everything needed to call one model server: where, which model, how to authenticate, how long to wait.
// Built from a saved profile (with its decrypted key) or from a form draft; never sent to the renderer.
import type { EndpointTarget } from '../../shared/endpoint-resolution.js';
import { OLLAMA_START_HINT, PRESETS, PROVIDERS } from '../../shared/provider.contract.js';

export interface ProviderTarget extends EndpointTarget {
  readonly apiKey: string | null;
  readonly timeoutMs: number;
  /** For a host off this computer: the consent the call relies on (kept for the diagnostics audit line). */
  readonly remoteConsent?: {
    readonly host: string;
    readonly basis: 'stored' | 'given-in-form';
    readonly at: string | null;
  } | null;
}

export function providerLabel(target: Pick<ProviderTarget, 'kind' | 'preset'>): string {
  return target.kind === 'openai-compatible' && target.preset
    ? PRESETS[target.preset].label
    : PROVIDERS[target.kind].label;
}

/** What to tell a learner when nothing answers at the address. */
export function startHint(target: Pick<ProviderTarget, 'kind' | 'preset'>): string {
  if (target.kind === 'ollama') return OLLAMA_START_HINT;
  if (target.kind === 'openai-compatible' && target.preset === 'other') return PRESETS.other.startHint;
  if (target.kind === 'openai-compatible' && target.preset)
    return `Start ${PRESETS[target.preset].label}: ${PRESETS[target.preset].startHint}`;
  if (target.kind === 'openai-compatible') return 'Start the model server and check the address and port.';
  return 'Check your internet connection and that the server address is right.';
}
