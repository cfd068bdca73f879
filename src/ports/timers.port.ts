// Timers as a port, so every deadline in the core (the test's time limit, discovery's probe bounds, model
// listing) can be driven by a fake clock in tests: a timeout is then checked exactly, not by waiting.
/** Whatever the implementation hands back to cancel a timer with; opaque to the core. */
export type TimerHandle = object;

export interface Timers {
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
