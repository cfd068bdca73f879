import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../../shared/profile.contract.js';
import { PRESETS } from '../../../shared/provider.contract.js';
import { fieldMessage } from '../../../shared/errors/field-messages.js';
import {
  consentGiven,
  consentTarget,
  createInput,
  draftHeaders,
  emptyValues,
  headersOriginChanged,
  keyOriginChanged,
  modelsDraft,
  requestPreview,
  updateConsent,
  updatePatch,
  valuesFromProfile,
  withHeaderAdded,
  withHeaderChanged,
  withHeaderRemoved,
  withProvider,
} from '../../../src-renderer/features/profile-form/form-model.js';
import { editedErrorFields, standingErrors } from '../../../src-renderer/features/profile-form/field-errors.js';
import {
  presetOptions,
  providerChoices,
  providerChoiceValue,
} from '../../../src-renderer/features/profile-form/provider-choices.js';

const remote: ProfileView = {
  id: 'p1',
  name: 'OpenAI',
  kind: 'openai',
  preset: null,
  baseUrl: 'https://api.openai.com/v1',
  model: 'gpt-4o-mini',
  azureDeployment: null,
  azureApiVersion: null,
  exactAddress: false,
  modelsUrl: null,
  timeoutMs: 30_000,
  loadTimeoutMs: 300_000,
  proxy: { mode: 'system' },
  proxyPasswordSaved: false,
  revision: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  isActive: false,
  location: 'remote',
  host: 'api.openai.com',
  remoteConsentAt: '2026-01-01T00:00:00.000Z',
  hasApiKey: true,
  apiKeyHint: '1234',
  keyStatus: 'stored',
  headerNames: [],
  headersStatus: 'none',
  lastTest: null,
  resolvedEndpoint: 'https://api.openai.com/v1/chat/completions',
};

