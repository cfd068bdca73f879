// Starts the vault-writer child, lets it write for a random moment, SIGKILLs it, then reopens the vault as the
// app would on its next start and reports which state it found. Shared by the test suite and the soak run.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createTestCore } from './create-test-core.js';
import { crashStateFor } from './crash-state.js';
import { FakeSecretCipher } from './fake-secret-cipher.js';

const CHILD = fileURLToPath(new URL('./vault-writer.child.ts', import.meta.url));

export interface CrashOutcome {
  readonly lastAck: number;
  readonly lastBegin: number;
  /** The write count the reopened vault holds (revision − 1), or null if it held no profile. */
  readonly found: number | null;
  readonly recovered: boolean;
  readonly tempFilesAfterRestart: string[];
  readonly keyMatches: boolean;
  readonly contentMatches: boolean;
}

export async function crashOnce(dir: string, cipherKey: Buffer, maxRunMs = 60): Promise<CrashOutcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, cipherKey.toString('hex')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let lastAck = -1;
  let lastBegin = -1;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let killScheduled = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, value] = line.split(' ');
        const n = Number(value);
        if (word === 'ready') {
          lastAck = n;
          lastBegin = n;
          if (!killScheduled) {
            killScheduled = true;
            setTimeout(() => child.kill('SIGKILL'), randomInt(0, maxRunMs + 1));
          }
        } else if (word === 'begin') lastBegin = n;
        else if (word === 'ack') lastAck = n;
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
  await exited;

  const reopened = await createTestCore({ dir, cipher: new FakeSecretCipher({ key: cipherKey }) });
  try {
    const status = await reopened.core.storage.status();
    const profile = reopened.core.profiles.list().profiles[0];
    const found = profile ? profile.revision - 1 : null;
    const expected = found === null ? null : crashStateFor(found);
    return {
      lastAck,
      lastBegin,
      found,
      recovered: status.recovery !== null,
      tempFilesAfterRestart: (await reopened.listDir()).filter((f) => f.endsWith('.tmp')),
      keyMatches:
        profile !== undefined && expected !== null && reopened.core.profiles.apiKeyFor(profile.id) === expected.apiKey,
      contentMatches:
        profile !== undefined &&
        expected !== null &&
        profile.name === expected.name &&
        profile.model === expected.model,
    };
  } finally {
    await reopened.core.close();
  }
}
