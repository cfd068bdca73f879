// Fails the suite when a file crosses a process boundary: Electron in the core, Node or core values in the
// renderer, anything but zod in shared/. The checker is tested on known-bad snippets so it cannot pass vacuously.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { boundaryViolations, type Zone } from '../support/import-boundaries.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZONES: Zone[] = ['shared', 'src', 'src-main', 'src-renderer'];

async function sourceFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const nested = await Promise.all(
    entries.map(async (e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
    }),
  );
  return nested.flat();
}

describe('process boundaries', () => {
  it.each(ZONES)('%s/ respects its import rules', async (zone) => {
    const files = await sourceFiles(path.join(ROOT, zone));
    if (zone !== 'src-renderer') expect(files.length).toBeGreaterThan(0);
    const problems = (
      await Promise.all(files.map(async (f) => boundaryViolations(zone, f, await readFile(f, 'utf8'), ROOT)))
    ).flat();
    expect(problems).toEqual([]);
  });

  describe('the checker itself', () => {
    const check = (zone: Zone, code: string, file = `${zone}/x/file.ts`) =>
      boundaryViolations(zone, path.join(ROOT, file), code, ROOT);

    it.each([
      ['src', "import { app } from 'electron';"],
      ['src', "import Store from 'electron-store';"],
      ['src', "const e = require('electron');"],
      ['src', "const e = await import('electron');"],
      ['src', "export { ipcMain } from 'electron';"],
      ['shared', "import { app } from 'electron';"],
      ['shared', "import fs from 'node:fs';"],
      ['shared', "import { x } from '../../src/create-core.js';"],
      ['src-renderer', "import fs from 'node:fs';"],
      ['src-renderer', "import { ipcRenderer } from 'electron';"],
      ['src-renderer', "import { createCore } from '../../src/create-core.js';"],
      ['src-renderer', "import { type AppRouter } from '../../src/router.js';"], // keeps a runtime import under verbatimModuleSyntax
      ['src-renderer', "import { main } from '../../src-main/main.js';"],
      ['src', "import { App } from '../../src-renderer/App.js';"],
    ] as const)('flags %s: %s', (zone, code) => {
      expect(check(zone, code)).toHaveLength(1);
    });

    it.each([
      ['src', "import { z } from 'zod'; import fs from 'node:fs/promises';"],
      ['shared', "import { z } from 'zod'; import { x } from '../other.js';"],
      [
        'src-renderer',
        "import type { AppRouter } from '../../src/router.js'; import { ERROR_CODES } from '../../shared/errors/error-codes.js';",
      ],
      ['src-main', "import { app } from 'electron'; import { createCore } from '../src/create-core.js';"],
    ] as const)('allows %s: %s', (zone, code) => {
      expect(check(zone, code)).toEqual([]);
    });
  });
});
