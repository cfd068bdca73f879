// The one way to build the core from its ports. The app's composition root (src-main/main.ts) passes real
// adapters; test/support/create-test-core.ts passes fakes. Opening the vault (and recovering it) happens here.
import { SecretRegistry } from './diagnostics/secret-registry.js';
import type { Clock } from './ports/clock.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { Logger } from './ports/logger.port.js';
import type { ProfileStore } from './ports/profile-store.port.js';
import type { SecretCipher } from './ports/secret-cipher.port.js';
import { ChangeFeed } from './profiles/change-feed.js';
import { ProfileService } from './profiles/profile.service.js';
import { StorageService } from './storage/storage.service.js';
import { randomIds, systemClock } from './system/system-clock.js';
import { appRouter, type AppRouter } from './trpc/app.router.js';
import { createContextInner, type TrpcContext } from './trpc/context.js';
import { Vault } from './vault/vault.js';
import { DiscoveryService, type DiscoveryOptions } from './discovery/discovery.service.js';
import { ConnectionTestService } from './providers/connection-test.service.js';
import { fetchNetwork } from './providers/fetch-network.adapter.js';
import { ModelListingService } from './providers/model-listing.service.js';
import type { Network } from './providers/network.port.js';
import { AvailabilityMonitor } from './storage/availability-monitor.js';

export interface CoreDeps {
  readonly cipher: SecretCipher;
  readonly store: ProfileStore;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  /** Shared with the log writer so it can scrub every secret the vault handles. */
  readonly secrets?: SecretRegistry;
  /** How provider servers are reached; the real fetch unless a test wraps it. */
  readonly network?: Network;
  /** Defaults for discovery (tests point it at their own ports). */
  readonly discovery?: DiscoveryOptions;
  /** Response cap for the connection test (tests lower it). */
  readonly maxTestResponseBytes?: number;
}

export interface Core {
  readonly profiles: ProfileService;
  readonly storage: StorageService;
  readonly connectionTest: ConnectionTestService;
  readonly models: ModelListingService;
  readonly discovery: DiscoveryService;
  readonly changes: ChangeFeed;
  readonly secrets: SecretRegistry;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  /** The procedures the renderer calls over IPC. */
  readonly router: AppRouter;
  /** The tRPC context for one call. */
  createContext(correlationId: string): TrpcContext;
  /** Waits for queued writes to finish; call before quitting. */
  close(): Promise<void>;
}

export async function createCore(deps: CoreDeps): Promise<Core> {
  const clock = deps.clock ?? systemClock;
  const ids = deps.ids ?? randomIds;
  const secrets = deps.secrets ?? new SecretRegistry();
  const { logger, cipher, store } = deps;
  const vault = await Vault.open({ store, cipher, clock, logger, secrets });
  void vault
    .refreshStaleCiphertexts()
    .catch((error: unknown) =>
      logger.log('warn', 'vault.reencrypt_failed', { errorCode: (error as { code?: string }).code ?? 'INTERNAL' }),
    );
  const changes = new ChangeFeed(clock, logger);
  const availability = new AvailabilityMonitor({
    logger,
    changes,
    activeProfileId: () => vault.document.activeProfileId,
  });
  const profiles = new ProfileService({ vault, cipher, clock, ids, logger, secrets, changes, availability });
  const storage = new StorageService({ vault, cipher, clock, logger, changes, availability });
  const network = deps.network ?? fetchNetwork;
  const connectionTest = new ConnectionTestService({
    profiles,
    network,
    clock,
    secrets,
    logger,
    ...(deps.maxTestResponseBytes !== undefined && { maxResponseBytes: deps.maxTestResponseBytes }),
  });
  const models = new ModelListingService({ profiles, network, secrets, logger });
  const discovery = new DiscoveryService({
    network,
    clock,
    logger,
    profiles,
    ...(deps.discovery && { defaults: deps.discovery }),
  });
  const core: Core = {
    profiles,
    storage,
    connectionTest,
    models,
    discovery,
    changes,
    secrets,
    clock,
    ids,
    logger,
    router: appRouter,
    createContext: (correlationId) => createContextInner(core, correlationId),
    close: () => vault.drain(),
  };
  return core;
}
