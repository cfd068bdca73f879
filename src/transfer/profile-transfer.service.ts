// Export and import of profiles as one versioned JSON file (shared/transfer.contract.ts).
//
// Export writes each chosen profile's settings and its header names. Its key, header values and proxy password
// are sealed under a passphrase only when the learner gives one. Consent is never written.
//
// Import reads a file of at most 1 MB, refusing before parsing anything nested deeper than a profiles file is.
// It checks the envelope, then every entry on its own, and previews what would happen to each entry: new,
// same name (rename, skip or replace), or invalid, and why. The commit recomputes that same plan against the
// vault the preview was made on, refusing if the vault has changed since, and writes it in one vault commit.
// Imported profiles hold no consent: a remote one asks before it is used. Reading and planning are in import-file.ts.
import { z } from 'zod';
import { fieldMessage } from '../../shared/errors/field-messages.js';
import type { StoredProfile } from '../../shared/profile.contract.js';
import {
  ImportCommitInputSchema,
  ImportDecisionSchema,
  ImportPreviewInputSchema,
  TRANSFER_FORMAT,
  TRANSFER_MAX_BYTES,
  TRANSFER_VERSION,
  TransferExportInputSchema,
  type ExportedProfile,
  type ExportOutcome,
  type ImportChosen,
  type ImportCommitInput,
  type ImportPreview,
  type ImportResult,
  type SealedEntry,
  type TransferExportInput,
} from '../../shared/transfer.contract.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { ChangeFeed } from '../profiles/change-feed.js';
import type { ProfileService } from '../profiles/profile.service.js';
import type { FileDialogs } from '../ports/file-dialogs.port.js';
import type { Vault } from '../vault/vault.js';
import { proxyPasswordKeyId } from '../vault/vault-document.js';
import { seal } from './transfer-crypto.js';
import { importedProfile, plan, readTransferFile, type Held } from './import-file.js';

export interface TransferDeps {
  readonly profiles: ProfileService;
  readonly vault: Vault;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly changes: ChangeFeed;
  readonly appVersion: string;
  readonly files: FileDialogs;
}

/** Files chosen for import and not yet imported; the oldest goes when more are open. */
const PENDING_MAX = 4;

const ImportPlanInputSchema = z.strictObject({
  decisions: z.array(ImportDecisionSchema).max(1000),
  /** The vault revision the preview was made on (ImportPreview.revision). */
  revision: z.number().int().nonnegative(),
});

export class ProfileTransferService {
  private readonly pending = new Map<string, { readonly fileName: string; readonly bytes: Uint8Array }>();

  constructor(private readonly deps: TransferDeps) {}

  /** Exports to a file the learner picks in the OS Save dialog. */
  async exportToFile(input: TransferExportInput): Promise<ExportOutcome> {
    const { text, count } = await this.built(input);
    const day = this.deps.clock.now().toISOString().slice(0, 10);
    const saved = await this.deps.files.save(`llm-profiles-${day}.json`, text, 'profiles');
    this.deps.logger.log('info', 'profiles.export_file', { saved: saved !== null, count });
    return saved ? { status: 'saved', fileName: saved.fileName, count } : { status: 'cancelled' };
  }

  /** Opens a file the learner picks in the OS Open dialog and previews it; it stays open for the import. */
  async chooseImport(): Promise<ImportChosen> {
    const opened = await this.deps.files.openFile(TRANSFER_MAX_BYTES);
    if (!opened) return { status: 'cancelled' };
    const preview = await this.preview(opened.bytes);
    const token = this.deps.ids.correlationId();
    this.pending.set(token, opened);
    for (const old of [...this.pending.keys()].slice(0, Math.max(0, this.pending.size - PENDING_MAX)))
      this.pending.delete(old);
    return { status: 'chosen', token, fileName: opened.fileName, preview };
  }

