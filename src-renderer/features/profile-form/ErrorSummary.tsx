// The error summary at the top of a form after a failed save (GOV.UK pattern): focused when it appears,
// each entry a link that moves focus to its field.
import { forwardRef } from 'react';
import type { FieldError } from '../../../shared/errors/app-error-data.contract.js';

interface Props {
  readonly errors: readonly FieldError[];
  readonly labels: Readonly<Record<string, string>>;
}

export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary({ errors, labels }, ref) {
  return (
    <div className="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1} ref={ref}>
      <h3 id="error-summary-title">
        {errors.length === 1 ? 'There is a problem with 1 field' : `There are problems with ${errors.length} fields`}
      </h3>
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
    </div>
  );
});