describe('profile form model', () => {
  it.each([
    ['another host', 'https://proxy.example.org/v1', 'https://proxy.example.org:443', 'proxy.example.org'],
    ['plain http', 'http://api.openai.com/v1', 'http://api.openai.com:80', 'http://api.openai.com'],
    ['another port', 'https://api.openai.com:8443/v1', 'https://api.openai.com:8443', 'https://api.openai.com:8443'],
  ])('consent given for one origin never carries over to %s', (_label, baseUrl, origin, label) => {
    const values = valuesFromProfile(remote);
    expect(consentGiven(values)).toBe(true);
    expect(updateConsent(values, remote)).toBe(false); // already stored for this origin
    const moved = { ...values, baseUrl };
    expect(consentGiven(moved)).toBe(false);
    expect(consentTarget(moved)).toEqual({ origin, label });
    const ticked = { ...moved, consentOrigin: origin };
    expect(updateConsent(ticked, remote)).toBe(true);
  });

  it('flags a saved key when the address moves to another server', () => {
    const values = valuesFromProfile(remote);
    expect(keyOriginChanged(values, remote)).toBe(false);
    expect(keyOriginChanged({ ...values, baseUrl: 'https://api.openai.com/v2' }, remote)).toBe(false);
    expect(keyOriginChanged({ ...values, baseUrl: 'https://evil.example/v1' }, remote)).toBe(true);
  });

  it('patches only what changed, keeps an untouched key, removes on request', () => {
    const values = valuesFromProfile(remote);
    expect(updatePatch(values, remote)).toEqual({});
    expect(updatePatch({ ...values, model: 'gpt-4.1' }, remote)).toEqual({ model: 'gpt-4.1' });
    expect(updatePatch({ ...values, keyAction: 'remove' }, remote)).toEqual({ apiKey: null });
    expect(updatePatch({ ...values, keyAction: 'replace', apiKey: 'sk-new' }, remote)).toEqual({ apiKey: 'sk-new' });
  });

  it('a preset fills the address unless the learner typed their own', () => {
    const lm = withProvider(emptyValues(), 'openai-compatible', 'lmstudio');
    expect(lm.baseUrl).toBe('http://127.0.0.1:1234/v1');
    expect(withProvider(lm, 'openai-compatible', 'vllm').baseUrl).toBe('http://127.0.0.1:8000/v1');
    expect(withProvider({ ...lm, baseUrl: 'http://10.0.0.2:1234/v1' }, 'openai-compatible', 'vllm').baseUrl).toBe(
      'http://10.0.0.2:1234/v1',
    );
    expect(createInput({ ...lm, name: 'x', model: 'y' })).toMatchObject({
      kind: 'openai-compatible',
      preset: 'lmstudio',
      timeoutMs: 30_000,
    });
  });

  it('the preset list names each server as the shared labels do, the catch-all as "Another …"', () => {
    const labels = Object.fromEntries(presetOptions().map((o) => [o.value, o.label]));
    expect(labels.other).toBe('Another OpenAI-compatible server');
    expect(labels.lmstudio).toBe(PRESETS.lmstudio.label);
    expect(Object.keys(labels)).toEqual(Object.keys(PRESETS));
  });

  describe('extra request headers', () => {
    const gated: ProfileView = { ...remote, headerNames: ['CF-Access-Client-Id', 'CF-Access-Client-Secret'] };

    it('open with the saved names and never a value; untouched, the patch leaves them alone', () => {
      const values = valuesFromProfile(gated);
      expect(values.headers.map((r) => [r.name, r.value, r.savedName])).toEqual([
        ['CF-Access-Client-Id', '', 'CF-Access-Client-Id'],
        ['CF-Access-Client-Secret', '', 'CF-Access-Client-Secret'],
      ]);
      expect(updatePatch(values, gated)).toEqual({});
      expect(draftHeaders(values, gated)).toEqual([
        { name: 'CF-Access-Client-Id', keep: true },
        { name: 'CF-Access-Client-Secret', keep: true },
      ]);
    });

    it('an added row, a new value for a saved one and a removed row become the list, kept ones by name', () => {
      let values = valuesFromProfile(gated);
      const [id, secret] = values.headers;
      values = withHeaderChanged(values, secret!.key, { value: 'new-secret' });
      values = withHeaderAdded(values);
      values = withHeaderChanged(values, values.headers[2]!.key, { name: 'X-Title', value: 'My app' });
      expect(updatePatch(values, gated)).toEqual({
        headers: [
          { name: 'CF-Access-Client-Id', keep: true },
          { name: 'CF-Access-Client-Secret', value: 'new-secret' },
          { name: 'X-Title', value: 'My app' },
        ],
      });
      values = withHeaderRemoved(values, id!.key);
      expect(updatePatch(values, gated).headers).toEqual([
        { name: 'CF-Access-Client-Secret', value: 'new-secret' },
        { name: 'X-Title', value: 'My app' },
      ]);
    });

    it('renaming a saved header without a value sends it as a new value (which the schema asks for)', () => {
      const values = valuesFromProfile(gated);
      const renamed = withHeaderChanged(values, values.headers[0]!.key, { name: 'X-Other' });
      expect(updatePatch(renamed, gated).headers?.[0]).toEqual({ name: 'X-Other', value: '' });
      const recased = withHeaderChanged(values, values.headers[0]!.key, { name: 'cf-access-client-id' });
      expect(updatePatch(recased, gated).headers?.[0]).toEqual({ name: 'cf-access-client-id', keep: true });
    });

    it('removing every row removes them; a profile without any sends nothing', () => {
      let values = valuesFromProfile(gated);
      for (const row of [...values.headers]) values = withHeaderRemoved(values, row.key);
      expect(updatePatch(values, gated)).toEqual({ headers: null });
      expect(draftHeaders(values, gated)).toEqual([]); // nothing borrowed either
      expect(updatePatch(valuesFromProfile(remote), remote)).toEqual({});
      expect(draftHeaders(valuesFromProfile(remote), remote)).toBeUndefined();
    });

    it('a moved address always sends them, so a value kept for the old server is refused, not silently dropped', () => {
      const moved = { ...valuesFromProfile(gated), baseUrl: 'https://elsewhere.example/v1' };
      expect(headersOriginChanged(moved, gated)).toBe(true);
      expect(headersOriginChanged(valuesFromProfile(gated), gated)).toBe(false);
      expect(updatePatch(moved, gated).headers).toEqual([
        { name: 'CF-Access-Client-Id', keep: true },
        { name: 'CF-Access-Client-Secret', keep: true },
      ]);
    });

    it('create sends every row with its value; a draft leaves out half-typed rows', () => {
      let values = withHeaderAdded(emptyValues());
      values = withHeaderChanged(values, values.headers[0]!.key, { name: 'X-Portkey-Api-Key', value: 'pk-1' });
      values = withHeaderAdded(values);
      expect(createInput(values).headers).toEqual([
        { name: 'X-Portkey-Api-Key', value: 'pk-1' },
        { name: '', value: '' },
      ]);
      expect(draftHeaders(values, null)).toEqual([{ name: 'X-Portkey-Api-Key', value: 'pk-1' }]);
      expect(createInput(emptyValues())).not.toHaveProperty('headers');
    });
  });
});

