// A profile's extra headers reach its own server on the connection test, the model listing and the chat stream,
// beside (never instead of) the app's own headers; they never reach another origin: not a server a redirect
// points at, not a draft aimed elsewhere, not a discovery probe. All servers are loopback fakes.
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestHeader } from '../../../shared/request-headers.contract.js';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { SecretRegistry } from '../../../src/diagnostics/secret-registry.js';
import { streamChat } from '../../../src/providers/chat-stream.js';
import { targetForProfile } from '../../../src/providers/provider-access.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm, type FakeKind, type FakeServer } from '../../support/fake-providers/index.js';
import type { RecordedRequest } from '../../support/fake-providers/fake-http-server.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';

const HEADERS: RequestHeader[] = [
  { name: 'CF-Access-Client-Id', value: 'cf-client-id-0123456789.access' },
  { name: 'CF-Access-Client-Secret', value: 'cf-secret/With+Odd=Chars~0123456789abcdef' },
  { name: 'X-Title', value: 'Learning App Extra Header Test' },
];
for (const h of HEADERS) recordTestSecret(h.value);

/** Whether a request carried every extra header with its exact value. */
function carriesAll(request: RecordedRequest, headers = HEADERS): boolean {
  return headers.every((h) => request.headers[h.name.toLowerCase()] === h.value);
}

/** Whether a request carried any extra header name or any value anywhere in its head or body. */
function carriesAny(request: RecordedRequest): boolean {
  const text = JSON.stringify(request).toLowerCase();
  return HEADERS.some((h) => text.includes(h.name.toLowerCase()) || text.includes(h.value.toLowerCase()));
}

