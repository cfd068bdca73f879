// `npm run bench`: measures the service against its budgets in one run on this machine, baselines measured in
// the same run. Prints a table and writes the same figures to bench/results/latest.json. Nothing here is
// asserted by `npm test`; a figure past its budget is printed as OVER.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { arch, cpus, platform, release, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDiagnosticsLogger } from '../src/index.js';
import { SecretRegistry } from '../src/diagnostics/secret-registry.js';
import { redact } from '../src/diagnostics/redaction.js';
import { runInRequestContext } from '../src/diagnostics/request-context.js';
import { SseParser } from '../src/providers/stream-parsers.js';
import { startFakeLlm, startSilentServer } from '../test/support/fake-providers/index.js';
import { closedPorts } from '../test/support/ports.js';
import { ipcPair } from './ipc-pair.js';
import { liveUpdates } from './live-updates.js';
import { percentile, seededVault, silentLogger, timeEach } from './support.js';
import { KNOWN_PORTS } from '../src/discovery/known-ports.js';
import type { CoreServices } from '../src/core.js';

interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly budget?: { readonly max: number } | undefined;
  readonly note?: string | undefined;
}

const figures: Figure[] = [];
const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;
function record(name: string, value: number, unit: string, max?: number, note?: string): void {
  figures.push({
    name,
    value: round(value),
    unit,
    ...(max !== undefined && { budget: { max } }),
    ...(note && { note }),
  });
}

/** Times only the list call; the update before it (which invalidates the cached views) is not timed. */
async function listAfterEachChange(
  core: CoreServices,
  pair: ReturnType<typeof ipcPair>,
  iterations: number,
): Promise<number[]> {
  const revisions = new Map(core.profiles.list().profiles.map((p) => [p.id, p.revision]));
  const ids = [...revisions.keys()];
  const samples: number[] = [];
  for (let i = -20; i < iterations; i += 1) {
    const id = ids[(i + 20) % ids.length]!;
    const updated = await core.profiles.update({
      id,
      expectedRevision: revisions.get(id)!,
      patch: { model: `changed-${i}` },
    });
    revisions.set(id, updated.revision);
    const started = performance.now();
    await pair.client.profiles.list.query();
    if (i >= 0) samples.push(performance.now() - started);
  }
  return samples;
}

async function listLatency(): Promise<void> {
  for (const count of [10, 100, 1000]) {
    const vault = await seededVault(count);
    const core = await vault.open();
    const pair = ipcPair(core);
    const viaIpc = await timeEach(count === 1000 ? 500 : 1000, () => pair.client.profiles.list.query());
    const direct = await timeEach(count === 1000 ? 500 : 1000, () => core.profiles.list());
    record(`profiles.list over IPC, ${count} profiles, p50`, percentile(viaIpc, 50), 'ms');
    record(
      `profiles.list over IPC, ${count} profiles, p99`,
      percentile(viaIpc, 99),
      'ms',
      count === 1000 ? 5 : undefined,
    );
    record(`profiles.list on the service, ${count} profiles, p50`, percentile(direct, 50), 'ms');
    if (count === 1000) {
      // The figures above hit the cached views and their cached JSON; the first list after each change
      // rebuilds both, which is what a window sees after every save.
      const afterChange = await listAfterEachChange(core, pair, 200);
      record(
        'profiles.list over IPC right after a change (views rebuilt), 1000 profiles, p50',
        percentile(afterChange, 50),
        'ms',
      );
      record(
        'profiles.list over IPC right after a change (views rebuilt), 1000 profiles, p99',
        percentile(afterChange, 99),
        'ms',
        5,
      );
    }
    if (count === 10) {
      const status = await timeEach(2000, () => pair.client.storage.status.query());
      const statusDirect = await timeEach(2000, () => core.storage.status());
      record(
        'IPC + tRPC overhead, small call (list of 10), p50',
        percentile(viaIpc, 50) - percentile(direct, 50),
        'ms',
        0.3,
        'p50 over IPC minus p50 on the service, same run',
      );
      record(
        'IPC + tRPC overhead, storage.status, p50',
        percentile(status, 50) - percentile(statusDirect, 50),
        'ms',
        0.3,
      );
    }
    await pair.close();
    await core.close();
    await vault.dispose();
  }
}

