// "Reference: <id> [Copy reference]": the correlation id of the failed call, which matches the diagnostics
// log line, so a learner can quote it when asking for help.
import { useState } from 'react';
import { NO_REFERENCE } from './error-data.js';

export function ErrorReference({ correlationId }: { correlationId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(correlationId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  if (correlationId === NO_REFERENCE) {
    return (
      <p className="notice__reference">
        This happened in the window before the request reached the app, so there is no log reference.
      </p>
    );
  }
  return (
    <p className="notice__reference">
      Reference: <code data-testid="error-reference">{correlationId}</code>{' '}
      <button type="button" className="button button--small" onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy reference'}
      </button>
    </p>
  );
}
