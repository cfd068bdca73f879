// What the "Try your own prompt" box shows, as a reducer over one chat.stream run, kept apart from the
// subscription so every transition (a refusal, a stop mid-reply, an answer cut short) can be tested alone.
import type { ChatStreamEvent, FinishReason } from '../../../shared/chat.contract.js';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import type { TestMetrics } from '../../../shared/provider-test.contract.js';
import type { RunAction } from '../../hooks/use-subscription-run.js';

export type PromptStatus = 'idle' | 'streaming' | 'finished' | 'failed' | 'stopped';

export interface PromptState {
  readonly status: PromptStatus;
  readonly reply: string;
  /** What a reasoning model showed of its thinking, apart from the answer. */
  readonly thinking: string;
  readonly finishReason: FinishReason | null;
  readonly figures: TestMetrics | null;
  readonly error: AppErrorData | null;
}

export type PromptAction = RunAction<ChatStreamEvent, 'failed'> | { readonly type: 'ended' };

export const IDLE_PROMPT: PromptState = {
  status: 'idle',
  reply: '',
  thinking: '',
  finishReason: null,
  figures: null,
  error: null,
};

export function promptReducer(state: PromptState, action: PromptAction): PromptState {
  switch (action.type) {
    case 'start':
      return { ...IDLE_PROMPT, status: 'streaming' };
    case 'event': {
      if (state.status !== 'streaming') return state;
      const { event } = action;
      if (event.type === 'delta')
        return event.reasoning
          ? { ...state, thinking: state.thinking + event.text }
          : { ...state, reply: state.reply + event.text };
      if (event.type === 'end')
        return { ...state, status: 'finished', finishReason: event.finishReason, figures: event.figures };
      return state;
    }
    case 'failed':
      return state.status === 'streaming' ? { ...state, status: 'failed', error: action.error } : state;
    case 'ended':
    case 'cancel':
      return state.status === 'streaming' ? { ...state, status: 'stopped' } : state;
  }
}
