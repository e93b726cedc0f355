import { defineConfig } from 'vitest/config';
import { testHome } from './test/test-home.js';
import { HeaviestFirstSequencer } from './test/heaviest-first.js';

export default defineConfig({
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', 'dist/**'],
    // Real toolchains: compiles and proofs take seconds, not milliseconds.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // One cache of dev setup material (ptau, CRS, keys) shared by every test file of a run.
    env: { ZKCODER_HOME: testHome() },
    // Its dev CRS is made once, before the workers start (test/dev-setup.ts).
    globalSetup: ['test/dev-setup.ts'],
    maxWorkers: 2,
    // Longest files first (test/file-durations.json), so no worker idles while the last slow file
    // runs: a fresh clone has no vitest cache and would otherwise start the prover's files last.
    sequence: { sequencer: HeaviestFirstSequencer },
    // ZKCODER_TEST_CPU_LOG=FILE: each file appends its CPU seconds (test/cpu-log-setup.ts).
    setupFiles: ['test/cpu-log-setup.ts'],
  },
});
