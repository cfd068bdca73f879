// Building blocks for the benchmarks: percentiles, a seeded vault of N profiles written the way the app
// writes it, cores built on it, and the IPC link + server over a structured-clone MessageChannel.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StoredProfile } from '../shared/profile.contract.js';
import { createCore, type CoreServices } from '../src/core.js';
import { fetchNetwork, nodeTimers, randomIds, SecretRegistry, systemClock } from '../src/index.js';
import type { Logger } from '../src/ports/logger.port.js';
import { AtomicFileStore } from '../src/adapters/atomic-file.store.js';
import { serializeVaultDocument, VAULT_SCHEMA_VERSION, type VaultDocument } from '../src/vault/vault-document.js';
import type { DiscoveryOptions } from '../src/discovery/discovery.service.js';
import { FakeSecretCipher } from '../test/support/fake-secret-cipher.js';

export const silentLogger: Logger = { log: () => undefined };

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export async function timeEach(
  iterations: number,
  run: (i: number) => unknown,
  warmup = Math.min(50, iterations),
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await run(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    await run(i);
    samples.push(performance.now() - started);
  }
  return samples;
}

export interface BenchVault {
  readonly dir: string;
  readonly cipher: FakeSecretCipher;
  open(options?: { logger?: Logger; discovery?: DiscoveryOptions; secrets?: SecretRegistry }): Promise<CoreServices>;
  dispose(): Promise<void>;
}

/** A vault with `count` profiles (every other one with an encrypted key), written atomically like the app does. */
export async function seededVault(count: number): Promise<BenchVault> {
  const dir = await mkdtemp(path.join(tmpdir(), 'llm-bench-'));
  const cipher = new FakeSecretCipher();
  const at = new Date('2026-01-15T10:00:00.000Z').toISOString();
  const profiles: StoredProfile[] = [];
  const keys: Record<string, string> = {};
  for (let i = 0; i < count; i += 1) {
    const id = `bench-${String(i).padStart(5, '0')}`;
    profiles.push({
      id,
      name: `Profile ${i}`,
      kind: i % 2 ? 'openai-compatible' : 'ollama',
      ...(i % 2 ? { preset: 'lmstudio' as const } : {}),
      baseUrl: i % 2 ? `http://127.0.0.1:${1000 + i}/v1` : 'http://127.0.0.1:11434',
      model: `model-${i}`,
      timeoutMs: 30_000,
      revision: 1,
      createdAt: at,
      updatedAt: at,
      remoteConsent: null,
      lastTest: null,
    });
    if (i % 2) keys[id] = Buffer.from(await cipher.encrypt(`sk-bench-key-${i}-abcdefghij`)).toString('base64');
  }
  const document: VaultDocument = {
    schemaVersion: VAULT_SCHEMA_VERSION,
    profiles,
    activeProfileId: null,
    keys,
    headers: {},
    weakStorageAllowed: null,
  };
  const store = new AtomicFileStore({ dir });
  await store.write(serializeVaultDocument(document));
  return {
    dir,
    cipher,
    open: (options = {}) =>
      createCore(
        {
          cipher,
          store: new AtomicFileStore({ dir }),
          logger: options.logger ?? silentLogger,
          clock: systemClock,
          timers: nodeTimers,
          ids: randomIds,
          network: fetchNetwork,
          secrets: options.secrets ?? new SecretRegistry(),
        },
        options.discovery ? { discovery: options.discovery } : {},
      ),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