describe('address options', () => {
  const gateway: ProfileView = {
    ...remote,
    kind: 'openai-compatible',
    preset: 'other',
    baseUrl: 'https://gw.example.org/llm',
    exactAddress: true,
    modelsUrl: 'https://gw.example.org/llm/catalog',
    resolvedEndpoint: 'https://gw.example.org/llm/chat/completions',
  };

  it('open as saved; untouched, the patch leaves them alone; changed or cleared, it says so', () => {
    const values = valuesFromProfile(gateway);
    expect(values).toMatchObject({ exactAddress: true, modelsUrl: 'https://gw.example.org/llm/catalog' });
    expect(updatePatch(values, gateway)).toEqual({});
    expect(updatePatch({ ...values, exactAddress: false, modelsUrl: '  ' }, gateway)).toEqual({
      exactAddress: false,
      modelsUrl: null,
    });
    expect(updatePatch(valuesFromProfile(remote), remote)).toEqual({});
    expect(updatePatch({ ...valuesFromProfile(remote), modelsUrl: 'https://api.openai.com/v1/m' }, remote)).toEqual({
      modelsUrl: 'https://api.openai.com/v1/m',
    });
  });

  it('are sent only where they apply: switching to a kind that builds its own endpoints clears them', () => {
    const values = valuesFromProfile(gateway);
    const ollama = withProvider(values, 'ollama', '');
    expect(updatePatch(ollama, gateway)).toMatchObject({ kind: 'ollama', exactAddress: false, modelsUrl: null });
    expect(createInput({ ...ollama, name: 'x' })).not.toHaveProperty('exactAddress');
    expect(createInput({ ...ollama, name: 'x' })).not.toHaveProperty('modelsUrl');
    expect(createInput({ ...values, name: 'x' })).toMatchObject({
      exactAddress: true,
      modelsUrl: 'https://gw.example.org/llm/catalog',
    });
    expect(createInput(emptyValues())).not.toHaveProperty('exactAddress');
  });

  it('"Load models" sends them with the unsaved values', () => {
    expect(modelsDraft(valuesFromProfile(gateway), gateway)).toMatchObject({
      kind: 'openai-compatible',
      preset: 'other',
      baseUrl: 'https://gw.example.org/llm',
      exactAddress: true,
      modelsUrl: 'https://gw.example.org/llm/catalog',
    });
    expect(modelsDraft(emptyValues(), null)).not.toHaveProperty('modelsUrl');
  });

  it('the preview shows the exact URLs that will be called, the model list included', () => {
    const values = valuesFromProfile(gateway);
    expect(requestPreview(values)).toEqual({
      chat: 'https://gw.example.org/llm/chat/completions',
      models: 'https://gw.example.org/llm/catalog',
      modelsProblem: null,
    });
    expect(requestPreview({ ...values, exactAddress: false, modelsUrl: '' })).toEqual({
      chat: 'https://gw.example.org/llm/v1/chat/completions',
      models: 'https://gw.example.org/llm/v1/models',
      modelsProblem: null,
    });
    expect(requestPreview({ ...values, modelsUrl: 'https://other.example.org/catalog' })).toEqual({
      chat: 'https://gw.example.org/llm/chat/completions',
      models: null,
      modelsProblem: fieldMessage('modelsUrlOtherServer', { origin: 'https://gw.example.org' }),
    });
    expect(requestPreview({ ...values, modelsUrl: 'catalog' })?.modelsProblem).toBe(fieldMessage('addressNotUrl'));
    expect(requestPreview({ ...values, baseUrl: 'not a url' })).toBeNull();
  });
});

