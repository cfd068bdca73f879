// The vault in memory: the last document that was durably written, the decrypted state of each key and of each
// profile's extra header values, and the single queue every change goes through. A change becomes visible only after its bytes are on disk;
// if the write fails, memory is untouched and the caller gets a typed storage error.
import type { KeyStatus } from '../../shared/profile.contract.js';
import { sameHeaderName, type RequestHeader } from '../../shared/request-headers.contract.js';
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
  isApiKeyId,
  keyOwner,
  type StoredHeaders,
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

export interface HeadersState {
  /** `none` when the profile has no extra headers; otherwise the state of their values, as for a key. */
  readonly status: KeyStatus;
  /** The names, in the order they are sent (stored in the clear, so known even while the values are locked). */
  readonly names: readonly string[];
}

interface HeadersEntry extends HeadersState {
  /** The decrypted values, in the order of `names`; null unless `stored`. */
  readonly plaintext: readonly RequestHeader[] | null;
  /** Ends the secret registry's hold on every value. */
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
  /** Profiles whose extra headers changed: the whole new list in plaintext, or null (or empty) for none. */
  readonly headerChanges?: ReadonlyMap<string, readonly RequestHeader[] | null>;
  readonly result: T;
}

const NO_KEY: KeyEntry = { status: 'none', hint: null, plaintext: null, release: () => undefined };
const NO_HEADERS: HeadersEntry = { status: 'none', names: [], plaintext: null, release: () => undefined };
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
  private readonly headers = new Map<string, HeadersEntry>();
  /** Profiles with a header value whose ciphertext the OS wants refreshed. */
  private readonly staleHeaderCiphertexts = new Set<string>();

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
    await vault.decryptHeaders(Object.keys(document.headers));
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

  /** The names of a profile's extra headers and the state of their values; never the values. */
  headersState(profileId: string): HeadersState {
    const entry = this.headers.get(profileId) ?? NO_HEADERS;
    return { status: entry.status, names: entry.names };
  }

  /** The decrypted extra headers, for the provider call that sends them. Never leaves the main process. */
  plaintextHeaders(profileId: string): readonly RequestHeader[] | null {
    return this.headers.get(profileId)?.plaintext ?? null;
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

  /** How many API keys are in a state (a proxy password, kept among them, is not counted). */
  countKeys(status: KeyStatus): number {
    let count = 0;
    for (const [id, entry] of this.keys) if (entry.status === status && isApiKeyId(id)) count += 1;
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
      const document = await this.withHeaders(
        await this.withKeys(mutation.document, mutation.keyChanges),
        mutation.headerChanges,
      );
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
      if (secretCiphertextGone(this.doc, document)) {
        await this.deps.store.write(bytes).catch((error: unknown) => {
          this.deps.logger.log('warn', 'vault.backup_not_rewritten', { errno: errnoOf(error) ?? 'unknown' });
        });
      }
      this.doc = document;
      this.docVersion += 1;
      this.applyKeyChanges(document, mutation.keyChanges);
      this.applyHeaderChanges(document, mutation.headerChanges);
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
      const lockedHeaders = [...this.headers]
        .filter(([id, entry]) => entry.status === 'locked' && id in this.doc.headers)
        .map(([id]) => id);
      if (locked.length === 0 && lockedHeaders.length === 0) return;
      await this.decryptKeys(locked);
      await this.decryptHeaders(lockedHeaders);
      this.docVersion += 1;
    });
  }

  /**
   * Re-encrypts keys the OS asked to have re-encrypted (safeStorage's shouldReEncrypt: its key was rotated), so
   * they stay readable: an ordinary commit of the same document with those keys changed. Returns how many.
   */
  async refreshStaleCiphertexts(): Promise<number> {
    if (this.staleCiphertexts.size === 0 && this.staleHeaderCiphertexts.size === 0) return 0;
    if ((await this.deps.cipher.availability()).state === 'unavailable') return 0;
    const count = await this.commit((doc) => {
      const changes = new Map<string, string>();
      for (const id of this.staleCiphertexts) {
        const plaintext = this.keys.get(id)?.plaintext;
        if (id in doc.keys && plaintext) changes.set(id, plaintext);
      }
      this.staleCiphertexts.clear();
      // Left in the stale set until the commit, so withHeaders encrypts these values afresh instead of reusing.
      const headerChanges = new Map<string, readonly RequestHeader[]>();
      for (const id of this.staleHeaderCiphertexts) {
        const plaintext = this.headers.get(id)?.plaintext;
        if (id in doc.headers && plaintext) headerChanges.set(id, plaintext);
      }
      const size = changes.size + headerChanges.size;
      return { document: size === 0 ? null : doc, keyChanges: changes, headerChanges, result: size };
    });
    this.staleHeaderCiphertexts.clear();
    if (count > 0) this.deps.logger.log('info', 'vault.keys_reencrypted', { count });
    return count;
  }

  /** The document with its keys brought in line: changed ones encrypted, removed ones and orphans dropped. */
  private async withKeys(
    document: VaultDocument,
    changes: ReadonlyMap<string, string | null> | undefined,
  ): Promise<VaultDocument> {
    const ids = new Set(document.profiles.map((p) => p.id));
    const orphans = Object.keys(document.keys).filter((id) => !ids.has(keyOwner(id)));
    if ((changes === undefined || changes.size === 0) && orphans.length === 0) return document;
    const keys = { ...document.keys };
    for (const id of orphans) delete keys[id];
    for (const [id, plaintext] of changes ?? []) {
      if (plaintext === null) delete keys[id];
      else keys[id] = await this.encrypt(plaintext);
    }
    return { ...document, keys };
  }

  /**
   * The document with each changed profile's headers encrypted: a value the vault already holds under the same
   * name keeps its ciphertext (no keychain call, no change on disk), unless the OS asked for it to be refreshed.
   * Headers of profiles that are gone are dropped.
   */
  private async withHeaders(
    document: VaultDocument,
    changes: ReadonlyMap<string, readonly RequestHeader[] | null> | undefined,
  ): Promise<VaultDocument> {
    const ids = new Set(document.profiles.map((p) => p.id));
    const orphans = Object.keys(document.headers).filter((id) => !ids.has(id));
    if ((changes === undefined || changes.size === 0) && orphans.length === 0) return document;
    const headers = { ...document.headers };
    for (const id of orphans) delete headers[id];
    for (const [id, list] of changes ?? []) {
      if (list === null || list.length === 0) {
        delete headers[id];
        continue;
      }
      const held = this.staleHeaderCiphertexts.has(id) ? null : this.headers.get(id)?.plaintext;
      const current = this.doc.headers[id];
      const stored: StoredHeaders = [];
      for (const header of list) {
        const index = held?.findIndex((h) => sameHeaderName(h.name, header.name) && h.value === header.value) ?? -1;
        const reused = index >= 0 ? current?.find((h) => sameHeaderName(h.name, held![index]!.name))?.value : undefined;
        stored.push({ name: header.name, value: reused ?? (await this.encrypt(header.value)) });
      }
      headers[id] = stored;
    }
    return { ...document, headers };
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

  private applyHeaderChanges(
    document: VaultDocument,
    changes: ReadonlyMap<string, readonly RequestHeader[] | null> | undefined,
  ): void {
    for (const [id, list] of changes ?? []) {
      if (list === null || list.length === 0) this.dropHeaders(id);
      else
        this.setHeaders(
          id,
          'stored',
          list.map((h) => h.name),
          list,
        );
    }
    for (const id of [...this.headers.keys()]) if (!(id in document.headers)) this.dropHeaders(id);
  }

  /** A profile's headers; readable values are held in the secret registry for exactly as long as the vault keeps them. */
  private setHeaders(
    id: string,
    status: KeyStatus,
    names: readonly string[],
    plaintext: readonly RequestHeader[] | null,
  ): void {
    this.headers.get(id)?.release();
    const releases = (plaintext ?? []).map((h) => this.deps.secrets.hold(h.value));
    const frozen = plaintext === null ? null : Object.freeze(plaintext.map((h) => Object.freeze({ ...h })));
    this.headers.set(id, {
      status,
      names: Object.freeze([...names]),
      plaintext: frozen,
      release: () => releases.forEach((release) => release()),
    });
  }

  private dropHeaders(id: string): void {
    this.headers.get(id)?.release();
    this.headers.delete(id);
    this.staleHeaderCiphertexts.delete(id);
  }

  /** Decrypts each profile's header values; one that cannot be read makes the profile's headers unreadable. */
  private async decryptHeaders(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const { state } = await this.deps.cipher.availability();
    await Promise.all(
      ids.map(async (id) => {
        const stored = this.doc.headers[id];
        if (stored === undefined) return;
        const names = stored.map((h) => h.name);
        if (state === 'unavailable') return this.setHeaders(id, 'locked', names, null);
        try {
          let stale = false;
          const plaintext = await Promise.all(
            stored.map(async (h) => {
              const result = await this.deps.cipher.decrypt(Buffer.from(h.value, 'base64'));
              stale ||= result.shouldReEncrypt;
              return { name: h.name, value: result.plaintext };
            }),
          );
          if (stale) this.staleHeaderCiphertexts.add(id);
          this.setHeaders(id, 'stored', names, plaintext);
        } catch (error) {
          this.setHeaders(id, 'unreadable', names, null);
          this.deps.logger.log('warn', 'vault.headers_unreadable', { profileId: id, error: errorName(error) });
        }
      }),
    );
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

/**
 * Whether a write drops the ciphertext of a key or a header value the previous version held (removed or replaced),
 * so the backup, which is that previous version, must be rewritten to stop holding it.
 */
function secretCiphertextGone(before: VaultDocument, after: VaultDocument): boolean {
  if (Object.entries(before.keys).some(([id, ciphertext]) => after.keys[id] !== ciphertext)) return true;
  return Object.entries(before.headers).some(([id, headers]) => {
    const kept = new Set((after.headers[id] ?? []).map((h) => h.value));
    return headers.some((h) => !kept.has(h.value));
  });
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
