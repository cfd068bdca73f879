// profiles.models: the models a server offers, for a saved profile or a form draft.
import { ProfileModelsInputSchema, type ModelList, type ProfileModelsInput } from '../../shared/models.contract.js';
import { resolveEndpoints } from '../../shared/endpoint-resolution.js';
import { PROFILE_LIMITS } from '../../shared/profile.contract.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { parseInput } from '../errors/validation.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { isPlainText } from '../../shared/text-rules.js';
import { scrubText } from '../diagnostics/redaction.js';
import { listModels, type Listing } from './model-list.js';
import type { ProviderTarget } from './provider-target.js';
import type { Network } from '../ports/network.port.js';
import { noteRemoteUse, targetForDraft, targetForProfile } from './provider-access.js';
import { deadline } from '../system/deadline.js';

export class ModelListingService {
  constructor(
    private readonly deps: {
      profiles: ProfileService;
      network: Network;
      timers: Timers;
      secrets: SecretRegistry;
      logger: Logger;
    },
  ) {}

  async list(input: ProfileModelsInput, cancel?: AbortSignal): Promise<ModelList> {
    const { id, draft } = parseInput(ProfileModelsInputSchema, input);
    // A draft's key, header values and proxy password are live only while this request runs.
    const releases: Array<() => void> = [];
    try {
      for (const secret of [draft?.apiKey, draft?.proxyPassword, ...(draft?.headers ?? []).map((h) => h.value)])
        if (secret) releases.push(this.deps.secrets.hold(secret));
      const target = draft
        ? targetForDraft(this.deps.profiles, draft, id)
        : targetForProfile(this.deps.profiles, id!).target;
      noteRemoteUse(this.deps.logger, target, 'models');
      const { models: listed, truncated } = await this.listWithinLimit(target, cancel);
      // A model a server names after a key it was sent, or with invisible characters, is dropped; labels are
      // scrubbed like every answer.
      const models = listed
        .filter((m) => isPlainText(m.id) && !this.deps.secrets.contains(m.id))
        .map((m) => (m.label === undefined ? m : { ...m, label: scrubText(m.label, this.deps.secrets) }));
      this.deps.logger.log('info', 'profile.models_listed', {
        profileId: id ?? null,
        draft: draft !== undefined,
        count: models.length,
        dropped: listed.length - models.length,
        truncated,
      });
      return { models, truncated, endpoint: resolveEndpoints({ ...target, model: target.model }).models };
    } finally {
      for (const release of releases) release();
    }
  }

  private async listWithinLimit(target: ProviderTarget, cancel: AbortSignal | undefined): Promise<Listing> {
    const limit = deadline(this.deps.timers, Math.min(target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs), cancel);
    try {
      return await listModels(target, this.deps, limit.signal);
    } finally {
      limit.clear();
    }
  }
}
