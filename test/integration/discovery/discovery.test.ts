// Discovery against loopback fakes of every server: each identified correctly (impostors included), with
// version, key requirement and models; nothing listening finishes fast; silent ports stay within the bound;
// no connection outside loopback and no DNS lookup, ever.
import dns from 'node:dns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DiscoveryEventSchema,
  type DiscoveredServer,
  type DiscoveryEvent,
} from '../../../shared/discovery.contract.js';
import type { Network } from '../../../src/ports/network.port.js';
import { fetchNetwork } from '../../../src/adapters/fetch-network.adapter.js';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { startFakeLlm, startSilentServer, type FakeKind, type FakeServer } from '../../support/fake-providers/index.js';
import { KNOWN_PORTS } from '../../../src/discovery/known-ports.js';
import { closedPorts } from '../../support/ports.js';
import { FakeClock } from '../../support/fake-clock.js';
import { settle, waitFor } from '../../support/wait-for.js';
import { disposingAll } from '../../support/disposables.js';

const SERVERS: Array<[FakeKind, DiscoveredServer['server']]> = [
  ['ollama', 'ollama'],
  ['docker-model-runner', 'docker-model-runner'],
  ['koboldcpp', 'koboldcpp'],
  ['llamacpp', 'llamacpp'],
  ['localai', 'localai'],
  ['mlx', 'mlx'],
  ['vllm', 'vllm'],
  ['jan', 'jan'],
  ['lmstudio', 'lmstudio'],
  ['textgen-webui', 'textgen-webui'],
  ['lemonade', 'lemonade'],
  ['sglang', 'sglang'],
  ['gpustack', 'gpustack'],
];

async function scan(
  t: TestCore,
  signal?: AbortSignal,
  onEvent?: (event: DiscoveryEvent) => void,
): Promise<{ events: DiscoveryEvent[]; servers: DiscoveredServer[]; ms: number }> {
  const started = performance.now();
  const events: DiscoveryEvent[] = [];
  for await (const e of t.core.discovery.scan(signal)) {
    events.push(DiscoveryEventSchema.parse(e));
    onEvent?.(e);
  }
  const done = events.at(-1);
  return { events, servers: done?.type === 'done' ? done.servers : [], ms: performance.now() - started };
}

