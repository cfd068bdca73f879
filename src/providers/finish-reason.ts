// Why a model stopped, from each provider's own word (see docs/providers.md, "Why a reply ended") to the app's five:
// OpenAI-style finish_reason, Anthropic's stop_reason, Gemini's finishReason and Ollama's done_reason.
import type { FinishReason } from '../../shared/chat.contract.js';

const WORDS: ReadonlyArray<readonly [RegExp, FinishReason]> = [
  [/^(stop|end_turn|stop_sequence|eos|eos_token|complete|finished)$/i, 'stop'],
  [/^(length|max_tokens|model_length|model_context_window_exceeded)$/i, 'length'],
  [
    /^(content_filter|safety|recitation|blocklist|prohibited_content|spii|image_safety|refusal|language)$/i,
    'content-filter',
  ],
  [/^(tool_calls|function_call|tool_use|pause_turn|malformed_function_call|unexpected_tool_call)$/i, 'tool-call'],
];

export function finishReasonOf(serverWord: string | null): FinishReason | null {
  if (serverWord === null || serverWord.trim() === '') return null;
  for (const [pattern, reason] of WORDS) if (pattern.test(serverWord.trim())) return reason;
  return 'other';
}
