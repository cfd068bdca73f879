// Child process for crash tests: opens the vault in a directory and updates one profile as fast as it can,
// printing "begin k" before and "ack k" after each write, until it is killed. Run with `node --import tsx`.
import { createCore } from '../../src/core.js';
import { AtomicFileStore } from '../../src/adapters/atomic-file.store.js';
import { FakeSecretCipher } from './fake-secret-cipher.js';
import { testPorts } from './test-ports.js';
import { crashStateFor } from './crash-state.js';

const [dir, keyHex] = process.argv.slice(2);
if (!dir || !keyHex) throw new Error('usage: vault-writer.child.ts <dir> <cipher key hex>');

const core = await createCore(
  testPorts({ cipher: new FakeSecretCipher({ key: Buffer.from(keyHex, 'hex') }), store: new AtomicFileStore({ dir }) }),
);

let profile = core.profiles.list().profiles[0];
if (!profile) {
  const initial = crashStateFor(0);
  profile = await core.profiles.create({
    kind: 'openai-compatible',
    preset: 'vllm',
    baseUrl: 'http://127.0.0.1:8000/v1',
    ...initial,
  });
}
let k = profile.revision - 1;
process.stdout.write(`ready ${k}\n`);
for (;;) {
  k += 1;
  const next = crashStateFor(k);
  process.stdout.write(`begin ${k}\n`);
  await core.profiles.update({ id: profile.id, expectedRevision: k, patch: next });
  process.stdout.write(`ack ${k}\n`);
}
