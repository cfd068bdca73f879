// What the learner needs to know about storage, and the one storage decision they can make: allowing
// weak key protection on a Linux desktop without a keyring. Notices when availability changes and says so.
import {
  AllowWeakEncryptionInputSchema,
  RemoveDamagedCopiesInputSchema,
  type AllowWeakEncryptionInput,
  type RemoveDamagedCopiesInput,
  type StorageStatus,
} from '../../shared/storage.contract.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { SecretCipher } from '../ports/secret-cipher.port.js';
import type { ChangeFeed } from '../profiles/change-feed.js';
import type { Vault } from '../vault/vault.js';
import type { AvailabilityMonitor } from './availability-monitor.js';

export interface StorageServiceDeps {
  readonly vault: Vault;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly changes: ChangeFeed;
  readonly availability: AvailabilityMonitor;
}

export class StorageService {
  constructor(private readonly deps: StorageServiceDeps) {}

  async status(): Promise<StorageStatus> {
    const { vault, cipher } = this.deps;
    const { state, backend } = await cipher.availability();
    if (state !== 'unavailable' && vault.countKeys('locked') > 0) {
      await vault.unlockKeys();
      await vault.refreshStaleCiphertexts().catch(() => undefined);
    }
    this.deps.availability.observe(state, backend);
    const weak = vault.document.weakStorageAllowed;
    return {
      encryption: state,
      backend,
      writable: state !== 'unavailable',
      canStoreKeys: state === 'available' || (state === 'weak' && weak !== null),
      weakStorageAllowedAt: weak?.at ?? null,
      vaultPath: vault.location,
      recovery: vault.recovery,
      unreadableKeyCount: vault.countKeys('unreadable'),
      damagedCopies: await vault.quarantined(),
    };
  }

  /** Deletes the damaged copies moved aside at start-up (they may hold old, encrypted keys). */
  async removeDamagedCopies(input: RemoveDamagedCopiesInput): Promise<StorageStatus> {
    parseInput(RemoveDamagedCopiesInputSchema, input);
    const removed = await this.deps.vault.removeQuarantined();
    this.deps.logger.log('info', 'storage.damaged_copies_removed', { removed });
    if (removed > 0) this.deps.changes.publish('storage.changed', null);
    return this.status();
  }

  /** Records the learner's explicit opt-in; only meaningful (and only written) while protection is weak. */
  async allowWeakEncryption(input: AllowWeakEncryptionInput): Promise<StorageStatus> {
    parseInput(AllowWeakEncryptionInputSchema, input);
    const { state, backend } = await this.deps.cipher.availability();
    if (state === 'unavailable') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE', { params: { backend } });
    if (state === 'weak') {
      const at = this.deps.clock.now().toISOString();
      const written = await this.deps.vault.commit((doc) =>
        doc.weakStorageAllowed !== null
          ? { document: null, result: false }
          : { document: { ...doc, weakStorageAllowed: { at, backend } }, result: true },
      );
      if (written) {
        this.deps.logger.log('warn', 'storage.weak_allowed', { backend, at });
        this.deps.changes.publish('storage.changed', null);
      }
    }
    return this.status();
  }
}
