// discovery.scan over IPC: progress events, each server found, then one summary, every event parsed against
// the shared schema; stopping the subscription ends the scan on main; bad input is a validation error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscoveryEventSchema, type DiscoveryEvent } from '../../shared/discovery.contract.js';
import { AppErrorDataSchema } from '../../shared/errors/app-error-data.contract.js';
import { startFakeLlm, startSilentServer, type FakeServer } from '../support/fake-providers/index.js';
import { createIpcHarness, type IpcHarness } from '../support/ipc-harness.js';
import { closedPorts } from '../support/ports.js';
import { waitFor } from '../support/wait-for.js';

let h: IpcHarness;
let ollama: FakeServer;
let silent: Awaited<ReturnType<typeof startSilentServer>>;
let closed: number;
beforeAll(async () => {
  ollama = await startFakeLlm({ kind: 'ollama', models: ['llama3.2'] });
  silent = await startSilentServer();
  [closed] = (await closedPorts(1)) as [number];
  h = await createIpcHarness({ discovery: { ports: [ollama.port, silent.port, closed], hosts: ['127.0.0.1'] } });
});
afterAll(async () => {
  await h.dispose();
  await ollama.close();
  await silent.close();
});

function scan(input?: unknown) {
  const w = h.connect();
  const events: DiscoveryEvent[] = [];
  let error: unknown = null;
  const done = new Promise<void>((resolve) => {
    w.client.discovery.scan.subscribe(input as never, {
      onData: (e) => events.push(DiscoveryEventSchema.parse(e)),
      onError: (e) => ((error = e), resolve()),
      onComplete: () => resolve(),
    });
  });
  return { events, done, error: () => error, w };
}

describe('discovery.scan over IPC', () => {
  it('streams started, a probe per address, the server found, then one summary', async () => {
    const run = scan();
    await run.done;
    expect(run.error()).toBeNull();
    expect(run.events[0]).toMatchObject({
      type: 'started',
      targets: expect.arrayContaining([{ host: '127.0.0.1', port: ollama.port }]),
    });
    const probes = run.events.filter((e) => e.type === 'probe');
    expect(new Set(probes.map((p) => p.port))).toEqual(new Set([ollama.port, silent.port, closed]));
    expect(probes.find((p) => p.port === closed)?.state).toBe('closed');
    expect(probes.find((p) => p.port === silent.port && p.state !== 'open')?.state).toBe('no-answer');
    expect(run.events.filter((e) => e.type === 'found')).toEqual([
      { type: 'found', server: expect.objectContaining({ server: 'ollama', port: ollama.port, models: ['llama3.2'] }) },
    ]);
    const done = run.events.at(-1);
    expect(done).toMatchObject({ type: 'done', probed: 3, servers: [expect.objectContaining({ server: 'ollama' })] });
  });

  it('stopping the subscription ends the scan on main', async () => {
    const w = h.connect();
    const events: DiscoveryEvent[] = [];
    const sub = w.client.discovery.scan.subscribe(undefined, { onData: (e) => events.push(e) });
    await waitFor(() => events.length > 0, { what: 'the scan to start' });
    sub.unsubscribe();
    await waitFor(() => h.server.activeSubscriptions === 0, { what: 'the scan to end on main' });
    expect(events.some((e) => e.type === 'done')).toBe(false);
  });

  it('VALIDATION_FAILED for input it does not take', async () => {
    const run = scan({ ports: [22] });
    await run.done;
    expect(AppErrorDataSchema.parse((run.error() as { data: unknown }).data).code).toBe('VALIDATION_FAILED');
  });
});