async function mutationsAndColdOpen(): Promise<void> {
  const vault = await seededVault(1000);
  const opens = await timeEach(
    20,
    async () => {
      const c = await vault.open();
      await c.close();
    },
    3,
  );
  record('vault cold open, 1,000 profiles (read + validate + decrypt 500 keys), p50', percentile(opens, 50), 'ms', 50);
  const core = await vault.open();
  const ids = core.profiles.list().profiles.map((p) => p.id);
  const revisions = new Map(core.profiles.list().profiles.map((p) => [p.id, p.revision]));
  const creates = await timeEach(
    100,
    (i) =>
      core.profiles.create({ name: `Created ${i}`, kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' }),
    5,
  );
  const updates = await timeEach(
    100,
    async (i) => {
      const id = ids[Math.abs(i) % ids.length]!;
      const updated = await core.profiles.update({
        id,
        expectedRevision: revisions.get(id)!,
        patch: { model: `changed-${i}` },
      });
      revisions.set(id, updated.revision);
    },
    5,
  );
  const activations = await timeEach(100, (i) => core.profiles.activate({ id: ids[Math.abs(i) % ids.length]! }), 5);
  for (const [name, samples] of [
    ['create', creates],
    ['update', updates],
    ['activate', activations],
  ] as const) {
    record(`${name} at 1,000 profiles (atomic write incl. fsync), p50`, percentile(samples, 50), 'ms');
    record(`${name} at 1,000 profiles (atomic write incl. fsync), p99`, percentile(samples, 99), 'ms');
  }
  await core.close();
  if (global.gc) global.gc();
  const before = process.memoryUsage().heapUsed;
  const loaded = await vault.open();
  loaded.profiles.list();
  if (global.gc) global.gc();
  const after = process.memoryUsage().heapUsed;
  record(
    'heap used by a core with 1,000 profiles loaded (delta)',
    (after - before) / (1024 * 1024),
    'MB',
    undefined,
    global.gc ? 'after GC' : 'run with --expose-gc for a GC-settled figure',
  );
  record('process heap used with 1,000 profiles loaded (absolute)', after / (1024 * 1024), 'MB');
  await loaded.close();
  await vault.dispose();
}

/** Median time to first token: through profiles.test over IPC vs a plain streaming fetch, same fake. */
async function testPromptOverhead(): Promise<void> {
  const fake = await startFakeLlm({ kind: 'llamacpp', firstTokenDelayMs: 50 });
  const vault = await seededVault(10);
  const core = await vault.open();
  const pair = ipcPair(core);
  const profile = await core.profiles.create({
    name: 'Bench llama.cpp',
    kind: 'openai-compatible',
    preset: 'llamacpp',
    baseUrl: fake.url,
    model: 'test-model',
  });
  const plainTtft = async (): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${fake.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'test-model',
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
        max_tokens: 48,
        temperature: 0,
      }),
    });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended without a token');
      for (const event of parser.push(decoder.decode(value, { stream: true }))) {
        if (event.data === '[DONE]') continue;
        const content = JSON.parse(event.data).choices?.[0]?.delta?.content;
        if (content) {
          const ttft = performance.now() - started;
          await reader.cancel();
          return ttft;
        }
      }
    }
  };
  const viaTest = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      let ttft = Number.NaN;
      pair.client.profiles.test.subscribe(
        { id: profile.id },
        {
          onData: (e) => {
            if (e.type === 'phase' && e.phase === 'first-token') ttft = performance.now() - started;
          },
          onError: reject,
          onComplete: () => resolve(ttft),
        },
      );
    });
  const plain: number[] = [];
  const through: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    await plainTtft();
    await viaTest();
  }
  for (let i = 0; i < 40; i += 1) {
    plain.push(await plainTtft());
    through.push(await viaTest());
  }
  record('TTFT, plain streaming fetch (50 ms fake delay), median of 40', percentile(plain, 50), 'ms');
  record('TTFT through profiles.test over IPC, median of 40', percentile(through, 50), 'ms');
  record('test-prompt overhead (median TTFT difference)', percentile(through, 50) - percentile(plain, 50), 'ms', 2);
  await pair.close();
  await core.close();
  await vault.dispose();
  await fake.close();
}

