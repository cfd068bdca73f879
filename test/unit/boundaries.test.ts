// Fails the suite when an import breaks the layer rules (the table ESLint enforces, scripts/dependency-rules.mjs)
// or closes a cycle, counting type-only imports too. Each checker is tested on known-bad snippets so neither can
// pass vacuously.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf, layerViolations, resolveImport } from '../support/import-boundaries.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZONES = ['shared', 'src', 'src-main', 'src-renderer'];

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

const allFiles = async () => (await Promise.all(ZONES.map((z) => sourceFiles(path.join(ROOT, z))))).flat();

describe('layers', () => {
  it('every import in shared/, src/, src-main/ and src-renderer/ follows the layer rules', async () => {
    const files = await allFiles();
    expect(files.length).toBeGreaterThan(100);
    const problems = (
      await Promise.all(files.map(async (f) => layerViolations(f, await readFile(f, 'utf8'), ROOT)))
    ).flat();
    expect(problems).toEqual([]);
  });

  it('0 import cycles, type-only imports included', async () => {
    const files = await allFiles();
    const known = new Set(files);
    const graph = new Map<string, string[]>();
    for (const file of files) {
      const refs = importsOf(file, await readFile(file, 'utf8'));
      graph.set(
        file,
        refs.map((r) => resolveImport(file, r.specifier, known)).filter((t): t is string => t !== null),
      );
    }
    expect([...graph.values()].flat().length).toBeGreaterThan(300); // the graph really has its edges
    expect(importCycles(graph).map((c) => c.map((f) => path.relative(ROOT, f)))).toEqual([]);
  });

  describe('the layer checker itself', () => {
    const check = (file: string, code: string) => layerViolations(path.join(ROOT, file), code, ROOT);

    it.each([
      ['src/profiles/x.ts', "import { app } from 'electron';"],
      ['src/profiles/x.ts', "const e = require('electron-store');"],
      ['src/providers/x.ts', "const e = await import('electron');"],
      ['src/vault/x.ts', "import { fetchNetwork } from '../adapters/fetch-network.adapter.js';"],
      ['src/profiles/x.ts', "import { appRouter } from '../api/app.router.js';"],
      ['src/profiles/x.ts', "import type { AppRouter } from '../api/app.router.js';"],
      ['src/profiles/x.ts', "import { initTRPC } from '@trpc/server';"],
      ['src/core.ts', "import { appRouter } from './api/app.router.js';"],
      ['src/adapters/x.ts', "import { redact } from '../diagnostics/redaction.js';"],
      ['src/adapters/x.ts', "import { PROVIDERS } from '../../shared/provider.contract.js';"],
      ['shared/x.ts', "import fs from 'node:fs';"],
      ['shared/x.ts', "import { x } from '../src/core.js';"],
      ['src-main/app/x.ts', "import { createCore } from '../../src/core.js';"],
      ['src-main/app/x.ts', "import type { Clock } from '../../src/ports/clock.port.js';"],
      ['src-renderer/app/x.ts', "import fs from 'node:fs';"],
      ['src-renderer/app/x.ts', "import { ipcRenderer } from 'electron';"],
      ['src-renderer/app/x.ts', "import { appRouter } from '../../src/index.js';"],
      ['src-renderer/app/x.ts', "import { type AppRouter } from '../../src/index.js';"], // a runtime import under verbatimModuleSyntax
      ['src-renderer/app/x.ts', "import type { AppRouter } from '../../src/api/app.router.js';"],
      ['src-renderer/app/x.ts', "import { main } from '../../src-main/main.js';"],
      ['src/profiles/x.ts', "import { App } from '../../src-renderer/app/App.js';"],
    ])('flags %s: %s', (file, code) => {
      expect(check(file, code)).toHaveLength(1);
    });

    it.each([
      [
        'src/profiles/x.ts',
        "import { z } from 'zod'; import fs from 'node:fs/promises'; import type { Clock } from '../ports/clock.port.js';",
      ],
      ['src/api/x.ts', "import { initTRPC } from '@trpc/server'; import type { CoreServices } from '../core.js';"],
      [
        'src/adapters/x.ts',
        "import type { Clock } from '../ports/clock.port.js'; import { nodeFsPort } from './node-fs.adapter.js';",
      ],
      ['shared/x.ts', "import { z } from 'zod'; import { x } from './other.js';"],
      [
        'src-renderer/app/x.ts',
        "import type { AppRouter } from '../../src/index.js'; import { ERROR_CODES } from '../../shared/errors/error-codes.js';",
      ],
      ['src-main/app/x.ts', "import { app } from 'electron'; import { createCore } from '../../src/index.js';"],
    ])('allows %s: %s', (file, code) => {
      expect(check(file, code)).toEqual([]);
    });
  });

  it('the cycle finder finds a cycle of three and a self-import, and nothing in a chain', () => {
    const cycles = importCycles(
      new Map([
        ['a', ['b']],
        ['b', ['c']],
        ['c', ['a']],
        ['d', ['d']],
        ['e', ['f']],
        ['f', []],
      ]),
    );
    expect(cycles).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
