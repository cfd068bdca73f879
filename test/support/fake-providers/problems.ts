// Expected failures as data (which problem, not which bytes), turned into each wire's exact error response here,
// so auth, routing and faults share one vocabulary and only the wire modules know the shapes.
import { anthropicProblem } from './anthropic-wire.js';
import type { FakeKind, Wire } from './fake-llm-options.js';
import { geminiProblem } from './gemini-wire.js';
import { ollamaProblem } from './ollama-wire.js';
import { openAiProblem } from './openai-errors.js';
import type { Reply } from './respond.js';

export type Problem =
  /** presented: the key the client sent, undefined when it sent none. */
  | { code: 'unauthorized'; presented: string | undefined }
  | { code: 'no-route'; method: string; pathname: string }
  | { code: 'model-not-found'; model: string }
  | { code: 'bad-request'; message: string }
  | { code: 'rate-limit'; retryAfterSeconds: number }
  | { code: 'overloaded' }
  | { code: 'server-error' };

export function problemReply(wire: Wire, kind: FakeKind, problem: Problem): Reply {
  const reply =
    wire === 'anthropic'
      ? anthropicProblem(problem)
      : wire === 'gemini'
        ? geminiProblem(problem)
        : wire === 'ollama'
          ? ollamaProblem(kind, problem)
          : openAiProblem(kind, problem);
  if (problem.code !== 'rate-limit') return reply;
  return { ...reply, headers: { ...reply.headers, 'retry-after': String(problem.retryAfterSeconds) } };
}
