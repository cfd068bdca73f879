import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary, missingElectronMessage } from '../../scripts/start.mjs';

describe('npm start without an Electron binary', () => {
  it('finds no binary in an empty override dir and says what to do in one message', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'no-electron-'));
    try {
      const binary = findElectronBinary({ ELECTRON_OVERRIDE_DIST_PATH: dir });
      expect(binary.found).toBe(false);
      const message: string = missingElectronMessage(binary);
      expect(message).toContain('Electron runtime is not installed');
      expect(message).toContain('npx install-electron');
      expect(message).toContain('ELECTRON_OVERRIDE_DIST_PATH');
      expect(message).not.toMatch(/\n\s+at /);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
