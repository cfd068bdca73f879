// In-process fan-out of change events to every subscriber (one per open window). Synchronous delivery in
// publish order; a throwing listener is isolated so one broken window cannot stop the others hearing.
import type { ChangeEvent, ChangeType } from '../../shared/change.contract.js';
import type { Clock } from '../ports/clock.port.js';
import type { Logger } from '../ports/logger.port.js';

export type ChangeListener = (event: ChangeEvent) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  publish(type: ChangeType, profileId: string | null, activeProfileId: string | null): ChangeEvent {
    this.sequence += 1;
    const event: ChangeEvent = {
      sequence: this.sequence,
      type,
      profileId,
      activeProfileId,
      at: this.clock.now().toISOString(),
    };
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.logger.log('error', 'changes.listener_failed', {
          type,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return event;
  }
}
