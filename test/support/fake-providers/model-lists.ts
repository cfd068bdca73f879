// Model lists as each server shapes them. `/v1/models` entries carry the `owned_by` fingerprint discovery reads
// (docs/providers.md §6 table), including its absence for LocalAI and mlx_lm, so the lists must not be normalised.
import { CREATED_UNIX, isLoaded, type FakeContext, type FakeKind, type FakeModelInfo } from './fake-llm-options.js';
import type { ServerResponse } from 'node:http';
import type { RecordedRequest } from './fake-http-server.js';
import { json, parseObject, send } from './respond.js';
import { pauseUnlessClosed } from './stream-writer.js';
import type { Reply } from './respond.js';

function entry(kind: FakeKind, id: string, info: FakeModelInfo | undefined): Record<string, unknown> {
  const base = { id, object: 'model' };
  switch (kind) {
    case 'openai':
      return { ...base, created: CREATED_UNIX, owned_by: 'openai' };
    case 'azure-openai':
      return { ...base, created: CREATED_UNIX, owned_by: 'system' };
    case 'ollama':
      return { ...base, created: CREATED_UNIX, owned_by: 'library' };
    case 'lmstudio':
      return { ...base, owned_by: 'organization_owner' };
    case 'llamacpp':
      return {
        ...base,
        created: CREATED_UNIX,
        owned_by: 'llamacpp',
        meta: {
          vocab_type: 2,
          n_vocab: 128_256,
          n_ctx_train: 131_072,
          n_embd: 4096,
          n_params: 8_030_261_248,
          size: 4_920_733_696,
        },
      };
    case 'vllm':
      return {
        ...base,
        created: CREATED_UNIX,
        owned_by: 'vllm',
        root: id,
        parent: null,
        max_model_len: info?.contextLength ?? 32_768,
        permission: [
          {
            id: `modelperm-${id}`,
            object: 'model_permission',
            created: CREATED_UNIX,
            allow_create_engine: false,
            allow_sampling: true,
            allow_logprobs: true,
            allow_view: true,
            organization: '*',
            group: null,
            is_blocking: false,
          },
        ],
      };
    case 'localai':
      return base; // no owned_by, no created (core/schema/openai.go)
    case 'mlx':
      return { ...base, created: CREATED_UNIX }; // no owned_by
    case 'jan':
      return { ...base, created: 1, owned_by: 'user' };
    case 'textgen-webui':
      return { ...base, created: 0, owned_by: 'user' };
    case 'koboldcpp':
      return { ...base, owned_by: 'koboldcpp', root: 'koboldcpp' };
    case 'docker-model-runner':
      return { ...base, created: CREATED_UNIX, owned_by: 'docker' };
    case 'lemonade':
      return {
        ...base,
        created: CREATED_UNIX,
        owned_by: 'lemonade',
        checkpoint: `unsloth/${id}:Q4_K_M`,
        recipe: 'llamacpp',
      };
    case 'sglang':
      return { ...base, created: CREATED_UNIX, owned_by: 'sglang', root: id, max_model_len: 32_768 };
    case 'gpustack':
      return { ...base, created: CREATED_UNIX, owned_by: 'gpustack' };
    case 'anthropic':
    case 'gemini':
      return { ...base, created: CREATED_UNIX };
    default:
      return base; // the cloud services list their models in their own shapes (cloud-services.ts)
  }
}

/** GET …/v1/models in the server's own shape. */
export function openAiModelList(ctx: FakeContext): Reply {
  // text-generation-webui lists only the loaded model (modules/api/models.py); the fake treats the first as loaded.
  const ids = ctx.kind === 'textgen-webui' ? ctx.models.slice(0, 1) : ctx.models;
  const data = ids.map((id) => entry(ctx.kind, id, ctx.modelInfo[id]));
  // KoboldCpp's list has no top-level `object` (koboldcpp.py l.1779–1780).
  return json(200, ctx.kind === 'koboldcpp' ? { data } : { object: 'list', data });
}

/** LM Studio's native REST v1 list: top-level models[] with key / loaded_instances (§5.2). */
export function lmStudioV1Models(ctx: FakeContext): Reply {
  return json(200, {
    models: ctx.models.map((id) => ({
      type: ctx.modelInfo[id]?.kind === 'embedding' ? 'embedding' : 'llm',
      publisher: 'lmstudio-community',
      key: id,
      display_name: id,
      architecture: 'llama',
      quantization: { name: 'Q4_K_M', bits_per_weight: 4 },
      size_bytes: 4_920_733_696,
      params_string: '8B',
      loaded_instances: [],
      max_context_length: ctx.modelInfo[id]?.contextLength ?? 131_072,
      format: 'gguf',
      capabilities: { vision: false, trained_for_tool_use: true },
    })),
  });
}

/** LM Studio's native REST v0 list: data[].state (§5.2). */
export function lmStudioV0Models(ctx: FakeContext): Reply {
  return json(200, {
    object: 'list',
    data: ctx.models.map((id) => ({
      id,
      object: 'model',
      type: ctx.modelInfo[id]?.kind === 'embedding' ? 'embeddings' : 'llm',
      publisher: 'lmstudio-community',
      arch: 'llama',
      compatibility_type: 'gguf',
      quantization: 'Q4_K_M',
      state: isLoaded(ctx, id) ? 'loaded' : 'not-loaded',
      max_context_length: ctx.modelInfo[id]?.contextLength ?? 131_072,
    })),
  });
}

/** GET /api/v0/models/<id>: one model as LM Studio's native API describes it. */
export function lmStudioV0Model(ctx: FakeContext, id: string): Reply {
  const all = (JSON.parse(lmStudioV0Models(ctx).body) as { data: Array<{ id: string }> }).data;
  const entry = all.find((m) => m.id === id);
  return entry ? json(200, entry) : json(404, { error: `Model "${id}" not found` });
}

/** POST /api/v1/models/load (LM Studio 0.4+): answers once the model is in memory; a client that leaves stops it. */
export async function lmStudioLoad(ctx: FakeContext, req: RecordedRequest, res: ServerResponse): Promise<void> {
  const model = parseObject(req.body)?.model;
  if (typeof model !== 'string' || !ctx.models.includes(model))
    return send(res, json(404, { error: { message: `Model not found: ${String(model)}`, type: 'not_found' } }));
  if (!isLoaded(ctx, model)) {
    if (!(await pauseUnlessClosed(res, ctx.loadDelayMs))) {
      ctx.abandonedLoads.push(model);
      return;
    }
    ctx.loadedNow.add(model);
  }
  send(
    res,
    json(200, {
      model_instance_id: model,
      config: { context_length: 4096 },
      load_time_seconds: ctx.loadDelayMs / 1000,
    }),
  );
}
