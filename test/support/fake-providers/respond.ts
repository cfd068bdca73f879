// One-shot replies and request-body helpers shared by every wire module, so each module only describes shapes.
import type { ServerResponse } from 'node:http';

/** A complete non-streamed answer: what error builders return and routes send. */
export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function text(status: number, body: string, contentType = 'text/plain; charset=utf-8'): Reply {
  return { status, headers: { 'content-type': contentType }, body };
}

export function empty(status: number): Reply {
  return { status, body: '' };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { 'content-length': String(Buffer.byteLength(reply.body)), ...reply.headers });
  res.end(reply.body);
}

/** The parsed JSON object body, or undefined when it is not a JSON object. */
export function parseObject(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

const PROMPT_KEYS = new Set(['content', 'text', 'system', 'prompt']);

/** A deterministic stand-in for a tokenizer: whitespace-separated words in the prompt text, at least 1. */
export function promptTokens(value: unknown): number {
  let words = 0;
  const visit = (node: unknown, key: string | undefined): void => {
    if (typeof node === 'string') {
      if (key !== undefined && PROMPT_KEYS.has(key)) words += node.split(/\s+/).filter(Boolean).length;
    } else if (Array.isArray(node)) {
      for (const item of node) visit(item, key);
    } else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) visit(v, k);
    }
  };
  visit(value, undefined);
  return Math.max(1, words);
}

let counter = 0;
/** Short unique ids for chat ids / request ids; never random, so failures reproduce. */
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}${counter.toString(36).padStart(8, '0')}`;
}
