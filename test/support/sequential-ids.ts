// Counting ids, prefixed per instance so a reopened core never reissues an id the vault already holds.
import type { IdGenerator } from '../../src/ports/id-generator.port.js';

export class SequentialIds implements IdGenerator {
  private static instances = 0;
  private readonly prefix: string;
  private profiles = 0;
  private correlations = 0;

  constructor() {
    SequentialIds.instances += 1;
    this.prefix = `${process.pid.toString(36)}${SequentialIds.instances.toString(36)}`;
  }

  profileId(): string {
    this.profiles += 1;
    return `profile-${this.prefix}-${String(this.profiles).padStart(4, '0')}`;
  }

  correlationId(): string {
    this.correlations += 1;
    return `corr-${String(this.correlations).padStart(6, '0')}`;
  }
}
