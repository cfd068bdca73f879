// The IdGenerator port over random UUIDs: profile ids and the correlation ids of diagnostics lines.
import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../ports/id-generator.port.js';

export const randomIds: IdGenerator = {
  profileId: () => randomUUID(),
  correlationId: () => randomUUID(),
};
