// The one way an error is shown: the message, what to do next, and a copyable reference id that matches the
// diagnostics log line. Announced to screen readers as an alert.
import { forwardRef, type ReactNode } from 'react';
import type { AppErrorData } from '../../../shared/errors/app-error-data.contract.js';
import { AdviceText } from '../../components/AdviceText.js';
import { ErrorReference } from './ErrorReference.js';

interface Props {
  readonly error: AppErrorData;
  readonly title?: string;
  /** An action that gets the learner out of this error (e.g. "Load the latest version"). */
  readonly children?: ReactNode;
}

export const ErrorNotice = forwardRef<HTMLDivElement, Props>(function ErrorNotice({ error, title, children }, ref) {
  return (
    <div className="notice notice--error" role="alert" ref={ref} tabIndex={-1} data-error-code={error.code}>
      {title ? <p className="notice__title">{title}</p> : null}
      <p className="notice__message">{error.message}</p>
      <p className="notice__remediation">
        <span className="visually-hidden">What to do: </span>
        <AdviceText text={error.remediation} />
      </p>
      {children ? <div className="notice__actions">{children}</div> : null}
      <ErrorReference correlationId={error.correlationId} />
    </div>
  );
});
