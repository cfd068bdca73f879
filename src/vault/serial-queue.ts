// One writer at a time: every vault mutation runs after the previous one settled, in call order, so each
// sees the state the previous one left and revisions advance without lost updates.
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Resolves once everything queued so far has settled. */
  async drain(): Promise<void> {
    await this.tail;
  }
}
