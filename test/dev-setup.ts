import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DEV_CRS_POINTS, validateCrs } from '../compiler-harness/setup/crs.js';
import { testHome } from './test-home.js';

/**
 * Vitest global setup: the dev CRS of the run's cache is made before any test file starts. Made on
 * first use instead, the two workers' first Noir proofs (or a chunked proof's worker threads) each
 * generated it at once, about 19 s of CPU each time. Once it is there, this is one stat.
 */
export default async function setup(): Promise<void> {
  const home = testHome();
  try {
    validateCrs(join(home, 'crs-dev'), DEV_CRS_POINTS);
    return;
  } catch {
    // not made yet (or damaged): ensureDevCrs makes it, and checks its digest when it is there
  }
  // In a process of its own: vitest's module runner has no import.meta.resolve, which the generator needs.
  const crs = new URL('../compiler-harness/setup/crs.ts', import.meta.url).href;
  const script = `import { ensureDevCrs } from ${JSON.stringify(crs)}; await ensureDevCrs({ home: ${JSON.stringify(home)} });`;
  await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 600_000 });
}
