// How a profile reaches its server on the learner's network: through the system's proxy settings (the default —
// what the learner's browser does, PAC files included), straight to the server, or through one proxy the learner
// names. Only http(s) proxies are accepted, the kind every adapter here can use.
import { z } from 'zod';
import { fieldMessage } from './errors/field-messages.js';

export const PROXY_MODES = ['system', 'direct', 'fixed'] as const;
export type ProxyMode = (typeof PROXY_MODES)[number];

export const ProxyUrlSchema = z
  .string({ error: fieldMessage('proxyUrl') })
  .trim()
  .max(2048, fieldMessage('proxyUrl'))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, fieldMessage('proxyUrl'));

/** What a profile stores; absent means 'system'. */
export const ProxyChoiceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('direct') }),
  z.strictObject({ mode: z.literal('fixed'), url: ProxyUrlSchema }),
]);
export type ProxyChoice = z.infer<typeof ProxyChoiceSchema>;

export const SYSTEM_PROXY: ProxyChoice = { mode: 'system' };
