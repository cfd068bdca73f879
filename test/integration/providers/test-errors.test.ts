// Every way a connection test can fail, each mapped to its catalogued code with a learner-facing remedy, and
// the API key in no message, result or log line.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../../src/ports/network.port.js';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import {
  selfSignedTls,
  startFakeHttpServer,
  startFakeLlm,
  type FakeKind,
  type FakeServer,
  type Fault,
} from '../../support/fake-providers/index.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';
import { closedPorts } from '../../support/ports.js';

const KEYS: Partial<Record<FakeKind, string>> = {
  openai: 'sk-fake-openai-key-0001',
  'azure-openai': 'azure-fake-key-0001',
  anthropic: 'sk-ant-fake-key-0001',
  gemini: 'AIza-fake-gemini-key-0001',
};

let t: TestCore;
const servers: FakeServer[] = [];
beforeAll(async () => {
  t = await createTestCore();
});
afterAll(async () => t.dispose());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(kind: FakeKind, options: { fault?: Fault; apiKey?: string; models?: string[] } = {}) {
  const server = await startFakeLlm({ kind, ...(KEYS[kind] && { apiKey: KEYS[kind] }), ...options });
  servers.push(server);
  return server;
}

async function failedTest(input: ReturnType<typeof profileForFake>) {
  const profile = await t.core.profiles.create({ ...input, name: `${input.name} ${Math.random()}` });
  const { result, events } = await runTest(t, profile.id);
  expect(result?.ok).toBe(false);
  const error = result!.error!;
  expect(error.remediation.length).toBeGreaterThan(10);
  expect(`${error.message} ${error.remediation}`).not.toMatch(/[{}]/);
  return { error, result: result!, events, profile };
}

