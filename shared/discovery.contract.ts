// Auto-discovery of model servers on this computer: progress per probed address, each server found (which
// one, its version, whether it needs a key, its models, whether a profile already uses it), then the summary.
import { z } from 'zod';
import { OPENAI_COMPATIBLE_PRESETS, PresetSchema, ProviderKindSchema, type Preset } from './provider.contract.js';

type NamedPreset = Exclude<Preset, 'other'>;

/** Every local server with a preset of its own, Ollama, and the ones discovery can name without a preset. */
export const DISCOVERABLE_SERVERS = [
  'ollama',
  ...OPENAI_COMPATIBLE_PRESETS.filter((p): p is NamedPreset => p !== 'other'),
  'mlx',
  'lemonade',
  'sglang',
  'gpustack',
  'openai-compatible',
] as const;
export const DiscoverableServerSchema = z.enum(DISCOVERABLE_SERVERS);
export type DiscoverableServer = z.infer<typeof DiscoverableServerSchema>;

export const LOOPBACK_HOSTS = ['127.0.0.1', '::1'] as const;
export const LoopbackHostSchema = z.enum(LOOPBACK_HOSTS);
export type LoopbackHost = z.infer<typeof LoopbackHostSchema>;

export const DiscoveredServerSchema = z.object({
  server: DiscoverableServerSchema,
  label: z.string(),
  host: LoopbackHostSchema,
  port: z.number().int().min(1).max(65_535),
  version: z.string().nullable(),
  requiresKey: z.boolean(),
  models: z.array(z.string()),
  /** What gave it away, e.g. "GET /props has build_info". */
  evidence: z.string(),
  /** A ready-to-create profile (servers without a preset of their own get the 'other' preset). */
  suggestion: z.object({
    kind: ProviderKindSchema,
    preset: PresetSchema.nullable(),
    baseUrl: z.string(),
    model: z.string().nullable(),
    name: z.string(),
  }),
  /** Profiles that already point at this server. */
  savedProfileIds: z.array(z.string()),
});
export type DiscoveredServer = z.infer<typeof DiscoveredServerSchema>;

export const ProbeStateSchema = z.enum(['closed', 'open', 'identified', 'unidentified', 'no-answer']);

export const DiscoveryEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    targets: z.array(z.object({ host: LoopbackHostSchema, port: z.number().int() })),
  }),
  z.object({ type: z.literal('probe'), host: LoopbackHostSchema, port: z.number().int(), state: ProbeStateSchema }),
  z.object({ type: z.literal('found'), server: DiscoveredServerSchema }),
  z.object({
    type: z.literal('done'),
    servers: z.array(DiscoveredServerSchema),
    durationMs: z.number().nonnegative(),
    probed: z.number().int(),
  }),
]);
export type DiscoveryEvent = z.infer<typeof DiscoveryEventSchema>;

export const DiscoveryScanInputSchema = z.strictObject({}).optional();
export type DiscoveryScanInput = z.input<typeof DiscoveryScanInputSchema>;
