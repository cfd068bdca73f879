// The one way an error is shown: the message, what to do next, and a copyable reference id that matches the
// diagnostics log line. Announced to screen readers as an alert.
import { forwardRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';

interface Props {
  readonly error: AppErrorData;
  readonly title?: string;
}

export const ErrorNotice = forwardRef<HTMLDivElement, Props>(function ErrorNotice({ error, title }, ref) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(error.correlationId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div className="notice notice--error" role="alert" ref={ref} tabIndex={-1} data-error-code={error.code}>
      {title ? <p className="notice__title">{title}</p> : null}
      <p className="notice__message">{error.message}</p>
      <p className="notice__remediation">
        <span className="visually-hidden">What to do: </span>
        {error.remediation}
      </p>
      <p className="notice__reference">
        Reference: <code data-testid="error-reference">{error.correlationId}</code>{' '}
        <button type="button" className="button button--small" onClick={() => void copy()}>
          {copied ? 'Copied' : 'Copy reference'}
        </button>
      </p>
    </div>
  );
});