describe('connection test failures', () => {
  it('connection refused, with how to start that server', async () => {
    const [port] = await closedPorts(1);
    const ollama = await failedTest(profileForFake('ollama', `http://127.0.0.1:${port}`));
    expect(ollama.error.code).toBe('PROVIDER_CONNECTION_REFUSED');
    expect(ollama.error.remediation).toContain('ollama serve');
    const studio = await failedTest(profileForFake('lmstudio', `http://127.0.0.1:${port}`));
    expect(studio.error.remediation).toContain('LM Studio');
  });

  it.each<[FakeKind, number | null]>([
    ['openai', 401],
    ['azure-openai', 401],
    ['anthropic', 401],
    ['gemini', 400],
    ['jan', 401],
    ['vllm', 401],
    ['llamacpp', 401],
  ])('a bad key on %s (HTTP %s) is PROVIDER_AUTH_FAILED, and the key shows nowhere', async (kind) => {
    const server = await fake(kind, { apiKey: 'the-right-key-000000' });
    const wrongKey = `wrong-key-${kind}-123456789`;
    const { error, result } = await failedTest(profileForFake(kind, server.url, { apiKey: wrongKey }));
    expect(error.code).toBe('PROVIDER_AUTH_FAILED');
    expect(JSON.stringify(result)).not.toContain(wrongKey);
    expect(JSON.stringify(t.logger.records)).not.toContain(wrongKey);
    expect(JSON.stringify(result)).not.toContain(wrongKey.slice(-4) + '.'); // OpenAI echoes a fragment of the key
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1); // no retry on 4xx
  });

  it.each<FakeKind>(['ollama', 'openai', 'anthropic', 'gemini', 'vllm'])(
    'an unknown model on %s is PROVIDER_MODEL_NOT_FOUND',
    async (kind) => {
      const server = await fake(kind, { models: ['only-model'] });
      const input = profileForFake(
        kind,
        server.url,
        kind === 'azure-openai' ? { azureDeployment: 'missing-deployment' } : { model: 'missing-model' },
      );
      const { error } = await failedTest(input);
      expect(error.code).toBe('PROVIDER_MODEL_NOT_FOUND');
      if (kind === 'ollama') expect(error.remediation).toContain('ollama pull missing-model');
    },
  );

  it('endpoint not found, with a hint when /v1 was added or doubled', async () => {
    const server = await fake('lmstudio', { fault: { type: 'wrong-path' } });
    const added = await failedTest(profileForFake('lmstudio', server.url));
    expect(added.error.code).toBe('PROVIDER_ENDPOINT_NOT_FOUND');
    expect(added.error.remediation).toContain('added /v1');
    const doubled = await failedTest(profileForFake('lmstudio', `${server.url}/v1/proxy/v1`));
    expect(doubled.error.remediation).toContain('twice');
  });

  it('429 with retry-after says how long to wait', async () => {
    const server = await fake('openai', { fault: { type: 'rate-limit', retryAfterSeconds: 7 } });
    const { error } = await failedTest(profileForFake('openai', server.url));
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.remediation).toBe('Wait 7 seconds and try again.');
    expect(error.retryable).toBe(true);
  });

  it.each<FakeKind>(['anthropic', 'gemini', 'openai', 'ollama'])('overloaded on %s (503/529)', async (kind) => {
    const server = await fake(kind, { fault: { type: 'overloaded' } });
    expect((await failedTest(profileForFake(kind, server.url))).error.code).toBe('PROVIDER_OVERLOADED');
  });

  it('server error, malformed response, mid-stream error', async () => {
    const broken = await fake('llamacpp', { fault: { type: 'server-error' } });
    expect((await failedTest(profileForFake('llamacpp', broken.url))).error.code).toBe('PROVIDER_SERVER_ERROR');
    for (const kind of ['openai', 'ollama', 'anthropic', 'gemini'] as const) {
      const malformed = await fake(kind, { fault: { type: 'malformed' } });
      expect((await failedTest(profileForFake(kind, malformed.url))).error.code).toBe('PROVIDER_MALFORMED_RESPONSE');
    }
    const midOpenAi = await fake('openai', { fault: { type: 'mid-stream-error' } });
    const mid = await failedTest(profileForFake('openai', midOpenAi.url));
    expect(mid.error.code).toBe('PROVIDER_STREAM_ERROR');
    expect(mid.result.phaseReached).toBe('first-token'); // it got that far before the error
    const midAnthropic = await fake('anthropic', { fault: { type: 'mid-stream-error' } });
    expect((await failedTest(profileForFake('anthropic', midAnthropic.url))).error.code).toBe('PROVIDER_OVERLOADED');
    const midOllama = await fake('ollama', { fault: { type: 'mid-stream-error' } });
    expect((await failedTest(profileForFake('ollama', midOllama.url))).error.code).toBe('PROVIDER_STREAM_ERROR');
  });

  it('a self-signed certificate is PROVIDER_TLS_FAILED with its original code', async () => {
    const server = await startFakeLlm({ kind: 'openai', tls: selfSignedTls(), apiKey: KEYS.openai! });
    servers.push(server);
    const { error, result } = await failedTest(profileForFake('openai', server.url.replace('127.0.0.1', 'localhost')));
    expect(error.code).toBe('PROVIDER_TLS_FAILED');
    expect(error.message).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
    expect(result.phaseReached).toBe('connecting');
  });

  it('a DNS failure is PROVIDER_DNS_FAILED (simulated: tests never resolve real names)', async () => {
    const failingDns: Network = {
      ...fetchNetwork,
      fetch: async () => {
        throw Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND api.example.invalid'), {
            code: 'ENOTFOUND',
            hostname: 'api.example.invalid',
          }),
        });
      },
    };
    await using dnsCore = await createTestCore({ network: failingDns });
    const p = await dnsCore.core.profiles.create({
      name: 'Far',
      kind: 'openai',
      baseUrl: 'https://api.example.invalid/v1',
      model: 'm',
      apiKey: 'sk-dns-test-000000',
      remoteConsent: true,
    });
    const { result } = await runTest(dnsCore, p.id);
    expect(result?.error).toMatchObject({
      code: 'PROVIDER_DNS_FAILED',
      message: expect.stringContaining('api.example.invalid'),
    });
  });

  it('a remote profile without consent is refused before anything is sent', async () => {
    let calls = 0;
    const counting: Network = {
      ...fetchNetwork,
      fetch: async (...args) => ((calls += 1), fetchNetwork.fetch(...args)),
    };
    await using c = await createTestCore({ network: counting });
    const p = await c.core.profiles.create({
      name: 'Lan',
      kind: 'openai-compatible',
      preset: 'vllm',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'm',
    });
    const raw = JSON.parse(String(await c.readVaultBytes()));
    raw.profiles[0].baseUrl = 'http://192.0.2.10:8000/v1'; // remote, never consented
    await c.core.close();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(c.vaultPath, JSON.stringify(raw));
    const reopened = await c.reopen();
    await expect(runTest(reopened, p.id)).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(calls).toBe(0);
    await reopened.dispose();
  });

  it.each([301, 302, 307, 308] as const)(
    'a %i redirect to another port is blocked: no key header ever reaches it',
    async (status) => {
      const target = await startFakeHttpServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: [DONE]\n\n');
      });
      servers.push(target);
      for (const kind of ['openai', 'anthropic', 'azure-openai', 'gemini'] as const) {
        const source = await fake(kind, { fault: { type: 'redirect', status, location: `${target.url}/steal` } });
        const { error } = await failedTest(profileForFake(kind, source.url));
        expect(error.code).toBe('PROVIDER_REDIRECT_BLOCKED');
        expect(error.message).toContain(`127.0.0.1:${target.port}`);
      }
      // Nothing reached the other port at all, so no key header could have.
      expect(target.requests).toHaveLength(0);
    },
  );
});