  /** The open file's preview again, with its keys unsealed by the passphrase. */
  async previewImport(input: z.input<typeof ImportPreviewInputSchema>): Promise<ImportPreview> {
    const { token, passphrase } = parseInput(ImportPreviewInputSchema, input);
    return this.preview(this.opened(token).bytes, passphrase);
  }

  /** Imports the open file as the preview said, with the learner's choices; the file is closed afterwards. */
  async commitImport(input: ImportCommitInput): Promise<ImportResult> {
    const { token, passphrase, revision, decisions } = parseInput(ImportCommitInputSchema, input);
    const result = await this.commit(this.opened(token).bytes, passphrase, { revision, decisions });
    this.pending.delete(token);
    return result;
  }

  private opened(token: string): { readonly fileName: string; readonly bytes: Uint8Array } {
    const file = this.pending.get(token);
    if (!file)
      throw new AppError('VALIDATION_FAILED', {
        fieldErrors: [{ field: 'token', message: fieldMessage('importTokenUnknown') }],
      });
    return file;
  }

  /** The export file's text. Secrets are sealed under the passphrase when one is given, else left out. */
  async exportFile(input: TransferExportInput): Promise<string> {
    return (await this.built(input)).text;
  }

  private async built(input: TransferExportInput): Promise<{ readonly text: string; readonly count: number }> {
    const { ids, passphrase } = parseInput(TransferExportInputSchema, input);
    return this.holding(passphrase, async () => {
      const chosen = ids ? ids.map((id) => this.deps.profiles.storedProfile(id)) : this.deps.vault.document.profiles;
      const profiles = chosen.map((p) => exported(p, this.deps.vault.headersState(p.id).names));
      const secrets = passphrase ? await seal(JSON.stringify(this.secretsOf(chosen)), passphrase) : undefined;
      this.deps.logger.log('info', 'profiles.exported', { count: profiles.length, sealed: secrets !== undefined });
      const file = {
        format: TRANSFER_FORMAT,
        version: TRANSFER_VERSION,
        exportedAt: this.deps.clock.now().toISOString(),
        appVersion: this.deps.appVersion,
        profiles,
        ...(secrets && { secrets }),
      };
      return { text: `${JSON.stringify(file, null, 2)}\n`, count: profiles.length };
    });
  }

  /** What importing `bytes` would do, entry by entry; nothing is written. */
  async preview(bytes: Uint8Array, passphrase?: string): Promise<ImportPreview> {
    return this.holding(passphrase, async (held) => {
      const file = await readTransferFile(bytes, passphrase, held);
      const steps = plan(file, this.deps.vault.document, []);
      return {
        entries: steps.map((s) => s.entry),
        secretsLocked: file.secretsLocked,
        exportedAt: file.exportedAt,
        appVersion: file.appVersion,
        revision: this.deps.vault.version,
      };
    });
  }

