// A labelled form field with its hint and its error wired to the input by id (aria-describedby,
// aria-invalid), so a screen reader reads the error with the field; a required one says so in words and to
// assistive technology.
import { useId, type ReactElement, type ReactNode } from 'react';
import { cloneElement } from 'react';

interface Props {
  readonly label: string;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly children: ReactElement<Record<string, unknown>>;
  readonly fieldName: string;
  /** Shown as "(required)" after the label and told to assistive technology as aria-required. */
  readonly required?: boolean | undefined;
}

export function Field({ label, hint, error, children, fieldName, required }: Props) {
  const id = `field-${fieldName}`;
  const hintId = useId();
  const errorId = useId();
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      {/* "(required)" sits beside the label, not in it: the field's name stays its label, and the input tells
          assistive technology it is required itself (aria-required). */}
      <div className="field__label">
        <label htmlFor={id}>{label}</label>
        {required ? (
          <span className="field__required" aria-hidden="true">
            (required)
          </span>
        ) : null}
      </div>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy,
        'aria-invalid': error ? true : undefined,
        'aria-required': required ? true : undefined,
      })}
      {hint ? (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field__error" id={errorId}>
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      ) : null}
    </div>
  );
}
