// The connection test's limits, and which one ran out: a server that never answers ("connecting"), one that
// answers but whose model never starts ("first token") and one that starts but does not finish ("the whole
// answer") each end exactly at their limit on a fake clock, with advice that never says to raise a limit already
// at its most; a learner's cancel ends the test at once and frees the connection, a 100 MB
// body or an endless stream ends at the size cap without memory growth, and every case leaves the open TCP
// handles where they were. One real-time check per bound (timeout ±10 %, cancel within 100 ms) shows the fake
// clock is not hiding a real delay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { FakeClock } from '../../support/fake-clock.js';
import { startFakeHttpServer, startFakeLlm } from '../../support/fake-providers/index.js';
import { openTcpHandles, profileForFake, runTest, settleHandles } from '../../support/provider-test-helpers.js';
import { settle, waitFor } from '../../support/wait-for.js';

let t: TestCore;
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.dispose());

describe('connection test limits', () => {
  it.each([
    ['never answers', 'never-answer', 'PROVIDER_CONNECT_TIMEOUT'],
    ['stalls after headers', 'stall-after-headers', 'PROVIDER_FIRST_TOKEN_TIMEOUT'],
  ] as const)('a server that %s times out exactly at the profile ceiling (%s)', async (_name, fault, code) => {
    const clock = new FakeClock({ frozen: true });
    await using timed = await createTestCore({ clock, timers: clock });
    await using server = await startFakeLlm({ kind: 'ollama', fault: { type: fault } });
    {
      const p = await timed.core.profiles.create(
        profileForFake('ollama', server.url, { name: `timeout ${fault}`, timeoutMs: 1500 }),
      );
      let finished = false;
      const running = runTest(timed, p.id).finally(() => (finished = true));
      await waitFor(() => server.requests.some((r) => r.path === '/api/chat'), {
        what: 'the prompt to reach the server',
      });
      clock.advance(1499);
      await settle();
      expect(finished).toBe(false);
      clock.advance(1);
      const { result } = await running;
      expect(result?.error?.code).toBe(code);
      expect(result?.error?.message).toContain('1.5 seconds');
      // 1.5 s is below the most a profile allows, so raising it is worth saying.
      expect(result?.error?.remediation).toMatch(/raise the time limit|running and not busy/i);
      expect(clock.pendingTimers).toBe(0);
    }
  });

  it('real time: a server that never answers times out within 10 percent of the ceiling', async () => {
    const baseline = openTcpHandles();
    {
      await using server = await startFakeLlm({ kind: 'ollama', fault: { type: 'never-answer' } });
      const p = await t.core.profiles.create(
        profileForFake('ollama', server.url, { name: 'real timeout', timeoutMs: 1500 }),
      );
      const started = performance.now();
      const { result } = await runTest(t, p.id);
      const elapsed = performance.now() - started;
      expect(result?.error?.code).toBe('PROVIDER_CONNECT_TIMEOUT');
      expect(elapsed).toBeGreaterThanOrEqual(1500 * 0.9);
      expect(elapsed).toBeLessThanOrEqual(1500 * 1.1);
    }
    expect(await settleHandles(baseline)).toBe(baseline);
  });

  it('cancel ends a running test at once, with no result, and closes the connection', async () => {
    const baseline = openTcpHandles();
    {
      await using server = await startFakeLlm({
        kind: 'openai',
        apiKey: 'sk-fake-openai-key-0001',
        fault: { type: 'stall-after-headers' },
      });
      const p = await t.core.profiles.create(profileForFake('openai', server.url, { name: 'cancel me' }));
      const controller = new AbortController();
      let stoppedAt = 0;
      const phases: string[] = [];
      const run = runTest(t, p.id, controller.signal, undefined, (e) => {
        if (e.type === 'phase') phases.push(e.phase);
      }).then((r) => ((stoppedAt = performance.now()), r));
      await waitFor(() => phases.includes('authenticated'), { what: 'the server to send its headers' });
      const cancelledAt = performance.now();
      controller.abort();
      const { events, result } = await run;
      // The one real-time check of the cancel bound.
      expect(stoppedAt - cancelledAt).toBeLessThan(100);
      expect(result).toBeNull();
      expect(events.map((e) => (e.type === 'phase' ? e.phase : 'result'))).toEqual(['connecting', 'authenticated']);
      expect(t.logger.find('profile.test_cancelled')).toHaveLength(1);
    }
    expect(await settleHandles(baseline)).toBe(baseline);
  });

  it('a 100 MB body ends at the cap with PROVIDER_RESPONSE_TOO_LARGE, memory growth under 50 MB', async () => {
    const baseline = openTcpHandles();
    {
      await using server = await startFakeLlm({
        kind: 'openai',
        apiKey: 'sk-fake-openai-key-0001',
        fault: { type: 'huge-body', bytes: 100 * 1024 * 1024 },
      });
      const p = await t.core.profiles.create(profileForFake('openai', server.url, { name: 'huge' }));
      const before = process.memoryUsage();
      let peak = before.heapUsed + before.arrayBuffers;
      const sampler = setInterval(() => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers);
      }, 5);
      const { result } = await runTest(t, p.id);
      clearInterval(sampler);
      expect(result?.error?.code).toBe('PROVIDER_RESPONSE_TOO_LARGE');
      expect(result?.error?.message).toContain('1 MB');
      expect((peak - (before.heapUsed + before.arrayBuffers)) / (1024 * 1024)).toBeLessThan(50);
    }
    expect(await settleHandles(baseline)).toBe(baseline);
  });

  it('an endless stream that never produces a token ends at the size cap', async () => {
    const baseline = openTcpHandles();
    {
      // Streams empty deltas as fast as the socket takes them, forever.
      await using server = await startFakeHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        const chunk = 'data: {"choices":[{"delta":{}}]}\n\n'.repeat(200);
        let open = true;
        res.on('close', () => (open = false));
        const pump = () => {
          while (open && res.write(chunk));
          if (open) res.once('drain', pump);
        };
        pump();
      });
      const p = await t.core.profiles.create({
        name: 'endless',
        kind: 'openai-compatible',
        preset: 'vllm',
        baseUrl: server.url,
        model: 'm',
      });
      const { result } = await runTest(t, p.id);
      expect(result?.error?.code).toBe('PROVIDER_RESPONSE_TOO_LARGE');
      expect(result?.phaseReached).toBe('model-found');
    }
    expect(await settleHandles(baseline)).toBe(baseline);
  });

  it("the fakes' slow endless keep-alive stream is bounded by the time limit instead", async () => {
    await using server = await startFakeLlm({
      kind: 'anthropic',
      apiKey: 'sk-ant-fake-key-0001',
      fault: { type: 'endless-stream' },
    });
    const p = await t.core.profiles.create(
      profileForFake('anthropic', server.url, { name: 'pings forever', timeoutMs: 1000 }),
    );
    const { result } = await runTest(t, p.id);
    expect(result?.error?.code).toBe('PROVIDER_FIRST_TOKEN_TIMEOUT');
  });

  it('a ready server that does not answer within 5 s: the connect limit, long before the 30 s ceiling', async () => {
    const clock = new FakeClock({ frozen: true });
    await using timed = await createTestCore({ clock, timers: clock });
    await using server = await startFakeLlm({ kind: 'ollama', fault: { type: 'never-answer' } });
    const p = await timed.core.profiles.create(profileForFake('ollama', server.url, { name: 'connect limit' }));
    let finished = false;
    const running = runTest(timed, p.id).finally(() => (finished = true));
    await waitFor(() => server.requests.some((r) => r.path === '/api/chat'), {
      what: 'the prompt to reach the server',
    });
    clock.advance(4999);
    await settle();
    expect(finished).toBe(false);
    clock.advance(1);
    const { result } = await running;
    expect(result?.error?.code).toBe('PROVIDER_CONNECT_TIMEOUT');
    expect(result?.error?.message).toContain('5 seconds');
    expect(result?.phaseReached).toBe('connecting');
    expect(clock.pendingTimers).toBe(0);
  });

  it('a model that starts but does not finish in time: the whole-answer limit, and at 30 s no advice to raise it', async () => {
    const clock = new FakeClock({ frozen: true });
    await using timed = await createTestCore({ clock, timers: clock });
    // The first words at once, then the next only after a (real) minute: the fake clock runs out first.
    await using server = await startFakeLlm({ kind: 'ollama', tokenDelayMs: 60_000 });
    const p = await timed.core.profiles.create(profileForFake('ollama', server.url, { name: 'whole answer' }));
    const phases: string[] = [];
    const running = runTest(timed, p.id, undefined, undefined, (e) => {
      if (e.type === 'phase') phases.push(e.phase);
    });
    await waitFor(() => phases.includes('first-token'), { what: 'the first words' });
    clock.advance(30_000);
    const { result } = await running;
    expect(result?.error?.code).toBe('PROVIDER_TIMEOUT');
    expect(result?.error?.message).toContain('30 seconds');
    expect(result?.error?.remediation).toMatch(/already at its most/);
    expect(result?.error?.remediation).not.toMatch(/raise/i);
  });

  it('a profile deleted while its test runs: the result still arrives and says why it was not saved', async () => {
    await using server = await startFakeLlm({ kind: 'ollama', firstTokenDelayMs: 150 });
    const p = await t.core.profiles.create(profileForFake('ollama', server.url, { name: 'deleted mid-test' }));
    const running = runTest(t, p.id);
    await waitFor(() => server.requests.length === 1, { what: 'the test to be under way' });
    await t.core.profiles.delete({ id: p.id });
    const { result } = await running;
    expect(result).toMatchObject({
      ok: true,
      saved: false,
      notSaved: { code: 'PROFILE_NOT_FOUND', correlationId: 'test-run-0001' },
    });
  });

  it('a result that cannot be saved is still returned, and says so', async () => {
    await using server = await startFakeLlm({ kind: 'ollama' });
    const p = await t.core.profiles.create(profileForFake('ollama', server.url, { name: 'unsaved result' }));
    t.cipher.setAvailability('unavailable');
    try {
      const { result } = await runTest(t, p.id);
      expect(result).toMatchObject({ ok: true, saved: false, notSaved: { code: 'VAULT_ENCRYPTION_UNAVAILABLE' } });
      expect(result?.notSaved?.remediation).toBeTruthy();
      expect(t.core.profiles.get({ id: p.id }).lastTest).toBeNull();
    } finally {
      t.cipher.setAvailability('available');
    }
  });
});

describe('figures a server reports', () => {
  it('nonsense usage numbers are cleaned, saved, and the vault stays loadable', async () => {
    await using server = await startFakeHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n');
      res.write(
        'data: {"choices":[],"usage":{"completion_tokens":2.5,"prompt_tokens":-1},"timings":{"predicted_per_second":-3}}\n\n',
      );
      res.end('data: [DONE]\n\n');
    });
    const p = await t.core.profiles.create({
      name: 'odd figures',
      kind: 'openai-compatible',
      preset: 'llamacpp',
      baseUrl: server.url,
      model: 'm',
    });
    const { result } = await runTest(t, p.id);
    expect(result).toMatchObject({
      ok: true,
      saved: true,
      metrics: { outputTokens: 3, tokensPerSecondSource: 'measured' },
    }); // the server's negative rate is dropped
    const reopened = await t.reopen();
    expect((await reopened.core.storage.status()).recovery).toBeNull();
    expect(reopened.core.profiles.get({ id: p.id }).lastTest?.outputTokens).toBe(3);
    t = reopened;
  });
});
