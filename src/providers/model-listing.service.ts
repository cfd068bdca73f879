// profiles.models: the models a server offers, for a saved profile or a form draft.
import { ProfileModelsInputSchema, type ModelList, type ProfileModelsInput } from '../../shared/models.contract.js';
import { resolveEndpoints } from '../../shared/endpoint-resolution.js';
import { PROFILE_LIMITS } from '../../shared/profile.contract.js';
import type { SecretRegistry } from '../diagnostics/secret-registry.js';
import { parseInput } from '../errors/validation.js';
import type { Logger } from '../ports/logger.port.js';
import type { Timers } from '../ports/timers.port.js';
import type { ProfileService } from '../profiles/profile.service.js';
import { listModels } from './model-list.js';
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
    const draftKey = (input as { draft?: { apiKey?: unknown } } | null)?.draft?.apiKey;
    if (typeof draftKey === 'string' && draftKey.length <= PROFILE_LIMITS.apiKeyMax) this.deps.secrets.add(draftKey);
    const { id, draft } = parseInput(ProfileModelsInputSchema, input);
    const target = draft
      ? targetForDraft(this.deps.profiles, draft, id)
      : targetForProfile(this.deps.profiles, id!).target;
    noteRemoteUse(this.deps.logger, target, 'models');
    const limit = deadline(this.deps.timers, Math.min(target.timeoutMs, PROFILE_LIMITS.timeoutMaxMs), cancel);
    let models: ModelList['models'];
    try {
      models = await listModels(target, this.deps, limit.signal);
    } finally {
      limit.clear();
    }
    this.deps.logger.log('info', 'profile.models_listed', {
      profileId: id ?? null,
      draft: draft !== undefined,
      count: models.length,
    });
    return { models, endpoint: resolveEndpoints({ ...target, model: target.model }).models };
  }
}