async function discovery(): Promise<void> {
  const scan = async (ports: number[]) => {
    const vault = await seededVault(0);
    const core = await vault.open({ discovery: { ports, hosts: ['127.0.0.1', '::1'] } });
    const started = performance.now();
    let found = 0;
    let ids: string[] = [];
    for await (const e of core.discovery.scan(undefined)) {
      if (e.type !== 'done') continue;
      found = e.servers.length;
      ids = e.servers.map((s) => s.server);
    }
    const ms = performance.now() - started;
    await core.close();
    await vault.dispose();
    return { ms, found, ids };
  };
  // As many ports as the real scan probes, so the figures are those of a learner's scan.
  const n = KNOWN_PORTS.length;
  const nothing = await scan(await closedPorts(n));
  record(`discovery, nothing listening (${n} ports × 2 hosts)`, nothing.ms, 'ms', 100);
  const silent = await Promise.all(Array.from({ length: n }, () => startSilentServer()));
  const stuck = await scan(silent.map((s) => s.port));
  record(`discovery, every port accepting but never answering (${n} ports)`, stuck.ms, 'ms', 1000);
  await Promise.all(silent.map((s) => s.close()));
  const three = await Promise.all([
    startFakeLlm({ kind: 'ollama' }),
    startFakeLlm({ kind: 'lmstudio' }),
    startFakeLlm({ kind: 'llamacpp' }),
  ]);
  const up = await scan([...three.map((f) => f.port), ...(await closedPorts(n - three.length))]);
  record(
    `discovery, three fake servers up (${up.ids.join(', ')})`,
    up.ms,
    'ms',
    undefined,
    `${up.found} of 3 identified`,
  );
  record('discovery, servers identified of 3', up.found, 'servers');
  await Promise.all(three.map((f) => f.close()));
}

async function diagnostics(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'llm-bench-logs-'));
  const logger = createDiagnosticsLogger({ dir, secrets: new SecretRegistry(), maxFiles: 100 });
  const n = 50_000;
  const started = performance.now();
  for (let i = 0; i < n; i += 1)
    runInRequestContext({ correlationId: `bench-${i}` }, () =>
      logger.log('info', 'ipc.call', {
        procedure: 'profiles.list',
        type: 'query',
        durationMs: 0.1,
        outcome: 'ok',
        seq: i,
      }),
    );
  await logger.close();
  record(
    'diagnostics sustained, records per second (50,000 written and flushed)',
    n / ((performance.now() - started) / 1000),
    'records/s',
  );

  const vault = await seededVault(10);
  const quiet = await vault.open();
  const quietPair = ipcPair(quiet, silentLogger);
  const off = await timeEach(3000, () => quietPair.client.storage.status.query());
  await quietPair.close();
  await quiet.close();
  const fileLogger = createDiagnosticsLogger({
    dir,
    secrets: new SecretRegistry(),
    fileBaseName: 'ipc',
    maxFiles: 100,
  });
  const loud = await vault.open({ logger: fileLogger });
  const loudPair = ipcPair(loud, fileLogger);
  const on = await timeEach(3000, () => loudPair.client.storage.status.query());
  await loudPair.close();
  await loud.close();
  await fileLogger.close();
  record('IPC call p99 with JSONL logging off', percentile(off, 99), 'ms');
  record('IPC call p99 with JSONL logging on', percentile(on, 99), 'ms');
  record('added p99 per IPC call from logging', percentile(on, 99) - percentile(off, 99), 'ms');
  await vault.dispose();
  await rm(dir, { recursive: true, force: true });
}

/** A key-shaped random string. */
function randomKey(length: number): string {
  return `sk-${randomBytes(Math.ceil(length * 0.75))
    .toString('base64url')
    .slice(0, length - 3)}`;
}

