// The profile use cases: list, get, create, update, delete, activate. Each change is validated, checked
// against secure-storage availability and remote consent, then committed through the vault's one queue;
// only after the bytes are on disk is it logged and announced to every window. Keys and extra header values are
// secrets alike: held for scrubbing while a change carries them, encrypted by the vault, never shown back.
import type { z } from 'zod';
import {
  ProfileActivateInputSchema,
  ProfileCreateInputSchema,
  ProfileDeleteInputSchema,
  ProfileDuplicateInputSchema,
  ProfileGetInputSchema,
  ProfileUpdateInputSchema,
  type LastTestSummary,
  type ProfileActivateInput,
  type ProfileCreateInput,
  type ProfileDeleteInput,
  type ProfileDeleteResult,
  type ProfileDuplicateInput,
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
import type { HeaderEdit, RequestHeader } from '../../shared/request-headers.contract.js';
import { AppError } from '../errors/app-error.js';
import { parseInput } from '../errors/validation.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';
import type { Logger } from '../ports/logger.port.js';
import type { SecretCipher } from '../ports/secret-cipher.port.js';
import type { Vault } from '../vault/vault.js';
import { proxyPasswordKeyId } from '../vault/vault-document.js';
import type { ChangeFeed } from './change-feed.js';
import { copiedProfile, copyName } from './profile-copy.js';
import { toProfileView } from './profile-view.js';
import {
  assertNameFree,
  createdProfile,
  findProfile,
  patchedProfile,
  resolveConsent,
  assertKeyTravelsEncrypted,
  assertHeadersTravelEncrypted,
  editedHeaders,
  sameContent,
  sameHeaders,
} from './profile-rules.js';
import type { AvailabilityMonitor } from '../secure-storage/availability-monitor.js';
import type { HeadersState, KeyState } from '../vault/vault.js';

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
    {
      readonly isActive: boolean;
      readonly key: KeyState;
      readonly headers: HeadersState;
      readonly view: ProfileView;
    }
  >();

  constructor(private readonly deps: ProfileServiceDeps) {}

  list(): ProfileList {
    const { vault } = this.deps;
    if (this.cachedList?.version !== vault.version) {
      const doc = vault.document;
      const profiles = doc.profiles.map((p) =>
        this.cachedView(
          p,
          doc.activeProfileId,
          vault.keyState(p.id),
          vault.headersState(p.id),
          this.hasProxyPassword(p.id),
        ),
      );
      // Shared by every caller until the next change: frozen, and its JSON reused over IPC.
      this.cachedList = {
        version: vault.version,
        list: markImmutable({ profiles, activeProfileId: doc.activeProfileId, revision: vault.version }),
      };
    }
    return this.cachedList.list;
  }

  private cachedView(
    profile: StoredProfile,
    activeProfileId: string | null,
    key: KeyState,
    headers: HeadersState,
    proxyPasswordSaved: boolean,
  ): ProfileView {
    const isActive = profile.id === activeProfileId;
    const cached = this.views.get(profile);
    if (
      cached &&
      cached.isActive === isActive &&
      cached.key.status === key.status &&
      cached.key.hint === key.hint &&
      cached.headers.status === headers.status &&
      cached.headers.names === headers.names &&
      cached.view.proxyPasswordSaved === proxyPasswordSaved
    )
      return cached.view;
    const view = markImmutable(toProfileView(profile, activeProfileId, key, headers, proxyPasswordSaved));
    this.views.set(profile, { isActive, key, headers, view });
    return view;
  }

  get(input: ProfileGetInput): ProfileView {
    const { id } = parseInput(ProfileGetInputSchema, input);
    return this.view(findProfile(this.deps.vault.document, id));
  }

  async create(input: ProfileCreateInput): Promise<ProfileView> {
    const parsed = parseInput(ProfileCreateInputSchema, input);
    const headers = parsed.headers ?? [];
    return this.holdingSecrets([parsed.apiKey, parsed.proxyPassword, ...headers.map((h) => h.value)], () =>
      this.createParsed(parsed, headers),
    );
  }

  private async createParsed(
    parsed: z.output<typeof ProfileCreateInputSchema>,
    headers: readonly RequestHeader[],
  ): Promise<ProfileView> {
    const { apiKey, proxyPassword } = parsed;
    if (proxyPassword !== undefined && proxyUser(parsed.proxy) === null)
      throw proxyPasswordRefused('proxyPasswordNeedsUser');
    await this.assertWritable(apiKey !== undefined, headers.length > 0, proxyPassword !== undefined);
    assertKeyTravelsEncrypted(parsed.baseUrl, apiKey !== undefined);
    assertHeadersTravelEncrypted(parsed.baseUrl, headers.length > 0);
    const id = this.deps.ids.profileId();
    const keyChanges = new Map<string, string>();
    if (apiKey !== undefined) keyChanges.set(id, apiKey);
    if (proxyPassword !== undefined) keyChanges.set(proxyPasswordKeyId(id), proxyPassword);
    const profile = await this.deps.vault.commit((doc) => {
      assertNameFree(doc, parsed.name);
      const created = createdProfile(parsed, id, this.deps.clock.now());
      // With none in use, a profile on this computer (it needs no consent) becomes the one in use: a learner's
      // first profile works at once. A remote one waits to be chosen, so nothing leaves the computer unasked.
      const activeProfileId = doc.activeProfileId ?? (isRemoteEndpoint(created.baseUrl) ? null : id);
      return {
        document: { ...doc, profiles: [...doc.profiles, created], activeProfileId },
        keyChanges,
        headerChanges: headers.length === 0 ? undefined : new Map([[id, headers]]),
        result: created,
      };
    });
    this.announce('profile.created', profile, {
      kind: profile.kind,
      location: location(profile),
      hasApiKey: apiKey !== undefined,
      headerNames: headers.map((h) => h.name),
      hasProxyPassword: proxyPassword !== undefined,
      madeActive: this.deps.vault.document.activeProfileId === profile.id,
    });
    this.auditConsent(profile.id, null, profile.remoteConsent);
    return this.view(profile);
  }

  /**
   * A copy under a free "… (copy)" name, without consent (a remote copy asks before use). The key, header values
   * and proxy password are copied, re-encrypted for the new profile, only when the learner keeps them.
   */
  async duplicate(input: ProfileDuplicateInput): Promise<ProfileView> {
    const { id, keepSecrets } = parseInput(ProfileDuplicateInputSchema, input);
    const { vault } = this.deps;
    const key = keepSecrets ? this.apiKeyFor(id) : null;
    const headers = keepSecrets ? this.headersFor(id) : [];
    const proxyPassword = keepSecrets ? this.proxyPasswordFor(id) : null;
    await this.assertWritable(key !== null, headers.length > 0, proxyPassword !== null);
    const copyId = this.deps.ids.profileId();
    const keyChanges = new Map<string, string>();
    if (key !== null) keyChanges.set(copyId, key);
    if (proxyPassword !== null) keyChanges.set(proxyPasswordKeyId(copyId), proxyPassword);
    const copy = await vault.commit((doc) => {
      const current = findProfile(doc, id);
      const made = copiedProfile(current, copyId, copyName(doc, current.name), this.deps.clock.now());
      return {
        document: { ...doc, profiles: [...doc.profiles, made] },
        keyChanges,
        headerChanges: headers.length === 0 ? undefined : new Map([[copyId, headers]]),
        result: made,
      };
    });
    this.announce('profile.created', copy, {
      copiedFrom: id,
      kind: copy.kind,
      location: location(copy),
      hasApiKey: key !== null,
      headerNames: headers.map((h) => h.name),
      hasProxyPassword: proxyPassword !== null,
    });
    return this.view(copy);
  }

  async update(input: ProfileUpdateInput): Promise<ProfileView> {
    const parsed = parseInput(ProfileUpdateInputSchema, input);
    const newValues = (parsed.patch.headers ?? []).map((h) => h.value);
    return this.holdingSecrets([parsed.patch.apiKey, parsed.patch.proxyPassword, ...newValues], () =>
      this.updateParsed(parsed),
    );
  }

  private async updateParsed(parsed: z.output<typeof ProfileUpdateInputSchema>): Promise<ProfileView> {
    const { id, expectedRevision, patch, remoteConsent } = parsed;
    const { apiKey, headers: headerEdits, proxyPassword } = patch;
    const { vault } = this.deps;
    await this.assertWritable(
      typeof apiKey === 'string',
      headerEdits?.some((h) => h.value !== undefined) ?? false,
      typeof proxyPassword === 'string',
    );
    // Keeping a value needs it decrypted: values locked at start-up are read now that storage is back.
    if (headerEdits?.some((h) => h.keep) && vault.headersState(id).status === 'locked') await vault.unlockKeys();
    const outcome = await vault.commit((doc) => {
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
      const headerChange = this.headerChange(id, id in doc.headers, headerEdits, current.baseUrl, draft.baseUrl);
      const hasHeadersAfter = headerChange === undefined ? id in doc.headers : headerChange !== null;
      assertHeadersTravelEncrypted(draft.baseUrl, hasHeadersAfter);
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

      const passwordChange = proxyPasswordChange(proxyPassword, proxyPasswordKeyId(id) in doc.keys, current, draft);
      const headersOutcome: HeadersOutcome =
        headerChange === undefined
          ? 'kept'
          : headerChange === null
            ? headerEdits === undefined
              ? 'dropped'
              : 'removed'
            : 'replaced';
      if (
        sameContent(current, draft) &&
        keyChange === undefined &&
        headerChange === undefined &&
        passwordChange === undefined
      )
        return {
          document: null,
          result: {
            profile: current,
            changed: false,
            consentBefore: current.remoteConsent,
            headersOutcome,
            proxyPassword: 'kept',
          },
        };
      const next: StoredProfile = { ...draft, revision: current.revision + 1, updatedAt: now.toISOString() };
      return {
        document: { ...doc, profiles: doc.profiles.map((p) => (p.id === id ? next : p)) },
        keyChanges: new Map([
          ...(keyChange === undefined ? [] : [[id, keyChange] as const]),
          ...(passwordChange === undefined ? [] : [[proxyPasswordKeyId(id), passwordChange] as const]),
        ]),
        headerChanges: headerChange === undefined ? undefined : new Map([[id, headerChange]]),
        result: {
          profile: next,
          changed: true,
          consentBefore: current.remoteConsent,
          headersOutcome,
          proxyPassword: passwordChange === undefined ? 'kept' : passwordChange === null ? 'removed' : 'replaced',
        },
      };
    });
    if (outcome.changed) {
      this.auditConsent(outcome.profile.id, outcome.consentBefore, outcome.profile.remoteConsent);
      this.announce('profile.updated', outcome.profile, {
        revision: outcome.profile.revision,
        fields: Object.keys(patch).filter((field) => !SECRET_FIELDS.has(field)),
        apiKey: apiKey === undefined ? 'kept' : apiKey === null ? 'removed' : 'replaced',
        headers: outcome.headersOutcome,
        proxyPassword: outcome.proxyPassword,
        headerNames: vault.headersState(outcome.profile.id).names,
      });
    }
    return this.view(outcome.profile);
  }

  /**
   * What an update does to the extra headers: undefined keeps them as they are, null removes them, a list is the
   * new plaintext. Like the key, saved values are bound to the origin they were given for: an address on another
   * origin drops them unless the edit enters them again (keeping one there is refused by editedHeaders).
   */
  private headerChange(
    id: string,
    hasSaved: boolean,
    edits: readonly HeaderEdit[] | null | undefined,
    baseUrlBefore: string,
    baseUrlAfter: string,
  ): readonly RequestHeader[] | null | undefined {
    const originChanged = endpointOrigin(baseUrlAfter) !== endpointOrigin(baseUrlBefore);
    if (edits === undefined) return originChanged && hasSaved ? null : undefined;
    if (edits === null || edits.length === 0) return hasSaved ? null : undefined;
    const { vault } = this.deps;
    const plaintext = vault.plaintextHeaders(id);
    const headers = editedHeaders(edits, { ...vault.headersState(id), plaintext }, originChanged);
    return sameHeaders(plaintext, headers) ? undefined : headers;
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

  /** The decrypted extra headers for a provider call (none: empty); typed errors when they cannot be used. */
  headersFor(profileId: string): readonly RequestHeader[] {
    const { vault } = this.deps;
    const state = vault.headersState(profileId);
    if (state.status === 'none') return [];
    if (state.status === 'locked') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE');
    const headers = vault.plaintextHeaders(profileId);
    if (state.status === 'unreadable' || headers === null)
      throw new AppError('VAULT_HEADERS_UNREADABLE', { params: { id: profileId } });
    return headers;
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

  /** The profile the app uses now, if the learner has chosen one. */
  activeProfileId(): string | null {
    return this.deps.vault.document.activeProfileId;
  }

  storedProfile(profileId: string): StoredProfile {
    return findProfile(this.deps.vault.document, profileId);
  }

  private view(profile: StoredProfile): ProfileView {
    const { vault } = this.deps;
    return toProfileView(
      profile,
      vault.document.activeProfileId,
      vault.keyState(profile.id),
      vault.headersState(profile.id),
      this.hasProxyPassword(profile.id),
    );
  }

  private hasProxyPassword(profileId: string): boolean {
    return this.deps.vault.keyState(proxyPasswordKeyId(profileId)).status !== 'none';
  }

  /** The decrypted password of the profile's proxy, for the network adapter; typed errors when it cannot be used. */
  proxyPasswordFor(profileId: string): string | null {
    const { vault } = this.deps;
    const id = proxyPasswordKeyId(profileId);
    const state = vault.keyState(id);
    if (state.status === 'none') return null;
    if (state.status === 'locked') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE');
    const password = vault.plaintextKey(id);
    if (state.status === 'unreadable' || password === null)
      throw new AppError('VAULT_KEY_UNREADABLE', { params: { id: profileId } });
    return password;
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

  /**
   * Refuses a change while secure storage is down, and a new key or new header values while only weak storage is
   * on offer.
   */
  async assertWritable(storesKey: boolean, storesHeaders = false, storesProxyPassword = false): Promise<void> {
    const { state, backend } = await this.deps.cipher.availability();
    this.deps.availability.observe(state, backend);
    if (state === 'unavailable') throw new AppError('VAULT_ENCRYPTION_UNAVAILABLE', { params: { backend } });
    const storesSecret = storesKey || storesHeaders || storesProxyPassword;
    if (storesSecret && state === 'weak' && this.deps.vault.document.weakStorageAllowed === null) {
      throw new AppError('VAULT_WEAK_ENCRYPTION_NOT_ALLOWED', {
        params: { backend },
        fieldErrors: [
          ...(storesKey ? [{ field: 'apiKey', message: fieldMessage('keyWeakStorage') }] : []),
          ...(storesHeaders ? [{ field: 'headers', message: fieldMessage('headersWeakStorage') }] : []),
          ...(storesProxyPassword
            ? [{ field: 'proxyPassword', message: fieldMessage('proxyPasswordWeakStorage') }]
            : []),
        ],
      });
    }
  }

  /**
   * Holds new secrets (a key, header values) in the secret registry while the change that saves them runs
   * (anything logged meanwhile is scrubbed of them); once saved, the vault holds them for as long as it keeps them.
   */
  private async holdingSecrets<T>(
    secrets: ReadonlyArray<string | null | undefined>,
    run: () => Promise<T>,
  ): Promise<T> {
    const releases: Array<() => void> = [];
    try {
      for (const secret of secrets) if (typeof secret === 'string') releases.push(this.deps.secrets.hold(secret));
      return await run();
    } finally {
      for (const release of releases) release();
    }
  }
}

type HeadersOutcome = 'kept' | 'replaced' | 'removed' | 'dropped';

/** Patch fields whose values are secrets: a diagnostics line names what happened to them, never the field's value. */
const SECRET_FIELDS: ReadonlySet<string> = new Set(['apiKey', 'headers', 'proxyPassword']);

/** The user a profile's own proxy signs in as, or null when it has no proxy of its own or no user. */
function proxyUser(proxy: StoredProfile['proxy']): string | null {
  return proxy?.mode === 'fixed' ? (proxy.username ?? null) : null;
}

function proxyPasswordRefused(message: 'proxyPasswordNeedsUser' | 'proxyPasswordOriginChanged'): AppError {
  return new AppError('VALIDATION_FAILED', {
    fieldErrors: [{ field: 'proxyPassword', message: fieldMessage(message) }],
  });
}

/**
 * What an update does to the proxy password: undefined keeps it, null removes it, a string replaces it. Like a key,
 * a saved password belongs to the proxy (scheme, host, port) and user it was given for: when the proxy or the user
 * goes, it goes too; pointing it at another proxy or user without entering it again is refused.
 */
function proxyPasswordChange(
  edit: string | null | undefined,
  saved: boolean,
  before: StoredProfile,
  after: StoredProfile,
): string | null | undefined {
  const userAfter = proxyUser(after.proxy);
  if (typeof edit === 'string') {
    if (userAfter === null) throw proxyPasswordRefused('proxyPasswordNeedsUser');
    return edit;
  }
  if (!saved) return undefined;
  if (edit === null || userAfter === null) return null;
  const moved =
    userAfter !== proxyUser(before.proxy) ||
    (after.proxy?.mode === 'fixed' &&
      before.proxy?.mode === 'fixed' &&
      endpointOrigin(after.proxy.url) !== endpointOrigin(before.proxy.url));
  if (moved) throw proxyPasswordRefused('proxyPasswordOriginChanged');
  return undefined;
}

function location(profile: StoredProfile): 'local' | 'remote' {
  return isRemoteEndpoint(profile.baseUrl) ? 'remote' : 'local';
}
