// The test composition root: the real core and the real vault file store on a temp dir, with a fake
// cipher, clock, ids and an in-memory logger. Reopening builds a fresh core on the same directory.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EncryptionState } from '../../shared/storage.contract.js';
import { createCore, type CoreServices } from '../../src/core.js';
import { fetchNetwork } from '../../src/adapters/fetch-network.adapter.js';
import { nodeTimers } from '../../src/adapters/node-timers.adapter.js';
import type { Timers } from '../../src/ports/timers.port.js';
import { AtomicFileStore } from '../../src/adapters/atomic-file.store.js';
import type { FsPort } from '../../src/ports/fs.port.js';
import type { DiscoveryOptions } from '../../src/discovery/discovery.service.js';
import type { Network } from '../../src/ports/network.port.js';
import type { FileDialogs } from '../../src/ports/file-dialogs.port.js';
import { logFilesIn } from '../../src/adapters/log-files.adapter.js';
import { FakeClock } from './fake-clock.js';
import { SequentialIds } from './sequential-ids.js';
import { FakeSecretCipher } from './fake-secret-cipher.js';
import { createDiagnosticsLogger } from '../../src/index.js';
import { MemoryLogger } from './memory-logger.js';
import { RecordingSecretRegistry, suiteJsonlLogger, TeeLogger } from './suite-diagnostics.js';

export interface TestCoreOptions {
  readonly dir?: string;
  readonly availability?: EncryptionState;
  readonly cipher?: FakeSecretCipher;
  readonly fs?: FsPort;
  readonly clock?: FakeClock;
  readonly logger?: MemoryLogger;
  readonly network?: Network;
  /** The OS Save / Open dialogs, answered by the test (see fake-file-dialogs.ts). */
  readonly files?: FileDialogs;
  /** Real timers unless a test drives deadlines itself (FakeTimers). */
  readonly timers?: Timers;
  readonly discovery?: DiscoveryOptions;
  readonly maxTestResponseBytes?: number;
  /** Core limits a test lowers to reach them quickly (see CoreOptions). */
  readonly maxChatResponseBytes?: number;
  readonly chatSilenceMs?: number;
  /** Write the JSONL diagnostics under `<dir>/logs`, as the app does, instead of the suite's log folder. */
  readonly logsInDataDir?: boolean;
}

export interface TestCore extends AsyncDisposable {
  readonly core: CoreServices;
  readonly cipher: FakeSecretCipher;
  readonly store: AtomicFileStore;
  readonly clock: FakeClock;
  readonly logger: MemoryLogger;
  readonly dir: string;
  readonly vaultPath: string;
  readVaultBytes(): Promise<Buffer | null>;
  listDir(): Promise<string[]>;
  reopen(options?: Omit<TestCoreOptions, 'dir'>): Promise<TestCore>;
  /** Waits for queued vault writes and flushes and closes the JSONL logs, so every byte is on disk. */
  settle(): Promise<void>;
  dispose(): Promise<void>;
}

export async function makeTempDir(prefix = 'llm-profiles-'): Promise<string> {
  return mkdtemp(path.join(tmpdir(), prefix));
}

export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dir = options.dir ?? (await makeTempDir());
  const cipher = options.cipher ?? new FakeSecretCipher({ state: options.availability ?? 'available' });
  if (options.cipher && options.availability) cipher.setAvailability(options.availability);
  const clock = options.clock ?? new FakeClock();
  const logger = options.logger ?? new MemoryLogger();
  const store = new AtomicFileStore({ dir, ...(options.fs && { fs: options.fs }) });
  const secrets = new RecordingSecretRegistry();
  // The suite's log folder always gets a copy, so the end-of-run key scan sees every line.
  const jsonlLoggers = [
    ...(options.logsInDataDir ? [createDiagnosticsLogger({ dir: path.join(dir, 'logs'), secrets })] : []),
    ...[suiteJsonlLogger(secrets)].filter((l) => l !== null),
  ];
  const closeLogs = () => Promise.all(jsonlLoggers.map((l) => l.close()));
  const core = await createCore(
    {
      cipher,
      store,
      logger: new TeeLogger([logger, ...jsonlLoggers]),
      clock,
      timers: options.timers ?? nodeTimers,
      ids: new SequentialIds(),
      secrets,
      network: options.network ?? fetchNetwork,
      ...(options.files && { files: options.files }),
      // A support bundle reads the logs this core writes (when they are in the data dir).
      ...(options.logsInDataDir && { diagnostics: logFilesIn(path.join(dir, 'logs'), { app: 'test' }) }),
    },
    {
      ...(options.discovery && { discovery: options.discovery }),
      ...(options.maxTestResponseBytes !== undefined && { maxTestResponseBytes: options.maxTestResponseBytes }),
      ...(options.maxChatResponseBytes !== undefined && { maxChatResponseBytes: options.maxChatResponseBytes }),
      ...(options.chatSilenceMs !== undefined && { chatSilenceMs: options.chatSilenceMs }),
    },
  );
  const testCore: TestCore = {
    core,
    cipher,
    store,
    clock,
    logger,
    dir,
    vaultPath: store.location,
    readVaultBytes: async () => {
      try {
        return await readFile(store.location);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    listDir: async () => (await readdir(dir)).sort(),
    reopen: async (more = {}) => {
      await core.close();
      await closeLogs();
      return createTestCore({ cipher, clock, ...pick(options), ...more, dir });
    },
    settle: async () => {
      await core.close();
      await closeLogs();
    },
    dispose: async () => {
      await core.close();
      await closeLogs();
      await rm(dir, { recursive: true, force: true });
    },
    [Symbol.asyncDispose]: () => testCore.dispose(),
  };
  return testCore;
}

/** Options a reopened core keeps from the original (fakes of the environment, not of the vault). */
function pick(options: TestCoreOptions): TestCoreOptions {
  return {
    ...(options.network && { network: options.network }),
    ...(options.timers && { timers: options.timers }),
    ...(options.discovery && { discovery: options.discovery }),
    ...(options.maxTestResponseBytes !== undefined && { maxTestResponseBytes: options.maxTestResponseBytes }),
    ...(options.maxChatResponseBytes !== undefined && { maxChatResponseBytes: options.maxChatResponseBytes }),
    ...(options.chatSilenceMs !== undefined && { chatSilenceMs: options.chatSilenceMs }),
    ...(options.logsInDataDir && { logsInDataDir: true }),
  };
}
