// Reading response bodies with a byte cap, so a runaway server (a 100 MB body, an endless stream) cannot
// exhaust memory: chunks are handed on as they arrive and the read stops at the cap.
import { AppError } from '../errors/app-error.js';

export function tooLarge(limitBytes: number): AppError {
  const limit =
    limitBytes >= 1024 * 1024 ? `${Math.round(limitBytes / (1024 * 1024))} MB` : `${Math.round(limitBytes / 1024)} KB`;
  return new AppError('PROVIDER_RESPONSE_TOO_LARGE', { params: { limit } });
}

/** Yields decoded text chunks; throws PROVIDER_RESPONSE_TOO_LARGE past the cap. Cancels the body when left early. */
export async function* readTextCapped(response: Response, limitBytes: number): AsyncGenerator<string> {
  if (!response.body) return;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        const rest = decoder.decode();
        if (rest) yield rest;
        return;
      }
      total += value.byteLength;
      if (total > limitBytes) throw tooLarge(limitBytes);
      const text = decoder.decode(value, { stream: true });
      if (text) yield text;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

export async function readAllCapped(response: Response, limitBytes: number): Promise<string> {
  let text = '';
  for await (const chunk of readTextCapped(response, limitBytes)) text += chunk;
  return text;
}
