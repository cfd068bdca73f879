// The error summary at the top of a form after a failed save (GOV.UK pattern): focused when it appears, each
// entry a link that moves focus to its field — and, like every error the app shows, what happened, what to do
// and the reference that matches the diagnostics log.
import { forwardRef } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { ErrorReference } from '../errors/ErrorReference.js';

interface Props {
  readonly error: AppErrorData;
  readonly labels: Readonly<Record<string, string>>;
}

export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary({ error, labels }, ref) {
  const errors = error.fieldErrors ?? [];
  return (
    <div
      className="error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
      ref={ref}
      data-error-code={error.code}
    >
      <h3 id="error-summary-title">
        {errors.length === 1 ? 'There is a problem with 1 field' : `There are problems with ${errors.length} fields`}
      </h3>
      {/* A field-level refusal from main (a taken name, missing consent, weak storage) says more than the list. */}
      {error.code !== 'VALIDATION_FAILED' ? <p className="notice__message">{error.message}</p> : null}
      <p className="notice__remediation">
        <span className="visually-hidden">What to do: </span>
        {error.remediation}
      </p>
      <ul>
        {errors.map((e) => (
          <li key={e.field}>
            <a
              href={`#field-${e.field}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`field-${e.field}`)?.focus();
              }}
            >
              {labels[e.field] ? `${labels[e.field]}: ` : ''}
              {e.message}
            </a>
          </li>
        ))}
      </ul>
      <ErrorReference correlationId={error.correlationId} />
    </div>
  );
});
