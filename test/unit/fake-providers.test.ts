// The fakes are only worth something if they speak the documented wire formats: these checks read them with plain
// fetch (no provider client involved) and pin the shapes the client tests rely on, plus clean shutdown.
import https from 'node:https';
import { describe, expect, it } from 'vitest';
import {
  selfSignedTls,
  startFakeHttpServer,
  startFakeLlm,
  startSilentServer,
} from '../support/fake-providers/index.js';
import type { FakeKind, FakeServer } from '../support/fake-providers/index.js';

interface SseEvent {
  event: string | undefined;
  data: string;
}

function sseEvents(body: string): SseEvent[] {
  return body
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split(/\r?\n/).filter((l) => !l.startsWith(':'));
      return {
        event: lines.find((l) => l.startsWith('event: '))?.slice(7),
        data: lines
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n'),
      };
    });
}

async function withServer<T>(server: FakeServer, use: (s: FakeServer) => Promise<T>): Promise<T> {
  try {
    return await use(server);
  } finally {
    await server.close();
  }
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const chatBody = { model: 'test-model', stream: true, messages: [{ role: 'user', content: 'say hello please' }] };

describe('fake OpenAI wire', () => {
  it('streams a role-only chunk, one chunk per piece, a finish chunk, the usage chunk and [DONE]', async () => {
    await withServer(await startFakeLlm({ kind: 'openai', reply: ['Hel', 'lo'] }), async (s) => {
      const res = await postJson(`${s.url}/v1/chat/completions`, {
        ...chatBody,
        stream_options: { include_usage: true },
      });
      expect(res.headers.get('content-type')).toBe('text/event-stream');
      const events = sseEvents(await res.text());
      expect(events.at(-1)?.data).toBe('[DONE]');
      const chunks = events
        .slice(0, -1)
        .map(
          (e) =>
            JSON.parse(e.data) as { choices: Array<{ delta: unknown; finish_reason: string | null }>; usage: unknown },
        );
      expect(chunks.map((c) => c.choices[0]?.delta)).toEqual([
        { role: 'assistant', content: '' },
        { content: 'Hel' },
        { content: 'lo' },
        {},
        undefined,
      ]);
      expect(chunks[3]?.choices[0]?.finish_reason).toBe('stop');
      expect(chunks[4]).toMatchObject({
        choices: [],
        usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
      });
      expect(s.requests[0]).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    });
  });

  it('sends no usage chunk unless include_usage was asked for', async () => {
    await withServer(await startFakeLlm({ kind: 'vllm' }), async (s) => {
      const events = sseEvents(await (await postJson(`${s.url}/v1/chat/completions`, chatBody)).text());
      expect(events.some((e) => e.data.includes('"usage"'))).toBe(false);
    });
  });

  it('answers a bad key with 401 invalid_api_key that echoes part of the key', async () => {
    await withServer(await startFakeLlm({ kind: 'openai', apiKey: 'sk-right-0000' }), async (s) => {
      const res = await postJson(`${s.url}/v1/chat/completions`, chatBody, { authorization: 'Bearer sk-wrong-1234' });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid_api_key');
      expect(body.error.message).toContain('sk-***1234');
      const ok = await fetch(`${s.url}/v1/models`, { headers: { authorization: 'Bearer sk-right-0000' } });
      expect(await ok.json()).toMatchObject({
        object: 'list',
        data: [{ id: 'test-model', object: 'model', owned_by: 'openai' }],
      });
    });
  });

  it('answers an unknown model with model_not_found', async () => {
    await withServer(await startFakeLlm({ kind: 'openai' }), async (s) => {
      const res = await postJson(`${s.url}/v1/chat/completions`, { ...chatBody, model: 'nope' });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({
        error: { code: 'model_not_found', type: 'invalid_request_error', param: 'model' },
      });
    });
  });
});

describe('fake Anthropic wire', () => {
  const headers = { 'anthropic-version': '2023-06-01', 'x-api-key': 'ant-key' };

  it('pings before the first delta and between deltas, and reports cumulative output tokens', async () => {
    await withServer(await startFakeLlm({ kind: 'anthropic', apiKey: 'ant-key', reply: ['a', 'b'] }), async (s) => {
      const res = await postJson(`${s.url}/v1/messages`, { ...chatBody, max_tokens: 64 }, headers);
      const names = sseEvents(await res.text()).map((e) => e.event);
      expect(names).toEqual([
        'message_start',
        'content_block_start',
        'ping',
        'content_block_delta',
        'ping',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]);
    });
  });

  it('requires max_tokens and the anthropic-version header, and sends mid-stream errors as event: error', async () => {
    await withServer(await startFakeLlm({ kind: 'anthropic' }), async (s) => {
      const noMax = await postJson(`${s.url}/v1/messages`, chatBody, headers);
      expect(noMax.status).toBe(400);
    });
    await withServer(await startFakeLlm({ kind: 'anthropic', fault: { type: 'mid-stream-error' } }), async (s) => {
      const noVersion = await fetch(`${s.url}/v1/models`);
      expect(noVersion.status).toBe(400);
      expect(await noVersion.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
      const events = sseEvents(
        await (await postJson(`${s.url}/v1/messages`, { ...chatBody, max_tokens: 8 }, headers)).text(),
      );
      expect(events.at(-1)).toEqual({
        event: 'error',
        data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
      });
    });
  });
});

describe('fake Gemini wire', () => {
  it('streams GenerateContentResponse events only with alt=sse, ending with STOP and usage', async () => {
    await withServer(await startFakeLlm({ kind: 'gemini', apiKey: 'g-key' }), async (s) => {
      const body = { contents: [{ parts: [{ text: 'hi' }] }] };
      const path = `${s.url}/v1beta/models/test-model:streamGenerateContent`;
      expect((await postJson(path, body, { 'x-goog-api-key': 'g-key' })).status).toBe(400);
      const res = await postJson(`${path}?alt=sse&key=g-key`, body);
      const events = sseEvents(await res.text()).map(
        (e) =>
          JSON.parse(e.data) as {
            candidates: Array<{ content: { parts: Array<{ text: string }> }; finishReason?: string }>;
            usageMetadata: unknown;
          },
      );
      expect(events.map((e) => e.candidates[0]?.content.parts[0]?.text).join('')).toBe('Hello from the fake.');
      expect(events.at(-1)).toMatchObject({
        candidates: [{ finishReason: 'STOP' }],
        usageMetadata: { candidatesTokenCount: 5 },
      });
      const badKey = await postJson(`${path}?alt=sse`, body, { 'x-goog-api-key': 'wrong' });
      expect(badKey.status).toBe(400);
      expect(await badKey.json()).toMatchObject({
        error: { status: 'INVALID_ARGUMENT', details: [{ reason: 'API_KEY_INVALID' }] },
      });
    });
  });
});

describe('fake Ollama wire', () => {
  it('streams NDJSON and ends with a done line whose durations are nanoseconds', async () => {
    await withServer(await startFakeLlm({ kind: 'ollama', tokenDelayMs: 2 }), async (s) => {
      expect(await (await fetch(`${s.url}/`)).text()).toBe('Ollama is running');
      const res = await postJson(`${s.url}/api/chat`, {
        model: 'test-model',
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(res.headers.get('content-type')).toBe('application/x-ndjson');
      const lines = (await res.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const last = lines.at(-1)!;
      expect(last).toMatchObject({ done: true, done_reason: 'stop', eval_count: 5 });
      expect(last.eval_duration).toBeGreaterThanOrEqual(5 * 1_000_000); // at least 1 ms per piece, in ns
      expect(Number(last.total_duration)).toBeGreaterThanOrEqual(Number(last.eval_duration));
      const missing = await postJson(`${s.url}/api/chat`, { model: 'llama9', messages: [] });
      expect(await missing.json()).toEqual({ error: "model 'llama9' not found" });
    });
  });
});

describe('identity endpoints of OpenAI-compatible servers', () => {
  const cases: Array<[FakeKind, string, (body: string, status: number) => void]> = [
    [
      'lmstudio',
      '/api/v0/models',
      (b) => expect(JSON.parse(b)).toMatchObject({ data: [{ id: 'test-model', state: 'loaded' }] }),
    ],
    ['llamacpp', '/props', (b) => expect(JSON.parse(b)).toMatchObject({ build_info: 'b6000-abcdef0', total_slots: 1 })],
    ['vllm', '/version', (b) => expect(JSON.parse(b)).toEqual({ version: '0.11.0' })],
    [
      'localai',
      '/.well-known/localai.json',
      (b) => expect(JSON.parse(b)).toMatchObject({ version: 'v3.5.0', endpoints: { models: '/v1/models' } }),
    ],
    [
      'jan',
      '/openapi.json',
      (b) => expect(JSON.parse(b)).toMatchObject({ info: { title: 'Jan API Server Endpoints' } }),
    ],
    [
      'koboldcpp',
      '/api/extra/version',
      (b) => expect(JSON.parse(b)).toMatchObject({ result: 'KoboldCpp', version: '1.98' }),
    ],
    [
      'textgen-webui',
      '/v1/internal/model/info',
      (b) => expect(JSON.parse(b)).toEqual({ model_name: 'test-model', lora_names: [], loader: 'llama.cpp' }),
    ],
    ['docker-model-runner', '/', (b) => expect(b).toBe('Docker Model Runner is running')],
    ['mlx', '/props', (b, status) => expect([status, b]).toEqual([404, 'Not Found'])],
    [
      'lemonade',
      '/api/v1/health',
      (b) => expect(JSON.parse(b)).toMatchObject({ status: 'ok', version: '10.0.0', model_loaded: 'test-model' }),
    ],
    ['sglang', '/health', (b, status) => expect([status, b]).toEqual([200, ''])],
    ['gpustack', '/version', (b) => expect(JSON.parse(b)).toEqual({ version: 'v2.0.1', git_commit: '47277d79' })],
  ];
  const ownedBy: Record<string, string | undefined> = {
    lmstudio: 'organization_owner',
    llamacpp: 'llamacpp',
    vllm: 'vllm',
    localai: undefined,
    jan: 'user',
    koboldcpp: 'koboldcpp',
    'textgen-webui': 'user',
    'docker-model-runner': 'docker',
    mlx: undefined,
    lemonade: 'lemonade',
    sglang: 'sglang',
    gpustack: 'gpustack',
  };

  it.each(cases)('%s answers %s and fingerprints its /v1/models', async (kind, path, check) => {
    await withServer(await startFakeLlm({ kind }), async (s) => {
      const res = await fetch(`${s.url}${path}`);
      check(await res.text(), res.status);
      const auth = kind === 'jan' ? { authorization: 'Bearer jan-key' } : undefined;
      const models = (await (await fetch(`${s.url}/v1/models`, { headers: auth })).json()) as {
        data: Array<Record<string, unknown>>;
      };
      expect(models.data[0]?.owned_by).toBe(ownedBy[kind]);
      expect('owned_by' in models.data[0]!).toBe(ownedBy[kind] !== undefined);
    });
  });

  it('koboldcpp looks like Ollama on /api/tags but not on / or /api/version; Jan needs a key everywhere else', async () => {
    await withServer(await startFakeLlm({ kind: 'koboldcpp' }), async (s) => {
      expect(await (await fetch(`${s.url}/api/tags`)).json()).toMatchObject({
        models: [{ details: { family: 'koboldcpp' } }],
      });
      expect(await (await fetch(`${s.url}/`)).text()).not.toContain('Ollama is running');
      expect((await fetch(`${s.url}/api/version`)).status).toBe(404);
    });
    await withServer(await startFakeLlm({ kind: 'jan' }), async (s) => {
      const res = await fetch(`${s.url}/v1/models`);
      expect([res.status, await res.text()]).toEqual([401, 'Missing authorization header']);
    });
  });
});

describe('faults and transport', () => {
  it('redirects every request when asked to', async () => {
    await withServer(
      await startFakeLlm({
        kind: 'ollama',
        fault: { type: 'redirect', status: 307, location: 'http://127.0.0.1:9/elsewhere' },
      }),
      async (s) => {
        const res = await fetch(`${s.url}/api/tags`, { redirect: 'manual' });
        expect([res.status, res.headers.get('location')]).toEqual([307, 'http://127.0.0.1:9/elsewhere']);
      },
    );
  });

  it('sends a family-shaped 429 with retry-after, and exactly `bytes` bytes for huge-body', async () => {
    await withServer(
      await startFakeLlm({ kind: 'gemini', fault: { type: 'rate-limit', retryAfterSeconds: 7 } }),
      async (s) => {
        const res = await postJson(`${s.url}/v1beta/models/test-model:streamGenerateContent?alt=sse`, {});
        expect([res.status, res.headers.get('retry-after')]).toEqual([429, '7']);
        expect(await res.json()).toMatchObject({ error: { code: 429, status: 'RESOURCE_EXHAUSTED' } });
      },
    );
    await withServer(
      await startFakeLlm({ kind: 'ollama', fault: { type: 'huge-body', bytes: 200_000 } }),
      async (s) => {
        const body = await (await postJson(`${s.url}/api/chat`, { model: 'test-model', messages: [] })).text();
        expect(body.length).toBe(200_000);
        expect(body.startsWith('{"model":"test-model"')).toBe(true);
        expect(body.includes('\n')).toBe(false);
      },
    );
  });

  it('stops an endless stream when the client aborts, and close() ends never-answering requests', async () => {
    await withServer(await startFakeLlm({ kind: 'openai', fault: { type: 'endless-stream' } }), async (s) => {
      const controller = new AbortController();
      const res = await fetch(`${s.url}/v1/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(chatBody),
        signal: controller.signal,
      });
      const first = await res.body!.getReader().read();
      expect(new TextDecoder().decode(first.value)).toContain(': keep-alive');
      controller.abort();
    });
    const silent = await startFakeLlm({ kind: 'lmstudio', fault: { type: 'never-answer' } });
    const pending = postJson(`${silent.url}/v1/chat/completions`, chatBody).then(
      () => 'answered',
      () => 'failed',
    );
    await new Promise((r) => setTimeout(r, 20));
    await silent.close();
    expect(await pending).toBe('failed');
    expect(silent.requests).toHaveLength(1);
  });

  it('serves https with the self-signed fixture and speaks ::1', async () => {
    const tls = selfSignedTls();
    await withServer(await startFakeLlm({ kind: 'llamacpp', tls }), async (s) => {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) => {
        https
          .get(`${s.url}/health`, { ca: tls.cert }, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (text += c));
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      });
      expect(JSON.parse(body)).toEqual({ status: 'ok' });
    });
    await withServer(await startFakeHttpServer((_req, res) => void res.end('v6'), { host: '::1' }), async (s) => {
      expect(s.url).toMatch(/^http:\/\/\[::1\]:\d+$/);
      expect(await (await fetch(s.url)).text()).toBe('v6');
    });
  });

  it('a silent server records the request and never answers', async () => {
    await withServer(await startSilentServer(), async (s) => {
      const outcome = await fetch(`${s.url}/v1/models`, {
        headers: { 'x-probe': '1' },
        signal: AbortSignal.timeout(100),
      }).then(
        () => 'answered',
        (e: unknown) => (e instanceof Error ? e.name : 'error'),
      );
      expect(outcome).toBe('TimeoutError');
      expect(s.requests[0]).toMatchObject({ method: 'GET', path: '/v1/models', headers: { 'x-probe': '1' } });
    });
  });

  it('close() leaves no TCP handle behind, even mid-stream', async () => {
    const tcp = (): number => process.getActiveResourcesInfo().filter((r) => r.startsWith('TCP')).length;
    const settled = async (): Promise<number> => {
      // Sockets of servers closed by earlier tests may still be winding down: wait until the count holds still.
      for (let last = -1, now = tcp(), i = 0; i < 50; last = now, now = tcp(), i += 1) {
        if (now === last) return now;
        await new Promise((r) => setTimeout(r, 20));
      }
      return tcp();
    };
    const before = await settled();
    const s = await startFakeLlm({ kind: 'anthropic', fault: { type: 'stall-after-headers' } });
    await fetch(`${s.url}/v1/models`, { headers: { 'anthropic-version': '2023-06-01' } }).then((r) => r.text());
    const stalled = await postJson(
      `${s.url}/v1/messages`,
      { ...chatBody, max_tokens: 1 },
      { 'anthropic-version': '2023-06-01' },
    );
    expect(stalled.status).toBe(200);
    const drained = stalled.text().catch(() => 'aborted');
    expect(tcp()).toBeGreaterThan(before);
    const closeTimedOut = new Promise<'timed out'>((r) => setTimeout(() => r('timed out'), 1000).unref());
    expect(await Promise.race([s.close().then(() => 'closed'), closeTimedOut])).toBe('closed');
    expect(await drained).toBe('aborted');
    const deadline = Date.now() + 1000;
    while (tcp() > before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(tcp()).toBe(before);
  });
});
