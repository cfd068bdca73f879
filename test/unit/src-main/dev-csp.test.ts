// The Content-Security-Policy in both modes. Production: byte-for-byte today's strict policy. Development: the
// index.html vite's dev server really serves (electron-vite's resolved renderer config, react plugin included)
// has every inline script allowed by hash, and nothing else inline, through the same env hand-off `npm run dev` uses.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from 'electron-vite';
import { createServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { startOptionsFromEnv } from '../../../src-main/app/start-app.js';
import { contentSecurityPolicy, parseScriptHashes } from '../../../src-main/window/window-security.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const HASH_ENV = 'ELECTRON_RENDERER_SCRIPT_HASHES';
const PRODUCTION_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'; " +
  "object-src 'none'; worker-src 'none'";

const savedEnv = { hashes: process.env[HASH_ENV], mode: process.env.NODE_ENV_ELECTRON_VITE };
afterEach(() => {
  for (const [key, value] of [
    [HASH_ENV, savedEnv.hashes],
    ['NODE_ENV_ELECTRON_VITE', savedEnv.mode],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

function directive(csp: string, name: string): string[] {
  const found = csp
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([n]) => n === name);
  expect(found, `${name} in ${csp}`).toBeDefined();
  return found!.slice(1);
}

/** Bodies of every <script> without a src attribute, exactly as the browser hashes them. */
function inlineScripts(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs!))
    .map(([, , body]) => body!);
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('Content-Security-Policy', () => {
  it('production is exactly the strict policy, with or without hashes handed in', () => {
    expect(contentSecurityPolicy(null)).toBe(PRODUCTION_CSP);
    expect(contentSecurityPolicy(null, [`sha256-${'A'.repeat(43)}=`])).toBe(PRODUCTION_CSP);
  });

  it('development allows by hash every inline script the real dev server injects, nothing else inline', async () => {
    delete process.env[HASH_ENV];
    process.env.NODE_ENV_ELECTRON_VITE = 'development'; // what `electron-vite dev` sets before resolving
    const resolved = await resolveConfig({ root: ROOT }, 'serve', 'development');
    const renderer = resolved.config?.renderer;
    expect(renderer).toBeDefined();
    const server = await createServer({ ...renderer, server: { middlewareMode: true, ws: false } });
    let html: string;
    try {
      html = await server.transformIndexHtml(
        '/index.html',
        await readFile(path.join(ROOT, 'src-renderer/index.html'), 'utf8'),
      );
    } finally {
      await server.close();
    }
    const scripts = inlineScripts(html);
    expect(scripts.length, html).toBeGreaterThan(0); // the React refresh preamble, so this check is not vacuous
    expect(scripts.join('\n')).toContain('injectIntoGlobalHook');

    // The config process hands the hashes to the Electron it spawns through the environment.
    const options = startOptionsFromEnv(path.join(ROOT, 'out/main'), {
      ...process.env,
      ELECTRON_RENDERER_URL: 'http://localhost:5173',
    });
    const csp = contentSecurityPolicy(new URL(options.devServerUrl!).origin, options.devScriptHashes);
    const scriptSrc = directive(csp, 'script-src');
    for (const body of scripts) expect(scriptSrc, body).toContain(sha256(body));
    expect(scriptSrc).not.toContain("'unsafe-inline'");
    expect(scriptSrc).not.toContain("'unsafe-eval'");
    expect(scriptSrc).toEqual(["'self'", ...scripts.map(sha256)]);
    // Apart from script-src, development differs from production only where it always did (HMR styles, socket).
    expect(csp).toBe(
      contentSecurityPolicy('http://localhost:5173').replace("script-src 'self'", `script-src ${scriptSrc.join(' ')}`),
    );
  });

  it('an env hash list not made only of sha256 sources is ignored, never pasted into the policy', () => {
    const good = `sha256-${Buffer.alloc(32, 7).toString('base64')}`;
    expect(parseScriptHashes(`${good}`)).toEqual([good]);
    expect(parseScriptHashes(` ${good}  ${good} `)).toEqual([good]);
    expect(parseScriptHashes(undefined)).toEqual([]);
    for (const bad of [
      "'unsafe-inline'",
      `${good}; script-src *`,
      `'${good}'`,
      'sha256-short=',
      `sha384-${Buffer.alloc(48).toString('base64')}`,
      `${good} 'unsafe-eval'`,
    ])
      expect(parseScriptHashes(bad), bad).toEqual([]);
    const csp = contentSecurityPolicy('http://localhost:5173', parseScriptHashes("x'; script-src *"));
    expect(directive(csp, 'script-src')).toEqual(["'self'"]);
  });
});
