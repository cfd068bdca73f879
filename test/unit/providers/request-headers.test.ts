// How the learner's extra headers join a wire's own: the app's headers win in any letter case, reserved names are
// left out even if they were ever stored, and nothing extra goes to a URL on another origin than the profile's.
import { describe, expect, it } from 'vitest';
import type { ProviderTarget } from '../../../src/providers/provider-target.js';
import { wireFor } from '../../../src/providers/wire/index.js';
import { requestHeaders } from '../../../src/providers/wire/wire.js';

const target: ProviderTarget = {
  kind: 'openai',
  baseUrl: 'https://gateway.example.com/v1',
  model: 'gpt-4o-mini',
  apiKey: 'sk-unit-request-headers-0000',
  timeoutMs: 30_000,
  extraHeaders: [
    { name: 'X-Portkey-Api-Key', value: 'portkey-value' },
    { name: 'AUTHORIZATION', value: 'Bearer not-the-app' },
    { name: 'Content-Type', value: 'text/plain' },
    { name: 'Sec-Fetch-Mode', value: 'cors' },
  ],
};

describe('extra request headers', () => {
  it('are added beside the app’s own, which always win', () => {
    const { headers } = wireFor('openai').chatRequest(target, {
      messages: [{ role: 'user', content: 'hi' }],
      maxTokens: 8,
      temperature: 0,
    });
    expect(headers).toEqual({
      'X-Portkey-Api-Key': 'portkey-value',
      'content-type': 'application/json',
      accept: 'text/event-stream',
      authorization: 'Bearer sk-unit-request-headers-0000',
    });
    expect(wireFor('openai').modelsRequest(target).headers['X-Portkey-Api-Key']).toBe('portkey-value');
  });

  it.each([
    ['another host', 'https://evil.example/v1/chat/completions'],
    ['another scheme', 'http://gateway.example.com/v1/chat/completions'],
    ['another port', 'https://gateway.example.com:8443/v1/chat/completions'],
  ])('go nowhere but the profile’s origin: not to %s', (_label, url) => {
    expect(requestHeaders(target, url, { accept: 'application/json' })).toEqual({ accept: 'application/json' });
    expect(requestHeaders(target, 'https://GATEWAY.example.com:443/v1/models', {})).toEqual({
      'X-Portkey-Api-Key': 'portkey-value',
    });
  });
});
