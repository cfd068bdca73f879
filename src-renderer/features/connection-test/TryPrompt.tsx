// "Try your own prompt" in the test dialog: one message to the profile's model through chat.stream — the API the
// rest of the app uses — with the reply streamed as plain text, the model's thinking apart, and the figures once
// it ends. One button sends and stops, so focus stays where the learner left it; the end is announced from the
// dialog's own live region.
import { useId, useState, type KeyboardEvent } from 'react';
import { formatMs, formatRate } from '../../components/format.js';
import { LiveRegion } from '../../components/LiveRegion.js';
import { ErrorNotice } from '../errors/ErrorNotice.js';
import type { PromptState } from './prompt-state.js';
import { usePromptStream } from './use-prompt-stream.js';

const EMPTY_PROMPT = 'Write something for the model to answer.';

function ending(state: PromptState): string | null {
  if (state.finishReason === 'length') return 'The reply was cut short at the length limit.';
  if (state.finishReason === 'content-filter') return "The service's filter stopped the reply.";
  return null;
}

function announcement(state: PromptState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'streaming':
      return 'Sending your prompt…';
    case 'stopped':
      return 'Reply stopped.';
    case 'failed':
      return `The reply failed. ${state.error?.message ?? ''}`;
    case 'finished': {
      const f = state.figures;
      const tokens = f?.outputTokens == null ? '' : `${f.outputTokens} tokens in `;
      return `Reply finished: ${tokens}${formatMs(f?.totalMs)}. ${ending(state) ?? ''}`.trim();
    }
  }
}

export function TryPrompt({ profileId }: { profileId: string }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const { state, send, stop } = usePromptStream(profileId);
  const id = useId();
  const streaming = state.status === 'streaming';

  const act = () => {
    if (streaming) return stop();
    if (text.trim() === '') return setEmpty(true);
    setEmpty(false);
    send(text);
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      act();
    }
  };

  return (
    <section className="try-prompt" aria-labelledby={`${id}-toggle`}>
      <button
        type="button"
        id={`${id}-toggle`}
        className="button try-prompt__toggle"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen(!open)}
      >
        Try your own prompt
      </button>
      <div id={`${id}-panel`} hidden={!open}>
        <div className={`field${empty ? ' field--invalid' : ''}`}>
          <label htmlFor={`${id}-prompt`}>Your prompt</label>
          <textarea
            id={`${id}-prompt`}
            rows={3}
            value={text}
            aria-invalid={empty || undefined}
            aria-describedby={`${id}-hint${empty ? ` ${id}-error` : ''}`}
            onChange={(e) => {
              setText(e.target.value);
              if (e.target.value.trim() !== '') setEmpty(false);
            }}
            onKeyDown={onKey}
          />
          <p className="field__hint" id={`${id}-hint`}>
            Sent to this profile’s model as one message. Ctrl+Enter sends.
          </p>
          {empty ? (
            <p className="field__error" id={`${id}-error`}>
              {EMPTY_PROMPT}
            </p>
          ) : null}
        </div>
        <div className="button-row">
          <button type="button" className="button" onClick={act} data-testid="prompt-send">
            {streaming ? 'Stop' : 'Send'}
          </button>
        </div>
        {state.thinking ? (
          <details className="prompt-thinking">
            <summary>Model’s thinking</summary>
            <p>{state.thinking}</p>
          </details>
        ) : null}
        {state.status !== 'idle' ? (
          <div className="prompt-reply" aria-busy={streaming} aria-label="The model’s reply" role="region">
            {state.reply || (streaming ? '…' : '')}
          </div>
        ) : null}
        {state.status === 'finished' ? (
          <p className="muted" data-testid="prompt-figures">
            {state.figures?.outputTokens ?? '—'} tokens · first words after{' '}
            {formatMs(state.figures?.timeToFirstTokenMs)} · {formatRate(state.figures?.tokensPerSecond)} ·{' '}
            {formatMs(state.figures?.totalMs)} in all. {ending(state)}
          </p>
        ) : null}
        {state.status === 'stopped' ? <p className="muted">Stopped.</p> : null}
        {state.status === 'failed' && state.error ? <ErrorNotice error={state.error} /> : null}
        <LiveRegion message={announcement(state)} />
      </div>
    </section>
  );
}
