import { defineConfig } from 'vitest/config';
import { testHome } from './test/test-home.js';
import { HeaviestFirstSequencer } from './test/heaviest-first.js';

/**
 * Test files that change their process for good (environment variables read at import, TMPDIR,
 * stack trace limits, the CPU-time clock): each runs in a fresh process. Every other file shares a
 * worker process with the files before it, so modules are loaded (and toolchains warmed) once per
 * worker, not once per file.
 */
const ISOLATED = [
  'cli/ui/generate-app.test.tsx',
  'compiler-harness/noir/dev-crs.test.ts',
  'compiler-harness/setup/ptau.test.ts',
  'compiler-harness/timed-worker.test.ts',
  'test/security/redaction.test.ts',
  'test/security/temporary-folders.test.ts',
];
const FILES = ['**/*.test.ts', '**/*.test.tsx'];
const NOT_FILES = ['node_modules/**', 'dist/**'];

export default defineConfig({
  test: {
    exclude: NOT_FILES,
    projects: [
      { extends: true, test: { name: 'shared', isolate: false, include: FILES, exclude: [...NOT_FILES, ...ISOLATED] } },
      { extends: true, test: { name: 'isolated', include: ISOLATED } },
    ],
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
