// Time as a port so tests can pin timestamps (consent, updatedAt) and measure durations deterministically.
export interface Clock {
  now(): Date;
  /** Monotonic milliseconds for durations; never goes backwards. */
  monotonicMs(): number;
}
