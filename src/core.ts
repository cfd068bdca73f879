// Builds the core's services from its ports, and nothing else: no transport, no adapters. The app's composition
// root (src-main/app/start-app.ts) passes real adapters through src/index.ts; test/support/create-test-core.ts
// passes fakes. Opening the vault (and recovering a damaged one) happens here, before any service exists.
import type { SecretRegistry } from './diagnostics/secret-registry.js';
import { DiscoveryService, type DiscoveryOptions } from './discovery/discovery.service.js';
import { toAppError } from './errors/app-error-data.js';
import type { Clock } from './ports/clock.port.js';
import type { IdGenerator } from './ports/id-generator.port.js';
import type { Logger } from './ports/logger.port.js';
import type { Network } from './ports/network.port.js';
import type { ProfileStore } from './ports/profile-store.port.js';
import type { SecretCipher } from './ports/secret-cipher.port.js';
import type { Timers } from './ports/timers.port.js';
import type { ProfileList } from '../shared/profile.contract.js';
import { ChangeFeed } from './profiles/change-feed.js';
import { ProfileService } from './profiles/profile.service.js';
import { ChatService } from './providers/chat.service.js';
import { ModelWarmup } from './providers/model-warmup.service.js';
import { ConnectionTestService } from './providers/connection-test.service.js';
import { ModelListingService } from './providers/model-listing.service.js';
import { AvailabilityMonitor } from './secure-storage/availability-monitor.js';
import { StorageService } from './secure-storage/storage.service.js';
import { ProfileTransferService } from './transfer/profile-transfer.service.js';
import { NO_FILE_DIALOGS, type FileDialogs } from './ports/file-dialogs.port.js';
import { NO_DIAGNOSTICS, type DiagnosticsSource } from './ports/diagnostics-source.port.js';
import { SupportBundleService } from './diagnostics/support-bundle.service.js';
import { Vault } from './vault/vault.js';

/** What the core needs from the world. Every field is an interface the tests can fake. */
export interface CorePorts {
  readonly cipher: SecretCipher;
  readonly store: ProfileStore;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly timers: Timers;
  readonly ids: IdGenerator;
  readonly network: Network;
  /** Shared with the log writer, so it scrubs every secret the core handles. */
  readonly secrets: SecretRegistry;
  /** The OS Save and Open dialogs for export and import (none: export and import report "cancelled"). */
  readonly files?: FileDialogs;
  /** The log files and versions a support bundle is made of (none: a bundle without logs). */
  readonly diagnostics?: DiagnosticsSource;
}

export interface CoreOptions {
  /** Where discovery looks (tests point it at their own ports). */
  readonly discovery?: DiscoveryOptions;
  /** Response cap for the connection test (tests lower it). */
  readonly maxTestResponseBytes?: number;
  /** Response cap for one chat reply (tests lower it). */
  readonly maxChatResponseBytes?: number;
  /** How long a chat reply may stay silent (tests shorten it). */
  readonly chatSilenceMs?: number;
  /** Written into export files (the app's version). */
  readonly appVersion?: string;
}

/** The use cases, as the API layer and the tests call them. */
export interface CoreServices {
  readonly profiles: ProfileService;
  readonly storage: StorageService;
  readonly chat: ChatService;
  readonly connectionTest: ConnectionTestService;
  readonly warmup: ModelWarmup;
  readonly models: ModelListingService;
  readonly discovery: DiscoveryService;
  /** Export and import of profiles as one file. */
  readonly transfer: ProfileTransferService;
  /** "Save diagnostics for support". */
  readonly support: SupportBundleService;
  readonly changes: ChangeFeed;
  readonly logger: Logger;
  readonly ids: IdGenerator;
  /** Waits for queued writes to finish; call before quitting. */
  close(): Promise<void>;
}

export async function createCore(ports: CorePorts, options: CoreOptions = {}): Promise<CoreServices> {
  const { logger, cipher, store, clock, timers, ids, network, secrets } = ports;
  const vault = await Vault.open({ store, cipher, clock, logger, secrets });
  void vault
    .refreshStaleCiphertexts()
    .catch((error: unknown) => logger.log('warn', 'vault.reencrypt_failed', { errorCode: toAppError(error).code }));
  // Events carry what changed in the list the profile service serves; the feed asks for it only once a change
  // is published, by which time the service below exists.
  const changes: ChangeFeed = new ChangeFeed(clock, logger, (): ProfileList => profiles.list());
  const availability = new AvailabilityMonitor({ logger, changes });
  const profiles = new ProfileService({ vault, cipher, clock, ids, logger, secrets, changes, availability });
  const storage = new StorageService({ vault, cipher, clock, logger, changes, availability });
  const chat = new ChatService({
    profiles,
    network,
    clock,
    timers,
    secrets,
    logger,
    ...(options.maxChatResponseBytes !== undefined && { maxResponseBytes: options.maxChatResponseBytes }),
    ...(options.chatSilenceMs !== undefined && { silenceMs: options.chatSilenceMs }),
  });
  const warmup = new ModelWarmup({ network, secrets, timers, clock, logger, profiles });
  const connectionTest = new ConnectionTestService({
    chat,
    warmup,
    profiles,
    clock,
    timers,
    secrets,
    logger,
    ...(options.maxTestResponseBytes !== undefined && { maxResponseBytes: options.maxTestResponseBytes }),
  });
  const models = new ModelListingService({ profiles, network, timers, secrets, logger });
  const discovery = new DiscoveryService({
    network,
    clock,
    timers,
    logger,
    secrets,
    profiles,
    ...(options.discovery && { defaults: options.discovery }),
  });
  const transfer = new ProfileTransferService({
    profiles,
    vault,
    clock,
    ids,
    logger,
    secrets,
    changes,
    appVersion: options.appVersion ?? 'unknown',
    files: ports.files ?? NO_FILE_DIALOGS,
  });
  const support = new SupportBundleService({
    profiles,
    storage,
    source: ports.diagnostics ?? NO_DIAGNOSTICS,
    files: ports.files ?? NO_FILE_DIALOGS,
    secrets,
    clock,
    logger,
  });
  return {
    profiles,
    storage,
    chat,
    connectionTest,
    warmup,
    models,
    discovery,
    transfer,
    support,
    changes,
    logger,
    ids,
    close: () => vault.drain(),
  };
}
