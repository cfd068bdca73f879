// The vault in memory: the last document that was durably written, the decrypted state of each key, and
// the single queue every change goes through. A change becomes visible only after its bytes are on disk;
// if the write fails, memory is untouched and the caller gets a typed storage error.
import type { KeyStatus } from '../../shared/profile.contract.js';
import { DAMAGED_COPIES_KEPT, type VaultRecovery } from '../../shared/storage.contract.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';
import { errnoOf } from '../ports/errno.js';
import type { ProfileStore, QuarantinedFile } from '../ports/profile-store.port.js';
import type { SecretCipher } from '../ports/secret-cipher.port.js';
import { SerialQueue } from './serial-queue.js';
import { storageError } from './storage-errors.js';
import { AppError } from '../errors/app-error.js';
import {
  emptyVaultDocument,
  parseVaultDocument,
  serializeVaultDocument,
  writeProblems,
  type VaultDocument,
} from './vault-document.js';

export interface KeyState {
  readonly status: KeyStatus;
  /** Last four characters, only for keys long enough that four do not give much away. */
  readonly hint: string | null;
}

interface KeyEntry extends KeyState {
  readonly plaintext: string | null;
  /** Ends the secret registry's hold on the plaintext. */
  readonly release: () => void;
}

export interface VaultDeps {
  readonly store: ProfileStore;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
}

/** What a mutation wants written. `document: null` means "nothing to write" (a no-op). */
export interface Mutation<T> {
  readonly document: VaultDocument | null;
  /** Keys whose plaintext changed: a string for a new key, null for a removed one. */
  readonly keyChanges?: ReadonlyMap<string, string | null>;
  readonly result: T;
}

const NO_KEY: KeyEntry = { status: 'none', hint: null, plaintext: null, release: () => undefined };
// Four characters of a short key give too much of it away: shorter keys show only that a key is saved.
const HINT_MIN_KEY_LENGTH = 20;

export function keyHint(plaintext: string): string | null {
  return plaintext.length >= HINT_MIN_KEY_LENGTH ? plaintext.slice(-4) : null;
}

