// A server that echoes the extra header values it was sent back in every form a secret can take — in model ids,
// the reply text, error bodies and a redirect's Location — the way echoed-keys does for keys. Nothing the window
// receives (views, results, errors) and no diagnostics line holds a header value in any form; the scan is
// independent of the scrub (key-forms).
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault, FakeLlmOptions } from '../../support/fake-providers/index.js';
import { startRequestShapedLlm, type FakeServer } from '../../support/fake-providers/index.js';
import { createIpcHarness, type IpcHarness, windowText } from '../../support/ipc-harness.js';
import { echoedForms, findKeyForms } from '../../support/key-forms.js';
import { recordTestSecret } from '../../support/suite-diagnostics.js';
import { expectAppError } from '../../support/app-error-assertions.js';

const SECRET = 'cf-secret/Echo+Header=Value~0123456789abcdef';
const CLIENT_ID = 'cf-client-id.echo-0123456789';
const VALUES = [SECRET, CLIENT_ID];
for (const value of VALUES) recordTestSecret(value);

type Mode = 'ok' | 'error' | 'redirect-host' | 'redirect-query';

function faultFor(mode: Mode, value: string): Fault | undefined {
  const echoes = Object.values(echoedForms(value));
  switch (mode) {
    case 'ok':
      return undefined;
    case 'error':
      return {
        type: 'status',
        status: 400,
        body: JSON.stringify({ error: { message: `Bad gateway token ${echoes.join(' / ')}`, type: 'bad' } }),
        headers: { 'content-type': 'application/json' },
      };
    case 'redirect-host':
      return {
        type: 'redirect',
        status: 302,
        location: `https://${encodeURIComponent(value).toLowerCase()}.evil.example/`,
      };
    case 'redirect-query':
      return { type: 'redirect', status: 307, location: `https://evil.example/collect?k=${encodeURIComponent(value)}` };
  }
}

let h: IpcHarness;
let server: FakeServer | undefined;
afterEach(async () => {
  await h?.dispose();
  await server?.close();
});

describe('a server that echoes the extra header values', () => {
  it('reaches the window, the errors and the logs with no header value in any form', async () => {
    let mode: Mode = 'ok';
    server = await startRequestShapedLlm((req) => {
      const sent = req.headers['cf-access-client-secret'] ?? '';
      const echoes = [
        ...Object.values(echoedForms(sent)),
        ...Object.values(echoedForms(req.headers['cf-access-client-id'] ?? '')),
      ];
      const options: FakeLlmOptions = {
        kind: 'ollama',
        models: ['test-model', ...echoes.map((form) => `model-${form}`)],
        reply: echoes.map((form, i) => `${i === 0 ? '' : ' | '}${form}`),
      };
      const fault = sent === '' ? undefined : faultFor(mode, sent);
      return fault ? { ...options, fault } : options;
    });
    h = await createIpcHarness();
    const w = h.connect();
    const profile = await w.client.profiles.create.mutate({
      name: 'Echo gateway',
      kind: 'ollama',
      baseUrl: server.url,
      model: 'test-model',
      headers: [
        { name: 'CF-Access-Client-Id', value: CLIENT_ID },
        { name: 'CF-Access-Client-Secret', value: SECRET },
      ],
    });
    expect(profile.headerNames).toEqual(['CF-Access-Client-Id', 'CF-Access-Client-Secret']);

    const { models } = await w.client.profiles.models.mutate({ id: profile.id });
    expect(models.map((m) => m.id)).toEqual(['test-model']);

    const results: Array<{ ok: boolean } | undefined> = [];
    const runTest = () =>
      new Promise<void>((resolve, reject) => {
        w.client.profiles.test.subscribe(
          { id: profile.id },
          {
            onData: (e) => e.type === 'result' && results.push(e.result),
            onError: reject,
            onComplete: resolve,
          },
        );
      });
    await runTest();
    expect(results.at(-1)?.ok).toBe(true);

    const errors: string[] = [];
    for (const next of ['error', 'redirect-host', 'redirect-query'] as const) {
      mode = next;
      await runTest();
      expect(results.at(-1)?.ok).toBe(false);
      // Model lists answer the error fault as a list (it only faults chats); redirects fail either way.
      if (next === 'error') errors.push(JSON.stringify(await w.client.profiles.models.mutate({ id: profile.id })));
      else errors.push(JSON.stringify(await expectAppError(w.client.profiles.models.mutate({ id: profile.id }))));
    }
    expect(windowText(w)).toContain('another address');

    // Views: names only, in get and list alike.
    const views = JSON.stringify([
      await w.client.profiles.get.query({ id: profile.id }),
      await w.client.profiles.list.query(),
    ]);
    expect(views).toContain('CF-Access-Client-Secret');

    expect(server.requests.length).toBeGreaterThan(6);
    expect(server.requests.every((r) => r.headers['cf-access-client-secret'] === SECRET)).toBe(true);
    expect(findKeyForms(windowText(w), VALUES)).toEqual([]);
    expect(findKeyForms(views, VALUES)).toEqual([]);
    expect(findKeyForms(errors.join('\n'), VALUES)).toEqual([]);
    const logged = h.t.logger.records.map((r) => JSON.stringify(r)).join('\n');
    expect(logged).toContain('CF-Access-Client-Secret'); // the names are logged, so the scan read real lines
    expect(findKeyForms(logged, VALUES)).toEqual([]);
  });
});
