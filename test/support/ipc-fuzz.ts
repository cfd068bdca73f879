// Fuzzed raw messages for the IPC channel, and one run of them against a harness with storage available and a
// seeded vault, so any write that slipped through would really happen and show. Shared by the suite (10,000
// messages) and `npm run soak`; the caller decides what to assert on the report.
import fc from 'fast-check';
import { AppErrorDataSchema } from '../../shared/errors/app-error-data.contract.js';
import type { IpcServerMessage } from '../../shared/ipc-protocol.js';
import { createIpcHarness, decodeWire } from './ipc-harness.js';
import { localProfileInput } from './profile-builders.js';

const PATHS = [
  'profiles.list',
  'profiles.get',
  'profiles.create',
  'profiles.update',
  'profiles.delete',
  'profiles.activate',
  'profiles.changes',
  'storage.status',
  'storage.allowWeakEncryption',
  'nope',
  '__proto__',
  'profiles',
  'constructor',
  '',
];
const wireId = fc.oneof(
  fc.integer(),
  fc.string({ maxLength: 70 }),
  fc.constant(null),
  fc.double(),
  fc.constant(undefined),
);
const looseObject = fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 });

/**
 * Messages that look more or less like the protocol, plus plain garbage. Procedures that reach the network
 * (profiles.test, profiles.models, discovery.scan) are left out: a fuzzed `{}` is a valid discovery input,
 * and a run must not probe servers it did not start.
 */
export const fuzzMessage = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.record(
      { method: fc.constantFrom('request', 'subscription.stop', 'REQUEST', 'x'), id: wireId },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 5,
    arbitrary: fc.record(
      {
        method: fc.constant('request'),
        operation: fc.record(
          {
            id: wireId,
            type: fc.oneof(fc.constantFrom('query', 'mutation', 'subscription'), fc.string({ maxLength: 5 })),
            path: fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 20 })),
            // Near-valid inputs too: every one has at least one field the schemas refuse.
            input: fc.oneof(
              fc.anything({ maxDepth: 2 }),
              looseObject,
              fc.constant({ ...localProfileInput(), baseUrl: 'ftp://x' }),
              fc.constant({ ...localProfileInput(), name: '' }),
            ),
            context: fc.oneof(looseObject, fc.constant({ correlationId: 'abc' }), fc.anything({ maxDepth: 1 })),
          },
          { requiredKeys: ['id'] },
        ),
      },
      { requiredKeys: ['method'] },
    ),
  },
);

export interface FuzzReport {
  readonly messages: number;
  /** Requests given a unique numeric id, each of which must get a final answer. */
  readonly requestsWithId: number;
  readonly unanswered: number[];
  readonly unhandledRejections: unknown[];
  readonly vaultChanged: boolean;
  readonly encryptCalls: number;
  /** profile.created/updated/deleted/activated records beyond the seed's one. */
  readonly domainChanges: number;
  /** Error replies whose data is not a catalogued AppErrorData. */
  readonly malformedErrors: number;
  /** Names listed by a well-formed call afterwards (the seed: ['Existing']). */
  readonly listedAfter: string[];
}

export async function runIpcFuzz(count: number, seed: number): Promise<FuzzReport> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  const h = await createIpcHarness();
  try {
    await h.t.core.profiles.create(localProfileInput({ name: 'Existing' }));
    await h.t.core.close(); // waits for the seed's write
    const vaultBefore = await h.t.readVaultBytes();
    const encryptsBefore = h.t.cipher.encryptCalls;
    const w = h.connect();
    // Most requests get a unique numeric id we can account for; the rest keep their fuzzed ids.
    const expected = new Set<number>();
    let nextId = 1_000_000;
    const prepared = fc.sample(fuzzMessage, { numRuns: count, seed }).map((m, i) => {
      if (
        i % 5 !== 0 &&
        typeof m === 'object' &&
        m !== null &&
        'operation' in m &&
        typeof m.operation === 'object' &&
        m.operation !== null
      ) {
        const id = nextId++;
        expected.add(id);
        return { ...m, operation: { ...m.operation, id } };
      }
      return m;
    });
    for (const m of prepared) w.sendRaw(m);
    await h.settle();
    await h.server.stopAll();
    await h.settle();

    const byId = new Map<unknown, IpcServerMessage[]>();
    for (const m of w.received) byId.set(m.id, [...(byId.get(m.id) ?? []), m]);
    const decoded = w.received.map(decodeWire);
    return {
      messages: count,
      requestsWithId: expected.size,
      unanswered: [...expected].filter(
        (id) => !(byId.get(id) ?? []).some((m) => 'error' in m || ('result' in m && m.result.type !== 'started')),
      ),
      unhandledRejections: unhandled,
      vaultChanged:
        Buffer.compare(vaultBefore ?? Buffer.alloc(0), (await h.t.readVaultBytes()) ?? Buffer.alloc(0)) !== 0,
      encryptCalls: h.t.cipher.encryptCalls - encryptsBefore,
      domainChanges:
        h.t.logger.records.filter((r) => /^profile\.(created|updated|deleted|activated)$/.test(r.event)).length - 1,
      malformedErrors: decoded.filter((m) => 'error' in m && !AppErrorDataSchema.safeParse(m.error.data).success)
        .length,
      listedAfter: (await w.client.profiles.list.query()).profiles.map((p) => p.name),
    };
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await h.dispose();
  }
}
