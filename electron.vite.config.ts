// Builds the three targets: the ESM main process, the sandboxed preload (CommonJS, self-contained) and the
// React renderer served from app:// in production. In dev it also tells the main process which inline script
// the dev server injects, so the dev CSP can allow exactly that one by hash.
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'electron-vite';

const root = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The React refresh preamble exactly as the react plugin injects it into the dev index.html, as a CSP source.
 * The renderer's base './' is served at '/' by the dev server, which is the base the plugin substitutes.
 */
function reactPreambleHash(devBase = '/'): string {
  const code = react.preambleCode.replace('__BASE__', devBase);
  return `sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}`;
}

const config: UserConfig = {
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { main: root('src-main/main.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads cannot require node_modules: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: root('src-main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: root('src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: root('out/renderer'),
      emptyOutDir: true,
      sourcemap: false,
      minify: true,
      rollupOptions: { input: root('src-renderer/index.html') },
    },
  },
};

export default defineConfig(({ command }) => {
  // electron-vite spawns Electron with this process's environment; start-app reads it (and ignores it when packaged).
  if (command === 'serve') process.env.ELECTRON_RENDERER_SCRIPT_HASHES = reactPreambleHash();
  return config;
});