const servers: FakeServer[] = [];
let t: TestCore | undefined;
afterEach(async () => {
  await t?.dispose();
  t = undefined;
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function fake(kind: FakeKind, extra: Parameters<typeof startFakeLlm>[0] = { kind }): Promise<FakeServer> {
  const input = profileForFake(kind, 'http://unused');
  const server = await startFakeLlm({ ...extra, kind, ...(input.apiKey && { apiKey: input.apiKey }) });
  servers.push(server);
  return server;
}

const AUTH_HEADER: Partial<Record<FakeKind, string>> = {
  openai: 'authorization',
  'azure-openai': 'api-key',
  anthropic: 'x-api-key',
  gemini: 'x-goog-api-key',
};

describe.each(['openai', 'azure-openai', 'anthropic', 'gemini', 'ollama', 'lmstudio'] as const)(
  'a %s profile with extra headers',
  (kind) => {
    it('sends them on the connection test, the model listing and the chat stream, beside the app’s headers', async () => {
      const server = await fake(kind);
      t = await createTestCore();
      const profile = await t.core.profiles.create(profileForFake(kind, server.url, { headers: HEADERS }));
      expect(profile.headerNames).toEqual(HEADERS.map((h) => h.name));

      const { result } = await runTest(t, profile.id);
      expect(result?.ok, JSON.stringify(result?.error)).toBe(true);
      await t.core.models.list({ id: profile.id });
      const { target } = targetForProfile(t.core.profiles, profile.id);
      const chat = streamChat(
        target,
        { messages: [{ role: 'user', content: 'Hello' }], maxTokens: 16, temperature: 0 },
        { network: fetchNetwork, clock: t.clock, secrets: new SecretRegistry() },
        { signal: new AbortController().signal, maxResponseBytes: 1024 * 1024 },
      );
      const deltas: string[] = [];
      for await (const event of chat) if (event.type === 'delta') deltas.push(event.text);
      expect(deltas.join('')).not.toBe('');

      expect(server.requests.length).toBeGreaterThanOrEqual(3);
      for (const request of server.requests) {
        expect(carriesAll(request), `${request.method} ${request.path}`).toBe(true);
        const auth = AUTH_HEADER[kind];
        if (auth) expect(request.headers[auth]).toBeTruthy(); // the app's own auth is still there
      }
    });
  },
);

describe('extra headers stay with their origin', () => {
  it('a redirect to a second server is refused, and the second server never sees a request', async () => {
    const second = await fake('ollama');
    const first = await fake('ollama', {
      kind: 'ollama',
      fault: { type: 'redirect', status: 307, location: `${second.url}/api/chat` },
    });
    t = await createTestCore();
    const profile = await t.core.profiles.create(profileForFake('ollama', first.url, { headers: HEADERS }));
    const { result } = await runTest(t, profile.id);
    expect(result?.error?.code).toBe('PROVIDER_REDIRECT_BLOCKED');
    await expect(t.core.models.list({ id: profile.id })).rejects.toMatchObject({ code: 'PROVIDER_REDIRECT_BLOCKED' });
    expect(first.requests.every((r) => carriesAll(r))).toBe(true);
    expect(second.requests).toEqual([]);
  });

  it('a draft borrows the saved headers only while it points at the same server', async () => {
    const own = await fake('ollama');
    const other = await fake('ollama');
    t = await createTestCore();
    const profile = await t.core.profiles.create(profileForFake('ollama', own.url, { headers: HEADERS }));

    // Same server: every saved header is borrowed, or the ones the draft keeps by name (in any letter case).
    await t.core.models.list({ id: profile.id, draft: { kind: 'ollama', baseUrl: own.url } });
    expect(carriesAll(own.requests.at(-1)!)).toBe(true);
    await t.core.models.list({
      id: profile.id,
      draft: { kind: 'ollama', baseUrl: own.url, headers: [{ name: 'x-title', keep: true }] },
    });
    expect(own.requests.at(-1)!.headers['x-title']).toBe(HEADERS[2]!.value);
    expect(carriesAll(own.requests.at(-1)!, HEADERS.slice(0, 2))).toBe(false);

    // Another server (another port): nothing saved is borrowed, kept by name or not; typed-in values do go.
    await t.core.models.list({ id: profile.id, draft: { kind: 'ollama', baseUrl: other.url } });
    await t.core.models.list({
      id: profile.id,
      draft: {
        kind: 'ollama',
        baseUrl: other.url,
        headers: HEADERS.map((h) => ({ name: h.name, keep: true as const })),
      },
    });
    // Two listings (each with its detail requests, /api/ps and /api/show, to the same server).
    expect(other.requests.filter((r) => r.path === '/api/tags')).toHaveLength(2);
    expect(other.requests.some(carriesAny)).toBe(false);
    await t.core.models.list({
      draft: {
        kind: 'ollama',
        baseUrl: other.url,
        headers: [{ name: 'X-Draft-Only', value: 'draft-typed-value-123' }],
      },
    });
    expect(other.requests.at(-1)!.headers['x-draft-only']).toBe('draft-typed-value-123');
  });

  it('discovery probes carry none, even to the port of a profile that has them', async () => {
    const server = await fake('ollama');
    t = await createTestCore({ discovery: { ports: [server.port], hosts: ['127.0.0.1'] } });
    await t.core.profiles.create(profileForFake('ollama', server.url, { headers: HEADERS }));
    const events = [];
    for await (const event of t.core.discovery.scan(undefined)) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(server.requests.length).toBeGreaterThan(0);
    expect(server.requests.some(carriesAny)).toBe(false);
  });

  it('an address moved to another origin drops them: the new server never sees them', async () => {
    const before = await fake('ollama');
    const after = await fake('ollama');
    t = await createTestCore();
    const profile = await t.core.profiles.create(profileForFake('ollama', before.url, { headers: HEADERS }));
    const moved = await t.core.profiles.update({ id: profile.id, expectedRevision: 1, patch: { baseUrl: after.url } });
    expect(moved.headerNames).toEqual([]);
    expect(moved.headersStatus).toBe('none');
    const { result } = await runTest(t, profile.id);
    expect(result?.ok).toBe(true);
    expect(after.requests.some(carriesAny)).toBe(false);
    expect(before.requests).toEqual([]);
  });
});
