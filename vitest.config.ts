import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    // Real toolchains: compiles and proofs take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One cache of dev setup material (ptau, CRS, keys) shared by every test file of a run.
    env: { ZKCODER_HOME: process.env.ZKCODER_HOME ?? resolve('.zkcoder/test-home') },
    maxWorkers: 2,
  },
});