describe('time to load the model', () => {
  it('applies to servers that load on request, in minutes, and to no other', () => {
    const ollama = { ...emptyValues(), name: 'x', model: 'm' };
    expect(createInput(ollama)).toMatchObject({ loadTimeoutMs: 5 * 60_000 });
    expect(createInput({ ...ollama, loadMinutes: '12,5' })).toMatchObject({ loadTimeoutMs: 750_000 });
    const lm = withProvider(emptyValues(), 'openai-compatible', 'lmstudio');
    expect(createInput({ ...lm, name: 'x', model: 'm' })).toMatchObject({ loadTimeoutMs: 5 * 60_000 });
    const llama = withProvider(emptyValues(), 'openai-compatible', 'llamacpp');
    expect(createInput({ ...llama, name: 'x', model: 'm' })).not.toHaveProperty('loadTimeoutMs');
  });

  it('goes into a patch only when it changed', () => {
    const profile: ProfileView = { ...remote, kind: 'ollama', preset: null, loadTimeoutMs: 300_000 };
    const values = valuesFromProfile(profile);
    expect(values.loadMinutes).toBe('5');
    expect(updatePatch(values, profile)).not.toHaveProperty('loadTimeoutMs');
    expect(updatePatch({ ...values, loadMinutes: '10' }, profile)).toMatchObject({ loadTimeoutMs: 600_000 });
  });
});

describe('the way to the server', () => {
  it('a new profile sends nothing for the system proxy, the choice otherwise, to a save and to "Load models"', () => {
    const values = { ...emptyValues(), name: 'x', model: 'm' };
    expect(createInput(values)).not.toHaveProperty('proxy');
    expect(modelsDraft(values, null)).not.toHaveProperty('proxy');
    expect(createInput({ ...values, proxyMode: 'direct', proxyUrl: 'http://kept.example:1' })).toMatchObject({
      proxy: { mode: 'direct' },
    });
    const fixed = { ...values, proxyMode: 'fixed' as const, proxyUrl: ' http://proxy.school.example:3128 ' };
    expect(createInput(fixed).proxy).toEqual({ mode: 'fixed', url: 'http://proxy.school.example:3128' });
    expect(modelsDraft(fixed, null).proxy).toEqual({ mode: 'fixed', url: 'http://proxy.school.example:3128' });
  });

  it('opens as saved; the patch carries it only when it changed, back to the system proxy included', () => {
    const profile: ProfileView = { ...remote, proxy: { mode: 'fixed', url: 'http://proxy.example:8080' } };
    const values = valuesFromProfile(profile);
    expect(values).toMatchObject({ proxyMode: 'fixed', proxyUrl: 'http://proxy.example:8080' });
    expect(updatePatch(values, profile)).not.toHaveProperty('proxy');
    expect(updatePatch({ ...values, proxyUrl: 'http://other.example:8080' }, profile).proxy).toEqual({
      mode: 'fixed',
      url: 'http://other.example:8080',
    });
    expect(updatePatch({ ...values, proxyMode: 'system' }, profile).proxy).toEqual({ mode: 'system' });
    expect(updatePatch(valuesFromProfile(remote), remote)).not.toHaveProperty('proxy');
  });

  it('a proxy user and a new password go with "Use this proxy"; a saved password is kept, or removed on request', () => {
    const values = {
      ...emptyValues(),
      name: 'x',
      model: 'm',
      proxyMode: 'fixed' as const,
      proxyUrl: 'http://proxy.example:8080',
      proxyUsername: ' ada ',
      proxyPassword: 'pw',
    };
    expect(createInput(values)).toMatchObject({
      proxy: { mode: 'fixed', url: 'http://proxy.example:8080', username: 'ada' },
      proxyPassword: 'pw',
    });
    expect(modelsDraft(values, null).proxyPassword).toBe('pw');
    expect(createInput({ ...values, proxyMode: 'direct' })).not.toHaveProperty('proxyPassword');

    const profile: ProfileView = {
      ...remote,
      proxy: { mode: 'fixed', url: 'http://proxy.example:8080', username: 'ada' },
      proxyPasswordSaved: true,
    };
    const opened = valuesFromProfile(profile);
    expect(opened).toMatchObject({ proxyUsername: 'ada', proxyPassword: '', removeProxyPassword: false });
    expect(updatePatch(opened, profile)).toEqual({});
    expect(updatePatch({ ...opened, proxyPassword: 'new' }, profile)).toEqual({ proxyPassword: 'new' });
    expect(updatePatch({ ...opened, removeProxyPassword: true }, profile)).toEqual({ proxyPassword: null });
  });
});

