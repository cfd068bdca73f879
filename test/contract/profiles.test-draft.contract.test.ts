// profiles.test on a form's unsaved values ("Check connection") over IPC: it runs the same test on the draft,
// borrows the edited profile's saved key only while the draft points at the same server, asks consent for a
// remote draft before anything is sent, stores nothing, and keeps the draft's key out of the window's bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestEventSchema, type TestEvent, type ProfileTestInput } from '../../shared/provider-test.contract.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { startFakeLlm, type FakeServer } from '../support/fake-providers/index.js';
import { expectAppError } from '../support/app-error-assertions.js';
import { findKeyForms } from '../support/key-forms.js';

const KEY = 'sk-draft-test-key-00112233';

let h: IpcHarness;
let openai: FakeServer;
let ollama: FakeServer;
beforeAll(async () => {
  h = await createIpcHarness();
  openai = await startFakeLlm({ kind: 'openai', apiKey: KEY, models: ['gpt-a'] });
  ollama = await startFakeLlm({ kind: 'ollama', models: ['llama3.2'] });
});
afterAll(async () => {
  await openai.close();
  await ollama.close();
  await h.dispose();
});

/** Runs profiles.test to its end: the events, or the call's error. */
function run(input: ProfileTestInput): Promise<{ events: TestEvent[]; error: unknown; raw: string[] }> {
  const w = h.connect();
  const events: TestEvent[] = [];
  const raw: string[] = [];
  return new Promise((resolve) => {
    w.client.profiles.test.subscribe(input, {
      onData: (e) => {
        raw.push(JSON.stringify(e));
        events.push(TestEventSchema.parse(e));
      },
      onError: (error) => resolve({ events, error, raw }),
      onComplete: () => resolve({ events, error: null, raw }),
    });
  });
}

/** A call's error, as a call that throws it. */
const rethrow = (error: unknown) => () => {
  throw error;
};

const resultOf = (events: TestEvent[]) => {
  const last = events.at(-1);
  if (last?.type !== 'result') throw new Error('no result event');
  return last.result;
};

describe('profiles.test on a draft', () => {
  it('tests unsaved values with their own key, and stores nothing', async () => {
    const before = h.t.core.profiles.list();
    const { events, error, raw } = await run({
      draft: { kind: 'openai', baseUrl: `${openai.url}/v1`, apiKey: KEY, model: 'gpt-a' },
    });
    expect(error).toBeNull();
    expect(events.filter((e) => e.type === 'phase').map((e) => e.type === 'phase' && e.phase)).toContain('first-token');
    expect(resultOf(events)).toMatchObject({ ok: true, profileId: null, model: 'gpt-a', saved: false, notSaved: null });
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(h.t.core.profiles.list()).toBe(before);
    expect(findKeyForms(raw.join('\n'), [KEY])).toEqual([]);
  });

  it('a draft of a profile being edited borrows its saved key, but never for another server', async () => {
    const p = await h.t.core.profiles.create({
      name: 'Saved OpenAI',
      kind: 'openai',
      baseUrl: `${openai.url}/v1`,
      model: 'gpt-a',
      apiKey: KEY,
    });
    const borrowed = await run({ id: p.id, draft: { kind: 'openai', baseUrl: `${openai.url}/v1`, model: 'gpt-a' } });
    expect(resultOf(borrowed.events).ok).toBe(true);
    expect(openai.requests.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);
    // The saved profile's last test is untouched by a draft's.
    expect(h.t.core.profiles.get({ id: p.id }).lastTest).toBeNull();

    const elsewhere = await run({
      id: p.id,
      draft: { kind: 'openai-compatible', preset: 'other', baseUrl: `${ollama.url}/v1`, model: 'llama3.2' },
    });
    expect(ollama.requests.length).toBeGreaterThan(0);
    expect(ollama.requests.map((r) => r.headers.authorization)).toEqual(ollama.requests.map(() => undefined));
    expect(elsewhere.error).toBeNull();
  });

  it('a failure is the result’s catalogued error, as for a saved profile', async () => {
    const { events } = await run({
      draft: { kind: 'openai', baseUrl: `${openai.url}/v1`, apiKey: 'sk-wrong-key-99887766', model: 'gpt-a' },
    });
    expect(resultOf(events)).toMatchObject({ ok: false, profileId: null, error: { code: 'PROVIDER_AUTH_FAILED' } });
  });

  it('a remote draft without consent is refused before anything is sent; no model or no target is a field error', async () => {
    const sent = openai.requests.length;
    const remote = await run({
      draft: { kind: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-x-1234567890', model: 'gpt-a' },
    });
    await expectAppError(rethrow(remote.error), 'CONSENT_REQUIRED');
    expect(remote.events).toEqual([]);
    const noModel = await run({ draft: { kind: 'ollama', baseUrl: ollama.url } as never });
    const data = await expectAppError(rethrow(noModel.error), 'VALIDATION_FAILED');
    expect(data.fieldErrors?.map((f) => f.field)).toContain('draft.model');
    await expectAppError(rethrow((await run({})).error), 'VALIDATION_FAILED');
    expect(openai.requests.length).toBe(sent);
  });
});