function encodeCiphertext(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export class Vault {
  private doc: VaultDocument;
  private docVersion = 0;
  private readonly keys = new Map<string, KeyEntry>();
  private readonly queue = new SerialQueue();
  /** Keys whose ciphertext the OS wants refreshed (decrypt said shouldReEncrypt). */
  private readonly staleCiphertexts = new Set<string>();

  private constructor(
    private readonly deps: VaultDeps,
    document: VaultDocument,
    readonly recovery: VaultRecovery | null,
  ) {
    this.doc = document;
  }

  static async open(deps: VaultDeps): Promise<Vault> {
    const { document, recovery } = await loadOrRecover(deps);
    await pruneQuarantined(deps);
    const vault = new Vault(deps, document, recovery);
    await vault.decryptKeys(Object.keys(document.keys));
    return vault;
  }

  get document(): VaultDocument {
    return this.doc;
  }

  /** Increases with every committed write; lets readers cache what they derive from the document. */
  get version(): number {
    return this.docVersion;
  }

  get location(): string {
    return this.deps.store.location;
  }

  keyState(profileId: string): KeyState {
    const entry = this.keys.get(profileId) ?? NO_KEY;
    return { status: entry.status, hint: entry.hint };
  }

  /** The decrypted key, for the provider call that needs it. Never leaves the main process. */
  plaintextKey(profileId: string): string | null {
    return this.keys.get(profileId)?.plaintext ?? null;
  }

  /** Damaged copies moved aside at start-up and still on disk, newest first. */
  quarantined(): Promise<QuarantinedFile[]> {
    return this.deps.store.listQuarantined();
  }

  /** Deletes every damaged copy listed now; returns how many went. */
  async removeQuarantined(): Promise<number> {
    const files = await this.deps.store.listQuarantined();
    try {
      return await this.deps.store.removeQuarantined(files.map((f) => f.name));
    } catch (error) {
      throw storageError(error, this.deps.store.location);
    }
  }

  countKeys(status: KeyStatus): number {
    let count = 0;
    for (const entry of this.keys.values()) if (entry.status === status) count += 1;
    return count;
  }

  /**
   * The one write path. `mutate` sees the document as last written and returns the next one (or null for no
   * change) and the keys whose plaintext changed; the vault encrypts those itself, drops the keys of profiles
   * that are gone, validates the whole document, and writes it atomically. Memory changes only once the bytes
   * are on disk.
   */
  commit<T>(mutate: (current: VaultDocument) => Mutation<T>): Promise<T> {
    return this.queue.run(async () => {
      const mutation = mutate(this.doc);
      if (mutation.document === null) return mutation.result;
      const document = await this.withKeys(mutation.document, mutation.keyChanges);
      const problems = writeProblems(this.doc, document);
      if (problems.length > 0) {
        // A bug upstream (or a value from outside that slipped through): refuse rather than write a vault
        // that the next start would have to quarantine.
        this.deps.logger.log('error', 'vault.write_refused_invalid', { problems: problems.slice(0, 10) });
        throw new AppError('INTERNAL', { params: { reason: 'invalid vault document' } });
      }
      const bytes = serializeVaultDocument(document);
      try {
        await this.deps.store.write(bytes);
      } catch (error) {
        throw storageError(error, this.deps.store.location);
      }
      // The write kept the version before it as the backup; when that version holds the ciphertext of a key just
      // removed or replaced, writing again makes the backup this version too, so the old key does not linger.
      if (Object.entries(this.doc.keys).some(([id, ciphertext]) => document.keys[id] !== ciphertext)) {
        await this.deps.store.write(bytes).catch((error: unknown) => {
          this.deps.logger.log('warn', 'vault.backup_not_rewritten', { errno: errnoOf(error) ?? 'unknown' });
        });
      }
      this.doc = document;
      this.docVersion += 1;
      this.applyKeyChanges(document, mutation.keyChanges);
      return mutation.result;
    });
  }

  /**
   * Retries keys that could not be decrypted because secure storage was unavailable at start-up. Runs in the
   * write queue so a late decrypt can never resurrect a key deleted or replaced meanwhile, and bumps the
   * version so cached views show the new key state.
   */
  unlockKeys(): Promise<void> {
    return this.queue.run(async () => {
      const locked = [...this.keys]
        .filter(([id, entry]) => entry.status === 'locked' && id in this.doc.keys)
        .map(([id]) => id);
      if (locked.length === 0) return;
      await this.decryptKeys(locked);
      this.docVersion += 1;
    });
  }

  /**
   * Re-encrypts keys the OS asked to have re-encrypted (safeStorage's shouldReEncrypt: its key was rotated), so
   * they stay readable: an ordinary commit of the same document with those keys changed. Returns how many.
   */
  async refreshStaleCiphertexts(): Promise<number> {
    if (this.staleCiphertexts.size === 0) return 0;
    if ((await this.deps.cipher.availability()).state === 'unavailable') return 0;
    const count = await this.commit((doc) => {
      const changes = new Map<string, string>();
      for (const id of this.staleCiphertexts) {
        const plaintext = this.keys.get(id)?.plaintext;
        if (id in doc.keys && plaintext) changes.set(id, plaintext);
      }
      this.staleCiphertexts.clear();
      return { document: changes.size === 0 ? null : doc, keyChanges: changes, result: changes.size };
    });
    if (count > 0) this.deps.logger.log('info', 'vault.keys_reencrypted', { count });
    return count;
  }

  /** The document with its keys brought in line: changed ones encrypted, removed ones and orphans dropped. */
  private async withKeys(
    document: VaultDocument,
    changes: ReadonlyMap<string, string | null> | undefined,
  ): Promise<VaultDocument> {
    const ids = new Set(document.profiles.map((p) => p.id));
    const orphans = Object.keys(document.keys).filter((id) => !ids.has(id));
    if ((changes === undefined || changes.size === 0) && orphans.length === 0) return document;
    const keys = { ...document.keys };
    for (const id of orphans) delete keys[id];
    for (const [id, plaintext] of changes ?? []) {
      if (plaintext === null) delete keys[id];
      else keys[id] = await this.encrypt(plaintext);
    }
    return { ...document, keys };
  }

  private async encrypt(plaintext: string): Promise<string> {
    try {
      return encodeCiphertext(await this.deps.cipher.encrypt(plaintext));
    } catch (error) {
      throw new AppError('VAULT_ENCRYPTION_FAILED', { cause: error });
    }
  }

  drain(): Promise<void> {
    return this.queue.drain();
  }

  private applyKeyChanges(document: VaultDocument, changes: ReadonlyMap<string, string | null> | undefined): void {
    for (const [id, plaintext] of changes ?? []) {
      if (plaintext === null) this.dropKey(id);
      else this.setKey(id, { status: 'stored', hint: keyHint(plaintext), plaintext });
    }
    for (const id of [...this.keys.keys()]) if (!(id in document.keys)) this.dropKey(id);
  }

  /** A key's state; a readable one is held in the secret registry for exactly as long as the vault keeps it. */
  private setKey(id: string, entry: KeyState & { readonly plaintext: string | null }): void {
    this.keys.get(id)?.release();
    const release = entry.plaintext === null ? () => undefined : this.deps.secrets.hold(entry.plaintext);
    this.keys.set(id, { ...entry, release });
  }

  private dropKey(id: string): void {
    this.keys.get(id)?.release();
    this.keys.delete(id);
  }

  private async decryptKeys(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const { state } = await this.deps.cipher.availability();
    if (state === 'unavailable') {
      for (const id of ids) this.setKey(id, { status: 'locked', hint: null, plaintext: null });
      return;
    }
    await Promise.all(
      ids.map(async (id) => {
        const encoded = this.doc.keys[id];
        if (encoded === undefined) return;
        try {
          const { plaintext, shouldReEncrypt } = await this.deps.cipher.decrypt(Buffer.from(encoded, 'base64'));
          if (shouldReEncrypt) this.staleCiphertexts.add(id);
          this.setKey(id, { status: 'stored', hint: keyHint(plaintext), plaintext });
        } catch (error) {
          this.setKey(id, { status: 'unreadable', hint: null, plaintext: null });
          this.deps.logger.log('warn', 'vault.key_unreadable', { profileId: id, error: errorName(error) });
        }
      }),
    );
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

/** Damaged copies are kept for the learner to look at, but not forever: the newest few, for a month. */
async function pruneQuarantined({ store, clock, logger }: VaultDeps): Promise<void> {
  try {
    const oldest = clock.now().getTime() - DAMAGED_COPIES_KEPT.days * 24 * 60 * 60 * 1000;
    const files = await store.listQuarantined();
    const expired = files.filter((f, index) => index >= DAMAGED_COPIES_KEPT.count || Date.parse(f.at) < oldest);
    if (expired.length === 0) return;
    const removed = await store.removeQuarantined(expired.map((f) => f.name));
    logger.log('info', 'vault.quarantine_pruned', { removed, kept: files.length - removed });
  } catch (error) {
    // Only housekeeping: the vault opens all the same, and the next start tries again.
    logger.log('warn', 'vault.quarantine_prune_failed', { errno: errnoOf(error) ?? 'unknown' });
  }
}

async function loadOrRecover(deps: VaultDeps): Promise<{ document: VaultDocument; recovery: VaultRecovery | null }> {
  const { store } = deps;
  await store.removeStaleTemporaryFiles();
  const bytes = await store.read('vault');
  if (bytes === null) {
    // A vault never disappears in normal use (writes rename over it); a lone backup means recovery was cut short.
    const backup = await store.read('backup');
    return backup === null
      ? { document: emptyVaultDocument(), recovery: null }
      : restore(deps, 'missing', null, backup);
  }
  const parsed = parseVaultDocument(bytes);
  if (parsed.ok) return { document: parsed.document, recovery: null };
  if (parsed.reason === 'newer')
    throw new AppError('VAULT_NEWER_VERSION', { params: { version: parsed.schemaVersion } });
  const quarantinedPath = await store.quarantine('vault', deps.clock.now());
  return restore(deps, parsed.reason, quarantinedPath, await store.read('backup'));
}

async function restore(
  deps: VaultDeps,
  reason: VaultRecovery['reason'],
  quarantinedPath: string | null,
  backup: Uint8Array | null,
): Promise<{ document: VaultDocument; recovery: VaultRecovery }> {
  const { store, logger, clock } = deps;
  let document = emptyVaultDocument();
  let restoredFrom: VaultRecovery['restoredFrom'] = 'empty';
  if (backup !== null) {
    const parsedBackup = parseVaultDocument(backup);
    if (!parsedBackup.ok && parsedBackup.reason === 'newer')
      throw new AppError('VAULT_NEWER_VERSION', { params: { version: parsedBackup.schemaVersion } });
    if (parsedBackup.ok) {
      document = parsedBackup.document;
      restoredFrom = 'backup';
      try {
        await store.write(serializeVaultDocument(document));
      } catch (error) {
        // Served from memory this session; the backup file is still there for the next start.
        logger.log('error', 'vault.restore_write_failed', { errno: errnoOf(error) ?? 'unknown' });
      }
    } else {
      const backupQuarantined = await store.quarantine('backup', clock.now());
      logger.log('warn', 'vault.backup_unusable', { reason: parsedBackup.reason, quarantinedPath: backupQuarantined });
    }
  }
  const recovery: VaultRecovery = {
    at: clock.now().toISOString(),
    reason,
    quarantinedPath,
    restoredFrom,
    restoredProfiles: document.profiles.length,
  };
  logger.log('warn', 'vault.recovered', { ...recovery });
  return { document, recovery };
}
