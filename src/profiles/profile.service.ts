// The profile use cases: list, get, create, update, delete, activate. Each change is validated, checked
// against secure-storage availability and remote consent, then committed through the vault's one queue;
// only after the bytes are on disk is it logged and announced to every window.
import type { z } from 'zod';
import {
  ProfileActivateInputSchema,
  ProfileCreateInputSchema,
  ProfileDeleteInputSchema,
  ProfileGetInputSchema,
  ProfileUpdateInputSchema,
  type LastTestSummary,
  type ProfileActivateInput,
  type ProfileCreateInput,
  type ProfileDeleteInput,
  type ProfileDeleteResult,
  type ProfileGetInput,
  type ProfileUpdateInput,
  type ProfileList,
  type ProfileView,
  type RemoteConsent,
  type StoredProfile,
} from '../../shared/profile.contract.js';
import { fieldMessage } from '../../shared/errors/field-messages.js';
import { markImmutable } from '../../shared/json-transformer.js';
import { isRemoteEndpoint } from '../../shared/endpoint.js';
import { endpointOrigin } from '../../shared/origin.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { SecretCipher } from '../ports/secret-cipher.port.js';
import type { Vault } from '../vault/vault.js';
import type { ChangeFeed } from './change-feed.js';
import { toProfileView } from './profile-view.js';
import {
  assertNameFree,
  createdProfile,
  findProfile,
  patchedProfile,
  resolveConsent,
  assertKeyTravelsEncrypted,
  sameContent,
} from './profile-rules.js';
import type { AvailabilityMonitor } from '../secure-storage/availability-monitor.js';
import type { KeyState } from '../vault/vault.js';

export interface ProfileServiceDeps {
  readonly vault: Vault;
  readonly cipher: SecretCipher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
  readonly secrets: SecretRegistry;
  readonly changes: ChangeFeed;
  readonly availability: AvailabilityMonitor;
}

export class ProfileService {
  private cachedList: { version: number; list: ProfileList } | null = null;
  /**
   * One view per stored profile object. The vault replaces only the profiles a change touched (the rest keep
   * their identity), so after a save the list rebuilds one or two views, and their JSON, not a thousand.
   */
  private readonly views = new WeakMap<
    StoredProfile,
    { readonly isActive: boolean; readonly key: KeyState; readonly view: ProfileView }
  >();

  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfileList {
    const { vault } = this.deps;
    if (this.cachedList?.version !== vault.version) {
      const doc = vault.document;
      const profiles = doc.profiles.map((p) => this.cachedView(p, doc.activeProfileId, vault.keyState(p.id)));
      // Shared by every caller until the next change: frozen, and its JSON reused over IPC.
      this.cachedList = {
        version: vault.version,
        list: markImmutable({ profiles, activeProfileId: doc.activeProfileId, revision: vault.version }),
      };
    }
    return this.cachedList.list;
  }

  private cachedView(profile: StoredProfile, activeProfileId: string | null, key: KeyState): ProfileView {
    const isActive = profile.id === activeProfileId;
    const cached = this.views.get(profile);
    if (cached && cached.isActive === isActive && cached.key.status === key.status && cached.key.hint === key.hint)
      return cached.view;
    const view = markImmutable(toProfileView(profile, activeProfileId, key));
    this.views.set(profile, { isActive, key, view });
    return view;
  }

  get(input: ProfileGetInput): ProfileView {
    const { id } = parseInput(ProfileGetInputSchema, input);
    return this.view(findProfile(this.deps.vault.document, id));
  }

  async create(input: ProfileCreateInput): Promise<ProfileView> {
    const parsed = parseInput(ProfileCreateInputSchema, input);
    return this.holdingKey(parsed.apiKey, () => this.createParsed(parsed));
  }

  private async createParsed(parsed: z.output<typeof ProfileCreateInputSchema>): Promise<ProfileView> {
    const { apiKey } = parsed;
    await this.assertWritable(apiKey !== undefined);
    assertKeyTravelsEncrypted(parsed.baseUrl, apiKey !== undefined);
    const id = this.deps.ids.profileId();
    const profile = await this.deps.vault.commit((doc) => {
      assertNameFree(doc, parsed.name);
      const created = createdProfile(parsed, id, this.deps.clock.now());
      return {
        document: { ...doc, profiles: [...doc.profiles, created] },
        keyChanges: apiKey === undefined ? undefined : new Map([[id, apiKey]]),
        result: created,
      };
    });
    this.announce('profile.created', profile, {
      kind: profile.kind,
      location: location(profile),
      hasApiKey: apiKey !== undefined,
    });
    this.auditConsent(profile.id, null, profile.remoteConsent);
    return this.view(profile);
  }

