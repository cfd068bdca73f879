// The OpenAI-compatible cloud services as their own docs describe them (docs/providers.md §8): where chat and
// the model list live, the shape of each list entry (bare arrays included), and the services whose request
// validation refuses stream_options, which their fakes refuse the same way.
import { OPENAI_COMPATIBLE_PRESETS, PRESETS, type Preset } from '../../../shared/provider.contract.js';
import type { FakeContext } from './fake-llm-options.js';
import { json, type Reply } from './respond.js';

/** The presets that are cloud services, exactly as the app lists them. */
export const CLOUD_KINDS = OPENAI_COMPATIBLE_PRESETS.filter(
  (preset): preset is CloudKind & Preset => !PRESETS[preset].local,
);
export type CloudKind =
  | 'openrouter'
  | 'deepseek'
  | 'groq'
  | 'mistral'
  | 'xai'
  | 'together'
  | 'fireworks'
  | 'cerebras'
  | 'perplexity'
  | 'github-models'
  | 'ollama-cloud';

interface CloudService {
  /** The documented base path on the service's host ('' for the root). */
  readonly basePath: string;
  /** Where its model list is, from the host's root. */
  readonly modelsPath: string;
  /** Whether the service takes stream_options.include_usage; the fakes of those that do not refuse it. */
  readonly streamOptions: boolean;
  readonly list: (ctx: FakeContext) => Reply;
}

const CREATED = 1_735_689_600;
const data = (entries: unknown[]): Reply => json(200, { object: 'list', data: entries });
const embedding = (ctx: FakeContext, id: string): boolean => ctx.modelInfo[id]?.kind === 'embedding';
const context = (ctx: FakeContext, id: string, fallback: number): number =>
  ctx.modelInfo[id]?.contextLength ?? fallback;

export const CLOUD_SERVICES: Readonly<Record<CloudKind, CloudService>> = {
  openrouter: {
    basePath: '/api/v1',
    modelsPath: '/api/v1/models',
    streamOptions: true,
    list: (ctx) =>
      json(200, {
        data: ctx.models.map((id) => ({
          id,
          canonical_slug: id,
          name: id,
          created: CREATED,
          context_length: context(ctx, id, 128_000),
          architecture: {
            modality: 'text->text',
            input_modalities: ['text'],
            output_modalities: embedding(ctx, id) ? ['embeddings'] : ['text'],
            tokenizer: 'Other',
          },
          pricing: { prompt: '0.0000001', completion: '0.0000004' },
        })),
      }),
  },
  deepseek: {
    basePath: '',
    modelsPath: '/models',
    streamOptions: true,
    list: (ctx) => data(ctx.models.map((id) => ({ id, object: 'model', owned_by: 'deepseek' }))),
  },
  groq: {
    basePath: '/openai/v1',
    modelsPath: '/openai/v1/models',
    streamOptions: true,
    list: (ctx) =>
      data(
        ctx.models.map((id) => ({
          id,
          object: 'model',
          created: CREATED,
          owned_by: 'Meta',
          active: true,
          context_window: context(ctx, id, 131_072),
        })),
      ),
  },
  mistral: {
    basePath: '/v1',
    modelsPath: '/v1/models',
    streamOptions: false,
    list: (ctx) =>
      data(
        ctx.models.map((id) => ({
          id,
          object: 'model',
          created: CREATED,
          owned_by: 'mistralai',
          name: id,
          max_context_length: context(ctx, id, 131_072),
          capabilities: { completion_chat: !embedding(ctx, id), function_calling: true, vision: false },
          type: 'base',
        })),
      ),
  },
  xai: {
    basePath: '/v1',
    modelsPath: '/v1/models',
    streamOptions: false,
    list: (ctx) => data(ctx.models.map((id) => ({ id, created: CREATED, object: 'model', owned_by: 'xai' }))),
  },
  together: {
    basePath: '/v1',
    modelsPath: '/v1/models',
    streamOptions: false,
    // A bare array, not {data: […]}.
    list: (ctx) =>
      json(
        200,
        ctx.models.map((id) => ({
          id,
          object: 'model',
          created: CREATED,
          type: embedding(ctx, id) ? 'embedding' : 'chat',
          display_name: id,
          organization: 'Meta',
          context_length: context(ctx, id, 131_072),
        })),
      ),
  },
  fireworks: {
    basePath: '/inference/v1',
    modelsPath: '/inference/v1/models',
    streamOptions: false,
    list: (ctx) => data(ctx.models.map((id) => ({ id, object: 'model', owned_by: 'fireworks', created: CREATED }))),
  },
  cerebras: {
    basePath: '/v1',
    modelsPath: '/v1/models',
    streamOptions: true,
    list: (ctx) => data(ctx.models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'Cerebras' }))),
  },
  perplexity: {
    basePath: '',
    modelsPath: '/v1/models',
    streamOptions: false,
    list: (ctx) => data(ctx.models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'perplexity' }))),
  },
  'github-models': {
    basePath: '/inference',
    modelsPath: '/catalog/models',
    streamOptions: true,
    // The catalog: a bare array with limits and modalities.
    list: (ctx) =>
      json(
        200,
        ctx.models.map((id) => ({
          id,
          name: id,
          registry: 'azureml',
          publisher: id.split('/')[0] ?? 'OpenAI',
          summary: 'A model.',
          rate_limit_tier: 'low',
          version: '1',
          capabilities: embedding(ctx, id) ? [] : ['streaming', 'tool-calling'],
          limits: { max_input_tokens: context(ctx, id, 1_048_576), max_output_tokens: 32_768 },
          tags: [],
          supported_input_modalities: ['text'],
          supported_output_modalities: embedding(ctx, id) ? ['embeddings'] : ['text'],
        })),
      ),
  },
  'ollama-cloud': {
    basePath: '/v1',
    modelsPath: '/v1/models',
    streamOptions: true,
    list: (ctx) => data(ctx.models.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'library' }))),
  },
};

export function isCloudKind(kind: string): kind is CloudKind {
  return (CLOUD_KINDS as readonly string[]).includes(kind);
}

/** How a service that refuses unknown fields answers a request carrying stream_options. */
export function streamOptionsRefused(kind: CloudKind): Reply {
  return kind === 'mistral'
    ? json(422, {
        object: 'error',
        message: {
          detail: [{ type: 'extra_forbidden', loc: ['body', 'stream_options'], msg: 'Extra inputs are not permitted' }],
        },
        type: 'invalid_request_message_error',
        param: null,
        code: null,
      })
    : json(400, {
        error: { message: 'Unrecognized request argument supplied: stream_options', type: 'invalid_request_error' },
      });
}
