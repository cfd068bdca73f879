// A tRPC mutation as the screens use it: run() resolves to the result, or to null once the catalogued error is
// in `error`, so no call site has to catch, convert and store a failure itself.
import { useMutation, type UseMutationOptions } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { AppErrorData } from '../../shared/errors/app-error-data.contract.js';
import { attempt } from '../features/errors/error-data.js';

export interface RunOptions {
  /**
   * Sees a failure first. Returning true means the call site answered it itself (e.g. by asking for consent),
   * so it is not kept in `error`.
   */
  readonly handled?: (error: AppErrorData) => boolean;
}

export interface AppMutation<TData, TVariables> {
  readonly run: (input: TVariables, options?: RunOptions) => Promise<TData | null>;
  /** The latest run's failure; cleared when a run starts. */
  readonly error: AppErrorData | null;
  readonly pending: boolean;
  /** The latest run's result while it stands (a new run clears it). */
  readonly data: TData | undefined;
  /** Forgets the error and the result, e.g. when the dialog that showed them opens again. */
  readonly reset: () => void;
}

export function useAppMutation<TData, TError, TVariables, TContext>(
  options: UseMutationOptions<TData, TError, TVariables, TContext>,
): AppMutation<TData, TVariables> {
  const mutation = useMutation(options);
  const { mutateAsync, reset: resetMutation } = mutation;
  const [error, setError] = useState<AppErrorData | null>(null);
  // Only the latest run may set the error: an older one that fails late must not cover a newer one's outcome.
  const latest = useRef(0);

  const run = useCallback(
    async (input: TVariables, runOptions?: RunOptions): Promise<TData | null> => {
      const id = ++latest.current;
      setError(null);
      const outcome = await attempt(() => mutateAsync(input));
      if (outcome.ok) return outcome.data;
      if (id === latest.current && !runOptions?.handled?.(outcome.error)) setError(outcome.error);
      return null;
    },
    [mutateAsync],
  );

  const reset = useCallback(() => {
    latest.current += 1;
    setError(null);
    resetMutation();
  }, [resetMutation]);

  return { run, error, pending: mutation.isPending, data: mutation.data, reset };
}
