// The one way a test waits: for a condition it can name (an event arrived, a subscription ended), polled until
// it holds or the time is up — never a fixed sleep. settle() lets already-queued callbacks run, for the rare
// check that something did NOT happen after everything pending has had its turn.
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  { timeoutMs = 5_000, what = 'the condition' }: { timeoutMs?: number; what?: string } = {},
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`waited ${timeoutMs} ms for ${what}, in vain`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Runs every callback already queued (promise jobs, immediates, and what they queue in turn, a few rounds deep). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}
