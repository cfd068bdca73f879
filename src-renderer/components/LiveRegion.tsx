// A polite live region: what is put here is read out by screen readers without moving focus (test
// progress, discovery progress, "profile saved").
interface Props {
  readonly message: string;
  readonly id?: string;
}

export function LiveRegion({ message, id }: Props) {
  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" id={id}>
      {message}
    </div>
  );
}
