// The "Try your own prompt" box as a reducer: deltas build the reply and the thinking apart, the end brings the
// figures and why it stopped, a refusal or a stop ends the run, and nothing from an ended run changes it.
import { describe, expect, it } from 'vitest';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import {
  IDLE_PROMPT,
  promptReducer,
  type PromptAction,
} from '../../../src-renderer/features/connection-test/prompt-state.js';

const FIGURES = {
  timeToFirstByteMs: 5,
  timeToFirstTokenMs: 12,
  totalMs: 40,
  outputTokens: 3,
  outputTokensSource: 'server' as const,
  tokensPerSecond: 75,
  tokensPerSecondSource: 'server' as const,
  serverLoadMs: null,
  serverPromptMs: null,
};
const ERROR: AppErrorData = {
  code: 'PROVIDER_CONNECTION_REFUSED',
  message: 'Nothing answered.',
  remediation: 'Start it.',
  retryable: true,
  correlationId: 'c-1',
};

const run = (...actions: PromptAction[]) => actions.reduce(promptReducer, IDLE_PROMPT);
const delta = (text: string, reasoning = false): PromptAction => ({
  type: 'event',
  event: { type: 'delta', text, reasoning },
});

describe('promptReducer', () => {
  it('streams the reply and the thinking apart, then ends with the figures and the reason', () => {
    const state = run(
      { type: 'start' },
      { type: 'event', event: { type: 'start', profileId: 'p', model: 'm', endpoint: 'http://127.0.0.1:1/v1' } },
      delta('Let me think', true),
      delta('Seven'),
      delta(' is prime.'),
      {
        type: 'event',
        event: { type: 'end', finishReason: 'length', serverReason: 'length', inputTokens: 9, figures: FIGURES },
      },
    );
    expect(state).toMatchObject({
      status: 'finished',
      reply: 'Seven is prime.',
      thinking: 'Let me think',
      finishReason: 'length',
    });
    expect(state.figures).toEqual(FIGURES);
  });

  it('a refusal ends the run with the error; a stop mid-reply keeps what came', () => {
    expect(run({ type: 'start' }, { type: 'failed', error: ERROR })).toMatchObject({ status: 'failed', error: ERROR });
    expect(run({ type: 'start' }, delta('Half'), { type: 'cancel' })).toMatchObject({
      status: 'stopped',
      reply: 'Half',
    });
    expect(run({ type: 'start' }, delta('Half'), { type: 'ended' })).toMatchObject({ status: 'stopped' });
  });

  it('nothing from an ended run changes it, and a new start begins afresh', () => {
    const stopped = run({ type: 'start' }, delta('Half'), { type: 'cancel' });
    expect(promptReducer(stopped, delta('late'))).toBe(stopped);
    expect(promptReducer(stopped, { type: 'failed', error: ERROR })).toBe(stopped);
    expect(promptReducer(stopped, { type: 'start' })).toEqual({ ...IDLE_PROMPT, status: 'streaming' });
  });
});
