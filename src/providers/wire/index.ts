// The wire format for each provider kind.
import type { ProviderKind } from '../../../shared/provider.contract.js';
import { anthropicWire } from './anthropic.wire.js';
import { geminiWire } from './gemini.wire.js';
import { ollamaWire } from './ollama.wire.js';
import { openAiWire } from './openai.wire.js';
import type { Wire } from './wire.js';

const WIRES: { readonly [K in ProviderKind]: Wire } = {
  openai: openAiWire,
  'azure-openai': openAiWire,
  'openai-compatible': openAiWire,
  anthropic: anthropicWire,
  gemini: geminiWire,
  ollama: ollamaWire,
};

export function wireFor(kind: ProviderKind): Wire {
  return WIRES[kind];
}
