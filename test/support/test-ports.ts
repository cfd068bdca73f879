// The core's ports with test defaults (real timers and network, counting ids, a pinned clock, an in-memory
// log) for tests that build a core by hand around the one or two ports they care about.
import type { CorePorts } from '../../src/core.js';
import { fetchNetwork } from '../../src/adapters/fetch-network.adapter.js';
import { nodeTimers } from '../../src/adapters/node-timers.adapter.js';
import { SecretRegistry } from '../../src/diagnostics/secret-registry.js';
import { FakeClock } from './fake-clock.js';
import { SequentialIds } from './sequential-ids.js';
import { MemoryLogger } from './memory-logger.js';

export function testPorts(ports: Pick<CorePorts, 'cipher' | 'store'> & Partial<CorePorts>): CorePorts {
  return {
    logger: new MemoryLogger(),
    clock: new FakeClock(),
    timers: nodeTimers,
    ids: new SequentialIds(),
    network: fetchNetwork,
    secrets: new SecretRegistry(),
    ...ports,
  };
}
