// Starts a dialog's operation (a connection test, a discovery scan) once when the dialog opens. The guard keeps
// React's development double-invoked effects from starting it twice; closing the dialog is what cancels it.
import { useEffect, useRef } from 'react';

export function useStartOnOpen(start: () => void): void {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    start();
  }, [start]);
}
