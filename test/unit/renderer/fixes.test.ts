// The way out of each failed test is chosen by its error code: a refused key opens the key field, a missing model
// offers the installed ones, a cold model offers loading only where the server loads on request, a time limit
// opens the field it names, and errors with nothing to press offer nothing.
import { describe, expect, it } from 'vitest';
import { fixesFor } from '../../../src-renderer/features/connection-test/fixes.js';
import type { ProfileView } from '../../../shared/profile.contract.js';

const profile = (over: Partial<ProfileView>): ProfileView =>
  ({ id: 'p', name: 'P', kind: 'ollama', preset: null, hasApiKey: false, ...over }) as ProfileView;

describe('fixesFor', () => {
  it('offers to replace a saved key, or to add one where none is saved', () => {
    expect(fixesFor('PROVIDER_AUTH_FAILED', profile({ hasApiKey: true }))).toEqual([
      { kind: 'edit', focus: 'apiKey', label: 'Replace key…' },
    ]);
    expect(fixesFor('PROVIDER_KEY_NEEDED', profile({ hasApiKey: false }))).toEqual([
      { kind: 'edit', focus: 'apiKey', label: 'Add a key…' },
    ]);
  });

  it('offers the installed models first for a missing one', () => {
    expect(fixesFor('PROVIDER_MODEL_NOT_FOUND', profile({})).map((f) => f.kind)).toEqual(['pick-model', 'edit']);
  });

  it('offers loading a cold model only where the server loads models on request', () => {
    expect(fixesFor('PROVIDER_LOAD_TIMEOUT', profile({ kind: 'ollama' })).map((f) => f.kind)).toEqual([
      'load-model',
      'edit',
    ]);
    const vllm = profile({ kind: 'openai-compatible', preset: 'vllm' });
    expect(fixesFor('PROVIDER_LOAD_TIMEOUT', vllm)).toEqual([
      { kind: 'edit', focus: 'loadTimeoutMs', label: 'Change the time to load…' },
    ]);
  });

  it('opens the field each limit or address error names', () => {
    expect(fixesFor('PROVIDER_FIRST_TOKEN_TIMEOUT', profile({ kind: 'gemini' }))).toEqual([
      { kind: 'edit', focus: 'timeoutMs', label: 'Change time limit…' },
    ]);
    expect(fixesFor('PROVIDER_CONNECTION_REFUSED', profile({}))[0]).toMatchObject({ focus: 'baseUrl' });
    expect(fixesFor('PROVIDER_PROXY_FAILED', profile({}))[0]).toMatchObject({ focus: 'proxy' });
  });

  it('offers nothing where there is nothing to press', () => {
    expect(fixesFor('PROVIDER_SERVER_ERROR', profile({}))).toEqual([]);
    expect(fixesFor('PROVIDER_RATE_LIMITED', profile({}))).toEqual([]);
  });
});