  /** Imports `bytes` with the learner's choices for the entries whose names are taken, in one vault commit. */
  async commit(bytes: Uint8Array, passphrase: string | undefined, input: unknown): Promise<ImportResult> {
    const { decisions, revision } = parseInput(ImportPlanInputSchema, input);
    return this.holding(passphrase, async (held) => {
      const file = await readTransferFile(bytes, passphrase, held);
      const { vault } = this.deps;
      if (vault.version !== revision) throw new AppError('TRANSFER_PREVIEW_STALE');
      const steps = plan(file, vault.document, decisions);
      const writes = steps.filter((s) => s.write !== null);
      const carried = writes.map((s) => file.secrets.get(file.entries[s.entry.index]!.profile!.id));
      await this.deps.profiles.assertWritable(
        carried.some((c) => c?.apiKey !== undefined),
        carried.some((c) => (c?.headers?.length ?? 0) > 0),
        carried.some((c) => c?.proxyPassword !== undefined),
      );
      const now = this.deps.clock.now();
      const result = await vault.commit((doc) => {
        if (vault.version !== revision) throw new AppError('TRANSFER_PREVIEW_STALE');
        const keyChanges = new Map<string, string | null>();
        const headerChanges = new Map<string, readonly { name: string; value: string }[] | null>();
        const removed = new Set<string>();
        const added: StoredProfile[] = [];
        for (const step of writes) {
          const entry = file.entries[step.entry.index]!.profile!;
          const old = step.write!.replaces;
          if (old) {
            removed.add(old.id);
            keyChanges.set(old.id, null);
            keyChanges.set(proxyPasswordKeyId(old.id), null);
            headerChanges.set(old.id, null);
          }
          const id = this.deps.ids.profileId();
          added.push(importedProfile(entry, step.write!.name, id, now));
          const secrets = file.secrets.get(entry.id);
          if (secrets?.apiKey !== undefined) keyChanges.set(id, secrets.apiKey);
          if (secrets?.proxyPassword !== undefined) keyChanges.set(proxyPasswordKeyId(id), secrets.proxyPassword);
          if (secrets?.headers?.length) headerChanges.set(id, secrets.headers);
        }
        const active = doc.activeProfileId !== null && removed.has(doc.activeProfileId) ? null : doc.activeProfileId;
        return {
          document:
            added.length === 0
              ? null
              : {
                  ...doc,
                  profiles: [...doc.profiles.filter((p) => !removed.has(p.id)), ...added],
                  activeProfileId: active,
                },
          keyChanges,
          headerChanges,
          result: {
            added: added.filter((_, i) => writes[i]!.write!.replaces === null).map((p) => p.name),
            replaced: added.filter((_, i) => writes[i]!.write!.replaces !== null).map((p) => p.name),
            skipped: steps.length - writes.length,
          },
        };
      });
      this.deps.logger.log('info', 'profiles.imported', {
        added: result.added.length,
        replaced: result.replaced.length,
        skipped: result.skipped,
      });
      if (result.added.length + result.replaced.length > 0) this.deps.changes.publish('profile.created', null);
      return result;
    });
  }

  private secretsOf(chosen: readonly StoredProfile[]): SealedEntry[] {
    const { profiles } = this.deps;
    return chosen.map((p) => {
      const apiKey = profiles.apiKeyFor(p.id);
      const headers = profiles.headersFor(p.id);
      const proxyPassword = profiles.proxyPasswordFor(p.id);
      return {
        id: p.id,
        ...(apiKey !== null && { apiKey }),
        ...(headers.length > 0 && { headers: headers.map((h) => ({ name: h.name, value: h.value })) }),
        ...(proxyPassword !== null && { proxyPassword }),
      };
    });
  }

  /** Runs `work` with the passphrase (and every secret `work` reads from the file) held for the scrub. */
  private async holding<T>(passphrase: string | undefined, work: (held: Held) => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    const held: Held = (secret) => releases.push(this.deps.secrets.hold(secret));
    if (passphrase) held(passphrase);
    try {
      return await work(held);
    } finally {
      for (const release of releases) release();
    }
  }
}

function exported(p: StoredProfile, headerNames: readonly string[]): ExportedProfile {
  const { id, name, kind, preset, baseUrl, model, azureDeployment, azureApiVersion } = p;
  return {
    id,
    name,
    kind,
    ...(preset !== undefined && { preset }),
    baseUrl,
    model,
    ...(azureDeployment !== undefined && { azureDeployment }),
    ...(azureApiVersion !== undefined && { azureApiVersion }),
    ...(p.exactAddress === true && { exactAddress: true }),
    ...(p.modelsUrl !== undefined && { modelsUrl: p.modelsUrl }),
    timeoutMs: p.timeoutMs,
    ...(p.loadTimeoutMs !== undefined && { loadTimeoutMs: p.loadTimeoutMs }),
    ...(p.proxy !== undefined && { proxy: p.proxy }),
    ...(headerNames.length > 0 && { headerNames: [...headerNames] }),
  };
}