async function secretScrub(): Promise<void> {
  // A log line as provider failures write it: a few fields and an error detail of ~1 KB from the server.
  const fields = {
    procedure: 'profiles.models',
    outcome: 'error',
    errorCode: 'PROVIDER_BAD_REQUEST',
    detail: `{"error":{"message":"${'The request was not valid. '.repeat(36)}","type":"invalid_request_error"}}`,
  };
  const perLine = (secrets: SecretRegistry) => {
    for (let i = 0; i < 500; i += 1) redact(fields, secrets);
    const samples: number[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const started = performance.now();
      redact(fields, secrets);
      samples.push(performance.now() - started);
    }
    return samples;
  };
  const none = perLine(new SecretRegistry());
  for (const live of [10, 1_000]) {
    const secrets = new SecretRegistry();
    for (let i = 0; i < live; i += 1) secrets.hold(randomKey(48));
    const samples = perLine(secrets);
    record(`scrub per log line, ${live} live secrets, p50`, percentile(samples, 50), 'ms');
    record(`scrub per log line, ${live} live secrets, p99`, percentile(samples, 99), 'ms');
  }
  record('scrub per log line, no live secret, p99 (baseline)', percentile(none, 99), 'ms');

  // A window sends 10,000 drafts with distinct 4 KB keys that fail validation (a space inside): none is held,
  // and the call after them costs what it cost before.
  const dir = await mkdtemp(path.join(tmpdir(), 'llm-bench-scrub-'));
  const secrets = new SecretRegistry();
  const logger = createDiagnosticsLogger({ dir, secrets, maxFiles: 20 });
  const vault = await seededVault(10);
  const core = await vault.open({ logger, secrets });
  const pair = ipcPair(core, logger);
  const refusedDraft = (key: string) =>
    pair.client.profiles.models
      .mutate({ draft: { kind: 'openai', baseUrl: 'http://127.0.0.1:9/v1', apiKey: key } })
      .then(
        () => {
          throw new Error('a bogus key was accepted');
        },
        () => undefined,
      );
  const bogus = (i: number) => `${randomKey(2_040)} ${String(i).padStart(2_055, '0')}`;
  const before = await timeEach(1_000, () => refusedDraft(bogus(-1)), 1_000);
  const heldBefore = secrets.size;
  for (let i = 0; i < 10_000; i += 1) await refusedDraft(bogus(i));
  const after = await timeEach(1_000, () => refusedDraft(bogus(-2)), 1_000);
  record('live secrets held after 10,000 refused 4 KB keys', secrets.size, 'secrets', heldBefore);
  record('refused-draft call p99 before the 10,000', percentile(before, 99), 'ms');
  record('refused-draft call p99 after the 10,000', percentile(after, 99), 'ms');
  record('p99 change after 10,000 refused keys', percentile(after, 99) - percentile(before, 99), 'ms', 0.1);
  await pair.close();
  await core.close();
  await logger.close();
  await vault.dispose();
  await rm(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const started = performance.now();
  const sections: Array<[string, () => Promise<void>]> = [
    ['list latency', listLatency],
    ['live updates', () => liveUpdates(record)],
    ['mutations and cold open', mutationsAndColdOpen],
    ['test-prompt overhead', testPromptOverhead],
    ['discovery', discovery],
    ['diagnostics', diagnostics],
    ['secret scrub', secretScrub],
  ];
  // BENCH_ONLY=<part of a section name> runs just that section (while working on it); the README figures come from
  // a full run.
  const only = process.env.BENCH_ONLY;
  for (const [name, run] of sections) {
    if (only && !name.includes(only)) continue;
    process.stdout.write(`… ${name}\n`);
    await run();
  }
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${release()} ${arch()}`,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
  };
  const rows = figures.map((f) => {
    const status = f.budget ? (f.value <= f.budget.max ? 'ok' : 'OVER') : '';
    return { ...f, status };
  });
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`\n${'figure'.padEnd(width)}  ${'value'.padStart(12)}  budget        status`);
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(width)}  ${`${r.value} ${r.unit}`.padStart(12)}  ${(r.budget ? `≤ ${r.budget.max} ${r.unit}` : '').padEnd(12)}  ${r.status}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  const over = rows.filter((r) => r.status === 'OVER');
  console.log(
    `\n${rows.length} figures, ${over.length} over budget; ${machine.cpus}, ${machine.node}; ${round((performance.now() - started) / 1000, 1)} s`,
  );
  if (only) return; // a partial run does not replace the full figures
  const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, 'latest.json'), `${JSON.stringify({ machine, figures: rows }, null, 2)}\n`);
}

await main();
