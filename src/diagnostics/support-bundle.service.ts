// The support bundle: one zip (fflate) holding
// - the diagnostics logs, scrubbed again on the way out;
// - the app, Electron and OS versions;
// - the storage status (the vault's file name, never its folder);
// - a summary of the profiles: kind, preset, model, origin, whether a key is saved, never names unless asked;
// - a manifest listing every file with its size and SHA-256.
// Before anything is written, every byte of it is scanned for every secret the app holds now: one found, and the
// bundle is refused, not saved.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { endpointOrigin } from '../../shared/origin.js';
import {
  SupportBundleInputSchema,
  type SupportBundleInput,
  type SupportBundleOutcome,
} from '../../shared/support.contract.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { Clock } from '../ports/clock.port.js';
import type { DiagnosticsSource } from '../ports/diagnostics-source.port.js';
import type { FileDialogs } from '../ports/file-dialogs.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import type { StorageService } from '../secure-storage/storage.service.js';
import type { SecretRegistry } from './secret-registry.js';

export interface SupportBundleDeps {
  readonly profiles: ProfileService;
  readonly storage: StorageService;
  readonly source: DiagnosticsSource;
  readonly files: FileDialogs;
  readonly secrets: SecretRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
}

export class SupportBundleService {
  constructor(private readonly deps: SupportBundleDeps) {}

  /** The bundle's files by name, as text; refused if any holds a live secret. */
  async contents(input: SupportBundleInput): Promise<ReadonlyMap<string, string>> {
    const { includeNames } = parseInput(SupportBundleInputSchema, input);
    const { profiles, storage, source, secrets, clock } = this.deps;
    const status = await storage.status();
    const files = new Map<string, string>();
    const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
    files.set('about.json', json({ createdAt: clock.now().toISOString(), ...source.environment }));
    files.set(
      'storage.json',
      json({
        encryption: status.encryption,
        backend: status.backend,
        writable: status.writable,
        canStoreKeys: status.canStoreKeys,
        weakStorageAllowed: status.weakStorageAllowedAt !== null,
        vaultFile: path.basename(status.vaultPath),
        recovered: status.recovery !== null,
        unreadableKeyCount: status.unreadableKeyCount,
      }),
    );
    const list = profiles.list();
    files.set(
      'profiles.json',
      json(
        list.profiles.map((p, i) => ({
          name: includeNames ? p.name : `Profile ${i + 1}`,
          kind: p.kind,
          preset: p.preset,
          model: p.model,
          origin: endpointOrigin(p.baseUrl) ?? 'not an address',
          location: p.location,
          active: p.isActive,
          keySaved: p.hasApiKey,
          keyStatus: p.keyStatus,
          extraHeaders: p.headerNames.length,
          proxy: p.proxy?.mode ?? 'system',
          lastTest: p.lastTest && { ok: p.lastTest.ok, errorCode: p.lastTest.errorCode, at: p.lastTest.at },
        })),
      ),
    );
    for (const log of await source.logFiles()) files.set(`logs/${log.name}`, secrets.scrub(log.text));
    // The last word: whatever got in, no live secret leaves in the bundle.
    const holding = [...files].filter(([, text]) => secrets.contains(text)).map(([name]) => name);
    if (holding.length > 0) {
      this.deps.logger.log('error', 'support.bundle_refused', { files: holding });
      throw new AppError('SUPPORT_BUNDLE_SECRET_FOUND', { params: { files: holding.join(', ') } });
    }
    return files;
  }

  /** The zip's bytes, with its manifest. */
  async build(input: SupportBundleInput): Promise<{ readonly zip: Uint8Array; readonly names: string[] }> {
    const files = await this.contents(input);
    const entries: Record<string, Uint8Array> = {};
    const listed = [...files].map(([name, text]) => {
      const bytes = strToU8(text);
      entries[name] = bytes;
      return { name, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
    const manifest = { format: 'llm-profiles-support', createdAt: this.deps.clock.now().toISOString(), files: listed };
    entries['manifest.json'] = strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
    return { zip: zipSync(entries, { level: 6 }), names: ['manifest.json', ...files.keys()] };
  }

  /** Builds the bundle and saves it where the learner picks in the OS Save dialog. */
  async saveToFile(input: SupportBundleInput): Promise<SupportBundleOutcome> {
    const { zip, names } = await this.build(input);
    const day = this.deps.clock.now().toISOString().slice(0, 10);
    const saved = await this.deps.files.save(`llm-profiles-support-${day}.zip`, zip, 'support-bundle');
    this.deps.logger.log('info', 'support.bundle_saved', { saved: saved !== null, files: names.length });
    return saved ? { status: 'saved', fileName: saved.fileName, files: names } : { status: 'cancelled' };
  }
}
