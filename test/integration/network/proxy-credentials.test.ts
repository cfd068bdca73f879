// A proxy that asks who is calling: the profile's own proxy with a user name and a password. The password is
// write-only like a key — encrypted in the vault (no form of it in the vault's bytes or any view), sent only to
// that proxy as Basic credentials — and bound to that proxy and user: pointed at another one without entering it
// again is refused; switching to no proxy drops it; a password without a user is refused. Against a forwarding
// proxy the test starts on 127.0.0.1 that answers 407 to anything but the right credentials.
import { afterEach, describe, expect, it } from 'vitest';
import { createFetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm } from '../../support/fake-providers/index.js';
import { findKeyForms } from '../../support/key-forms.js';
import { startLoopbackProxy } from '../../support/loopback-proxy.js';
import { profileForFake, runTest } from '../../support/provider-test-helpers.js';

const PASSWORD = 'proxy-pass-e7c1f0a9b2d4-only-for-this-test';
const USER = 'learner42';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function setUp() {
  const proxy = await startLoopbackProxy({ credentials: { username: USER, password: PASSWORD } });
  closers.push(() => proxy.close());
  const fake = await startFakeLlm({ kind: 'ollama' });
  closers.push(() => fake.close());
  const t: TestCore = await createTestCore({ network: createFetchNetwork() });
  closers.push(() => t.dispose());
  return { proxy, fake, t };
}

describe('a proxy that asks for a user name and password', () => {
  it('gets them, only it; the password is saved encrypted and never shown', async () => {
    const { proxy, fake, t } = await setUp();
    const view = await t.core.profiles.create(
      profileForFake('ollama', fake.url, {
        name: 'signed-in proxy',
        proxy: { mode: 'fixed', url: proxy.url, username: USER },
        proxyPassword: PASSWORD,
      }),
    );
    expect(view.proxy).toEqual({ mode: 'fixed', url: proxy.url, username: USER });
    expect(view.proxyPasswordSaved).toBe(true);
    expect((await runTest(t, view.id)).result?.ok).toBe(true);
    const expected = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    expect(proxy.authorizations.length).toBeGreaterThan(0);
    expect(proxy.authorizations.every((sent) => sent === expected)).toBe(true);
    // The model server never sees the proxy's credentials.
    expect(fake.requests.every((r) => !('proxy-authorization' in r.headers))).toBe(true);

    await t.settle();
    const vault = (await t.readVaultBytes())!.toString('utf8');
    expect(findKeyForms(vault, [PASSWORD])).toEqual([]);
    expect(findKeyForms(JSON.stringify(t.core.profiles.list()), [PASSWORD])).toEqual([]);
    expect(findKeyForms(JSON.stringify(t.core.profiles.get({ id: view.id })), [PASSWORD])).toEqual([]);
    // A restart decrypts it again.
    const reopened = await t.reopen({ network: createFetchNetwork() });
    closers.push(() => reopened.dispose());
    expect(reopened.core.profiles.get({ id: view.id }).proxyPasswordSaved).toBe(true);
    expect((await runTest(reopened, view.id)).result?.ok).toBe(true);
  });

  it('without the password the proxy refuses: the proxy is named as the problem, not the server', async () => {
    const { proxy, fake, t } = await setUp();
    const view = await t.core.profiles.create(
      profileForFake('ollama', fake.url, { name: 'no password', proxy: { mode: 'fixed', url: proxy.url } }),
    );
    const { result } = await runTest(t, view.id);
    expect(result?.ok).toBe(false);
    expect(result?.error?.code).toBe('PROVIDER_PROXY_FAILED');
    expect(result?.error?.message).toContain(`The proxy ${new URL(proxy.url).host}`);
    expect(result?.error?.message).toContain('asked for a user name and password');
    expect(result?.error?.remediation).toContain('under "Network" in the profile');
    expect(fake.requests.filter((r) => r.path === '/api/chat')).toHaveLength(0);

    // A proxy that is not there at all: the same code, in other words.
    await proxy.close();
    const gone = await runTest(t, view.id);
    expect(gone.result?.error?.code).toBe('PROVIDER_PROXY_FAILED');
    expect(gone.result?.error?.message).toContain('nothing answers at its address');
  });

  it('is bound to its proxy and user: moved is refused, no proxy drops it, without a user it is refused', async () => {
    const { proxy, fake, t } = await setUp();
    await expect(
      t.core.profiles.create(
        profileForFake('ollama', fake.url, {
          name: 'no user',
          proxy: { mode: 'fixed', url: proxy.url },
          proxyPassword: PASSWORD,
        }),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ field: 'proxyPassword' }] });
    expect(t.core.profiles.list().profiles).toHaveLength(0);

    const view = await t.core.profiles.create(
      profileForFake('ollama', fake.url, {
        name: 'bound',
        proxy: { mode: 'fixed', url: proxy.url, username: USER },
        proxyPassword: PASSWORD,
      }),
    );
    const before = await t.readVaultBytes();
    for (const proxyChange of [
      { mode: 'fixed' as const, url: 'http://127.0.0.2:3128', username: USER },
      { mode: 'fixed' as const, url: proxy.url, username: 'someone-else' },
    ]) {
      await expect(
        t.core.profiles.update({ id: view.id, expectedRevision: view.revision, patch: { proxy: proxyChange } }),
      ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fieldErrors: [{ field: 'proxyPassword' }] });
    }
    expect(Buffer.compare(before!, (await t.readVaultBytes())!)).toBe(0);

    // Same proxy, another path: the same origin, so the password stays.
    const samePlace = await t.core.profiles.update({
      id: view.id,
      expectedRevision: view.revision,
      patch: { proxy: { mode: 'fixed', url: `${proxy.url}/`, username: USER } },
    });
    expect(samePlace.proxyPasswordSaved).toBe(true);

    const direct = await t.core.profiles.update({
      id: view.id,
      expectedRevision: samePlace.revision,
      patch: { proxy: { mode: 'direct' } },
    });
    expect(direct.proxyPasswordSaved).toBe(false);
    expect(t.core.profiles.proxyPasswordFor(view.id)).toBeNull();
    const back = await t.core.profiles.update({
      id: view.id,
      expectedRevision: direct.revision,
      patch: { proxy: { mode: 'fixed', url: proxy.url, username: USER } },
    });
    expect(back.proxyPasswordSaved).toBe(false);
  });
});
