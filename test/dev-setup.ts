import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_CRS_POINTS, validateCrs } from '../compiler-harness/setup/crs.js';
import { testHome } from './test-home.js';

/**
 * The largest development ptau the suite needs: the attention model's prover circuit (6,128
 * constraints, prover/prove-attention.test.ts) needs 2^13. A circuit asking for a smaller power
 * takes the smallest cached file at least that large, so with this one made first the run never
 * generates 2^9, 2^10 and 2^11 as well (about 13 s of CPU in a cold run).
 */
const SUITE_PTAU_POWER = 13;

/**
 * Vitest global setup: the dev CRS and the largest dev ptau of the run's cache are made before any
 * test file starts. Made on first use instead, the two workers' first Noir proofs (or a chunked
 * proof's worker threads) each generated the CRS at once, about 19 s of CPU each time. Once both
 * are there, this is a stat and a header check.
 */
export default async function setup(): Promise<void> {
  const home = testHome();
  try {
    validateCrs(join(home, 'crs-dev'), DEV_CRS_POINTS);
    if (existsSync(join(home, 'ptau-dev', `pot${SUITE_PTAU_POWER}_dev.ptau`))) return;
  } catch {
    // not made yet (or damaged): ensureDevCrs makes it, and checks its digest when it is there
  }
  const script = new URL('./make-dev-material.ts', import.meta.url).pathname;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', script, home, String(SUITE_PTAU_POWER)], { timeout: 600_000 });
}
