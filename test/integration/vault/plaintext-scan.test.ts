// Stores 100 random API keys (some replaced, some removed), then reads every byte under the data dir:
// no key may appear raw, as base64 or hex, or as any 8-character slice of itself — the vault, its backup and
// the diagnostics logs, which live under the data dir as in the app.
import { randomBytes, randomInt } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../../support/create-test-core.js';
import { remoteProfileInput } from '../../support/profile-builders.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~!$%&*+=:;,/|^@';

function randomKey(): string {
  const length = randomInt(16, 160);
  return Array.from(randomBytes(length), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => (e.isDirectory() ? allFiles(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

function needlesFor(key: string): string[] {
  const needles = [
    key,
    Buffer.from(key).toString('base64'),
    Buffer.from(key).toString('base64url'),
    Buffer.from(key).toString('hex'),
  ];
  for (let i = 0; i + 8 <= key.length; i += 1) needles.push(key.slice(i, i + 8));
  return needles;
}

let t: TestCore;
afterAll(async () => t?.dispose());

describe('no plaintext key on disk', () => {
  it('finds 0 occurrences of 100 stored keys anywhere under the data dir', async () => {
    t = await createTestCore({ logsInDataDir: true });
    const keys: string[] = [];
    const ids: string[] = [];
    for (let i = 0; i < 70; i += 1) {
      const key = randomKey();
      keys.push(key);
      ids.push((await t.core.profiles.create(remoteProfileInput({ apiKey: key }))).id);
    }
    for (let i = 0; i < 30; i += 1) {
      const key = randomKey();
      keys.push(key);
      await t.core.profiles.update({ id: ids[i]!, expectedRevision: 1, patch: { apiKey: key } });
    }
    await t.core.profiles.delete({ id: ids[69]! });
    t = await t.reopen(); // also exercises the backup file and a fresh decrypt of every key
    expect(keys).toHaveLength(100);
    // And the keys are really there, encrypted: every surviving one decrypts back.
    expect(t.core.profiles.apiKeyFor(ids[0]!)).toBe(keys[70]);
    expect(t.core.profiles.apiKeyFor(ids[50]!)).toBe(keys[50]);
    await t.settle();

    const files = await allFiles(t.dir);
    expect(files.some((f) => f.endsWith('.backup.json'))).toBe(true);
    const logs = files.filter((f) => f.endsWith('.jsonl'));
    expect(logs.length).toBeGreaterThanOrEqual(1);
    // The logs did record the work: one line per profile created, so the scan below read real diagnostics.
    const logText = (await Promise.all(logs.map((f) => readFile(f, 'utf8')))).join('');
    expect(logText.split('\n').filter((l) => l.includes('"profile.created"'))).toHaveLength(70);
    const hits: string[] = [];
    for (const file of files) {
      const text = (await readFile(file)).toString('latin1');
      const windows = new Set<string>();
      for (let i = 0; i + 8 <= text.length; i += 1) windows.add(text.slice(i, i + 8));
      keys.forEach((key, k) => {
        for (const needle of needlesFor(key)) {
          const found = needle.length === 8 ? windows.has(needle) : text.includes(needle);
          if (found)
            hits.push(
              `${path.basename(file)}: key #${k} as "${needle.length === 8 ? '8-char slice' : 'whole/encoded'}"`,
            );
        }
      });
    }
    expect(hits).toEqual([]);
  });
});