  async update(input: ProfileUpdateInput): Promise<ProfileView> {
    const parsed = parseInput(ProfileUpdateInputSchema, input);
    return this.holdingKey(parsed.patch.apiKey, () => this.updateParsed(parsed));
  }

  private async updateParsed(parsed: z.output<typeof ProfileUpdateInputSchema>): Promise<ProfileView> {
    const { id, expectedRevision, patch, remoteConsent } = parsed;
    const { apiKey } = patch;
    await this.assertWritable(typeof apiKey === 'string');
    const outcome = await this.deps.vault.commit((doc) => {
      const current = findProfile(doc, id);
      if (current.revision !== expectedRevision) {
        throw new AppError('PROFILE_REVISION_CONFLICT', {
          params: { expectedRevision, currentRevision: current.revision },
        });
      }
      // Removing a key that is not there changes nothing.
      const keyChange = apiKey === null && !(id in doc.keys) ? undefined : apiKey;
      const hasKeyAfter = keyChange === undefined ? id in doc.keys : keyChange !== null;
      const draft = patchedProfile(current, patch, hasKeyAfter);
      assertKeyTravelsEncrypted(draft.baseUrl, hasKeyAfter);
      if (patch.name !== undefined) assertNameFree(doc, draft.name, id);
      const now = this.deps.clock.now();
      draft.remoteConsent = resolveConsent(draft.baseUrl, current.remoteConsent, remoteConsent, now);
      if (
        keyChange === undefined &&
        id in doc.keys &&
        endpointOrigin(draft.baseUrl) !== endpointOrigin(current.baseUrl)
      ) {
        // The saved key was given for the old server; it is not sent anywhere else without the learner saying so.
        throw new AppError('VALIDATION_FAILED', {
          fieldErrors: [
            {
              field: 'apiKey',
              message: fieldMessage('keyOriginChanged'),
            },
          ],
        });
      }

      if (sameContent(current, draft) && keyChange === undefined)
        return { document: null, result: { profile: current, changed: false, consentBefore: current.remoteConsent } };
      const next: StoredProfile = { ...draft, revision: current.revision + 1, updatedAt: now.toISOString() };
      return {
        document: { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? next : p)) },
        keyChanges: keyChange === undefined ? undefined : new Map([[id, keyChange]]),
        result: { profile: next, changed: true, consentBefore: current.remoteConsent },
      };
    });
    if (outcome.changed) {
      this.auditConsent(outcome.profile.id, outcome.consentBefore, outcome.profile.remoteConsent);
      this.announce('profile.updated', outcome.profile, {
        revision: outcome.profile.revision,
        fields: Object.keys(patch).filter((field) => field !== 'apiKey'),
        apiKey: apiKey === undefined ? 'kept' : apiKey === null ? 'removed' : 'replaced',
      });
    }
    return this.view(outcome.profile);
  }

  async delete(input: ProfileDeleteInput): Promise<ProfileDeleteResult> {
    const { id, expectedRevision } = parseInput(ProfileDeleteInputSchema, input);
    await this.assertWritable(false);
    const result = await this.deps.vault.commit((doc) => {
      const current = findProfile(doc, id);
      if (expectedRevision !== undefined && current.revision !== expectedRevision) {
        throw new AppError('PROFILE_REVISION_CONFLICT', {
          params: { expectedRevision, currentRevision: current.revision },
        });
      }
      const activeProfileId = doc.activeProfileId === id ? null : doc.activeProfileId;
      return {
        document: { ...doc, profiles: doc.profiles.filter((p) => p.id !== id), activeProfileId },
        keyChanges: new Map([[id, null]]),
        result: { id, activeProfileId, wasActive: doc.activeProfileId === id, consent: current.remoteConsent },
      };
    });
    this.deps.logger.log('info', 'profile.deleted', { profileId: id, wasActive: result.wasActive });
    this.auditConsent(id, result.consent, null);
    this.deps.changes.publish('profile.deleted', id);
    return { id: result.id, activeProfileId: result.activeProfileId };
  }

  async activate(input: ProfileActivateInput): Promise<ProfileView> {
    const { id, remoteConsent } = parseInput(ProfileActivateInputSchema, input);
    await this.assertWritable(false);
    const outcome = await this.deps.vault.commit((doc) => {
      const current = findProfile(doc, id);
      const consent = resolveConsent(current.baseUrl, current.remoteConsent, remoteConsent, this.deps.clock.now());
      const profile = consent === current.remoteConsent ? current : { ...current, remoteConsent: consent };
      if (doc.activeProfileId === id && profile === current)
        return { document: null, result: { profile, changed: false, consentBefore: current.remoteConsent } };
      return {
        document: { ...doc, activeProfileId: id, profiles: doc.profiles.map((p) => (p.id === id ? profile : p)) },
        result: { profile, changed: true, consentBefore: current.remoteConsent },
      };
    });
    if (outcome.changed) {
      this.announce('profile.activated', outcome.profile, { location: location(outcome.profile) });
      this.auditConsent(id, outcome.consentBefore, outcome.profile.remoteConsent);
    }
    return this.view(outcome.profile);
  }

  /** The decrypted key for a provider call; typed errors when there is none that can be used. */
  apiKeyFor(profileId: string): string | null {
    const { vault } = this.deps;
    const state = vault.keyState(profileId);
    if (state.status === 'none') return null;
    if (state.status === 'locked') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE');
    const key = vault.plaintextKey(profileId);
    if (state.status === 'unreadable' || key === null)
      throw new AppError('VAULT_KEY_UNREADABLE', { params: { id: profileId } });
    return key;
  }

  /**
   * Keeps the last connection-test summary on the profile. Not a learner edit, so the revision stays and an
   * open edit form does not conflict. Returns null when saved, otherwise why not (also logged): storage
   * unavailable, a disk error, a profile deleted while its test ran.
   */
  async recordTestResult(profileId: string, summary: LastTestSummary): Promise<AppError | null> {
    try {
      await this.assertWritable(false);
      await this.deps.vault.commit((doc) => {
        findProfile(doc, profileId);
        return {
          document: {
            ...doc,
            profiles: doc.profiles.map((p) => (p.id === profileId ? { ...p, lastTest: summary } : p)),
          },
          result: undefined,
        };
      });
      this.deps.changes.publish('profile.tested', profileId);
      return null;
    } catch (caught) {
      const error = caught instanceof AppError ? caught : new AppError('INTERNAL', { cause: caught });
      this.deps.logger.log('warn', 'profile.test_result_not_saved', { profileId, errorCode: error.code });
      return error;
    }
  }

  storedProfile(profileId: string): StoredProfile {
    return findProfile(this.deps.vault.document, profileId);
  }

  private view(profile: StoredProfile): ProfileView {
    const { vault } = this.deps;
    return toProfileView(profile, vault.document.activeProfileId, vault.keyState(profile.id));
  }

  private announce(
    type: 'profile.created' | 'profile.updated' | 'profile.activated',
    profile: StoredProfile,
    fields: Record<string, unknown>,
  ): void {
    this.deps.logger.log('info', type, { profileId: profile.id, ...fields });
    this.deps.changes.publish(type, profile.id);
  }

  /**
   * Audit lines for the learner's consent: given (for an origin, at a time) and withdrawn (the profile holding it
   * was deleted, or moved to another origin and consent was given anew there).
   */
  private auditConsent(profileId: string, before: RemoteConsent | null, after: RemoteConsent | null): void {
    if (before !== null && (after === null || after.origin !== before.origin))
      this.deps.logger.log('info', 'consent.withdrawn', { profileId, origin: before.origin, givenAt: before.at });
    if (after !== null && (before === null || after.at !== before.at || after.origin !== before.origin))
      this.deps.logger.log('info', 'consent.given', { profileId, origin: after.origin, at: after.at });
  }

  /** Refuses a change while secure storage is down, and a new key while only weak storage is on offer. */
  private async assertWritable(storesKey: boolean): Promise<void> {
    const { state, backend } = await this.deps.cipher.availability();
    this.deps.availability.observe(state, backend);
    if (state === 'unavailable') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE', { params: { backend } });
    if (storesKey && state === 'weak' && this.deps.vault.document.weakStorageAllowed === null) {
      throw new AppError('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED', {
        params: { backend },
        fieldErrors: [{ field: 'apiKey', message: fieldMessage('keyWeakStorage') }],
      });
    }
  }

  /**
   * Holds a new key in the secret registry while the change that saves it runs (anything logged meanwhile is
   * scrubbed of it); once saved, the vault holds it for as long as it keeps it.
   */
  private async holdingKey<T>(key: string | null | undefined, run: () => Promise<T>): Promise<T> {
    const release = typeof key === 'string' ? this.deps.secrets.hold(key) : () => undefined;
    try {
      return await run();
    } finally {
      release();
    }
  }
}

function location(profile: StoredProfile): 'local' | 'remote' {
  return isRemoteEndpoint(profile.baseUrl) ? 'remote' : 'local';
}