describe("what the server's own words mean", () => {
  it('Jan\'s "no running session" is a model that is not running, not a wrong address', async () => {
    const server = await fake('jan', { apiKey: 'jan-key-0123456789', models: ['qwen3-4b'] });
    const { error } = await failedTest(profileForFake('jan', server.url, { apiKey: 'jan-key-0123456789' }));
    expect(error.code).toBe('PROVIDER_MODEL_NOT_RUNNING');
    expect(error.message).toContain('test-model');
    expect(error.remediation).toMatch(/start the model in Jan/i);
    expect(error.retryable).toBe(true);
  });

  it('Azure DeploymentNotFound names the deployment, with where to check it', async () => {
    const server = await fake('azure-openai', { models: ['gpt-4o-mini'] });
    const { error } = await failedTest(
      profileForFake('azure-openai', server.url, { azureDeployment: 'my-gpt4o-mini', model: 'gpt-4o-mini' }),
    );
    expect(error.code).toBe('PROVIDER_DEPLOYMENT_NOT_FOUND');
    expect(error.message).toContain('"my-gpt4o-mini"');
    expect(error.message).not.toContain('model');
    expect(error.remediation).toMatch(/Azure portal/);
    expect(error.remediation).not.toContain('Load models');
  });

  it('llama.cpp still loading its model (503 "Loading model") is PROVIDER_MODEL_LOADING, retryable', async () => {
    const body = JSON.stringify({ error: { code: 503, message: 'Loading model', type: 'unavailable_error' } });
    const server = await fake('llamacpp', { fault: { type: 'status', status: 503, body } });
    const { error } = await failedTest(profileForFake('llamacpp', server.url));
    expect(error.code).toBe('PROVIDER_MODEL_LOADING');
    expect(error.message).toMatch(/still loading/i);
    expect(error.retryable).toBe(true);
  });

  it.each<FakeKind>(['vllm', 'llamacpp', 'lmstudio'])(
    'a 401 from %s with no key saved says the server needs one, not that the key was refused',
    async (kind) => {
      const server = await fake(kind, { apiKey: 'server-side-key-0123456789' });
      const { error } = await failedTest(profileForFake(kind, server.url));
      expect(error.code).toBe('PROVIDER_KEY_NEEDED');
      expect(error.message).toMatch(/needs an API key/);
      expect(`${error.message} ${error.remediation}`).not.toContain('Replace key');
    },
  );

  it("Gemini's RetryInfo delay in the body is honoured when no header says how long", async () => {
    const body = JSON.stringify({
      error: {
        code: 429,
        message: 'You exceeded your current quota, please check your plan and billing details.',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '7s' }],
      },
    });
    const server = await fake('gemini', { fault: { type: 'status', status: 429, body } });
    const { error } = await failedTest(profileForFake('gemini', server.url));
    expect(error.code).toBe('PROVIDER_RATE_LIMITED');
    expect(error.remediation).toBe('Wait 7 seconds and try again.');
  });

  it("a 200 whose body is an error is read as the server's error, not as the wrong provider", async () => {
    const body = JSON.stringify({ error: 'Model unloaded unexpectedly while generating.' });
    const server = await fake('lmstudio', { fault: { type: 'status', status: 200, body } });
    const { error } = await failedTest(profileForFake('lmstudio', server.url));
    expect(error.code).toBe('PROVIDER_STREAM_ERROR');
    expect(error.message).toContain('Model unloaded unexpectedly');
  });
});

