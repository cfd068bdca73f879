import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      // electron's npm entry only exports the binary's path; src-main code is tested against this stub.
      electron: fileURLToPath(new URL('./test/support/electron-stub.ts', import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    globalSetup: ['test/support/global-log-scan.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    // electron-store imports electron at load: inline it so it gets the stub too.
    server: { deps: { inline: ['electron-store'] } },
  },
});