describe('discovery', () => {
  const fakes: FakeServer[] = [];
  const contacted: string[] = [];
  let lookups = 0;
  const realLookup = dns.lookup;
  let t: TestCore;

  beforeAll(async () => {
    for (const [kind] of SERVERS)
      fakes.push(await startFakeLlm({ kind, models: [`${kind}-model-a`, `${kind}-model-b`] }));
    const recording: Network = {
      fetch: (url, request) => {
        contacted.push(new URL(url).hostname);
        return fetchNetwork.fetch(url, request);
      },
      canConnect: (host, port, signal) => {
        contacted.push(host);
        return fetchNetwork.canConnect(host, port, signal);
      },
    };
    (dns as { lookup: unknown }).lookup = (...args: unknown[]) => {
      lookups += 1;
      return (realLookup as (...a: unknown[]) => unknown)(...args);
    };
    t = await createTestCore({
      network: recording,
      // Identification, not the probe bound (tested below with silent ports): a busy 2-core runner serving a dozen
      // fakes from this same process must not turn a late answer into "no server".
      discovery: { ports: fakes.map((f) => f.port), hosts: ['127.0.0.1', '::1'], probeTimeoutMs: 5_000 },
    });
  });
  afterAll(async () => {
    (dns as { lookup: unknown }).lookup = realLookup;
    await Promise.all(fakes.map((f) => f.close()));
    await t.dispose();
  });

  it('identifies every server by its fingerprint, impostors included, with version, key need and models', async () => {
    const saved = await t.core.profiles.create({
      name: 'Mine',
      kind: 'ollama',
      baseUrl: `http://localhost:${fakes[0]!.port}`,
      model: 'ollama-model-a',
    });
    const { servers, events } = await scan(t);
    const byPort = new Map(servers.map((s) => [s.port, s]));
    SERVERS.forEach(([kind, expected], i) => {
      const found = byPort.get(fakes[i]!.port);
      expect(found?.server, `${kind} on ${fakes[i]!.port}`).toBe(expected);
    });
    expect(byPort.get(fakes[0]!.port)).toMatchObject({
      version: '0.12.3',
      requiresKey: false,
      models: ['ollama-model-a', 'ollama-model-b'],
      savedProfileIds: [saved.id],
    });
    expect(byPort.get(fakes[7]!.port)).toMatchObject({
      server: 'jan',
      requiresKey: true,
      suggestion: { kind: 'openai-compatible', preset: 'jan' },
    });
    expect(byPort.get(fakes[3]!.port)?.suggestion).toMatchObject({
      kind: 'openai-compatible',
      preset: 'llamacpp',
      baseUrl: `http://127.0.0.1:${fakes[3]!.port}/v1`,
      model: 'llamacpp-model-a',
    });
    expect(byPort.get(fakes[1]!.port)?.suggestion?.baseUrl).toBe(`http://127.0.0.1:${fakes[1]!.port}/engines/v1`);
    // Servers without a preset of their own are still one step away from a profile, as 'other'.
    expect(byPort.get(fakes[5]!.port)).toMatchObject({
      server: 'mlx',
      suggestion: {
        kind: 'openai-compatible',
        preset: 'other',
        baseUrl: `http://127.0.0.1:${fakes[5]!.port}/v1`,
        name: `mlx_lm.server (${fakes[5]!.port})`,
      },
    });
    expect(byPort.get(fakes[12]!.port)).toMatchObject({
      server: 'gpustack',
      version: 'v2.0.1',
      suggestion: { preset: 'other', model: 'gpustack-model-a' },
    });
    // Progress was streamed before the summary.
    expect(events[0]?.type).toBe('started');
    expect(events.filter((e) => e.type === 'probe').length).toBeGreaterThanOrEqual(SERVERS.length * 2);
    expect(events.filter((e) => e.type === 'found').length).toBeGreaterThanOrEqual(SERVERS.length);
  });

  it('a found server can be added through the normal create, and is then marked as saved', async () => {
    const { servers } = await scan(t);
    const llama = servers.find((s) => s.server === 'llamacpp')!;
    const created = await t.core.profiles.create({
      ...llama.suggestion,
      model: llama.suggestion.model!,
      preset: llama.suggestion.preset!,
    });
    const again = (await scan(t)).servers.find((s) => s.server === 'llamacpp')!;
    expect(again.savedProfileIds).toContain(created.id);
  });

  it('touches only 127.0.0.1 and ::1, and never resolves a name', () => {
    expect(contacted.length).toBeGreaterThan(0);
    for (const host of contacted) expect(['127.0.0.1', '::1', '[::1]']).toContain(host);
    expect(lookups).toBe(0);
  });

  it('with nothing listening, finds nothing without waiting for any time limit', async () => {
    const clock = new FakeClock({ frozen: true });
    await using c = await createTestCore({
      clock,
      timers: clock,
      discovery: { ports: await closedPorts(KNOWN_PORTS.length) },
    });
    // The fake clock never moves: a scan that needed a timeout to finish would never end.
    const { servers, events } = await scan(c);
    expect(servers).toEqual([]);
    expect(events.filter((e) => e.type === 'probe').every((e) => e.type === 'probe' && e.state === 'closed')).toBe(
      true,
    );
    expect(clock.pendingTimers).toBe(0);
  });

  it('with ports that accept and never answer, ends when the probe bound passes, not before', async () => {
    await using silent = disposingAll(await Promise.all(KNOWN_PORTS.map(() => startSilentServer())));
    const clock = new FakeClock({ frozen: true });
    await using c = await createTestCore({
      clock,
      timers: clock,
      discovery: { ports: silent.map((s) => s.port), hosts: ['127.0.0.1'], probeTimeoutMs: 500 },
    });
    let open = 0;
    let finished = false;
    const running = scan(c, undefined, (e) => {
      if (e.type === 'probe' && e.state === 'open') open += 1;
    }).finally(() => (finished = true));
    await waitFor(() => open === KNOWN_PORTS.length, { what: 'every port to accept' });
    await waitFor(() => silent.every((s) => s.requests.length > 0), { what: 'every probe to arrive' });
    clock.advance(499);
    await settle();
    expect(finished).toBe(false);
    clock.advance(1);
    const { servers, events } = await running;
    expect(servers).toEqual([]);
    expect(events.filter((e) => e.type === 'probe' && e.state === 'no-answer')).toHaveLength(KNOWN_PORTS.length);
  });

  it('real time: silent ports keep the whole scan within its 1 s bound', async () => {
    await using silent = disposingAll(await Promise.all(KNOWN_PORTS.map(() => startSilentServer())));
    await using c = await createTestCore({ discovery: { ports: silent.map((s) => s.port), hosts: ['127.0.0.1'] } });
    const { servers, ms } = await scan(c);
    expect(servers).toEqual([]);
    expect(ms).toBeLessThan(1000);
  });

  it('a probe that fails unexpectedly still lets the scan finish with what the others found', async () => {
    const broken: Network = {
      ...fetchNetwork,
      canConnect: (host, port, signal) =>
        port === fakes[1]!.port
          ? Promise.reject(new Error('socket exploded'))
          : fetchNetwork.canConnect(host, port, signal),
    };
    await using c = await createTestCore({
      network: broken,
      discovery: { ports: [fakes[0]!.port, fakes[1]!.port], hosts: ['127.0.0.1'] },
    });
    const { servers, events } = await scan(c);
    expect(events.at(-1)?.type).toBe('done');
    expect(servers.map((s) => s.server)).toEqual(['ollama']);
    expect(c.logger.find('discovery.probe_failed')).toHaveLength(1);
  });

  it('is cancellable', async () => {
    await using silent = await startSilentServer();
    await using c = await createTestCore({ discovery: { ports: [silent.port], hosts: ['127.0.0.1'] } });
    const controller = new AbortController();
    const { events } = await scan(c, controller.signal, (e) => {
      if (e.type === 'probe' && e.state === 'open') controller.abort(); // mid-probe
    });
    expect(events.some((e) => e.type === 'done')).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'probe', state: 'open' });
  });
});

describe('discovery of servers with a key on', () => {
  it('a server that needs a key is still named by what it answers in public, and marked as needing one', async () => {
    const keyed: Array<[FakeKind, DiscoveredServer['server']]> = [
      ['lmstudio', 'lmstudio'],
      ['llamacpp', 'llamacpp'],
      ['vllm', 'vllm'],
      // Nothing of text-generation-webui is public once its key is on: a generic server that needs a key.
      ['textgen-webui', 'openai-compatible'],
      ['localai', 'localai'],
      ['koboldcpp', 'koboldcpp'],
    ];
    const servers = await Promise.all(
      keyed.map(([kind]) => startFakeLlm({ kind, models: [`${kind}-m`], apiKey: 'sk-local-secret-0123456789' })),
    );
    try {
      await using c = await createTestCore({ discovery: { ports: servers.map((s) => s.port), hosts: ['127.0.0.1'] } });
      const found = new Map((await scan(c)).servers.map((s) => [s.port, s]));
      keyed.forEach(([kind, expected], i) => {
        expect(found.get(servers[i]!.port), kind).toMatchObject({ server: expected, requiresKey: true });
      });
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  });
});
