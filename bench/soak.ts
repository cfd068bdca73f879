// `npm run soak`: reliability at scale, beyond what the test suite runs. SIGKILL during writes × 200, 10,000
// fuzzed IPC messages, 1,000 concurrent mutations. Prints the counts and writes bench/results/soak-latest.json.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { crashOnce } from '../test/support/crash-harness.js';
import { createTestCore, makeTempDir } from '../test/support/create-test-core.js';
import { runIpcFuzz } from '../test/support/ipc-fuzz.js';

async function crashes(kills: number): Promise<Record<string, number>> {
  const workers = 2;
  const results = await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      const dir = await makeTempDir('llm-soak-');
      const key = randomBytes(32);
      const out = [];
      for (let i = w; i < kills; i += workers) out.push(await crashOnce(dir, key, 80));
      await rm(dir, { recursive: true, force: true });
      return out;
    }),
  );
  const all = results.flat();
  const bad = all.filter(
    (o) =>
      o.recovered ||
      o.found === null ||
      o.found < o.lastAck ||
      o.found > Math.max(o.lastAck, o.lastBegin) ||
      !o.contentMatches ||
      !o.keyMatches ||
      o.tempFilesAfterRestart.length > 0,
  );
  return {
    kills: all.length,
    corruptOrLost: bad.length,
    killedMidWrite: all.filter((o) => o.lastBegin > o.lastAck).length,
  };
}

async function fuzz(count: number): Promise<Record<string, number>> {
  // Storage available and a profile seeded, so a write that slipped through would really happen.
  const r = await runIpcFuzz(count, Date.now() % 2 ** 31);
  return {
    messages: r.messages,
    requestsWithId: r.requestsWithId,
    unanswered: r.unanswered.length,
    unhandledRejections: r.unhandledRejections.length,
    vaultChanged: Number(r.vaultChanged),
    encryptCalls: r.encryptCalls,
    domainChanges: r.domainChanges,
    uncataloguedErrors: r.malformedErrors,
    serverAliveAfter: Number(r.listedAfter.length === 1),
  };
}

async function concurrentMutations(count: number): Promise<Record<string, number>> {
  const t = await createTestCore();
  const p = await t.core.profiles.create({
    name: 'Soak',
    kind: 'ollama',
    baseUrl: 'http://127.0.0.1:11434',
    model: 'm',
  });
  const others = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      t.core.profiles.create({ name: `Other ${i}`, kind: 'ollama', baseUrl: 'http://127.0.0.1:11434', model: 'm' }),
    ),
  );
  // Updates carry the revision each will see (the queue applies them in call order); activations of other
  // profiles are interleaved and must not disturb them.
  let nextRevision = 1;
  const settled = await Promise.allSettled(
    Array.from({ length: count }, (_, i) =>
      i % 4 === 0
        ? t.core.profiles.activate({ id: others[i % others.length]!.id })
        : t.core.profiles.update({ id: p.id, expectedRevision: nextRevision++, patch: { model: `m-${i}` } }),
    ),
  );
  const updates = settled.filter((_, i) => i % 4 !== 0);
  const applied = updates.filter((s) => s.status === 'fulfilled').length;
  const reopened = await t.reopen();
  const finalRevision = reopened.core.profiles.get({ id: p.id }).revision;
  await reopened.dispose();
  return {
    mutations: count,
    updatesApplied: applied,
    updatesSent: updates.length,
    finalRevision,
    lostUpdates: applied - (finalRevision - 1),
  };
}

const started = Date.now();
const report = {
  date: new Date().toISOString(),
  crashSafety: await crashes(Number(process.env.SOAK_KILLS ?? 200)),
  ipcFuzz: await fuzz(10_000),
  concurrency: await concurrentMutations(1_000),
  seconds: Math.round((Date.now() - started) / 100) / 10,
};
console.log(JSON.stringify(report, null, 2));
const out = path.join(path.dirname(new URL(import.meta.url).pathname), 'results');
await mkdir(out, { recursive: true });
await writeFile(path.join(out, 'soak-latest.json'), `${JSON.stringify(report, null, 2)}\n`);
