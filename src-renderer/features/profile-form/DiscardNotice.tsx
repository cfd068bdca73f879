// Asked when Escape or × would close a form with changes in it: "Keep editing" (first, and focused) or "Discard
// changes". Shown inside the form's dialog, above the form, so nothing the learner typed is removed while they
// decide and focus has a place to go back to.
import { useLayoutEffect, useRef } from 'react';

interface Props {
  readonly onKeep: () => void;
  readonly onDiscard: () => void;
}

export function DiscardNotice({ onKeep, onDiscard }: Props) {
  const keep = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => keep.current?.focus(), []);
  return (
    <div className="notice notice--warning" role="group" aria-labelledby="discard-title" data-testid="discard-notice">
      <p className="notice__title" id="discard-title">
        Discard your changes?
      </p>
      <p>What you changed in this form has not been saved.</p>
      <div className="button-row">
        <button type="button" className="button button--primary" ref={keep} onClick={onKeep}>
          Keep editing
        </button>
        <button type="button" className="button button--danger" onClick={onDiscard}>
          Discard changes
        </button>
      </div>
    </div>
  );
}
