// The desktop app's network adapter against the electron stub: every request goes through a session of its own,
// in memory (no "persist:" partition, cache off), with redirects returned rather than followed, no cookies, the
// caller's abort signal and the body untouched (the core caps it); one session per way to the server, each told
// its proxy once; Chromium's failures reach the core as the codes it reads.
import { session } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createElectronNetwork,
  NETWORK_PARTITION,
  proxyLoginListener,
  withErrno,
  type SessionFactory,
} from '../../../src-main/adapters/electron-net.adapter.js';
import { certificateProblem } from '../../../shared/errors/hints.js';
import { errnoOf } from '../../../src/ports/errno.js';
import { createTestCore } from '../../support/create-test-core.js';
import { resetElectronStub, type StubSession } from '../../support/electron-stub.js';

const stub = session as unknown as { partitions: Map<string, StubSession> } & SessionFactory;
afterEach(() => resetElectronStub());

const get = (proxy?: Parameters<ReturnType<typeof createElectronNetwork>['fetch']>[1]['proxy']) => ({
  method: 'GET' as const,
  headers: { authorization: 'Bearer x' },
  signal: new AbortController().signal,
  ...(proxy && { proxy }),
});

describe('the Electron network adapter', () => {
  it('fetches on an in-memory session: manual redirects, no cookies, the signal and headers passed, the body as sent', async () => {
    const network = createElectronNetwork(stub);
    const controller = new AbortController();
    const response = await network.fetch('https://api.example/v1/models', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      signal: controller.signal,
    });
    expect(await response.text()).toBe('ok');
    const [only] = [...stub.partitions.values()];
    expect(only?.partition.startsWith(NETWORK_PARTITION)).toBe(true);
    expect(only?.partition.startsWith('persist:')).toBe(false);
    expect(only?.options).toEqual({ cache: false });
    expect(only?.fetches[0]?.init).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      redirect: 'manual',
      credentials: 'omit',
      signal: controller.signal,
      headers: { 'content-type': 'application/json' },
    });
  });

  it('a redirect comes back as the response itself', async () => {
    const network = createElectronNetwork(stub);
    await network.fetch('https://a.example/', get());
    const s = [...stub.partitions.values()][0]!;
    s.respond = () =>
      Promise.resolve(new Response(null, { status: 307, headers: { location: 'https://evil.example/' } }));
    const response = await network.fetch('https://a.example/', get());
    expect(response.status).toBe(307);
  });

  it('one session per way to the server, each told its proxy once, and reused', async () => {
    const network = createElectronNetwork(stub);
    await network.fetch('https://a.example/', get());
    await network.fetch('https://a.example/', get({ mode: 'system' }));
    await network.fetch('https://a.example/', get({ mode: 'direct' }));
    await network.fetch('https://a.example/', get({ mode: 'fixed', url: 'http://proxy.school.example:3128' }));
    await network.fetch('https://b.example/', get({ mode: 'fixed', url: 'http://proxy.school.example:3128' }));
    await network.fetch('https://a.example/', get({ mode: 'fixed', url: 'http://other.example:8080/path' }));
    const sessions = [...stub.partitions.values()];
    expect(sessions.map((s) => s.proxyCalls)).toEqual([
      [{ mode: 'system' }],
      [{ mode: 'direct' }],
      [{ mode: 'fixed_servers', proxyRules: 'http://proxy.school.example:3128', proxyBypassRules: '<-loopback>' }],
      [{ mode: 'fixed_servers', proxyRules: 'http://other.example:8080', proxyBypassRules: '<-loopback>' }],
    ]);
    expect(sessions.map((s) => s.fetches.length)).toEqual([2, 1, 2, 1]);
  });

  it('Chromium’s errors carry the codes the core reads, and a certificate one is named in words', async () => {
    const network = createElectronNetwork(stub);
    await network.fetch('https://a.example/', get());
    const s = [...stub.partitions.values()][0]!;
    s.respond = () => Promise.reject(new Error('net::ERR_CERT_AUTHORITY_INVALID'));
    const error = await network.fetch('https://a.example/', get()).catch((e: unknown) => e);
    expect(errnoOf(error)).toBe('ERR_CERT_AUTHORITY_INVALID');
    expect(errnoOf(withErrno(new Error('net::ERR_CONNECTION_REFUSED')))).toBe('ECONNREFUSED');
    expect(errnoOf(withErrno(new Error('net::ERR_NAME_NOT_RESOLVED')))).toBe('ENOTFOUND');
    expect(certificateProblem('ERR_CERT_AUTHORITY_INVALID')).toMatch(/authority this computer does not trust/);
    expect(certificateProblem('ERR_CERT_DATE_INVALID')).toMatch(/out of date/);
    expect(certificateProblem('ERR_CERT_COMMON_NAME_INVALID')).toMatch(/another name/);
    const aborted = new DOMException('aborted', 'AbortError');
    expect(withErrno(aborted)).toBe(aborted);
  });

  it('through the core: an endless answer is cut at the cap, and cancelling aborts the session’s request', async () => {
    const t = await createTestCore({ network: createElectronNetwork(stub) });
    try {
      const profile = await t.core.profiles.create({
        name: 'Local',
        kind: 'ollama',
        baseUrl: 'http://127.0.0.1:11434',
        model: 'm',
      });
      // Make the session, then make it answer without end: the body is read only as far as the cap.
      await t.core.models.list({ id: profile.id }, new AbortController().signal).catch(() => undefined);
      const s = [...stub.partitions.values()][0]!;
      let pulled = 0;
      let cancelled = false;
      s.respond = () =>
        Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              pull(controller) {
                pulled += 1;
                controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
              },
              cancel() {
                cancelled = true;
              },
            }),
            { headers: { 'content-type': 'application/json' } },
          ),
        );
      await expect(t.core.models.list({ id: profile.id }, new AbortController().signal)).rejects.toMatchObject({
        code: 'PROVIDER_RESPONSE_TOO_LARGE',
      });
      expect(cancelled).toBe(true);
      expect(pulled).toBeLessThan(1000);

      // An answer that never comes: the learner's cancel reaches the request the session is making.
      s.respond = (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        });
      const controller = new AbortController();
      const listing = t.core.models.list({ id: profile.id }, controller.signal);
      await new Promise((resolve) => setTimeout(resolve, 20));
      controller.abort();
      await expect(listing).rejects.toBeDefined();
      expect(s.fetches.at(-1)?.init.signal?.aborted).toBe(true);
    } finally {
      await t.dispose();
    }
  });

  it('a proxy that asks who is calling gets the profile’s user and password; nothing else is answered', async () => {
    const network = createElectronNetwork(stub);
    const listen = proxyLoginListener(network);
    const ask = (authInfo: { isProxy: boolean; host: string; port: number }) => {
      const answers: Array<[string | undefined, string | undefined]> = [];
      let prevented = false;
      listen({ preventDefault: () => (prevented = true) }, null, {}, authInfo, (u, p) => answers.push([u, p]));
      return { answers, prevented };
    };
    // Nothing given yet: Electron's default (cancel) stands.
    expect(ask({ isProxy: true, host: 'proxy.school.example', port: 3128 })).toEqual({ answers: [], prevented: false });
    await network.fetch(
      'https://api.example/',
      get({ mode: 'fixed', url: 'http://proxy.school.example:3128', username: 'ada', password: 'pw-1' }),
    );
    expect(ask({ isProxy: true, host: 'proxy.school.example', port: 3128 })).toEqual({
      answers: [['ada', 'pw-1']],
      prevented: true,
    });
    // A server's own sign-in, and another proxy, are never given the proxy's password.
    expect(ask({ isProxy: false, host: 'proxy.school.example', port: 3128 }).answers).toEqual([]);
    expect(ask({ isProxy: true, host: 'other.example', port: 3128 }).answers).toEqual([]);
    expect(ask({ isProxy: true, host: 'proxy.school.example', port: 8080 }).answers).toEqual([]);
    // One session per user of a proxy, so Chromium's remembered sign-in is never another user's.
    await network.fetch(
      'https://api.example/',
      get({ mode: 'fixed', url: 'http://proxy.school.example:3128', username: 'bob', password: 'pw-2' }),
    );
    expect(stub.partitions.size).toBe(2);
    expect(ask({ isProxy: true, host: 'proxy.school.example', port: 3128 }).answers).toEqual([['bob', 'pw-2']]);
  });
});
