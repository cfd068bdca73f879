// Streams one reply through chat.stream for the dialog's profile: send() starts a run (ending any before it),
// stop() ends it, which stops the subscription and so cancels the request in main.
import { useReducer, useRef } from 'react';
import { useTRPCClient } from '../../app/trpc.js';
import { useReducedRun } from '../../hooks/use-subscription-run.js';
import { appErrorDataOf } from '../errors/error-data.js';
import { IDLE_PROMPT, promptReducer } from './prompt-state.js';

export function usePromptStream(profileId: string) {
  const client = useTRPCClient();
  const [state, dispatch] = useReducer(promptReducer, IDLE_PROMPT);
  const prompt = useRef('');
  const { start, cancel } = useReducedRun(dispatch, () =>
    client.chat.stream.subscribe(
      { profileId, messages: [{ role: 'user', content: prompt.current }] },
      {
        onData: (event) => dispatch({ type: 'event', event }),
        onError: (error) => dispatch({ type: 'failed', error: appErrorDataOf(error) }),
        onComplete: () => dispatch({ type: 'ended' }),
      },
    ),
  );
  const send = (text: string) => {
    prompt.current = text;
    start();
  };
  return { state, send, stop: cancel };
}
