// The shared list of pages the app opens in the browser: exact matches only, canonical entries (so a link the
// renderer builds from the list is exactly what main accepts), and every external href the renderer renders listed.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_LINKS, isListedExternalLink, KEY_PAGES } from '../../shared/external-links.js';
import { keyPageFor, OPENAI_COMPATIBLE_PRESETS, PRESETS, PROVIDER_KINDS } from '../../shared/provider.contract.js';

const RENDERER = fileURLToPath(new URL('../../src-renderer/', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return /\.(ts|tsx|html)$/.test(e.name) ? [full] : [];
    }),
  );
  return nested.flat();
}

/** Literal http(s) addresses in href attributes (JSX or HTML). */
function externalHrefs(code: string): string[] {
  return [...code.matchAll(/href=\{?\s*["'`](https?:\/\/[^"'`]+)["'`]/g)].map((m) => m[1]!);
}

describe('external links', () => {
  it('lists canonical https addresses in a frozen record', () => {
    expect(Object.isFrozen(EXTERNAL_LINKS)).toBe(true);
    for (const url of Object.values(EXTERNAL_LINKS)) {
      expect(new URL(url).href, url).toBe(url);
      expect(url.startsWith('https://')).toBe(true);
      expect(isListedExternalLink(url)).toBe(true);
    }
  });

  it('lists the "Get a key" page of every provider and every cloud service, in canonical form', () => {
    const pages = [
      ...PROVIDER_KINDS.map((kind) => keyPageFor(kind)),
      ...OPENAI_COMPATIBLE_PRESETS.map((preset) => keyPageFor('openai-compatible', preset)),
    ].filter((page): page is string => page !== null);
    for (const preset of OPENAI_COMPATIBLE_PRESETS) {
      if (!PRESETS[preset].local) expect(keyPageFor('openai-compatible', preset), preset).not.toBeNull();
    }
    for (const page of pages) {
      expect(isListedExternalLink(page), page).toBe(true);
      expect(new URL(page).href, page).toBe(page);
    }
    expect(KEY_PAGES.length).toBe(pages.length);
  });

  it('matches exactly, never by prefix', () => {
    const docs = EXTERNAL_LINKS.llamaCppServerDocs;
    expect(isListedExternalLink('https://lmstudio.ai')).toBe(true); // the same page once normalised
    expect(isListedExternalLink('HTTPS://LMSTUDIO.AI/')).toBe(true);
    for (const url of [
      `${docs}?plain=1`,
      `${docs}#usage`,
      docs.replace('README.md', 'server.cpp'),
      'https://github.com/ggml-org/llama.cpp',
      'https://ollama.com/download/',
      'https://ollama.com.evil.example/download',
      'https://user@ollama.com/download',
      'https://ollama.com:8443/download',
      'http://ollama.com/download',
      'file:///etc/passwd',
      '',
    ])
      expect(isListedExternalLink(url), url).toBe(false);
  });

  it('every external href the renderer renders is on the list', async () => {
    // The scan itself finds what it should, so an empty result below means something.
    expect(externalHrefs(`<a href="https://a.example/x">a</a><a href={'https://b.example/'}>b</a>`)).toEqual([
      'https://a.example/x',
      'https://b.example/',
    ]);
    expect(externalHrefs('<a href={`#field-${e.field}`}>x</a>')).toEqual([]);
    const files = await sourceFiles(RENDERER);
    expect(files.length).toBeGreaterThan(0);
    const unlisted = (
      await Promise.all(
        files.map(async (f) =>
          externalHrefs(await readFile(f, 'utf8'))
            .filter((url) => !isListedExternalLink(url))
            .map((url) => `${path.relative(RENDERER, f)}: ${url}`),
        ),
      )
    ).flat();
    expect(unlisted).toEqual([]);
  });
});
