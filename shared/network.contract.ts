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

/** The user name a proxy asks for (HTTP Basic: no colon in it, and nothing a header line cannot carry). */
export const ProxyUsernameSchema = z
  .string({ error: fieldMessage('proxyUsername') })
  .trim()
  .min(1, fieldMessage('proxyUsername'))
  .max(256, fieldMessage('proxyUsername'))
  .regex(/^[^\x00-\x1f\x7f:]+$/, fieldMessage('proxyUsername'));

/** The proxy's password: write-only, stored encrypted like an API key, never shown back or logged. */
export const ProxyPasswordSchema = z
  .string({ error: fieldMessage('proxyPassword') })
  .min(1, fieldMessage('proxyPassword'))
  .max(1024, fieldMessage('proxyPassword'))
  .regex(/^[^\x00-\x1f\x7f]+$/, fieldMessage('proxyPassword'));

/** What a profile stores; absent means 'system'. A fixed proxy may name the user it signs in as. */
export const ProxyChoiceSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('system') }),
  z.strictObject({ mode: z.literal('direct') }),
  z.strictObject({ mode: z.literal('fixed'), url: ProxyUrlSchema, username: ProxyUsernameSchema.optional() }),
]);
export type ProxyChoice = z.infer<typeof ProxyChoiceSchema>;

export const SYSTEM_PROXY: ProxyChoice = { mode: 'system' };

/** A way to the server as the network adapters get it: a fixed proxy with the password it signs in with. */
export type ProxyRoute =
  | Exclude<ProxyChoice, { mode: 'fixed' }>
  | (Extract<ProxyChoice, { mode: 'fixed' }> & {
      readonly password?: string;
    });
