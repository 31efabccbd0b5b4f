/**
 * The console (index.html, served at /console/) and the explorer (explorer.html, served at
 * /explorer/), one build into dist/console. Vite 8 transforms TSX with Oxc (automatic JSX runtime);
 * no React plugin is needed for a build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/console/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/console', import.meta.url)),
    emptyOutDir: true,
    // GraphiQL (Monaco) is large by nature; the console's own chunk is what matters
    chunkSizeWarningLimit: 5000,
    sourcemap: false,
    rollupOptions: {
      // "use client" in React libraries means nothing to a client-only bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        explorer: fileURLToPath(new URL('explorer.html', import.meta.url)),
      },
    },
  },
  worker: { format: 'es' },
});
