// A streamed connection test against each family's fake, through the real IPC link: phases in order, time to
// first token taken at the first non-empty text delta (role-only chunks, message_start and pings skipped),
// server-reported figures where the server gives them, and the summary saved on the profile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestEventSchema, type TestEvent } from '../../../shared/provider-test.contract.js';
import { createIpcHarness, type IpcHarness } from '../../support/ipc-harness.js';
import { startFakeLlm, type FakeKind } from '../../support/fake-providers/index.js';
import { profileForFake } from '../../support/provider-test-helpers.js';
import { OPENAI_COMPATIBLE_PRESETS, PROVIDER_KINDS } from '../../../shared/provider.contract.js';

const FIRST_TOKEN_DELAY = 120;
/** Every provider kind and every named preset, plus two servers only reachable through the 'other' preset. */
const KINDS: FakeKind[] = [
  ...PROVIDER_KINDS.filter((k) => k !== 'openai-compatible'),
  ...OPENAI_COMPATIBLE_PRESETS.filter((p) => p !== 'other'),
  'sglang',
  'mlx',
];

let h: IpcHarness;
beforeAll(async () => {
  h = await createIpcHarness();
});
afterAll(async () => h.dispose());

async function runOverIpc(id: string): Promise<TestEvent[]> {
  const w = h.connect();
  const events: TestEvent[] = [];
  await new Promise<void>((resolve, reject) => {
    w.client.profiles.test.subscribe(
      { id },
      { onData: (e) => events.push(TestEventSchema.parse(e)), onError: reject, onComplete: resolve },
    );
  });
  w.close();
  return events;
}

describe('streamed connection test per family', () => {
  it.each(KINDS)('%s', async (kind) => {
    const key = kind === 'jan' ? 'jan-fake-key-0001' : profileForFake(kind, '').apiKey;
    await using fake = await startFakeLlm({
      kind,
      firstTokenDelayMs: FIRST_TOKEN_DELAY,
      tokenDelayMs: 5,
      ...(key && { apiKey: key }),
    });
    const profile = await h.t.core.profiles.create(profileForFake(kind, fake.url, key ? { apiKey: key } : {}));
    const events = await runOverIpc(profile.id);
    const phases = events.flatMap((e) => (e.type === 'phase' ? [e.phase] : []));
    expect(phases).toEqual(['connecting', 'authenticated', 'model-found', 'first-token', 'done']);
    const result =
      events.at(-1)?.type === 'result' ? (events.at(-1) as Extract<TestEvent, { type: 'result' }>).result : null;
    expect(result?.error ?? null).toBeNull();
    expect(result).toMatchObject({ ok: true, preview: 'Hello from the fake.', saved: true, model: profile.model });
    const m = result!.metrics!;
    // The first *text* arrives after the delay even though headers and preludes came at once.
    expect(m.timeToFirstByteMs).toBeLessThan(FIRST_TOKEN_DELAY);
    expect(m.timeToFirstTokenMs!).toBeGreaterThanOrEqual(FIRST_TOKEN_DELAY - 5);
    expect(m.totalMs).toBeGreaterThanOrEqual(m.timeToFirstTokenMs!);
    expect(m.outputTokens).toBe(5);
    expect(m.tokensPerSecond).toBeGreaterThan(0);
    if (kind === 'ollama' || kind === 'llamacpp') expect(m.tokensPerSecondSource).toBe('server');
    // A server the app cannot name is not sent stream_options (strict ones reject it): tokens are counted.
    if (kind === 'sglang' || kind === 'mlx') {
      expect(m.outputTokensSource).toBe('estimated');
      expect(fake.requests.find((r) => r.method === 'POST')!.body).not.toContain('stream_options');
    }
    expect(result!.resolvedEndpoint.startsWith(fake.url)).toBe(true);
    expect(h.t.core.profiles.get({ id: profile.id }).lastTest).toMatchObject({
      ok: true,
      timeToFirstTokenMs: m.timeToFirstTokenMs,
    });
    // The request itself: low max tokens, temperature 0, streaming.
    const chat = fake.requests.find((r) => r.method === 'POST');
    expect(chat!.body.includes('"stream":true') || chat!.path.includes(':streamGenerateContent?alt=sse')).toBe(true);
    expect(chat!.body).toMatch(/"(max_tokens|max_completion_tokens|num_predict|maxOutputTokens)":48/);
    expect(chat!.body).toMatch(/"temperature":0/);
  });
});
