// profiles.test over IPC: the event shapes, and the call errors that stop a test before it starts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestEventSchema, type TestEvent } from '../../shared/provider-test.contract.js';
import { AppErrorDataSchema } from '../../shared/errors/app-error-data.contract.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { startFakeLlm, type FakeServer } from '../support/fake-providers/index.js';
import { waitFor } from '../support/wait-for.js';

let h: IpcHarness;
let fake: FakeServer;
beforeAll(async () => {
  h = await createIpcHarness();
  fake = await startFakeLlm({ kind: 'ollama', tokenDelayMs: 50 });
});
afterAll(async () => {
  await fake.close();
  await h.dispose();
});

function subscribe(id: string) {
  const w = h.connect();
  const events: TestEvent[] = [];
  let error: unknown = null;
  const done = new Promise<void>((resolve) => {
    w.client.profiles.test.subscribe(
      { id },
      {
        onData: (e) => events.push(TestEventSchema.parse(e)),
        onError: (e) => ((error = e), resolve()),
        onComplete: () => resolve(),
      },
    );
  });
  return { events, done, error: () => error, w };
}

describe('profiles.test over IPC', () => {
  it('streams phase events and ends with one result event', async () => {
    const p = await h.t.core.profiles.create({
      name: 'Fake Ollama',
      kind: 'ollama',
      baseUrl: fake.url,
      model: 'test-model',
    });
    const run = subscribe(p.id);
    await run.done;
    expect(run.events.filter((e) => e.type === 'result')).toHaveLength(1);
    expect(run.events.at(-1)?.type).toBe('result');
  });

  it('stopping the subscription cancels the test on main', async () => {
    const p = await h.t.core.profiles.create({
      name: 'Slow Ollama',
      kind: 'ollama',
      baseUrl: fake.url,
      model: 'test-model',
    });
    const w = h.connect();
    const events: TestEvent[] = [];
    const sub = w.client.profiles.test.subscribe({ id: p.id }, { onData: (e) => events.push(e) });
    await waitFor(() => events.some((e) => e.type === 'phase' && e.phase === 'first-token'), {
      what: 'the first token',
    });
    sub.unsubscribe();
    // subscription.stop reached main: the test ended there, with no result sent.
    await waitFor(() => h.server.activeSubscriptions === 0, { what: 'the test to end on main' });
    expect(events.some((e) => e.type === 'result')).toBe(false);
    expect(h.t.logger.find('profile.test_cancelled').length).toBeGreaterThan(0);
  });

  it.each([
    ['PROFILE_NOT_FOUND', { id: 'nope' }],
    ['VALIDATION_FAILED', { id: '' }],
  ])('%s stops the test before it starts', async (code, input) => {
    const run = subscribe(input.id);
    await run.done;
    expect(AppErrorDataSchema.parse((run.error() as { data: unknown }).data).code).toBe(code);
  });
});
