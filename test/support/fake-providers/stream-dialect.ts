// What a misbehaving stream needs to know about a wire (its content type, prelude, one delta, its mid-stream
// error), so faults.ts can break every family the same way without knowing any family's bytes.
export interface StreamDialect {
  readonly contentType: string;
  /** Events a healthy stream sends before the first text delta (role-only chunk, message_start, …). */
  prelude(): string[];
  delta(piece: string): string;
  /** The family's in-band error after a 200 (OpenAI `data: {"error":…}`, Anthropic `event: error`, …). */
  midStreamError(): string;
  /** A line that carries no text and does not end the stream. */
  keepAlive(): string;
  /** Lines in the right framing whose payload is not JSON. */
  malformed(): string[];
  /** Written once before huge-body padding (Ollama: an unterminated JSON string). */
  hugeOpening(): string;
  /** `size` bytes of padding that never completes an event or a line. */
  hugePadding(size: number): string;
}

/** SSE padding: 1 KiB comment lines and never a blank line, so a parser that buffers whole events grows forever. */
export function ssePadding(size: number): string {
  const line = `: padding ${'x'.repeat(1024 - 11)}\n`;
  return line.repeat(Math.ceil(size / line.length)).slice(0, size);
}
