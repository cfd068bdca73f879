// Two escape hatches for OpenAI and OpenAI-compatible servers whose paths the usual guessing gets wrong (a gateway
// at /gw without /v1, a model list somewhere else): which kinds have them, and the words the form says about them.
// The rules are in profile.contract.ts (addressOptionIssues), the resolution in endpoint-resolution.ts.
import type { ProviderKind } from './provider.contract.js';

/** The kinds whose endpoints are built as base + /chat/completions and base + /models. */
export function takesAddressOptions(kind: ProviderKind): boolean {
  return kind === 'openai' || kind === 'openai-compatible';
}

export const ADDRESS_OPTION_WORDS = {
  toggle: 'Address options',
  exactAddress: {
    label: "Use the address exactly as typed (don't add /v1)",
    hint: 'For a gateway or proxy whose address is already where the API starts: chats go to it + /chat/completions.',
  },
  modelsUrl: {
    label: 'Model list address (optional)',
    hint: 'The full address of the list of models, if it is not the server address + /models; on the same server.',
  },
  preview: {
    chat: 'Requests will go to',
    models: 'Models will be listed from',
    noAddress: 'Enter an address starting with http:// or https://',
  },
} as const;