describe('stream details', () => {
  it('Gemini repeating finishReason on every chunk still gives the whole reply', async () => {
    const server = await startFakeHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const text of ['In the quaint cottage', ' lived two cats.']) {
        res.write(
          `data: ${JSON.stringify({ candidates: [{ content: { parts: [{ text }], role: 'model' }, finishReason: 'STOP', index: 0 }] })}\r\n\r\n`,
        );
      }
      res.end();
    });
    servers.push(server);
    const p = await t.core.profiles.create({
      name: `Gemini like the cookbook ${Math.random()}`,
      kind: 'gemini',
      baseUrl: server.url,
      model: 'gemini-x',
      apiKey: 'AIza-fake-gemini-key-0002',
    });
    const { result } = await runTest(t, p.id);
    expect(result).toMatchObject({ ok: true, preview: 'In the quaint cottage lived two cats.' });
  });

  it('an OpenAI-style `event: error` mid-stream is PROVIDER_STREAM_ERROR', async () => {
    const server = await startFakeHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"delta":{"content":"Hel"}}]}\n\n');
      res.end('event: error\ndata: {"error":{"message":"upstream went away","type":"server_error"}}\n\n');
    });
    servers.push(server);
    const p = await t.core.profiles.create({
      name: `event error ${Math.random()}`,
      kind: 'openai-compatible',
      preset: 'vllm',
      baseUrl: server.url,
      model: 'm',
    });
    const { result } = await runTest(t, p.id);
    expect(result?.error).toMatchObject({
      code: 'PROVIDER_STREAM_ERROR',
      message: expect.stringContaining('upstream went away'),
    });
  });

  it('a reply with no text at all is PROVIDER_EMPTY_REPLY, not a pass', async () => {
    const server = await startFakeHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"delta":{"role":"assistant","content":""}}]}\n\n');
      res.write('data: {"choices":[{"delta":{},"finish_reason":"length"}]}\n\n');
      res.end('data: [DONE]\n\n');
    });
    servers.push(server);
    const p = await t.core.profiles.create({
      name: `empty ${Math.random()}`,
      kind: 'openai-compatible',
      preset: 'vllm',
      baseUrl: server.url,
      model: 'm',
    });
    const { result } = await runTest(t, p.id);
    expect(result).toMatchObject({ ok: false, phaseReached: 'done', error: { code: 'PROVIDER_EMPTY_REPLY' } });
  });
});
