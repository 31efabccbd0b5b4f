import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// SWC, not esbuild: type-graphql and MikroORM need decorator metadata, which esbuild does not emit.
export default defineConfig({
  // Vite 8 transforms TypeScript with Oxc unless told not to; SWC does it instead.
  oxc: false,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    // type-graphql requires graphql's CommonJS build; without this alias the tests would load the ESM
    // build too ("Cannot use GraphQLObjectType from another module or realm").
    alias: { graphql: 'graphql/index.js' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
