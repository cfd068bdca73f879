// The Node network adapter on a learner's kind of network, against servers the test starts on 127.0.0.1: a
// profile set to "This proxy" reaches its model server through that proxy (the proxy sees every request) and one
// set to "No proxy" does not touch it; a server whose certificate comes from an inspecting firewall's CA is refused
// with the catalogued certificate error naming what was wrong and the certificate store — and accepted once that
// CA is in the trust store the adapter is given.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { createTestCore } from '../../support/create-test-core.js';
import { startFakeLlm } from '../../support/fake-providers/index.js';
import { startLoopbackProxy } from '../../support/loopback-proxy.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';

const FIXTURES = new URL('../../support/fixtures/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('the Node network adapter', () => {
  it('"This proxy" goes through the proxy; "No proxy" and the system setting do not', async () => {
    const proxy = await startLoopbackProxy();
    closers.push(() => proxy.close());
    const fake = await startFakeLlm({ kind: 'ollama' });
    closers.push(() => fake.close());
    const t = await createTestCore({ network: createFetchNetwork() });
    closers.push(() => t.dispose());

    const through = await t.core.profiles.create(
      profileForFake('ollama', fake.url, { name: 'via proxy', proxy: { mode: 'fixed', url: proxy.url } }),
    );
    expect((await runTest(t, through.id)).result?.ok).toBe(true);
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.every((s) => s === `CONNECT ${new URL(fake.url).host}`)).toBe(true);
    expect(fake.requests.map((r) => r.path)).toEqual(['/api/ps', '/api/chat']);
    expect(t.core.profiles.get({ id: through.id }).proxy).toEqual({ mode: 'fixed', url: proxy.url });
    const models = await t.core.models.list({ id: through.id }, new AbortController().signal);
    expect(models.models.length).toBeGreaterThan(0);

    // A fresh adapter, so no tunnel opened above could carry these unseen.
    const seenBefore = proxy.seen.length;
    const t2 = await createTestCore({ network: createFetchNetwork() });
    closers.push(() => t2.dispose());
    for (const mode of ['direct', 'system'] as const) {
      const straight = await t2.core.profiles.create(
        profileForFake('ollama', fake.url, { name: `no proxy ${mode}`, proxy: { mode } }),
      );
      expect((await runTest(t2, straight.id)).result?.ok).toBe(true);
    }
    expect(fake.requests.filter((r) => r.path === '/api/chat')).toHaveLength(3);
    expect(proxy.seen).toHaveLength(seenBefore);
  });

  it('a proxy URL with a password in it, or not http(s), is refused and nothing is saved', async () => {
    const t = await createTestCore();
    closers.push(() => t.dispose());
    for (const url of ['http://user:secret@proxy.example:3128', 'socks5://127.0.0.1:1080', 'not a url']) {
      await expect(
        t.core.profiles.create(
          profileForFake('ollama', 'http://127.0.0.1:11434', { name: url, proxy: { mode: 'fixed', url } }),
        ),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    }
    expect(t.core.profiles.list().profiles).toHaveLength(0);
  });

  it('a certificate from an unknown CA: the catalogued error, then accepted with that CA in the trust store', async () => {
    const fake = await startFakeLlm({
      kind: 'vllm',
      tls: { key: read('inspected-key.pem'), cert: read('inspected-cert.pem') },
    });
    closers.push(() => fake.close());
    const input = profileForFake('vllm', fake.url, { name: 'inspected' });
    expect(input.baseUrl.startsWith('https://127.0.0.1:')).toBe(true);

    const refusing = await createTestCore({ network: createFetchNetwork() });
    closers.push(() => refusing.dispose());
    const p = await refusing.core.profiles.create(input);
    const { result } = await runTest(refusing, p.id);
    expect(result?.error?.code).toBe('PROVIDER_TLS_FAILED');
    expect(result?.error?.message).toContain('issued by an authority this computer does not trust');
    expect(result?.error?.remediation).toContain("this computer's certificate store");
    expect(fake.requests).toHaveLength(0);

    const trusting = await createTestCore({ network: createFetchNetwork({ ca: read('test-ca-cert.pem') }) });
    closers.push(() => trusting.dispose());
    const q = await trusting.core.profiles.create(input);
    expect((await runTest(trusting, q.id)).result?.ok).toBe(true);
  });
});
