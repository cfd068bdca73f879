// Runs an operation that must fail with an AppError and returns it; any other outcome fails the test.
import { AppError } from '../../src/errors/app-error.js';

export async function appErrorOf(operation: () => unknown): Promise<AppError> {
  let outcome: unknown;
  try {
    await operation();
    outcome = 'it succeeded';
  } catch (error) {
    if (error instanceof AppError) return error;
    outcome = error;
  }
  throw new Error(
    `expected an AppError, got ${outcome instanceof Error ? `${outcome.name}: ${outcome.message}` : String(outcome)}`,
  );
}
