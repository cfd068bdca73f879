// A cold model on the learner's computer: the test finds out it is not in memory, shows "Loading the model into
// memory" (with its size where the server says), loads it under its own limit, and only then starts the prompt's
// limit — so a model that takes longer to load than the whole prompt may take still passes. Cancelling the load
// ends the test at once and the server sees the client go; a load past its limit says so; "Load model" warms a
// model without a test. Against fakes of Ollama and LM Studio that take real time to load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startFakeLlm } from '../../support/fake-providers/index.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';
import { settle, waitFor } from '../../support/wait-for.js';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.dispose());

const LOAD_MS = 3_000;

describe('a model that is not loaded yet', () => {
  it('Ollama: a loading phase with the size, then the prompt under its own limit, and the test passes', async () => {
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['big-model'],
      modelInfo: { 'big-model': { loaded: false } },
      loadDelayMs: LOAD_MS,
    });
    // The prompt's limit (2 s) is shorter than the load (3 s): it can only pass if it starts after the load.
    const p = await t.core.profiles.create(
      profileForFake('ollama', server.url, { name: 'cold ollama', model: 'big-model', timeoutMs: 2_000 }),
    );
    const { events, result } = await runTest(t, p.id);
    const phases = events.flatMap((e) => (e.type === 'phase' ? [e] : []));
    expect(phases.map((e) => e.phase)).toEqual([
      'loading',
      'connecting',
      'authenticated',
      'model-found',
      'first-token',
      'done',
    ]);
    expect(phases[0]?.sizeBytes).toBe(2_019_393_189);
    // The prompt went out only once the load had answered.
    expect(phases[1]!.elapsedMs).toBeGreaterThanOrEqual(LOAD_MS * 0.9);
    expect(result?.ok).toBe(true);
    const load = server.requests.find((r) => r.path === '/api/generate');
    expect(JSON.parse(load?.body ?? '{}')).toMatchObject({ model: 'big-model', prompt: '', keep_alive: '10m' });
    expect(t.logger.find('model.loaded').length).toBeGreaterThan(0);
  });

  it('LM Studio: state from /api/v0/models/<id>, loaded with /api/v1/models/load', async () => {
    await using server = await startFakeLlm({
      kind: 'lmstudio',
      models: ['qwen3-8b'],
      modelInfo: { 'qwen3-8b': { loaded: false } },
      loadDelayMs: 200,
    });
    const p = await t.core.profiles.create(
      profileForFake('lmstudio', server.url, { name: 'cold lm studio', model: 'qwen3-8b' }),
    );
    const { events, result } = await runTest(t, p.id);
    expect(events[0]).toMatchObject({ type: 'phase', phase: 'loading' });
    expect(result?.ok).toBe(true);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v0/models/qwen3-8b',
      'POST /api/v1/models/load',
      'POST /v1/chat/completions',
    ]);
  });

  it('a model already in memory: no loading phase, one probe, then the prompt', async () => {
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['warm'],
      modelInfo: { warm: { loaded: true } },
    });
    const p = await t.core.profiles.create(profileForFake('ollama', server.url, { name: 'warm', model: 'warm' }));
    const { events, result } = await runTest(t, p.id);
    expect(events.some((e) => e.type === 'phase' && e.phase === 'loading')).toBe(false);
    expect(result?.ok).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/api/ps', '/api/chat']);
  });

  it('llama.cpp is always loaded: nothing is asked before the prompt', async () => {
    await using server = await startFakeLlm({ kind: 'llamacpp' });
    const p = await t.core.profiles.create(profileForFake('llamacpp', server.url, { name: 'llama.cpp' }));
    const { result } = await runTest(t, p.id);
    expect(result?.ok).toBe(true);
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/chat/completions']);
  });

  it('cancel during the load ends the test within 100 ms, with no result, and the server sees the client go', async () => {
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['big-model'],
      modelInfo: { 'big-model': { loaded: false } },
      loadDelayMs: 30_000,
    });
    const p = await t.core.profiles.create(
      profileForFake('ollama', server.url, { name: 'cancel load', model: 'big-model' }),
    );
    const controller = new AbortController();
    const phases: string[] = [];
    let endedAt = 0;
    const run = runTest(t, p.id, controller.signal, undefined, (e) => {
      if (e.type === 'phase') phases.push(e.phase);
    }).then((r) => ((endedAt = performance.now()), r));
    await waitFor(() => phases.includes('loading') && server.requests.some((r) => r.path === '/api/generate'), {
      what: 'the load to be under way',
    });
    const cancelledAt = performance.now();
    controller.abort();
    const { result } = await run;
    expect(result).toBeNull();
    expect(endedAt - cancelledAt).toBeLessThan(100);
    await waitFor(() => server.abandonedLoads.includes('big-model'), { what: 'the fake to see the disconnect' });
    expect(t.logger.find('model.load_cancelled').length).toBeGreaterThan(0);
  });

  it('a load past the profile’s load limit: PROVIDER_LOAD_TIMEOUT, and no prompt is sent', async () => {
    const clock = new FakeClock({ frozen: true });
    await using timed = await createTestCore({ clock, timers: clock });
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['huge'],
      modelInfo: { huge: { loaded: false } },
      loadDelayMs: 60_000,
    });
    const p = await timed.core.profiles.create(
      profileForFake('ollama', server.url, { name: 'load limit', model: 'huge', loadTimeoutMs: 60_000 }),
    );
    let finished = false;
    const running = runTest(timed, p.id).finally(() => (finished = true));
    await waitFor(() => server.requests.some((r) => r.path === '/api/generate'), { what: 'the load to start' });
    clock.advance(59_999);
    await settle();
    expect(finished).toBe(false);
    clock.advance(1);
    const { result } = await running;
    expect(result?.error?.code).toBe('PROVIDER_LOAD_TIMEOUT');
    expect(result?.error?.message).toContain('within 60 seconds');
    expect(result?.error?.remediation).toMatch(/up to 15 minutes/);
    expect(result?.phaseReached).toBe('loading');
    expect(server.requests.some((r) => r.path === '/api/chat')).toBe(false);
  });

  it('at the most a profile allows (15 minutes), the advice does not say to raise it', async () => {
    const clock = new FakeClock({ frozen: true });
    await using timed = await createTestCore({ clock, timers: clock });
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['huge'],
      modelInfo: { huge: { loaded: false } },
      loadDelayMs: 60 * 60_000,
    });
    const p = await timed.core.profiles.create(
      profileForFake('ollama', server.url, { name: 'load max', model: 'huge', loadTimeoutMs: 15 * 60_000 }),
    );
    const running = runTest(timed, p.id);
    await waitFor(() => server.requests.some((r) => r.path === '/api/generate'), { what: 'the load to start' });
    clock.advance(15 * 60_000);
    const { result } = await running;
    expect(result?.error?.code).toBe('PROVIDER_LOAD_TIMEOUT');
    expect(result?.error?.message).toContain('15 minutes');
    expect(result?.error?.remediation).toMatch(/already at its most/);
  });

  it('"Load model" warms a model without a test, and says when it already was', async () => {
    await using server = await startFakeLlm({
      kind: 'ollama',
      models: ['big-model'],
      modelInfo: { 'big-model': { loaded: false } },
      loadDelayMs: 100,
    });
    const p = await t.core.profiles.create(
      profileForFake('ollama', server.url, { name: 'load only', model: 'big-model' }),
    );
    const first = await t.core.warmup.loadProfile({ id: p.id }, undefined);
    expect(first).toMatchObject({ model: 'big-model', supported: true, alreadyLoaded: false });
    expect(first.loadMs).toBeGreaterThanOrEqual(90);
    expect(await t.core.warmup.loadProfile({ id: p.id }, undefined)).toMatchObject({
      alreadyLoaded: true,
      loadMs: null,
    });
    expect(server.requests.some((r) => r.path === '/api/chat')).toBe(false);
  });

  it('"Load model" on a server that cannot load on request says so', async () => {
    await using server = await startFakeLlm({ kind: 'llamacpp' });
    const p = await t.core.profiles.create(profileForFake('llamacpp', server.url, { name: 'no load' }));
    expect(await t.core.warmup.loadProfile({ id: p.id }, undefined)).toMatchObject({
      supported: false,
      alreadyLoaded: true,
    });
    expect(server.requests).toHaveLength(0);
  });
});
