// The wire protocol between renderer and main, identical to electron-trpc 0.7's so that library can be
// swapped back in: one channel, `request` / `subscription.stop` messages in, tRPC response messages out.
import { z } from 'zod';

const WireIdSchema = z.union([z.number().int().safe(), z.string().min(1).max(64)]);
export type WireId = z.infer<typeof WireIdSchema>;

export const CorrelationIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

export const IpcRequestMessageSchema = z.object({
  method: z.literal('request'),
  operation: z.object({
    id: WireIdSchema,
    type: z.enum(['query', 'mutation', 'subscription']),
    path: z.string().min(1).max(200),
    input: z.unknown().optional(),
    context: z.record(z.string(), z.unknown()).optional(),
  }),
});

export const IpcStopMessageSchema = z.object({ method: z.literal('subscription.stop'), id: WireIdSchema });

export const IpcClientMessageSchema = z.discriminatedUnion('method', [IpcRequestMessageSchema, IpcStopMessageSchema]);
export type IpcRequestMessage = z.infer<typeof IpcRequestMessageSchema>;
export type IpcClientMessage = z.infer<typeof IpcClientMessageSchema>;

/** tRPC's response message shape (TRPCResponseMessage) as it crosses the channel. */
export type IpcServerMessage =
  | { id: WireId; result: { type: 'started' } | { type: 'stopped' } | { type: 'data'; data: unknown; id?: string } }
  | { id: WireId | null; error: { code: number; message: string; data: unknown } };

/** What the preload exposes as `window.electronTRPC`, and nothing else. */
export interface ElectronTrpcBridge {
  sendMessage(message: IpcClientMessage): void;
  onMessage(callback: (message: IpcServerMessage) => void): void;
}

/** Best-effort id of a message that failed validation, so even a malformed request gets its answer. */
export function salvageWireId(message: unknown): WireId | null {
  if (typeof message !== 'object' || message === null) return null;
  const candidate =
    (message as { operation?: { id?: unknown }; id?: unknown }).operation?.id ?? (message as { id?: unknown }).id;
  const parsed = WireIdSchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}