describe('field errors once the learner edits the field', () => {
  const errors = {
    name: 'Enter a name.',
    model: 'Enter the model name.',
    timeoutMs: 'Between 1 and 600 seconds.',
    'proxy.url': 'Not an address.',
    'headers.0.name': 'Not a header name.',
  };

  it('keeps every error until its field is edited', () => {
    expect(standingErrors(errors, new Set())).toEqual(errors);
  });

  it('drops the error of each edited field, by the name the server gives it', () => {
    const edited = new Set([
      ...editedErrorFields({ model: 'llama3.2' }),
      ...editedErrorFields({ timeoutSeconds: '30' }),
      ...editedErrorFields({ proxyUrl: 'http://proxy:3128' }),
    ]);
    expect(standingErrors(errors, edited)).toEqual({ name: 'Enter a name.', 'headers.0.name': 'Not a header name.' });
  });

  it('a field named by its group answers every error under it', () => {
    expect(standingErrors(errors, new Set(['headers']))).not.toHaveProperty('headers.0.name');
  });
});

describe('one flat provider list', () => {
  it('names every app and service once, each kind and preset reachable, grouped by where it runs', () => {
    const choices = providerChoices();
    expect(new Set(choices.map((c) => c.value)).size).toBe(choices.length);
    const presets = Object.keys(PRESETS);
    expect(choices.filter((c) => c.kind === 'openai-compatible').map((c) => c.preset)).toEqual(
      expect.arrayContaining(presets),
    );
    expect(choices.filter((c) => c.kind === 'openai-compatible')).toHaveLength(presets.length);
    expect(choices.find((c) => c.kind === 'ollama')).toMatchObject({ label: 'Ollama', group: 'local' });
    expect(choices.find((c) => c.preset === 'jan')).toMatchObject({ label: 'Jan', group: 'local' });
    expect(choices.find((c) => c.preset === 'openrouter')).toMatchObject({ label: 'OpenRouter', group: 'cloud' });
    expect(choices.find((c) => c.kind === 'anthropic')).toMatchObject({ group: 'cloud' });
    // The groups are contiguous, this computer first; the catch-all ends the local group.
    const groups = choices.map((c) => c.group);
    expect(groups.indexOf('cloud')).toBe(groups.lastIndexOf('local') + 1);
    expect(choices[groups.lastIndexOf('local')]).toMatchObject({ preset: 'other' });
  });

  it('maps the form’s kind and preset to its entry and back', () => {
    for (const choice of providerChoices())
      expect(providerChoiceValue({ kind: choice.kind, preset: choice.preset })).toBe(choice.value);
  });
});
