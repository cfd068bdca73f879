// chat.stream over IPC, against loopback fakes of each wire format: the conversation goes out as the learner's
// turns, the reply comes back as deltas then one end event with why it stopped and the figures; it uses the
// active profile unless told which; refusals come before anything is sent; cancelling, a silent server, an
// endless body, a redirect and a mid-stream error each end as the catalogued outcome; and a key the server
// echoes, even split across deltas, never reaches the window.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { ChatStreamEventSchema, type ChatStreamEvent, type ChatStreamInput } from '../../shared/chat.contract.js';
import type { ErrorCode } from '../../shared/errors/error-codes.js';
import { TEST_PROMPT } from '../../src/providers/connection-test.service.js';
import { expectAppError } from '../support/app-error-assertions.js';
import {
  startFakeLlm,
  startRequestShapedLlm,
  type FakeLlmOptions,
  type FakeServer,
} from '../support/fake-providers/index.js';
import { createIpcHarness, windowText, type IpcHarness, type IpcHarnessOptions } from '../support/ipc-harness.js';
import { echoedForms, findKeyForms } from '../support/key-forms.js';
import { createTestCore } from '../support/create-test-core.js';
import { localProfileInput } from '../support/profile-builders.js';
import { recordTestSecret } from '../support/suite-diagnostics.js';
import { waitFor } from '../support/wait-for.js';

const HELLO: ChatStreamInput['messages'] = [
  { role: 'system', content: 'You are a patient tutor.' },
  { role: 'user', content: 'What is a prime number?' },
  { role: 'assistant', content: 'A number with exactly two divisors.' },
  { role: 'user', content: 'Give me one.' },
];

let h: IpcHarness | undefined;
const servers: FakeServer[] = [];
afterEach(async () => {
  await h?.dispose();
  h = undefined;
  for (const s of servers.splice(0)) await s.close();
});

async function fake(options: FakeLlmOptions): Promise<FakeServer> {
  const server = await startFakeLlm(options);
  servers.push(server);
  return server;
}

async function harness(options: IpcHarnessOptions = {}): Promise<IpcHarness> {
  h = await createIpcHarness(options);
  return h;
}

interface Run {
  readonly events: ChatStreamEvent[];
  readonly done: Promise<Error | null>;
  readonly stop: () => void;
  readonly window: ReturnType<IpcHarness['connect']>;
}

/** Opens chat.stream in a new window; `done` resolves with the error the call ended with, or null. */
function chat(harness: IpcHarness, input: ChatStreamInput): Run {
  const window = harness.connect();
  const events: ChatStreamEvent[] = [];
  let stop = () => undefined as void;
  const done = new Promise<Error | null>((resolve) => {
    const sub = window.client.chat.stream.subscribe(input, {
      onData: (event) => events.push(ChatStreamEventSchema.parse(event)),
      onError: (error) => resolve(error),
      onComplete: () => resolve(null),
    });
    stop = () => sub.unsubscribe();
  });
  return { events, done, stop, window };
}

/** The call as a promise that rejects with the error the subscription ended with. */
async function ended(run: Run): Promise<void> {
  const error = await run.done;
  if (error !== null) throw error;
}

const replyOf = (events: readonly ChatStreamEvent[]) =>
  events.map((e) => (e.type === 'delta' && !e.reasoning ? e.text : '')).join('');

async function profileFor(harness: IpcHarness, server: FakeServer, kind: 'ollama' | 'openai-compatible' = 'ollama') {
  return harness.t.core.profiles.create(
    localProfileInput({
      name: `Fake ${kind} ${server.port}`,
      kind,
      baseUrl: kind === 'ollama' ? server.url : `${server.url}/v1`,
      model: 'test-model',
      ...(kind === 'openai-compatible' && { preset: 'llamacpp' }),
    }),
  );
}

