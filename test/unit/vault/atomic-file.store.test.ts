import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AtomicFileStore } from '../../../src/adapters/atomic-file.store.js';
import { makeTempDir } from '../../support/create-test-core.js';
import { rm } from 'node:fs/promises';

let dir: string;
afterEach(async () => rm(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);

describe('AtomicFileStore', () => {
  it('writes with mode 0600 inside a directory it creates', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir: path.join(dir, 'nested', 'data') });
    await store.write(bytes('one'));
    expect(await readFile(store.location, 'utf8')).toBe('one');
    if (process.platform !== 'win32') expect((await stat(store.location)).mode & 0o777).toBe(0o600);
  });

  it('keeps the replaced version as the backup', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir });
    await store.write(bytes('v1'));
    expect(await store.read('backup')).toBeNull();
    await store.write(bytes('v2'));
    await store.write(bytes('v3'));
    expect(Buffer.from((await store.read('vault'))!).toString()).toBe('v3');
    expect(Buffer.from((await store.read('backup'))!).toString()).toBe('v2');
    if (process.platform !== 'win32')
      expect((await stat(path.join(dir, 'llm-profiles.backup.json'))).mode & 0o777).toBe(0o600);
  });

  it('removes temp files left by an interrupted write, and nothing else', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir });
    await store.write(bytes('kept'));
    await writeFile(path.join(dir, 'llm-profiles.json.123-abc.tmp'), 'partial');
    await writeFile(path.join(dir, 'llm-profiles.backup.json.123-abc.tmp'), 'partial');
    await writeFile(path.join(dir, 'unrelated.tmp'), 'not ours');
    await mkdir(path.join(dir, 'logs'));
    await store.removeStaleTemporaryFiles();
    const { readdir } = await import('node:fs/promises');
    expect((await readdir(dir)).sort()).toEqual(['llm-profiles.json', 'logs', 'unrelated.tmp']);
  });

  it('quarantines byte-identical under a new name and leaves no vault behind', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir });
    const damaged = Buffer.from([0, 1, 2, 250, 251]);
    await writeFile(store.location, damaged);
    const moved = await store.quarantine('vault', new Date());
    expect(await readFile(moved)).toEqual(damaged);
    expect(await store.read('vault')).toBeNull();
  });

  it('lists the copies it moved aside with their time, and removes only those, never by path', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir });
    await writeFile(store.location, 'damaged');
    const at = new Date('2026-03-04T05:06:07.089Z');
    const moved = await store.quarantine('vault', at);
    await store.write(Buffer.from('{}'));
    expect(await store.listQuarantined()).toEqual([{ name: path.basename(moved), path: moved, at: at.toISOString() }]);
    const hostile = ['llm-profiles.json', `../${path.basename(dir)}/llm-profiles.json`, moved, 'missing.json'];
    expect(await store.removeQuarantined(hostile)).toBe(0);
    expect(await store.listQuarantined()).toHaveLength(1);
    expect(await store.removeQuarantined([path.basename(moved)])).toBe(1);
    expect(await store.listQuarantined()).toEqual([]);
    expect(String(await store.read('vault'))).toBe('{}');
  });

  it('reads null when nothing was written yet, even without the directory', async () => {
    dir = await makeTempDir();
    const store = new AtomicFileStore({ dir: path.join(dir, 'missing') });
    await store.removeStaleTemporaryFiles();
    expect(await store.read('vault')).toBeNull();
  });
});
