// The real clock and id source used by the app's composition root.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../ports/clock.port.js';
import type { IdGenerator } from '../ports/id-generator.port.js';

export const systemClock: Clock = {
  now: () => new Date(),
  monotonicMs: () => performance.now(),
};

export const randomIds: IdGenerator = {
  profileId: () => randomUUID(),
  correlationId: () => randomUUID(),
};