describe('chat.stream over IPC', () => {
  it.each([
    ['ollama', 'ollama', (url: string) => url, 'test-model'],
    ['openai-compatible', 'vllm', (url: string) => `${url}/v1`, 'test-model'],
    ['anthropic', 'anthropic', (url: string) => url, 'test-model'],
    ['gemini', 'gemini', (url: string) => `${url}/v1beta`, 'test-model'],
  ] as const)(
    'a %s server: start, the reply as deltas, then why it stopped and the figures',
    async (kind, fakeKind, base, model) => {
      const key = kind === 'anthropic' || kind === 'gemini' ? `${kind}-chat-key-0123456789` : undefined;
      if (key) recordTestSecret(key);
      const server = await fake({
        kind: fakeKind,
        reply: ['Seven', ' is', ' prime', '.'],
        ...(key && { apiKey: key }),
      });
      const t = await harness();
      const profile = await t.t.core.profiles.create(
        localProfileInput({
          name: `Chat ${kind}`,
          kind,
          baseUrl: base(server.url),
          model,
          ...(kind === 'openai-compatible' && { preset: 'vllm' }),
          ...(key && { apiKey: key }),
        }),
      );
      const run = chat(t, { profileId: profile.id, messages: HELLO, maxTokens: 64 });
      expect(await run.done).toBeNull();
      expect(run.events[0]).toMatchObject({ type: 'start', profileId: profile.id, model });
      expect(replyOf(run.events)).toBe('Seven is prime.');
      const end = run.events.at(-1);
      expect(end?.type).toBe('end');
      if (end?.type !== 'end') return;
      expect(end.finishReason).toBe('stop');
      expect(end.serverReason).not.toBeNull();
      expect(end.figures.timeToFirstTokenMs).not.toBeNull();
      expect(end.figures.outputTokens).toBeGreaterThan(0);
      // The learner's turns went out in order, with their roles (each wire has its own place for the system turn).
      const sent = server.requests.find((r) => r.method === 'POST')?.body ?? '';
      for (const m of HELLO) expect(sent).toContain(m.content);
      expect(sent.indexOf('What is a prime number?')).toBeLessThan(sent.indexOf('Give me one.'));
    },
  );

  it('uses the active profile when none is named, and says so when none is active', async () => {
    const server = await fake({ kind: 'ollama' });
    const t = await harness();
    const none = chat(t, { messages: [{ role: 'user', content: 'Hi' }] });
    await expectAppError(ended(none), 'PROFILE_NONE_ACTIVE');
    expect(server.requests).toHaveLength(0);
    const profile = await profileFor(t, server);
    await t.t.core.profiles.activate({ id: profile.id });
    const run = chat(t, { messages: [{ role: 'user', content: 'Hi' }] });
    expect(await run.done).toBeNull();
    expect(run.events[0]).toMatchObject({ type: 'start', profileId: profile.id });
  });

  it.each<[string, ChatStreamInput]>([
    ['no messages', { messages: [] }],
    ['only a system turn', { messages: [{ role: 'system', content: 'Be brief.' }] }],
    ['an unknown role', { messages: [{ role: 'tool' as 'user', content: 'x' }] }],
    ['one turn too long', { messages: [{ role: 'user', content: 'x'.repeat(100_001) }] }],
    [
      'too long together',
      { messages: Array.from({ length: 5 }, () => ({ role: 'user' as const, content: 'y'.repeat(90_000) })) },
    ],
    ['too many turns', { messages: Array.from({ length: 201 }, () => ({ role: 'user' as const, content: 'z' })) }],
    ['a reply length out of range', { messages: [{ role: 'user', content: 'Hi' }], maxTokens: 0 }],
    ['an unknown field', { messages: [{ role: 'user', content: 'Hi' }], stream: false } as ChatStreamInput],
  ])('%s: VALIDATION_FAILED, and nothing is sent', async (_, input) => {
    const server = await fake({ kind: 'ollama' });
    const t = await harness();
    const profile = await profileFor(t, server);
    const run = chat(t, { ...input, profileId: profile.id });
    await expectAppError(ended(run), 'VALIDATION_FAILED');
    expect(server.requests).toHaveLength(0);
  });

  it('a remote profile whose consent does not cover its address: CONSENT_REQUIRED, and nothing is sent', async () => {
    // A vault edited by hand: the profile now points at another computer the learner never agreed to.
    await using seed = await createTestCore();
    const profile = await seed.core.profiles.create(
      localProfileInput({ kind: 'openai-compatible', preset: 'vllm', baseUrl: 'http://127.0.0.1:9/v1' }),
    );
    await seed.core.close();
    const doc = JSON.parse(String(await seed.readVaultBytes()));
    doc.profiles[0].baseUrl = 'http://192.168.1.9:8000/v1';
    await writeFile(seed.vaultPath, JSON.stringify(doc));
    let sent = 0;
    const reopened = await harness({
      dir: seed.dir,
      network: {
        fetch: () => {
          sent += 1;
          return Promise.reject(new Error('must not be called'));
        },
        canConnect: () => Promise.resolve(false),
      },
    });
    const run = chat(reopened, { profileId: profile.id, messages: [{ role: 'user', content: 'Hi' }] });
    await expectAppError(ended(run), 'CONSENT_REQUIRED');
    expect(sent).toBe(0);
  });

  it.each<[string, FakeLlmOptions['fault'], ErrorCode, IpcHarnessOptions]>([
    ['a mid-stream error', { type: 'mid-stream-error' }, 'PROVIDER_STREAM_ERROR', {}],
    [
      'a redirect (never followed)',
      { type: 'redirect', status: 307, location: 'http://127.0.0.1:9/elsewhere' },
      'PROVIDER_REDIRECT_BLOCKED',
      {},
    ],
    ['a server that goes quiet', { type: 'stall-after-headers' }, 'PROVIDER_SILENT', { chatSilenceMs: 300 }],
    [
      'a server that keeps the stream alive without a word',
      { type: 'endless-stream' },
      'PROVIDER_SILENT',
      { chatSilenceMs: 1_000 },
    ],
    ['an endless body', { type: 'endless-stream' }, 'PROVIDER_RESPONSE_TOO_LARGE', { maxChatResponseBytes: 64 * 1024 }],
  ])('%s ends the call with its catalogued error', async (_, fault, code, options) => {
    const server = await fake({ kind: 'ollama', ...(fault && { fault }) });
    const t = await harness(options);
    const profile = await profileFor(t, server);
    const run = chat(t, { profileId: profile.id, messages: [{ role: 'user', content: 'Hi' }] });
    const error = await expectAppError(ended(run), code);
    expect(error.correlationId).not.toBe('unknown');
  });

  it('the caller’s own limits: a silence limit and a limit on the whole reply', async () => {
    const server = await fake({
      kind: 'ollama',
      tokenDelayMs: 400,
      reply: Array.from({ length: 20 }, (_, i) => ` ${i}`),
    });
    const t = await harness();
    const profile = await profileFor(t, server);
    const quiet = chat(t, { profileId: profile.id, messages: HELLO, limits: { silenceMs: 1_000 } });
    // 400 ms between words never leaves 1 s of silence.
    expect(await quiet.done).toBeNull();
    const whole = chat(t, { profileId: profile.id, messages: HELLO, limits: { totalMs: 1_000 } });
    const error = await expectAppError(ended(whole), 'PROVIDER_TIMEOUT');
    expect(error.remediation).toMatch(/shorter reply/);
    expect(whole.events.some((e) => e.type === 'delta')).toBe(true);
  });

  it('stopping the subscription cancels the request on main', async () => {
    const server = await fake({
      kind: 'ollama',
      tokenDelayMs: 100,
      reply: Array.from({ length: 50 }, (_, i) => ` ${i}`),
    });
    const t = await harness();
    const profile = await profileFor(t, server);
    const run = chat(t, { profileId: profile.id, messages: [{ role: 'user', content: 'Count' }] });
    await waitFor(() => run.events.some((e) => e.type === 'delta'), { what: 'the first delta' });
    const stoppedAt = performance.now();
    run.stop();
    await waitFor(() => t.server.activeSubscriptions === 0, { what: 'the chat to end on main' });
    await waitFor(() => t.t.logger.find('chat.cancelled').length > 0, { what: 'the cancel to reach the request' });
    expect(performance.now() - stoppedAt).toBeLessThan(100);
    await waitFor(() => t.t.logger.find('chat.cancelled').length > 0, { what: 'the cancel to be logged' });
    expect(run.events.some((e) => e.type === 'end')).toBe(false);
  });

  it('the connection test is one call of the same exchange, with its fixed prompt', async () => {
    const server = await fake({ kind: 'ollama' });
    const t = await harness();
    const profile = await profileFor(t, server);
    const exchange = vi.spyOn(t.t.core.chat, 'exchange');
    const w = t.connect();
    await new Promise<void>((resolve) =>
      w.client.profiles.test.subscribe({ id: profile.id }, { onComplete: resolve, onError: () => resolve() }),
    );
    expect(exchange).toHaveBeenCalledTimes(1);
    expect(exchange.mock.calls[0]![1]).toBe(TEST_PROMPT);
    expect(exchange.mock.calls[0]![0]).toMatchObject({ kind: 'ollama', baseUrl: server.url, model: 'test-model' });
    // And chat.stream goes through it too.
    expect(await chat(t, { profileId: profile.id, messages: HELLO }).done).toBeNull();
    expect(exchange).toHaveBeenCalledTimes(2);
    expect(exchange.mock.calls[1]![1].messages).toEqual(HELLO);
  });

  it('a key the server echoes in the reply, split across deltas at every place, never reaches the window', async () => {
    const KEY = 'sk-chat/Echo+Key=Split&Chars-0123456789abcdef';
    recordTestSecret(KEY);
    const forms = Object.values(echoedForms(KEY));
    const text = `Your key: ${forms.join(' | ')} — done.`;
    // Every delta boundary lands somewhere else in a key form: pieces of 1, 2, 3, … characters.
    const pieces: string[] = [];
    for (let at = 0, size = 1; at < text.length; at += size, size = (size % 7) + 1)
      pieces.push(text.slice(at, at + size));
    const server = await startRequestShapedLlm(() => ({
      kind: 'openai',
      apiKey: KEY,
      models: ['gpt-4o-mini'],
      reply: pieces,
    }));
    servers.push(server);
    const t = await harness();
    const profile = await t.t.core.profiles.create(
      localProfileInput({
        name: 'Echo',
        kind: 'openai',
        baseUrl: `${server.url}/v1`,
        model: 'gpt-4o-mini',
        apiKey: KEY,
      }),
    );
    const run = chat(t, { profileId: profile.id, messages: [{ role: 'user', content: 'Echo my key' }] });
    expect(await run.done).toBeNull();
    expect(replyOf(run.events)).toContain('Your key: ');
    expect(replyOf(run.events)).toContain('[REDACTED]');
    expect(replyOf(run.events).endsWith(' — done.')).toBe(true);
    expect(findKeyForms(windowText(run.window), [KEY])).toEqual([]);
  });
});
